/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/access/index.ts';
import { loadConfig } from '../../src/config.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { reservePort, startTestProvider, testAccounts, testAreaClaim, type TestProvider } from '../support/oidc-provider.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';

// The web console in a real browser (Debian's Chromium) against the real server, with a
// real OpenID provider for single sign-on. Every page visited is scanned with axe-core.
const password = 'correct horse battery staple';
const people = {
  ada: { roles: ['administrator'], name: 'ada' },
  agnes: { roles: ['agent'], name: 'agnes' },
  otto: { roles: ['auditor'], name: 'otto' },
  pia: { roles: ['privacy_officer'], name: 'pia' },
  rick: { roles: ['records_manager'], name: 'rick' },
} as const;

if (!browserAvailable) console.warn(`[caseline tests] browser tests SKIPPED: no Chromium at ${chromiumPath} (apt-get install chromium)`);

let t: TestApp;
let idp: TestProvider;
let browser: Browser;
let base: string;
const totpSecrets = new Map<string, string>();

describe.skipIf(!browserAvailable)(`web console in Chromium (${chromiumPath})`, () => {
  beforeAll(async () => {
    const port = await reservePort();
    // The console on localhost, the provider on 127.0.0.1: two sites, as in production.
    base = `http://localhost:${port}`;
    idp = await startTestProvider({ redirectUris: [`${base}/api/auth/oidc/callback`] });
    const sso = loadConfig({ ...idp.env, CASELINE_PUBLIC_URL: base, CASELINE_OIDC_AREA_CLAIM: testAreaClaim });
    t = await testApp({ publicUrl: sso.publicUrl, oidc: sso.oidc });
    await t.addArea('trademarks');
    for (const [username, person] of Object.entries(people)) {
      await t.addStaff(username, password, [...person.roles], username === 'agnes' ? ['trademarks'] : []);
    }
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.stop();
  });

  const now = () => new Date(t.clock.now);

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    return { context, page: await context.newPage() };
  }

  /** Signs in through the console's own form, answering the TOTP steps the account needs. */
  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const step = page.getByRole('heading', { level: 1 });
    await expect.poll(async () => step.textContent()).not.toBe('Sign in');
    const heading = await step.textContent();
    if (heading === 'Set up your authenticator app') {
      const secret = await page.getByLabel('Authenticator key').inputValue();
      totpSecrets.set(username, secret);
      await page.getByLabel('Authentication code').fill(totpCode(secret, now()));
      await page.getByRole('button', { name: 'Verify and finish' }).click();
    } else if (heading === 'Enter your authentication code') {
      await page.getByLabel('Authentication code').fill(totpCode(totpSecrets.get(username)!, now()));
      await page.getByRole('button', { name: 'Verify' }).click();
    }
    await expect.poll(async () => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Welcome, /);
  }

  async function sideNavLinks(page: Page): Promise<string[]> {
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    return (await nav.getByRole('link').allTextContents()).map((s) => s.trim());
  }

  it('signs in with password and TOTP (enrolment, then the code), then signs out', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-in');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Username').fill('agnes');
    await page.getByLabel('Password', { exact: true }).fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByText('The username or password is incorrect').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'sign-in with error');

    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    await expect.poll(() => page.getByRole('img', { name: 'QR code to add Caseline to your authenticator app' }).count()).toBe(1);
    await expectAccessible(page, 'TOTP enrolment');
    await screenshot(page, '02-totp-enrolment');
    const secret = await page.getByLabel('Authenticator key').inputValue();
    totpSecrets.set('agnes', secret);
    await page.getByLabel('Authentication code').fill(totpCode(secret, now()));
    await page.getByRole('button', { name: 'Verify and finish' }).click();
    await page.getByRole('heading', { name: 'Welcome, agnes' }).waitFor();
    await expectAccessible(page, 'home');
    await screenshot(page, '03-home-agent');

    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    expect(await (await page.request.get('/api/auth/session')).status()).toBe(401);

    await page.getByLabel('Username').fill('agnes');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    await expectAccessible(page, 'TOTP code');
    await page.getByLabel('Authentication code').fill(totpCode(secret, now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Welcome, agnes' }).waitFor();
    await context.close();
  });

  it('signs in through the OpenID provider', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByLabel('Username').fill(testAccounts.auditor.username);
    await page.getByLabel('Password').fill(testAccounts.auditor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
    expect(await sideNavLinks(page)).toEqual(['Audit']);
    await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toMatch(/Auditor/);
    await screenshot(page, '04-signed-in-by-sso');
    await context.close();
  });

  it('shows each role only the links it can use, and the API refuses the rest', async () => {
    const expected: Record<keyof typeof people, string[]> = {
      ada: ['Users', 'Business areas', 'Settings', 'Records'],
      agnes: ['Search'],
      otto: ['Audit'],
      pia: ['Records', 'Audit'],
      rick: ['Records'],
    };
    const pages: Record<keyof typeof people, string[]> = {
      ada: ['/admin/users', '/admin/business-areas', '/admin/settings', '/records', '/account/tokens'],
      agnes: ['/search', '/customers/new', '/account/password'],
      otto: ['/audit'],
      pia: ['/records', '/audit'],
      rick: ['/records'],
    };
    const refused: Record<keyof typeof people, string[]> = {
      ada: ['/api/audit'],
      agnes: ['/api/audit', '/api/admin/users'],
      otto: ['/api/admin/users', '/api/admin/keys'],
      pia: ['/api/admin/users'],
      rick: ['/api/audit', '/api/admin/users'],
    };
    for (const username of Object.keys(people) as (keyof typeof people)[]) {
      const { context, page } = await newPage();
      await signIn(page, username);
      expect(await sideNavLinks(page), username).toEqual(expected[username]);
      for (const path of pages[username]) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        await expectAccessible(page, `${username} ${path}`);
        await screenshot(page, `10-${username}${path.replaceAll('/', '-')}`);
      }
      for (const path of refused[username]) {
        const status = (await page.request.get(path)).status();
        expect([403, 404], `${username} GET ${path}`).toContain(status);
      }
      await context.close();
    }
  });

  it('reveals a masked SSN on request, and the auditor sees the reveal in the audit log', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agnes');
    await page.goto('/customers/new');
    await page.getByLabel('Name').fill('Philippa Quartermaine');
    await page.getByLabel('E-mail address').fill('philippa.q@example.org');
    await page.getByLabel('ZIP code').fill('20260');
    await page.getByLabel('Phone number').fill('202.555.0199');
    await page.getByLabel('SSN last four').fill('7315');
    await page.getByRole('button', { name: 'Register customer' }).click();
    await page.getByRole('heading', { name: 'Customer record' }).waitFor();
    const customerId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByText('••••').count()).toBeGreaterThan(0);
    expect(await page.getByText('7315').count()).toBe(0);
    await expectAccessible(page, 'customer record (masked)');
    await screenshot(page, '20-customer-masked');
    await page.getByRole('button', { name: 'Reveal SSN last four' }).click();
    await expect.poll(() => page.getByText('7315').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Hide SSN last four' }).waitFor();
    await expectAccessible(page, 'customer record (revealed)');
    await screenshot(page, '21-customer-revealed');

    // From the header box on any page: by e-mail, by a misspelled name, by a phone typed with punctuation.
    for (const typed of ['philippa.q@example.org', 'Filippa Quartermain', '(202) 555-0199']) {
      await page.getByRole('searchbox', { name: 'Find customer' }).fill(typed);
      await page.getByRole('button', { name: 'Find' }).click();
      await page.getByRole('link', { name: 'Philippa Quartermaine' }).waitFor();
      expect(page.url()).not.toContain(typed.split(' ')[0]!.replace(/[()]/g, ''));
    }
    await expectAccessible(page, 'search results');
    expect(await page.getByText(/Searched as:/).count()).toBeGreaterThan(0);

    // The same person registered twice: the console warns and lists the first record.
    await page.goto('/customers/new');
    await page.getByLabel('Name').fill('Filippa Quartermain');
    await page.getByLabel('Phone number').fill('(202) 555-0199');
    await page.getByRole('button', { name: 'Register customer' }).click();
    await page.getByText('This customer may already be registered').waitFor();
    await page.getByRole('heading', { name: 'Possible duplicates' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'Philippa Quartermaine' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'customer record with possible duplicates');
    await screenshot(page, '23-possible-duplicates');
    await context.close();

    const audit = await newPage();
    await signIn(audit.page, 'otto');
    await audit.page.goto(`/audit?subject=${customerId}`);
    await audit.page.getByRole('table', { name: /Audit log entries/ }).waitFor();
    const rows = audit.page.getByRole('table', { name: /Audit log entries/ }).getByRole('row');
    await expect.poll(async () => (await rows.allTextContents()).some((r) => r.includes('reveal'))).toBe(true);
    await expect.poll(() => audit.page.getByTestId('audit-verification').textContent()).toMatch(/intact|broken/);
    await expectAccessible(audit.page, 'audit viewer');
    await screenshot(audit.page, '22-audit-viewer');
    await audit.context.close();
  });

  it('warns before the session ends after inactivity, keeps it on request, and ends it otherwise', async () => {
    t.clock.now = new Date();
    const { context, page } = await newPage();
    await page.clock.install();
    await signIn(page, 'ada');
    await page.clock.fastForward(`${t.config.sessionIdleMinutes - 1}:30`);
    const warning = page.getByRole('dialog', { name: 'Your session is about to end' });
    await warning.waitFor();
    await expectAccessible(page, 'session warning');
    await screenshot(page, '30-session-warning');
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    await page.getByText('You are still signed in.').waitFor();
    expect(await warning.isVisible()).toBe(false);

    t.clock.now = new Date(t.clock.now.getTime() + (t.config.sessionIdleMinutes + 1) * 60_000);
    await page.clock.fastForward(`${t.config.sessionIdleMinutes + 1}:00`);
    await page.getByRole('heading', { name: 'Your session has ended' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect((await page.request.get('/api/auth/session')).status()).toBe(401);
    await context.close();
  });

  it('answers unknown pages with a page of its own, and renders a notice as Federal Register text', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'rick');
    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectAccessible(page, 'not found');
    await page.goto('/records');
    await page.getByRole('link', { name: 'USPS 880.000' }).click();
    await page.getByRole('heading', { name: 'Federal Register notice' }).waitFor();
    await page.getByRole('heading', { name: 'POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS:' }).waitFor();
    await expect
      .poll(() => page.getByText('Other records are retained 2 years after resolution of the inquiry.').count())
      .toBeGreaterThan(0);
    await expectAccessible(page, 'notice 880.000');
    await screenshot(page, '31-notice-880');
    await context.close();
  });

  it('works from the keyboard alone: skip link first, visible focus, sign-in by keys', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim(),
      outline: getComputedStyle(document.activeElement!).outlineStyle,
    }));
    expect(first.text).toBe('Skip to main content');
    expect(first.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);

    await page.getByLabel('Username').focus();
    await page.keyboard.type('ada');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('password');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Welcome, ada' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
    await context.close();
  });
});
