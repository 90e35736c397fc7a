/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeOfAddressStatuses,
  formatImpb,
  fraudRules,
  moveDurations,
  moveTypes,
  scanSources,
  screeningOutcomes,
  screeningThresholds,
  verificationMethods,
  verificationOutcomes,
} from '../../src/modules/tracking/index.ts';
import * as consoleCoa from '../../web/src/api/changes-of-address.ts';
import * as consoleTracking from '../../web/src/api/tracking.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

// Issue 8 in the console: a feed (an administrator's session) loads scans, an agent looks a
// package up and enters a change of address the fraud screen holds, a supervisor approves it.
const password = 'correct horse battery staple';
const area = 'trademarks';
const article = formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial: '0000042' });
const unseen = formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial: '0000043' });
const badCheckDigit = `${article.slice(0, -1)}${(Number(article.at(-1)) + 1) % 10}`;

let t: TestApp;
let browser: Browser;
let base: string;
let customerId: string;
const totpSecrets = new Map<string, string>();

// The console keeps copies of these lists (it cannot import server modules): held to the server's here.
describe("the console's copies of the tracking and change-of-address lists", () => {
  const sorted = (values: Iterable<string>) => [...values].sort();
  it('match the server', () => {
    expect(sorted(Object.keys(consoleTracking.scanSourceLabels))).toEqual(sorted(Object.keys(scanSources)));
    expect([...consoleCoa.moveTypes]).toEqual([...moveTypes]);
    expect([...consoleCoa.moveDurations]).toEqual([...moveDurations]);
    expect([...consoleCoa.verificationMethods]).toEqual([...verificationMethods]);
    expect([...consoleCoa.verificationOutcomes]).toEqual([...verificationOutcomes]);
    expect([...consoleCoa.changeOfAddressStatuses]).toEqual([...changeOfAddressStatuses]);
    expect([...consoleCoa.screeningOutcomes]).toEqual([...screeningOutcomes]);
    expect(consoleCoa.screeningThresholds).toEqual({ review: screeningThresholds.review, deny: screeningThresholds.deny });
    expect(sorted(Object.keys(consoleCoa.fraudRuleLabels))).toEqual(sorted(fraudRules.map((r) => r.rule)));
  });
});

describe.skipIf(!browserAvailable)(`mail tracking and change of address in the console (${chromiumPath})`, () => {
  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    t = await testApp({ publicUrl: base });
    await t.addArea(area);
    await t.addStaff('feedy', password, ['administrator']);
    await t.addStaff('agatha', password, ['agent'], [area]);
    await t.addStaff('sully', password, ['supervisor'], [area]);
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const now = () => new Date(t.clock.now);
  const hoursAgo = (h: number) => new Date(t.clock.now.getTime() - h * 3_600_000).toISOString();
  /** 'YYYY-MM-DD' n days from the test clock. */
  const day = (n: number) => new Date(t.clock.now.getTime() + n * 86_400_000).toISOString().slice(0, 10);

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    return { context, page: await context.newPage() };
  }

  const signIn = (page: Page, username: string) => signInThroughForm(page, username, { password, totpSecrets, now });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
  const csrf = async (page: Page) => ((await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string }).csrfToken;

  it('a feed loads scans of a package', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'feedy');
    const feed = [
      { article, event: 'acceptance', at: hoursAgo(30), facilityZip: '20260', source: 'retail' },
      { article, event: 'processed', at: hoursAgo(20), facilityZip: '20066', source: 'processing' },
      { article, event: 'out_for_delivery', at: hoursAgo(4), facilityZip: '62704', source: 'scanner' },
      { article, event: 'delivered', at: hoursAgo(1), facilityZip: '62704', source: 'scanner' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const response = await page.request.post('/api/tracking/events', {
      headers: { 'content-type': 'application/x-ndjson', 'x-csrf-token': await csrf(page) },
      data: feed,
    });
    expect(response.status(), await response.text()).toBe(200);
    expect(await response.json()).toMatchObject({ received: 4, stored: 4, rejected: 0 });
    await context.close();
  });

  it('an agent looks up the package: the server’s reason by the field, then its events oldest first', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agatha');
    await nav(page).getByRole('link', { name: 'Tracking' }).click();
    await page.getByRole('heading', { name: 'Tracking', level: 1 }).waitFor();
    await expectAccessible(page, 'tracking form');

    // A mistyped number: the server's 422 shows on the field, named.
    const number = page.getByLabel('Article number', { exact: true });
    await number.fill(badCheckDigit);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => number.getAttribute('aria-invalid')).toBe('true');
    const error = page.locator(`#${(await number.getAttribute('aria-describedby'))!.split(' ').pop()!}`);
    expect(await error.textContent()).toMatch(/^Article number check digit is \d, expected \d\.$/);
    await expectAccessible(page, 'tracking with an invalid number');
    await screenshot(page, 'tracking-error');

    // Nothing scanned yet: said so.
    await number.fill(unseen);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('tracking-none').waitFor();

    // Spaces as printed under the barcode are fine.
    await number.fill(article.replace(/(\d{4})/g, '$1 ').trim());
    await page.getByRole('button', { name: 'Look up' }).click();
    const rows = page.getByTestId('tracking-events').getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    expect((await rows.locator('td[data-label="Event"]').allTextContents()).map((s) => s.trim())).toEqual([
      'Accepted',
      'Processed through a facility',
      'Out for delivery',
      'Delivered',
    ]);
    expect(await rows.first().getByRole('rowheader').textContent()).toMatch(/E[SD]T$/);
    expect(await rows.first().locator('td[data-label="Source"]').textContent()).toBe('Retail counter');
    expect(await page.getByTestId('tracking-class').textContent()).toBe('Package');
    // The number went in the request's body: neither the page's address nor its history holds it.
    expect(page.url()).toBe(`${base}/tracking`);
    await expectAccessible(page, 'tracking events');
    await screenshot(page, 'tracking-events');
    await context.close();
  });

  it('an agent enters a change of address whose name is not the record’s: it is held', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agatha');
    const session = await csrf(page);
    const created = await page.request.post('/api/customers', {
      headers: { 'x-csrf-token': session },
      data: { kind: 'person', businessArea: area, values: [{ field: 'customer_name', value: 'Ottoline Brackenbury' }] },
    });
    expect(created.status(), await created.text()).toBe(201);
    customerId = ((await created.json()) as { id: string }).id;

    await page.goto(`/customers/${customerId}`);
    const section = page.getByTestId('changes-of-address');
    await section.getByTestId('no-coa').waitFor();
    await section.getByRole('button', { name: 'Enter a change of address' }).click();
    const form = page.getByTestId('coa-form');
    await form.waitFor();
    await form.getByLabel('Individual').check();
    await form.getByLabel('Permanent').check();
    await form.getByLabel('Name on the request').fill('Mallory Brackenbury');
    await form.getByLabel('First day of forwarding').fill(day(10));
    const old = form.getByRole('group', { name: 'Old address' });
    await old.getByLabel('Street address', { exact: true }).fill('12 Oak Street, Apartment 3');
    await old.getByLabel('City').fill('Brooklyn');
    await old.getByLabel('State').fill('NY');
    await old.getByLabel('ZIP code').fill('11201');
    const moved = form.getByRole('group', { name: 'New address' });
    await moved.getByLabel('Street address', { exact: true }).fill('742 Evergreen Terrace');
    await moved.getByLabel('City').fill('Springfield');
    await moved.getByLabel('State').fill('IL');
    // Four digits: the server's reason goes next to the new address's ZIP code.
    const zip = moved.getByLabel('ZIP code');
    await zip.fill('6270');
    await form.getByLabel('How identity was verified').selectOption('in_person_id');
    await form.getByRole('group', { name: 'Verification result' }).getByLabel('Passed').check();
    await expectAccessible(page, 'change of address form');
    await form.getByRole('button', { name: 'Enter change of address' }).click();
    await expect.poll(() => zip.getAttribute('aria-invalid')).toBe('true');
    const zipError = page.locator(`#${(await zip.getAttribute('aria-describedby'))!.split(' ').pop()!}`);
    expect(await zipError.textContent()).toMatch(/^New address: ZIP code /);
    await expectAccessible(page, 'change of address with an invalid ZIP code');
    await screenshot(page, 'coa-form-error');

    await zip.fill('62704');
    await form.getByRole('button', { name: 'Enter change of address' }).click();
    const result = page.getByTestId('coa-result');
    await result.getByRole('heading', { name: 'Change of address held for fraud review' }).waitFor();
    expect(await result.textContent()).toContain('Name does not match the record (35 points)');
    expect(await result.textContent()).toContain('score: 35 of 100');
    const row = section.getByTestId('coa-rows').getByRole('row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td[data-label="Status"]').textContent()).toBe('Held for fraud review');
    expect(await row.locator('td[data-label="Fraud screen"]').textContent()).toContain('Held for review');
    // A held request sends the validation letter to the old address (not yet the confirmation).
    expect(await row.getByRole('button', { name: /Confirmation letter/ }).count()).toBe(0);
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      row.getByRole('button', { name: /Validation letter to the old address/ }).click(),
    ]);
    expect(tab.url()).toMatch(/^blob:/);
    await tab.close();
    await expectAccessible(page, 'customer with a held change of address');
    await screenshot(page, 'coa-held');
    await context.close();
  });

  it('a supervisor approves it in Fraud review, with a reason', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'sully');
    await nav(page).getByRole('link', { name: 'Fraud review' }).click();
    await page.getByRole('heading', { name: 'Fraud review', level: 1 }).waitFor();
    const rows = page.getByTestId('review-rows').getByRole('row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Mallory Brackenbury');
    expect(await rows.first().textContent()).toContain('Name does not match the record (35 points)');
    await expectAccessible(page, 'fraud review queue');
    await screenshot(page, 'fraud-review-queue');

    await rows
      .first()
      .getByRole('button', { name: /^Approve or deny/ })
      .click();
    const form = page.getByTestId('review-form');
    await form.getByLabel(/^Approve/).check();
    // The reason is required.
    await form.getByRole('button', { name: 'Record decision' }).click();
    const reason = form.getByLabel('Reason');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'fraud review decision without a reason');
    await screenshot(page, 'fraud-review-decision');
    await reason.fill('Called the customer at the number on file: she confirmed the move, filed under her married name.');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText(/^Change of address approved: mail forwards from /).waitFor();
    await page.getByTestId('review-empty').waitFor();
    await expectAccessible(page, 'fraud review queue after the decision');
    await screenshot(page, 'fraud-review-decided');

    // The customer's record shows it accepted, with the confirmation letter now.
    await page.goto(`/customers/${customerId}`);
    const row = page.getByTestId('coa-rows').getByRole('row');
    // The page loads its sections one after another: wait for the row before reading it.
    await row.waitFor();
    await expect.poll(() => row.locator('td[data-label="Status"]').textContent()).toMatch(/^Accepted.*Approved on review/);
    await row.getByRole('button', { name: /Confirmation letter to the new address/ }).waitFor();
    await screenshot(page, 'coa-approved');
    await context.close();
  });
});
