/// <reference lib="dom" />
import { Readable } from 'node:stream';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../src/access/index.ts';
import { alertChannels, alertEventSets, cellCarriers, formatImpb, ingestFeed, readFeed } from '../../src/modules/tracking/index.ts';
import * as consoleAlerts from '../../web/src/api/tracking-alerts.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { client, totpSecrets, type Client } from '../support/client.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { inbox, registeredAccount, type PortalBrowser } from '../support/portal.ts';
import { startTestRelay, type TestRelay } from '../support/relay.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

// Tracking alerts in a real browser against the real server: the portal's "Track a package"
// (a package's history by its number, an alert set up by e-mail and sent when the piece moves)
// and the console's Tracking alerts section of a customer. Every page is scanned with axe-core.
const piece = formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial: '0000404' });

let t: TestApp;
let relay: TestRelay;
let browser: Browser;
let base: string;
let ada: PortalBrowser;
const mail = inbox();
const staffPassword = 'correct horse battery staple';

// The console keeps copies of these lists (it cannot import server modules): held to the server's here.
describe("the console's copies of the tracking alert lists", () => {
  it('match the server', () => {
    expect([...consoleAlerts.alertChannels]).toEqual([...alertChannels]);
    expect(consoleAlerts.cellCarriers).toEqual(Object.keys(cellCarriers));
    expect(consoleAlerts.alertEventSets).toEqual(Object.keys(alertEventSets));
  });
});

describe.skipIf(!browserAvailable)(`Track a package in Chromium (${chromiumPath})`, () => {
  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    relay = await startTestRelay((raw) => mail.receive(raw));
    t = await testApp({ publicUrl: base, smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
    const at = (hoursAgo: number) => new Date(t.clock.now.getTime() - hoursAgo * 3_600_000).toISOString();
    const records = [
      { article: piece, event: 'acceptance', at: at(30), facilityZip: '20260', zip: '20260000475', source: 'retail' },
      { article: piece, event: 'processed', at: at(20), facilityZip: '20066', source: 'processing' },
      { article: piece, event: 'out_for_delivery', at: at(2), facilityZip: '10001', source: 'scanner' },
    ];
    await ingestFeed(
      t.database,
      systemPrincipal('tracking-feed'),
      readFeed(Readable.from([records.map((r) => JSON.stringify(r)).join('\n') + '\n']), 'ndjson'),
      { invalid: 'reject' },
      { requestId: null, clientAddr: null, purpose: 'tracking feed' },
      () => new Date(t.clock.now),
    );
    ada = await registeredAccount(t.app, mail, 'ada@example.com', 'a long and private passphrase');
    expect((await ada.post('/portal/api/link/new', { name: 'Ada Quintrell' })).statusCode).toBe(200);
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await relay?.close();
  });

  it('shows a package’s history, sets up an e-mail alert, sends it when the piece moves', async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'caseline_portal', value: ada.cookie!, url: `${base}/portal` }]);
    const page = await context.newPage();
    page.on('request', (request) => {
      expect(request.url()).not.toContain(piece);
      expect(request.url()).not.toContain('@');
    });

    await page.goto('/portal');
    await page.getByRole('link', { name: 'Track a package' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Track a package' }).waitFor();

    await page.getByLabel('Tracking number').fill('9400 1000 0000 0000 0000 00');
    await page.getByRole('button', { name: 'Track' }).click();
    await page.locator('#track-number-error').waitFor();
    expect(await page.locator('#track-number-error').textContent()).toMatch(/check digit/i);

    await page.getByLabel('Tracking number').fill(piece.replace(/(\d{4})/g, '$1 ').trim());
    await page.getByRole('button', { name: 'Track' }).click();
    const rows = page.getByTestId('track-events').getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.getByTestId('track-latest').textContent()).toContain('Out for delivery');
    expect(await page.getByTestId('track-result').textContent()).not.toContain('20260000475');
    await expectAccessible(page, 'portal track history');
    await screenshot(page, 'portal-track-01-history');

    await page.getByLabel('Text message (SMS)').check();
    await page.getByRole('button', { name: 'Send me alerts' }).click();
    await page.locator('#track-alert-phone-error').waitFor();
    await page.locator('#track-alert-carrier-error').waitFor();
    await page.getByLabel('E-mail', { exact: true }).check();
    await page.getByLabel('E-mail address').fill('ada.alerts@example.org');
    await page.getByLabel('Out for delivery, delivered, and problems only').check();
    await page.getByRole('button', { name: 'Send me alerts' }).click();
    await page.getByTestId('track-subscribed').waitFor();
    const mine = page.getByTestId('my-alerts').getByRole('row');
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.first().textContent()).toContain('ada.alerts@example.org');
    await expectAccessible(page, 'portal track subscribed');
    await screenshot(page, 'portal-track-02-subscribed');

    // The listening server sends the alert as soon as a feed brings news of the piece.
    await t.addStaff('adam', 'correct horse battery staple', ['administrator']);
    const feed = client(t.app);
    await feed.signIn('adam', 'correct horse battery staple', () => new Date(t.clock.now));
    const loaded = await feed.request({
      method: 'POST',
      url: '/api/tracking/events',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify({ article: piece, event: 'delivered', at: new Date(t.clock.now).toISOString(), facilityZip: '10001', source: 'scanner' })}\n`,
    });
    expect(loaded.statusCode, loaded.body).toBe(200);
    await expect.poll(() => mail.messages.filter((m) => m.to.includes('ada.alerts@example.org')).length, { timeout: 10_000 }).toBe(1);
    expect(mail.messages.find((m) => m.to.includes('ada.alerts@example.org'))!.subject).toBe(
      `USPS Tracking ...${piece.slice(-6)}: Delivered`,
    );

    await page.getByRole('button', { name: `Stop alerts for ${piece}` }).click();
    await expect.poll(async () => mine.first().textContent()).toContain('Stopped');
    await context.close();
  });
  it('lets an agent set up and stop a text alert on the customer page', async () => {
    await t.addStaff('agatha', staffPassword, ['agent']);
    const agent: Client = client(t.app);
    await agent.signIn('agatha', staffPassword, () => new Date(t.clock.now));
    const created = await agent.post('/api/customers', {
      kind: 'person',
      values: [{ field: 'customer_name', value: 'Ottoline Brackenbury' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInThroughForm(page, 'agatha', { password: staffPassword, totpSecrets, now: () => new Date(t.clock.now) });
    await page.goto(`/customers/${created.json().id}`);
    const section = page.getByTestId('tracking-alerts');
    await section.getByTestId('no-tracking-alerts').waitFor();
    await section.getByRole('button', { name: 'Set up a tracking alert' }).click();
    await section.getByLabel('Article number', { exact: true }).fill(piece);
    await section.getByLabel('Text message (SMS)').check();
    await section.getByLabel('Mobile number').fill('202-555-0147');
    await section.getByRole('button', { name: 'Set up the alert' }).click();
    await section.locator('#tracking-alert-carrier-error').waitFor();
    await section.getByLabel('Mobile carrier').selectOption('verizon');
    await section.getByRole('button', { name: 'Set up the alert' }).click();
    const rows = section.getByTestId('tracking-alert-rows').getByRole('row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('(202) 555-0147 (Verizon)');
    await expectAccessible(page, 'console tracking alerts');
    await screenshot(page, 'console-tracking-alerts');
    await section.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(async () => rows.first().textContent()).toContain('Stopped');
    await context.close();
  });
});
