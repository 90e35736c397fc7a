/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/access/index.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { client, type Client } from '../support/client.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { inbox, registeredAccount } from '../support/portal.ts';
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
    expect((await nav(page).getByRole('link').allTextContents()).map((s) => s.trim())).toEqual([
      'My cases',
      'Track a package',
      'My mailings',
      'My profile',
      'My privacy',
      'My account',
    ]);
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

    // Resolved by the agent, the case can be rated once, with the same survey as the e-mailed link.
    await agent.post(`/api/cases/${caseId}/assign`, { assignee: 'me' });
    const resolved = await agent.post(`/api/cases/${caseId}/status`, {
      status: 'resolved',
      resolutionCode: 'answered',
      resolution: 'Delivered.',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    await page.reload();
    const rating = page.getByTestId('case-rating');
    await rating.waitFor();
    await rating.getByRole('button', { name: 'Send my rating' }).click();
    expect(await page.locator('#case-rating-error').textContent()).toBe('Choose a rating from 1 to 5.');
    await rating.getByLabel('4 – Satisfied', { exact: true }).check();
    await rating.getByLabel('Comments (optional)').fill('Quick and kind.');
    await checked(page, '11b-case-rating');
    await rating.getByRole('button', { name: 'Send my rating' }).click();
    await page.getByTestId('case-rated').waitFor();

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

  it('shows a linked customer what we hold, files a correction and an access request, and releases the records', async () => {
    // A customer and account of this test's own, linked through the API: the browser part starts signed out.
    const bram = { name: 'Bram Tolliver', surname: 'Tolliver', zip: '20260-0007', ssn: '7315', email: 'bram.tolliver@example.org' };
    const bramLogin = { email: 'bram.at.home@example.com', password: 'another private passphrase of his' };
    const created = await agent.post('/api/customers', {
      kind: 'person',
      values: [
        { field: 'customer_name', value: bram.name },
        { field: 'email', value: bram.email },
        {
          field: 'mailing_address',
          value: { lines: '900 Brentwood Rd NE', city: 'Washington', state: 'DC', zip: bram.zip },
          label: 'home',
        },
        { field: 'ssn_last4', value: bram.ssn },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const account = await registeredAccount(t.app, mail, bramLogin.email, bramLogin.password);
    const linked = await account.post('/portal/api/link/knowledge', { surname: bram.surname, zip: '20260', ssnLast4: bram.ssn });
    expect(linked.statusCode, linked.body).toBe(200);

    const { context, page } = await newPage();
    page.on('request', (request) => expect(decodeURIComponent(request.url())).not.toContain(bram.surname));
    await page.goto('/portal/profile');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/portal/sign-in');
    await page.getByLabel('E-mail address').fill(bramLogin.email);
    await page.getByLabel('Password').fill(bramLogin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // My profile: the name, the values by field, the SSN's last four masked.
    await heading(page).filter({ hasText: 'My profile' }).waitFor();
    const profile = page.getByTestId('profile');
    await profile.getByText(bram.name).first().waitFor();
    const ssn = profile.locator('[data-field="ssn_last4"]');
    expect(await ssn.textContent()).toContain('••••');
    expect(await ssn.textContent()).not.toContain(bram.ssn);
    expect(await ssn.textContent()).toContain('Shown masked');
    expect(await profile.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
      expect.arrayContaining(['Name', 'E-mail address', 'Mailing address', 'SSN last four']),
    );
    await checked(page, '18-profile');

    // A correction of the e-mail address becomes an amendment request with its number.
    const email = profile.getByTestId('profile-value').filter({ hasText: bram.email });
    await email.getByRole('button', { name: 'Ask for a correction' }).click();
    await email.getByRole('button', { name: 'Ask for the correction' }).click();
    await email.getByRole('alert').filter({ hasText: 'Your request was not sent' }).waitFor();
    expect(await email.getByLabel('The correct value').getAttribute('aria-invalid')).toBe('true');
    await email.getByLabel('The correct value').fill('bram.t@example.org');
    await email.getByLabel('Why it needs correcting').fill('I stopped using the old address in March.');
    await email.getByRole('button', { name: 'Ask for the correction' }).click();
    const filed = email.getByTestId('correction-filed');
    await filed.waitFor();
    expect(await filed.textContent()).toMatch(/We received your request PA-\d{4}-\d{6}/);
    expect(await filed.textContent()).toContain('within 10 business days');
    await checked(page, '19-profile-correction');

    // A preference is the customer's to set: saved on the record at once, not a request.
    await page.getByLabel('How should we contact you?').selectOption('phone');
    await page.getByRole('button', { name: 'Save my preferences' }).click();
    await page.getByText('Your preferences were saved.').waitFor();
    expect(await page.getByLabel('How should we contact you?').inputValue()).toBe('phone');

    // My privacy: the amendment is listed; an access request joins it.
    await filed.getByRole('link', { name: 'My privacy' }).click();
    await heading(page).filter({ hasText: 'My privacy' }).waitFor();
    const requests = page.getByTestId('privacy-requests');
    await requests.getByRole('row').filter({ hasText: 'A correction to your record' }).waitFor();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your request was not sent' }).waitFor();
    await page.getByLabel('A copy of the records you hold about me').check();
    await page.getByLabel('Details').fill('Everything you hold about me.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText(/We received your request\. Its number is PA-\d{4}-\d{6}/).waitFor();
    const access = requests.getByRole('row').filter({ hasText: 'A copy of your records' });
    await access.waitFor();
    expect(await access.textContent()).toContain('Received');
    expect(await access.getByRole('link').count()).toBe(0);
    await page.getByTestId('no-disclosures').waitFor();
    await checked(page, '20-privacy');

    // The privacy office grants it through the staff API; the records can then be downloaded.
    const listed = (await (await page.request.get('/portal/api/privacy/requests')).json()) as { id: string; kind: string }[];
    const accessId = listed.find((r) => r.kind === 'access')!.id;
    await t.addStaff('priya', staffPassword, ['privacy_officer']);
    const officer = client(t.app);
    await officer.signIn('priya', staffPassword, now);
    const granted = await officer.post(`/api/privacy/requests/${accessId}/decision`, { outcome: 'granted' });
    expect(granted.statusCode, granted.body).toBe(200);
    await page.reload();
    const pdfLink = access.getByRole('link', { name: 'Download your records (PDF)' });
    await pdfLink.waitFor();
    await access.getByRole('link', { name: 'Download your records (JSON)' }).waitFor();
    expect(await access.textContent()).toContain('Granted');
    const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
    expect(await page.getByTestId('disclosures').textContent()).toContain('We have not shared your records with anyone');
    await checked(page, '21-privacy-records');
    await context.close();
  });
});
