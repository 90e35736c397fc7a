/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/access/index.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { client, type Client } from '../support/client.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { inbox } from '../support/portal.ts';
import { startTestRelay, type TestRelay } from '../support/relay.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';

// The customer portal in a real browser against the real server, with an SMTP relay in the
// test so that the codes the portal e-mails can be read. Every portal page visited is scanned
// with axe-core.
const staffPassword = 'correct horse battery staple';
const customer = { name: 'Ada Quintrell', surname: 'Quintrell', zip: '20260-0004', ssn: '4821', email: 'ada.quintrell@example.org' };
const login = { email: 'ada.at.home@example.com', password: 'a long and private passphrase' };

let t: TestApp;
let relay: TestRelay;
let browser: Browser;
let base: string;
let agent: Client;
const mail = inbox();

describe.skipIf(!browserAvailable)(`the customer portal in Chromium (${chromiumPath})`, () => {
  const now = () => new Date(t.clock.now);

  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    relay = await startTestRelay((raw) => mail.receive(raw));
    t = await testApp({ publicUrl: base, smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
    await t.addStaff('agnes', staffPassword, ['agent']);
    agent = client(t.app);
    await agent.signIn('agnes', staffPassword, now);
    const created = await agent.post('/api/customers', {
      kind: 'person',
      values: [
        { field: 'customer_name', value: customer.name },
        { field: 'email', value: customer.email },
        {
          field: 'mailing_address',
          value: { lines: '475 Lenfant Plaza SW', city: 'Washington', state: 'DC', zip: customer.zip },
          label: 'home',
        },
        { field: 'ssn_last4', value: customer.ssn },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await relay?.close();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // No address the person types may end up in a URL the browser asks for.
    page.on('request', (request) => {
      expect(request.url()).not.toContain('@');
      expect(decodeURIComponent(request.url())).not.toContain(customer.surname);
    });
    return { context, page };
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Portal' });
  const checked = async (page: Page, name: string) => {
    await expectAccessible(page, name);
    await screenshot(page, `portal-${name}`);
  };

  it('takes a customer from registration to an answered question, and signs out everywhere', async () => {
    const { context, page } = await newPage();

    await page.goto('/portal');
    await heading(page).filter({ hasText: 'customer portal' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('Customer portal');
    await checked(page, '01-home');

    // Pages for the signed-in send a stranger to sign in, not to an error.
    await page.goto('/portal/cases');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/portal/sign-in');
    await page.getByText('Sign in to see that page.').waitFor();
    await checked(page, '02-sign-in');

    // Registration: the form's own checks first, each message next to its field and in the summary.
    await page.getByRole('link', { name: 'Create an account' }).first().click();
    await heading(page).filter({ hasText: 'Create an account' }).waitFor();
    await page.getByLabel('E-mail address').fill('not an address');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Your account was not created' });
    await summary.waitFor();
    expect(await page.locator('#register-email-error').textContent()).toBe('Enter an e-mail address like name@example.com.');
    expect(await page.locator('#register-password-error').textContent()).toBe('Your password must be at least 12 characters.');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await summary.getByRole('link').count()).toBe(2);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toContain('caseline-error-summary');
    await checked(page, '03-register-errors');

    await page.getByLabel('E-mail address').fill(login.email);
    await page.getByLabel('Password').fill(login.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page).filter({ hasText: 'Enter the code we e-mailed' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await checked(page, '04-register-code');
    await expect.poll(() => mail.messages.length).toBeGreaterThan(0);
    await page.getByLabel('Code').fill(mail.codeFor(login.email));
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();

    // Signed in but not linked: the case pages send the person to link first.
    await heading(page).filter({ hasText: 'Link your customer record' }).waitFor();
    await page.goto('/portal/cases');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/portal/link');
    await heading(page).filter({ hasText: 'Link your customer record' }).waitFor();
    await page.getByText('the number of attempts is limited').waitFor();
    await checked(page, '05-link');

    // A wrong last four: refused with the server's words, and nothing else told.
    await page.getByLabel(/With details on my record/).check();
    await page.getByLabel('Surname (family name)', { exact: true }).fill(customer.surname);
    await page.getByLabel('ZIP Code', { exact: true }).fill('20260');
    await page.getByLabel('Last four digits of your Social Security number', { exact: true }).fill('0000');
    await page.getByRole('button', { name: 'Link my record' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your record was not linked' }).waitFor();
    await checked(page, '06-link-refused');
    await page.getByLabel('Last four digits of your Social Security number', { exact: true }).fill(customer.ssn);
    await page.getByRole('button', { name: 'Link my record' }).click();

    await heading(page).filter({ hasText: 'My cases' }).waitFor();
    await page.getByText('Your account is linked to your customer record.').waitFor();
    await page.getByTestId('no-cases').waitFor();
    expect((await nav(page).getByRole('link').allTextContents()).map((s) => s.trim())).toEqual(['My cases', 'My account']);
    await checked(page, '07-my-cases-empty');

    // A question becomes a case.
    await page.getByRole('link', { name: 'Ask a question' }).click();
    await heading(page).filter({ hasText: 'Ask a question' }).waitFor();
    await page.getByRole('button', { name: 'Send question' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your question was not sent' }).waitFor();
    expect(await page.locator('#new-case-title-error').textContent()).toBe('Enter a subject.');
    await checked(page, '08-new-case-errors');
    await page.getByLabel('Subject').fill('Parcel not delivered');
    await page.getByLabel('Your question').fill('Tracking stopped three days ago in Washington.');
    await page.getByRole('button', { name: 'Send question' }).click();
    await page.getByTestId('case-messages').waitFor();
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByText(/We received your question\. Your case number is C-\d{4}-\d{6}\./).waitFor();
    expect(await page.getByTestId('case-messages').textContent()).toContain('You wrote');

    await nav(page).getByRole('link', { name: 'My cases' }).click();
    const row = page.getByTestId('my-cases').getByRole('row').filter({ hasText: 'Parcel not delivered' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/C-\d{4}-\d{6}/);
    expect(await row.textContent()).toContain('New');
    await checked(page, '09-my-cases');

    // An agent answers through the staff API; the answer shows on the case page.
    const answered = await agent.post(`/api/cases/${caseId}/replies`, { body: 'We found your parcel: it will be delivered tomorrow.' });
    expect(answered.statusCode, answered.body).toBe(201);
    await row.getByRole('link').click();
    const messages = page.getByTestId('case-messages');
    await messages.getByText('We found your parcel: it will be delivered tomorrow.').waitFor();
    expect(await messages.locator('[data-kind="outbound"]').textContent()).toContain('Our answer');
    await checked(page, '10-case-answered');

    await page.getByLabel('Your reply').fill('Thank you, it arrived.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await messages.getByText('Thank you, it arrived.').waitFor();
    expect(await messages.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')))).toEqual([
      'inbound',
      'outbound',
      'inbound',
    ]);
    await checked(page, '11-case-replied');

    // The account: linked by identifiers; an authenticator set up with its QR code and key.
    await nav(page).getByRole('link', { name: 'My account' }).click();
    await heading(page).filter({ hasText: 'My account' }).waitFor();
    expect(await page.getByTestId('account-details').textContent()).toContain(login.email);
    expect(await page.getByTestId('account-link').textContent()).toContain('surname, ZIP Code');
    expect(await page.getByTestId('account-sessions').textContent()).toContain('This browser');
    await checked(page, '12-account');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = await page.getByLabel('Authenticator key').inputValue();
    await checked(page, '13-authenticator-enrolment');
    await page.getByLabel('Authentication code').fill(totpCode(secret, now()));
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await page.getByRole('button', { name: 'Remove authenticator' }).waitFor();

    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await heading(page).filter({ hasText: 'customer portal' }).waitFor();
    await page.getByText('You are signed out everywhere, this browser included.').waitFor();
    await page.goto('/portal/account');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/portal/sign-in');

    // Back in with the password and the authenticator's next code, straight to the page asked for.
    await page.getByLabel('E-mail address').fill(login.email);
    await page.getByLabel('Password').fill(login.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page).filter({ hasText: 'Enter your authentication code' }).waitFor();
    await checked(page, '14-sign-in-mfa');
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    await page.getByLabel('Authentication code').fill(totpCode(secret, now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page).filter({ hasText: 'My account' }).waitFor();
    await context.close();
  });

  it('answers an unknown portal address with the portal’s own not-found page', async () => {
    const { context, page } = await newPage();
    const response = await page.goto('/portal/no-such-page');
    expect(response?.headers()['content-type']).toContain('text/html');
    await heading(page).filter({ hasText: 'Page not found' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('Customer portal');
    await page.getByRole('link', { name: 'Go to the portal home page' }).waitFor();
    await checked(page, '15-not-found');
    await context.close();
  });

  it('resets a forgotten password with the code it e-mails', async () => {
    const { context, page } = await newPage();
    await page.goto('/portal/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page).filter({ hasText: 'Reset your password' }).waitFor();
    await checked(page, '16-reset');
    const before = mail.messages.length;
    await page.getByLabel('E-mail address').fill(login.email);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await heading(page).filter({ hasText: 'Choose a new password' }).waitFor();
    await expect.poll(() => mail.messages.length).toBeGreaterThan(before);
    await page.getByLabel('Code').fill(mail.codeFor(login.email));
    await page.getByLabel('New password').fill('another long and private passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await heading(page).filter({ hasText: 'Your password is changed' }).waitFor();
    await checked(page, '17-reset-done');
    await context.close();
  });
});
