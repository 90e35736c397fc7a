/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/access/index.ts';
import { loadConfig } from '../../src/config.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { reservePort, startTestProvider, testAccounts, testAreaClaim, type TestProvider } from '../support/oidc-provider.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

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

  const signIn = (page: Page, username: string) => signInThroughForm(page, username, { password, totpSecrets, now });

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
    expect(await sideNavLinks(page)).toEqual(['Notices and PIA', 'Disposal certificates', 'Audit']);
    await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toMatch(/Auditor/);
    await screenshot(page, '04-signed-in-by-sso');
    await context.close();
  });

  // What each role's navigation shows, the pages it opens (axe-checked) and the API it is refused.
  const expected: Record<keyof typeof people, string[]> = {
    ada: ['Users', 'Business areas', 'Settings', 'Records'],
    agnes: ['My cases', 'Queue', 'Search', 'Tracking', 'Register customer', 'Import customers'],
    otto: ['Notices and PIA', 'Disposal certificates', 'Audit'],
    pia: ['Tracking', 'Records', 'Requests', 'Disclosures', 'Incidents', 'Notices and PIA', 'Disposal certificates', 'Audit'],
    rick: ['Tracking', 'Records', 'Retention', 'Legal holds', 'Disposal certificates'],
  };
  const pages: Record<keyof typeof people, string[]> = {
    ada: ['/admin/users', '/admin/business-areas', '/admin/settings', '/records', '/account/tokens'],
    agnes: [
      '/cases/mine',
      '/cases/queue',
      '/cases/new',
      '/search',
      '/tracking',
      '/customers/new',
      '/customers/import',
      '/account/password',
    ],
    otto: ['/audit', '/privacy/certificates', '/privacy/notices'],
    pia: ['/records', '/privacy/requests', '/privacy/disclosures', '/audit', '/privacy/certificates', '/privacy/notices'],
    rick: ['/records', '/privacy/retention', '/privacy/holds', '/privacy/certificates'],
  };
  const refused: Record<keyof typeof people, string[]> = {
    ada: ['/api/audit'],
    agnes: ['/api/audit', '/api/admin/users', '/api/privacy/incidents'],
    otto: ['/api/admin/users', '/api/admin/keys'],
    pia: ['/api/admin/users'],
    rick: ['/api/audit', '/api/admin/users'],
  };

  for (const username of Object.keys(people) as (keyof typeof people)[])
    it(`shows ${username} only the links the role can use, and the API refuses the rest`, async () => {
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
    });

  /** The header's find-customer box, from whatever page is open. */
  async function findCustomer(page: Page, typed: string): Promise<void> {
    await page.getByRole('searchbox', { name: 'Find customer' }).fill(typed);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
  }

  /** Registers a person through the register page; answers the new customer's id. */
  async function registerPerson(
    page: Page,
    person: { name: string; email?: string; phone?: string; street?: string; city?: string; state?: string; zip?: string; ssn?: string },
  ): Promise<string> {
    await page.goto('/customers/new');
    await page.getByRole('heading', { name: 'Register customer' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(person.name);
    if (person.email) await page.getByLabel('E-mail address', { exact: true }).fill(person.email);
    if (person.phone) await page.getByLabel('Phone number', { exact: true }).fill(person.phone);
    if (person.street) await page.getByLabel('Street address', { exact: true }).fill(person.street);
    if (person.city) await page.getByLabel('City', { exact: true }).fill(person.city);
    if (person.state) await page.getByLabel('State', { exact: true }).fill(person.state);
    if (person.zip) await page.getByLabel('ZIP code', { exact: true }).fill(person.zip);
    if (person.ssn) await page.getByLabel('SSN last four').fill(person.ssn);
    await page.getByRole('button', { name: 'Register customer' }).click();
    await page.getByRole('heading', { name: 'Customer record' }).waitFor();
    await page.getByTestId('customer-name').waitFor();
    return page.url().split('/').pop()!;
  }

  it('finds a customer by a misspelled name and a phone typed with punctuation, and reveals the SSN last four (audited)', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agnes');
    const customerId = await registerPerson(page, {
      name: 'Philippa Quartermaine',
      email: 'philippa.q@example.org',
      phone: '202.555.0199',
      street: '475 Lenfant Plaza SW Rm 4107',
      city: 'Washington',
      state: 'DC',
      zip: '20260-0004',
      ssn: '7315',
    });
    await page.getByText('Customer registered.').waitFor();
    const values = page.getByTestId('customer-values');
    await expect.poll(() => values.locator('[data-field="ssn_last4"]').textContent()).toContain('••••');
    expect(await page.getByText('7315').count()).toBe(0);
    expect(await values.locator('[data-field="mailing_address"]').textContent()).toMatch(/WASHINGTON DC 20260/i);
    await expectAccessible(page, 'customer record (masked)');
    await screenshot(page, '20-customer-masked');

    // From the header box on any page: a misspelled name, then a phone typed with punctuation.
    await page.goto('/account/password');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await findCustomer(page, 'Filippa Quartermain');
    await page.getByRole('link', { name: 'Philippa Quartermaine' }).waitFor();
    expect(page.url()).not.toContain('Filippa');
    expect(await page.getByText(/Searched as:/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'search results (misspelled name)');
    await screenshot(page, '24-search-misspelled-name');
    await findCustomer(page, '(202) 555-0199');
    await page.getByRole('link', { name: 'Philippa Quartermaine' }).waitFor();
    expect(page.url()).not.toMatch(/555-?0199/);

    // Open the profile and reveal the SSN last four: one audited request.
    await page.getByRole('link', { name: 'Philippa Quartermaine' }).click();
    await page.getByTestId('customer-name').waitFor();
    expect(page.url()).toContain(customerId);
    // Found by the caller's number: the call log opens with it, ready to log the call.
    expect(await page.getByLabel('Number on the call').inputValue()).toBe('(202) 555-0199');
    await expect.poll(() => page.getByTestId('contact-history').textContent()).toMatch(/\S/);
    await page.getByRole('button', { name: 'Reveal SSN last four' }).click();
    await page.getByRole('button', { name: 'Hide SSN last four' }).waitFor();
    await expect.poll(() => values.locator('[data-field="ssn_last4"]').textContent()).toContain('7315');
    const reveals = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'reveal')
      .where('record_id', '=', customerId)
      .execute();
    expect(reveals.map((r) => ({ field: (r.detail as { field?: string }).field, outcome: r.outcome }))).toContainEqual({
      field: 'ssn_last4',
      outcome: 'ok',
    });
    await expectAccessible(page, 'customer record (revealed)');
    await screenshot(page, '21-customer-revealed');
    await screenshot(page, 'customer-page');
    await page.getByRole('button', { name: 'Hide SSN last four' }).click();
    await expect.poll(() => values.locator('[data-field="ssn_last4"]').textContent()).not.toContain('7315');
    await context.close();

    // The auditor sees the reveal in the audit log.
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

  it('shows the server’s field-level errors next to the field that gave the value, and adds and removes values', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agnes');
    await page.goto('/customers/new');
    await page.getByLabel('Name', { exact: true }).fill('Zebedee Errington');
    await page.getByLabel('E-mail address', { exact: true }).fill('zeb@example.org');
    await page.getByLabel('Street address', { exact: true }).fill('1 Main St');
    await page.getByLabel('City', { exact: true }).fill('Springfield');
    await page.getByLabel('State', { exact: true }).fill('IL');
    await page.getByLabel('ZIP code', { exact: true }).fill('6270');
    await page.getByRole('button', { name: 'Register customer' }).click();
    const zip = page.getByLabel('ZIP code', { exact: true });
    await expect.poll(() => zip.getAttribute('aria-invalid')).toBe('true');
    const zipError = page.locator(`#${(await zip.getAttribute('aria-describedby'))!.split(' ').pop()!}`);
    expect(await zipError.textContent()).toMatch(/^ZIP code /);
    expect(await zipError.getAttribute('class')).toContain('usa-error-message');
    expect(await page.getByLabel('E-mail address', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    expect(await summary.getByRole('link').first().textContent()).toBe(await zipError.textContent());
    expect(page.url()).toContain('/customers/new');
    await expectAccessible(page, 'register with a field error');
    await screenshot(page, '25-register-field-error');

    // Corrected, it registers; then a value is added (with a server error first) and removed.
    await zip.fill('62701');
    await page.getByRole('button', { name: 'Register customer' }).click();
    await page.getByTestId('customer-name').waitFor();
    await page.getByText('Add a value').click();
    await page.getByLabel('Field', { exact: true }).selectOption('phone');
    await page.getByLabel('Type', { exact: true }).selectOption('mobile');
    await page.getByLabel('Phone number', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Add value' }).click();
    await expect.poll(() => page.getByLabel('Phone number', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'add value with a field error');
    await page.getByLabel('Phone number', { exact: true }).fill('(217) 555-0123');
    await page.getByRole('button', { name: 'Add value' }).click();
    const phones = page.getByTestId('customer-values').locator('[data-field="phone"]');
    await expect.poll(() => phones.textContent()).toMatch(/Mobile/);
    await phones.getByRole('button', { name: /^Remove/ }).click();
    await page.getByRole('dialog', { name: 'Remove this value?' }).getByRole('button', { name: 'Remove value' }).click();
    await expect.poll(() => phones.count()).toBe(0);
    await expectAccessible(page, 'customer after removing a value');
    await context.close();
  });

  it('merges a duplicate into a customer and undoes the merge', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agnes');
    const firstId = await registerPerson(page, { name: 'Maximilian Oberholtzer', email: 'max.o@example.org', phone: '(202) 555-0142' });
    const secondId = await registerPerson(page, { name: 'Maximillian Oberholzer', phone: '202-555-0142' });
    expect(secondId).not.toBe(firstId);
    await page.getByText('This customer may already be registered').waitFor();
    const duplicates = page.getByRole('region', { name: 'Possible duplicates' });
    await duplicates.getByRole('link', { name: 'Maximilian Oberholtzer' }).waitFor();
    await expectAccessible(page, 'customer record with possible duplicates');
    await screenshot(page, '23-possible-duplicates');

    await duplicates.getByRole('button', { name: /Merge into this customer/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge into this customer?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Maximilian Oberholtzer');
    await expectAccessible(page, 'merge confirmation');
    await screenshot(page, '26-merge-confirm');
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    const merges = page.getByRole('region', { name: 'Merges' });
    await merges.getByRole('button', { name: 'Undo merge' }).waitFor();
    // The merged customer's values are now this customer's, and it is no longer a duplicate.
    await expect.poll(() => page.getByTestId('customer-values').textContent()).toContain('max.o@example.org');
    await duplicates.getByTestId('no-duplicates').waitFor();
    expect(await merges.textContent()).toContain('Maximilian Oberholtzer');
    await expectAccessible(page, 'customer after a merge');
    await screenshot(page, '27-merged');
    // The merged customer's address now leads to the survivor.
    await page.goto(`/customers/${firstId}`);
    await page.getByTestId('merged-notice').waitFor();
    expect(page.url()).toContain(secondId);

    await merges.getByRole('button', { name: 'Undo merge' }).click();
    await page.getByRole('dialog', { name: 'Undo this merge?' }).getByRole('button', { name: 'Undo merge' }).click();
    await expect.poll(() => merges.textContent()).toMatch(/Undone/);
    await duplicates.getByRole('link', { name: 'Maximilian Oberholtzer' }).waitFor();
    await expect.poll(() => page.getByTestId('customer-values').textContent()).not.toContain('max.o@example.org');
    await expectAccessible(page, 'customer after undoing a merge');
    await screenshot(page, '28-merge-undone');
    await page.goto(`/customers/${firstId}`);
    await page.getByTestId('customer-name').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('Maximilian Oberholtzer');
    await context.close();
  });

  it('registers an organisation with company details and names a key contact', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agnes');
    await registerPerson(page, { name: 'Octavia Contactworth', email: 'octavia@example.org' });
    await page.goto('/customers/new');
    await page.getByLabel('Organisation').check();
    await page.getByLabel('Company name', { exact: true }).fill('Acme Widget Works');
    await page.getByLabel('E-mail address', { exact: true }).fill('orders@acme.example');
    await page.getByRole('button', { name: 'More details' }).click();
    await page.getByLabel('Company type').selectOption('llc');
    await page.getByLabel('D-U-N-S Number').fill('12-345');
    await page.getByLabel('SIC or NAICS code').fill('423840');
    await page.getByLabel('Years in business').fill('12');
    await page.getByRole('button', { name: 'More details' }).click();
    expect(await page.getByLabel('D-U-N-S Number').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Register customer' }).click();
    // The bad value is in the closed section: it opens, and the message is next to its field.
    const duns = page.getByLabel('D-U-N-S Number');
    await expect.poll(() => duns.getAttribute('aria-invalid')).toBe('true');
    expect(await duns.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'More details' }).getAttribute('aria-expanded')).toBe('true');
    await expectAccessible(page, 'register organisation with a field error');
    await screenshot(page, '32-register-organisation-error');
    await duns.fill('123456789');
    await page.getByRole('button', { name: 'Register customer' }).click();
    await page.getByTestId('customer-name').waitFor();
    const values = page.getByTestId('customer-values');
    expect(await values.locator('[data-field="company_type"]').textContent()).toContain('LLC');
    expect(await values.locator('[data-field="duns_number"]').textContent()).toContain('123456789');

    const contacts = page.getByRole('region', { name: 'Key contacts' });
    await contacts.getByLabel('Find the person').fill('Octavia Contactworth');
    await contacts.getByRole('button', { name: 'Find person' }).click();
    await contacts.getByLabel(/Octavia Contactworth/).check();
    await contacts.getByLabel('Relationship').selectOption('billing');
    await contacts.getByRole('button', { name: 'Add key contact' }).click();
    await contacts.getByRole('link', { name: 'Octavia Contactworth' }).waitFor();
    expect(await contacts.textContent()).toContain('Billing contact');
    await expectAccessible(page, 'organisation with a key contact');
    await screenshot(page, '33-organisation');
    await context.close();
  });

  it('imports customers from a CSV file: a bad row is reported by line and column and nothing is created', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agnes');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Import customers' }).click();
    await page.getByRole('heading', { name: 'Import customers' }).waitFor();
    await expectAccessible(page, 'import page');
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('customers')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const header =
      'kind,customer_name,email,phone:mobile,mailing_address.lines,mailing_address.city,mailing_address.state,mailing_address.zip';
    const good = 'person,Imogen Importwell,imogen@example.org,(202) 555-0111,475 Lenfant Plaza SW,Washington,DC,20260';
    const file = (rows: string[]) => ({
      name: 'customers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\n') + '\n'),
    });

    await page.getByLabel('CSV file').setInputFiles(file([good, 'person,Ivo Importless,not-an-email,(202) 555-0112,,,,']));
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByTestId('import-rejected').waitFor();
    const report = page.getByRole('table', { name: /Problems in the file/ });
    const problems = (await report.getByRole('row').allTextContents()).slice(1);
    expect(problems.some((row) => row.startsWith('3') && row.includes('email'))).toBe(true);
    await expectAccessible(page, 'import report');
    await screenshot(page, '29-import-report');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-rejected').waitFor();
    expect(await page.getByTestId('import-rejected').textContent()).toContain('Nothing was imported');
    expect(await count()).toBe(before);
    await findCustomer(page, 'imogen@example.org');
    await page.getByTestId('no-results').waitFor();

    // Corrected, the file checks clean and imports; each created customer is linked.
    await page.goto('/customers/import');
    await page.getByLabel('CSV file').setInputFiles(file([good, 'person,Ivo Importless,ivo@example.org,(202) 555-0112,,,,']));
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByTestId('import-checked').waitFor();
    expect(await count()).toBe(before);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-created').waitFor();
    expect(await page.getByTestId('import-created').textContent()).toContain('2 customers created');
    expect(await count()).toBe(before + 2);
    await expectAccessible(page, 'import done');
    await screenshot(page, '29-import-done');
    await page.getByRole('link', { name: 'Imogen Importwell' }).click();
    await page.getByTestId('customer-name').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('Imogen Importwell');
    await context.close();
  });

  it('works a phone case from the customer’s page: queue, my cases, note, reply, resolve', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agnes');
    const customerId = await registerPerson(page, {
      name: 'Cassandra Casewell',
      email: 'cassandra@example.org',
      phone: '(202) 555-0177',
      street: '900 Brentwood Rd NE',
      city: 'Washington',
      state: 'DC',
      zip: '20018',
    });
    const cases = page.getByRole('region', { name: 'Cases' });
    await cases.getByTestId('no-cases').waitFor();

    // A phone case, opened from the customer's page: the customer comes with it.
    await cases.getByRole('link', { name: 'New case' }).click();
    await page.getByRole('heading', { name: 'New case' }).waitFor();
    await expect.poll(() => page.getByTestId('case-customer').textContent()).toContain('Cassandra Casewell');
    expect(await page.getByLabel('Channel').inputValue()).toBe('phone');
    await expectAccessible(page, 'new case');
    await page.getByRole('button', { name: 'Open case' }).click();
    await expect.poll(() => page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Title').fill('Parcel shown delivered but not received');
    await page
      .getByLabel('What the customer asked')
      .fill('The tracking says delivered on Monday; nothing arrived. She asks us to find it.');
    await screenshot(page, '40-new-case');
    await page.getByRole('button', { name: 'Open case' }).click();
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toMatch(/^Case C-\d{4}-\d{6}/);
    const number = /C-\d{4}-\d{6,}/.exec((await heading.textContent())!)![0];
    const caseUrl = page.url();
    await page.getByText(`Case ${number} opened.`).waitFor();
    expect(await page.getByTestId('case-assignee').textContent()).toContain('Nobody');
    await expect.poll(() => page.getByTestId('case-strip').textContent()).toContain('Cassandra Casewell');
    expect(await page.getByTestId('case-details').textContent()).toMatch(/Kept until/);
    await expectAccessible(page, 'new case page');

    // It waits in the area's queue until the agent takes it; then it is in My cases.
    const mainNav = page.getByRole('navigation', { name: 'Main navigation' });
    await mainNav.getByRole('link', { name: 'Queue' }).click();
    await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
    const queue = page.getByRole('region', { name: 'Business area: trademarks' });
    await queue.getByRole('link', { name: number }).waitFor();
    await expectAccessible(page, 'queue');
    await screenshot(page, '41-queue');
    await queue.getByRole('button', { name: `Take case ${number}` }).click();
    await page.getByText(`Case ${number} is now yours`).waitFor();
    await expect.poll(() => queue.getByRole('link', { name: number }).count()).toBe(0);
    await mainNav.getByRole('link', { name: 'My cases' }).click();
    await page.getByRole('heading', { name: 'My cases', level: 1 }).waitFor();
    await page.getByTestId('my-cases').getByRole('link', { name: number }).waitFor();
    await expectAccessible(page, 'my cases');
    await screenshot(page, '42-my-cases');
    await page.getByTestId('my-cases').getByRole('link', { name: number }).click();
    await expect.poll(() => page.getByTestId('case-assignee').textContent()).toContain('You');

    // An internal note, then a reply (recorded, to the customer's e-mail address).
    await page.getByRole('button', { name: 'Internal note' }).click();
    await page.getByLabel('Note', { exact: true }).fill('Asked the carrier to check the GPS scan.');
    await page.getByRole('button', { name: 'Add note' }).click();
    const messages = page.getByTestId('case-messages');
    await messages.locator('[data-kind="note"]').waitFor();
    expect(await messages.locator('[data-kind="note"]').textContent()).toContain('not sent to the customer');
    await page.getByRole('button', { name: 'Reply to the customer' }).click();
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('cassandra@example.org');
    await page
      .getByLabel('Reply', { exact: true })
      .fill('We found your parcel at the neighbouring address; it will be redelivered tomorrow.');
    await page.getByRole('button', { name: 'Record reply' }).click();
    await page.getByText('Reply recorded.').waitFor();
    await messages.locator('[data-kind="outbound"]').waitFor();
    await expect.poll(() => page.getByTestId('case-details').textContent()).not.toContain('Not yet');

    // Resolving needs a code: the server's message is next to the field.
    await page.getByLabel('New status').selectOption('resolved');
    await page.getByRole('button', { name: 'Resolve case' }).click();
    const code = page.getByLabel('Resolution code');
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    const codeError = page.locator(`#${(await code.getAttribute('aria-describedby'))!.split(' ').pop()!}`);
    expect(await codeError.textContent()).toMatch(/^Choose the resolution code/);
    expect(await page.getByTestId('case-status').textContent()).toContain('Open');
    await expectAccessible(page, 'resolve without a code');
    await screenshot(page, '43-resolve-error');
    await code.selectOption('answered');
    await page.getByLabel('Resolution', { exact: true }).fill('Parcel redelivered; the customer confirmed by phone.');
    await page.getByRole('button', { name: 'Resolve case' }).click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toContain('Resolved');
    expect(await page.getByTestId('case-resolution').textContent()).toContain('Answered');
    const history = page.getByTestId('case-history');
    await expect.poll(() => history.textContent()).toContain('Status changed from open to resolved (Answered)');
    const said = await history.textContent();
    for (const words of ['Case opened (phone)', 'Assigned to you', 'Internal note added', 'Reply recorded, to 1 recipient'])
      expect(said).toContain(words);
    await expectAccessible(page, 'resolved case');
    await screenshot(page, 'case-page');

    // The header box takes a case number straight to the case; the customer's page lists it.
    await page.goto('/account/password');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Find customer' }).fill(number);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(caseUrl);
    await page.getByTestId('case-strip').getByRole('link', { name: 'Cassandra Casewell' }).click();
    await page.getByTestId('customer-name').waitFor();
    expect(page.url()).toContain(customerId);
    const listed = page.getByTestId('customer-cases');
    await listed.getByRole('link', { name: number }).waitFor();
    expect(await listed.textContent()).toContain('Resolved');
    await expect.poll(() => page.getByTestId('contact-history').textContent()).toContain(`Case ${number} opened`);
    await expectAccessible(page, 'customer with a case');
    await context.close();
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
