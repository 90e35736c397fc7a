/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../src/access/index.ts';
import { withPrincipal } from '../../src/db/index.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { personInput } from '../support/customers.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

// The privacy officer's console: a Privacy Act access request recorded through the form,
// worked from the queue to its grant and access report; the accounting of disclosures.
const password = 'correct horse battery staple';
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'test set-up' };

let t: TestApp;
let browser: Browser;
let base: string;
let customerId: string;
const totpSecrets = new Map<string, string>();

describe.skipIf(!browserAvailable)(`Privacy Act requests and disclosures in the console (${chromiumPath})`, () => {
  const now = () => new Date(t.clock.now);

  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    t = await testApp({ publicUrl: base });
    await t.addStaff('pia', password, ['privacy_officer']);
    const customer = await withPrincipal(t.database.db, system, (trx) =>
      t.services.customers.create(
        trx,
        system,
        personInput({
          name: 'Philippa Odhiambo-Ferreira',
          email: 'philippa@example.org',
          address: { lines: '12 Orchard Row', city: 'Dayton', state: 'OH', zip: '45402' },
        }),
        ctx,
        now(),
      ),
    );
    customerId = customer.id;
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    return { context, page: await context.newPage() };
  }

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `/tmp/privacy-req-${name}.png`, fullPage: true });
    await screenshot(page, `privacy-req-${name}`);
  };

  it('a privacy officer records an access request, verifies identity, grants it and downloads the report', async () => {
    const { context, page } = await newPage();
    await signInThroughForm(page, 'pia', { password, totpSecrets, now });
    await nav(page).getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('heading', { name: 'Privacy Act requests', level: 1 }).waitFor();
    await page.getByTestId('no-requests').waitFor();

    // The form submitted empty: a message next to each field it needs, naming the field.
    await page.getByRole('button', { name: 'New request' }).click();
    const form = page.getByTestId('request-form');
    await form.getByRole('button', { name: 'Record request' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The request was not recorded' });
    await summary.waitFor();
    for (const label of ['Kind of request', 'Received by', 'Requester’s name', 'The request']) {
      expect(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), label).toBe('true');
    }
    expect(await page.locator('#request-kind-error').textContent()).toMatch(/kind of request/);
    expect(await page.locator('#request-channel-error').textContent()).toMatch(/how the request was received/);
    expect(await page.locator('#request-name-error').textContent()).toMatch(/requester’s name/);
    expect(await page.locator('#request-details-error').textContent()).toMatch(/Enter the request/);
    await expectAccessible(page, 'new request form with errors');
    await shot(page, 'form-errors');

    // A letter without an address: the letters need one (the address fields are named).
    await page.getByLabel('Kind of request').selectOption('access');
    await page.getByLabel('Received by').selectOption('letter');
    await page.getByLabel('Customer ID').fill(customerId);
    await page.getByLabel('Requester’s name').fill('Philippa Odhiambo-Ferreira');
    await page.getByLabel('The request', { exact: true }).fill('Please send me every record you hold about me.');
    await form.getByRole('button', { name: 'Record request' }).click();
    await expect.poll(() => page.getByLabel('Street address').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Street address').fill('12 Orchard Row');
    await page.getByLabel('City').fill('Dayton');
    await page.getByLabel('State', { exact: true }).fill('OH');
    await page.getByLabel('ZIP code').fill('45402');
    await form.getByRole('button', { name: 'Record request' }).click();
    await page.getByText(/^Request PA-\d{4}-\d{6} recorded\.$/).waitFor();

    // In the queue with its due date and standing, in words.
    const row = page.getByTestId('request-list').getByRole('row').first();
    await row.waitFor();
    const number = (await row.getByRole('link').textContent())!.trim();
    expect(number).toMatch(/^PA-\d{4}-\d{6}$/);
    expect(await row.textContent()).toContain('Access');
    expect(await row.textContent()).toContain('Letter');
    expect(await row.getByTestId('request-deadline').textContent()).toMatch(/^Decide by \w{3} \d{1,2}, \d{4}On time$/);
    await expectAccessible(page, 'request queue');
    await shot(page, 'queue');

    // The filters: nothing is overdue yet.
    await page.getByRole('checkbox', { name: 'Overdue' }).check();
    await page.getByTestId('no-requests').waitFor();
    await page.getByRole('checkbox', { name: 'Overdue' }).uncheck();
    await row.waitFor();

    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: `Access request ${number}`, level: 1 }).waitFor();
    expect(await page.getByTestId('report-panel').textContent()).toContain('once the requester’s identity is verified');
    await expectAccessible(page, 'request before identity');
    await shot(page, 'request-new');

    // Identity: empty, then recorded.
    const identity = page.getByTestId('identity-form');
    await identity.getByRole('button', { name: 'Record verification' }).click();
    await expect.poll(() => page.getByLabel('How the identity was verified').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('How the identity was verified').selectOption('document');
    await page.getByLabel('What was seen or checked').fill('Passport ending 4411, copy enclosed with the letter');
    await identity.getByRole('button', { name: 'Record verification' }).click();
    await page.getByText('Identity verification recorded.').waitFor();
    expect(await page.getByTestId('request-facts').textContent()).toContain('identity document seen');

    await page.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await page.getByText(`Request ${number} acknowledged.`).waitFor();

    const decision = page.getByTestId('decision-form');
    await decision.getByLabel('Grant', { exact: true }).check();
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText(`Request ${number}: granted.`).waitFor();
    expect(await page.getByTestId('request-facts').textContent()).toContain('Granted');

    // The access report, as PDF (and JSON), with the session's cookie.
    const pdfHref = await page.getByTestId('report-pdf').getAttribute('href');
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
    const json = await page.request.get((await page.getByTestId('report-json').getAttribute('href'))!);
    expect(json.status()).toBe(200);
    expect(await json.text()).toContain('Philippa Odhiambo-Ferreira');

    // The letters of each step so far.
    const letters = page.getByTestId('request-letters');
    expect(await letters.getByRole('link').allTextContents()).toEqual(['Acknowledgement letter (PDF)', 'Grant letter (PDF)']);
    const grant = await page.request.get((await letters.getByRole('link', { name: 'Grant letter (PDF)' }).getAttribute('href'))!);
    expect(grant.status()).toBe(200);
    expect((await grant.body()).subarray(0, 4).toString()).toBe('%PDF');

    // The history, oldest first.
    const history = (await page.getByTestId('request-history').locator('.caseline-timeline__summary').allTextContents()).map((s) =>
      s.trim(),
    );
    expect(history).toEqual([
      'Received by letter',
      'Recorded in Caseline',
      'Identity verified: identity document seen',
      'Acknowledged; in review',
      'Decided: granted',
    ]);
    expect(await page.getByTestId('request-deadlines').textContent()).toContain('Met on time');
    await expectAccessible(page, 'granted request');
    await shot(page, 'request-granted');

    // Back in the queue: granted, no deadline running.
    await page.getByRole('link', { name: 'All requests' }).click();
    const granted = page.getByTestId('request-list').getByRole('row').first();
    await expect.poll(() => granted.textContent()).toContain('Granted');
    expect(await granted.getByTestId('request-deadline').textContent()).toBe('None running');
    await context.close();
  });

  it('lists a disclosure recorded through the form in the accounting of disclosures', async () => {
    const { context, page } = await newPage();
    await signInThroughForm(page, 'pia', { password, totpSecrets, now });
    await nav(page).getByRole('link', { name: 'Disclosures' }).click();
    await page.getByRole('heading', { name: 'Accounting of disclosures', level: 1 }).waitFor();
    await page.getByLabel('Customer ID').fill(customerId);
    await page.getByRole('button', { name: 'Show disclosures' }).click();
    await page.getByTestId('no-disclosures').waitFor();

    await page.getByRole('button', { name: 'Record a disclosure' }).click();
    const form = page.getByTestId('disclosure-form');
    await form.getByRole('button', { name: 'Record disclosure' }).click();
    await page.getByRole('alert').filter({ hasText: 'The disclosure was not recorded' }).waitFor();
    for (const label of ['Record type', 'Nature of the disclosure', 'Recipient', 'Kind of recipient', 'Routine use']) {
      expect(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), label).toBe('true');
    }
    await expectAccessible(page, 'disclosure form with errors');
    await shot(page, 'disclosure-errors');

    expect(await page.getByLabel('Record ID').inputValue()).toBe(customerId);
    await page.getByLabel('Record type').selectOption('usps-880/customer');
    await page.getByLabel('Nature of the disclosure').selectOption('copy');
    await page.getByLabel('Recipient', { exact: true }).fill('Ignatius Wolfenden-Crabtree');
    await page.getByLabel('Recipient’s address').fill('1 Contractor Way, Reston VA 20190');
    await page.getByLabel('Kind of recipient').selectOption('contractor');
    await page.getByLabel('Purpose').fill('Mail forwarding set-up under the agency’s contract.');
    await expect.poll(() => page.getByLabel('Routine use').locator('option').count()).toBeGreaterThan(1);
    const uses = await page.getByLabel('Routine use').locator('option').allTextContents();
    const use = uses.find((u) => /routine use 4$/.test(u));
    expect(use, uses.join(' | ')).toBeTruthy();
    await page.getByLabel('Routine use').selectOption({ label: use! });
    await form.getByRole('button', { name: 'Record disclosure' }).click();
    const recorded = page.getByText('Disclosure to Ignatius Wolfenden-Crabtree recorded.');
    const refused = page.getByRole('alert').filter({ hasText: 'The disclosure was not recorded' });
    await expect
      .poll(async () => ((await recorded.count()) ? 'recorded' : (await refused.count()) ? await refused.textContent() : null))
      .toBe('recorded');

    const row = page.getByTestId('disclosure-list').getByRole('row').first();
    await row.waitFor();
    const text = (await row.textContent())!;
    expect(text).toContain('Customer record');
    expect(text).toContain('Copy');
    expect(text).toContain('Ignatius Wolfenden-Crabtree');
    expect(text).toContain(use!);
    expect(await row.locator('td[data-label="Law enforcement"]').textContent()).toBe('No');
    expect(await row.locator('td[data-label="Disputed"]').textContent()).toBe('No');
    expect(page.url()).toContain(`subjectId=${customerId}`);
    await expectAccessible(page, 'disclosures');
    await shot(page, 'disclosures');
    await context.close();
  });
});
