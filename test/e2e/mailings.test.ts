/// <reference lib="dom" />
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../src/access/index.ts';
import { createVault, openKeyring } from '../../src/crypto/index.ts';
import { portalAuthFor } from '../../src/http/portal.ts';
import {
  entryPoints,
  ingestFeed,
  mailClasses,
  mailingStatuses,
  mailingStatusTransitions,
  permitTypes,
  presortLevels,
  processingCategories,
  readFeed,
  replyKinds,
} from '../../src/modules/tracking/index.ts';
import * as consoleMailings from '../../web/src/api/mailings.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { inbox, registeredAccount } from '../support/portal.ts';
import { startTestRelay, type TestRelay } from '../support/relay.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot, screenshotDir } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

// Business mailings in a real browser: an agent enters a mailing on an organisation's page
// (a wrong container label refused by its field first), opens it and sees how its pieces are
// doing; the mailer sees the same on the portal. Both pages are scanned with axe-core.
const password = 'correct horse battery staple';
const area = 'bulk-mail';
const mailerId = '123456';
const tracking = (serial: number) => `00270${mailerId}${String(serial).padStart(9, '0')}`;

// The console keeps copies of these lists (it cannot import server modules): held to the server's here.
describe("the console's copies of the mailing lists", () => {
  const keys = (o: object) => Object.keys(o).sort();
  it('match the server', () => {
    expect(keys(consoleMailings.mailClassLabels)).toEqual(keys(mailClasses));
    expect(keys(consoleMailings.processingCategoryLabels)).toEqual([...processingCategories].sort());
    expect(keys(consoleMailings.presortLevelLabels)).toEqual(keys(presortLevels));
    expect(keys(consoleMailings.permitTypeLabels)).toEqual([...permitTypes].sort());
    expect(keys(consoleMailings.entryLabels)).toEqual(keys(entryPoints));
    expect(keys(consoleMailings.replyKindLabels)).toEqual([...replyKinds].sort());
    expect(keys(consoleMailings.mailingStatusLabels)).toEqual([...mailingStatuses].sort());
    expect(consoleMailings.nextStatuses).toEqual(mailingStatusTransitions);
  });
});

let t: TestApp;
let relay: TestRelay;
let browser: Browser;
let base: string;
let orgId: string;
const totpSecrets = new Map<string, string>();
const mail = inbox();

describe.skipIf(!browserAvailable)(`mailings in the console and the portal (${chromiumPath})`, () => {
  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    relay = await startTestRelay((raw) => mail.receive(raw));
    t = await testApp({ publicUrl: base, smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
    await t.addArea(area);
    await t.addStaff('agatha', password, ['agent'], [area]);
    const at = (hoursAgo: number) => new Date(t.clock.now.getTime() - hoursAgo * 3_600_000).toISOString();
    const scans = [
      { imb: tracking(1), event: 'processed', at: at(20), facilityZip: '20066', source: 'processing' },
      { imb: tracking(1), event: 'delivered', at: at(2), facilityZip: '20260', source: 'scanner' },
      { imb: tracking(2), event: 'out_for_delivery', at: at(3), facilityZip: '20260', source: 'scanner' },
      { imb: tracking(3), event: 'processed', at: at(19), facilityZip: '20066', source: 'processing' },
    ];
    await ingestFeed(
      t.database,
      systemPrincipal('tracking-feed'),
      readFeed(Readable.from([scans.map((r) => JSON.stringify(r)).join('\n') + '\n']), 'ndjson'),
      { invalid: 'reject' },
      { requestId: null, clientAddr: null, purpose: 'tracking feed' },
      () => new Date(t.clock.now),
    );
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await relay?.close();
  });

  const now = () => new Date(t.clock.now);
  const today = () => t.clock.now.toISOString().slice(0, 10);
  const csrf = async (page: Page) => ((await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string }).csrfToken;

  it('an agent enters a mailing, sees a wrong field named, then the mailing’s performance', async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInThroughForm(page, 'agatha', { password, totpSecrets, now });
    const created = await page.request.post('/api/customers', {
      headers: { 'x-csrf-token': await csrf(page) },
      data: { kind: 'organisation', businessArea: area, values: [{ field: 'company_name', value: 'Acme Catalogs Inc' }] },
    });
    expect(created.status(), await created.text()).toBe(201);
    orgId = ((await created.json()) as { id: string }).id;

    await page.goto(`/customers/${orgId}`);
    const section = page.getByTestId('mailings');
    await section.getByTestId('no-mailings').waitFor();
    await section.getByRole('button', { name: 'Enter a mailing' }).click();
    const form = section.getByTestId('mailing-form');
    await form.getByLabel('Mailing ID').fill('FALL-2026-01');
    await form.getByLabel('Mailer ID').fill(mailerId);
    await form.getByLabel('Postage statement number').fill('8842117');
    await form.getByLabel('Mailing date').fill(today());
    await form.getByLabel('Mail class').selectOption('first_class');
    await form.getByLabel('Processing category').selectOption('letters');
    await form.getByLabel('Price category').fill('Automation');
    await form.getByLabel('Presort level').selectOption('5_digit');
    await form.getByLabel('Mailpiece count').fill('5');
    await form.getByLabel('Total weight (pounds)').fill('0.6');
    await form.getByLabel('Postage amount (dollars)').fill('3.05');
    await form.getByLabel('Permit number').fill('1234');
    await form.getByLabel('First IMb serial').fill('1');
    await form.getByLabel('Last IMb serial').fill('5');
    await form.getByLabel('Entry', { exact: true }).selectOption('ddu');
    await form.getByLabel('Drop ship code').fill('DDU20260');
    // One digit short: the server names the field.
    await form.getByLabel('Container labels').fill('99000000000000000000001');
    await form.getByLabel('Mailing problems').fill('Tray 2 arrived wet');
    await form.getByRole('button', { name: 'Enter mailing' }).click();
    const labels = form.getByLabel('Container labels');
    await expect.poll(() => labels.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#mailing-containerLabels-error').textContent()).toMatch(/^Container labels must be a 24-digit/);
    await expectAccessible(page, 'mailing form with an invalid container label');
    await screenshot(page, 'mailings-01-invalid-label');

    await labels.fill('990000000000000000000001\n990000000000000000000002');
    await form.getByRole('button', { name: 'Enter mailing' }).click();
    await section.getByTestId('mailing-entered').waitFor();
    const performance = section.getByTestId('mailing-performance');
    await performance.waitFor();
    const text = await performance.textContent();
    expect(text).toContain('3 of 5 pieces scanned');
    expect(text).toContain('1 delivered');
    expect(text).toContain('2 without any scan yet');
    expect(await section.getByTestId('mailing-detail').textContent()).toContain('Tray 2 arrived wet');
    await expectAccessible(page, 'mailing detail');
    await screenshot(page, 'mailings-02-detail');
    // The section alone, legible: the customer page around it is long.
    await section.screenshot({ path: path.join(screenshotDir, 'mailings-02-section.png') });
    await context.close();
  });

  it('the mailer sees the mailing and its performance on the portal', async () => {
    const account = await registeredAccount(t.app, mail, 'shipping@acme.example', 'a long and private passphrase');
    // A business's portal account is linked by the agency (the portal's own proofs are a person's).
    const keyring = await openKeyring({ dataDir: t.dataDir, masterKey: null });
    const portalAuth = portalAuthFor(
      { database: t.database, vault: createVault({ keys: keyring, blindIndex: keyring.blindIndex }), keyring, clock: now },
      null,
    );
    const issued = await portalAuth.linkAccount((await portalAuth.resolve(account.cookie!))!, orgId, 'knowledge', {
      requestId: null,
      clientAddr: null,
      purpose: 'test set-up',
    });
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'caseline_portal', value: issued.token, url: `${base}/portal` }]);
    const page = await context.newPage();
    await page.goto('/portal');
    await page.getByRole('link', { name: 'My mailings' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'My mailings' }).waitFor();
    await page.getByTestId('my-mailings').getByRole('button', { name: 'FALL-2026-01' }).click();
    const performance = page.getByTestId('mailing-performance');
    await performance.waitFor();
    expect(await performance.textContent()).toContain('3 of 5 pieces scanned');
    await expectAccessible(page, 'portal mailings');
    await screenshot(page, 'mailings-03-portal');
    await context.close();
  });
});
