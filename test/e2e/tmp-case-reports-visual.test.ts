/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCode } from '../../src/access/index.ts';
import { client } from '../support/client.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { expectAccessible, launchBrowser, screenshot } from './support/browser.ts';

const password = 'correct horse battery staple';
let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const port = await reservePort();
  base = `http://localhost:${port}`;
  t = await testApp({ publicUrl: base });
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('sully', password, ['supervisor'], ['trademarks', 'patents']);
  await t.addStaff('agatha', password, ['agent'], ['trademarks', 'patents']);
  const real = Date.now();
  const channels = ['email', 'phone', 'web', 'letter', 'email', 'walk_in', 'email', 'fax'];
  for (let i = 0; i < 24; i++) {
    t.clock.now = new Date(real - (25 - i) * 86_400_000 + (i % 5) * 3_600_000);
    const agent = client(t.app);
    await agent.signIn('agatha', password, () => new Date(t.clock.now));
    const customer = await agent.post('/api/customers', { kind: 'person', values: [{ field: 'customer_name', value: 'Zed' }] });
    const opened = await agent.post('/api/cases', {
      customerId: customer.json().id,
      channel: channels[i % channels.length],
      businessArea: i % 3 === 0 ? 'patents' : 'trademarks',
      recordType: 'usps-880/inquiry',
      title: 'x',
      body: 'y',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    if (i % 4 === 3) continue;
    t.clock.now = new Date(t.clock.now.getTime() + ((i * 7) % 30) * 3_600_000 + 600_000);
    const later = client(t.app);
    await later.signIn('agatha', password, () => new Date(t.clock.now));
    expect((await later.post(`/api/cases/${opened.json().id}/replies`, { body: 'ok' })).statusCode).toBe(201);
    if (i % 2 === 0) {
      t.clock.now = new Date(t.clock.now.getTime() + ((i * 13) % 70) * 3_600_000);
      const last = client(t.app);
      await last.signIn('agatha', password, () => new Date(t.clock.now));
      const r = await last.post(`/api/cases/${opened.json().id}/status`, { status: 'resolved', resolutionCode: 'answered', resolution: 'ok' });
      expect(r.statusCode, r.body).toBe(200);
    }
  }
  t.clock.now = new Date(real);
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('renders the case reports', async () => {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill('sully');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Authenticator key').waitFor();
  const secret = await page.getByLabel('Authenticator key').inputValue();
  await page.getByLabel('Authentication code').fill(totpCode(secret, new Date(t.clock.now)));
  await page.getByRole('button', { name: 'Verify and finish' }).click();
  await expect.poll(async () => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Welcome, /);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Case reports' }).click();
  await page.getByRole('heading', { name: 'Key figures' }).waitFor();
  await expectAccessible(page, 'case reports');
  await screenshot(page, 'tmp-case-reports');
  await page.getByLabel('From').fill('2020-01-01');
  await page.getByRole('button', { name: 'Show reports' }).click();
  await page.locator('.usa-error-message').first().waitFor();
  await expectAccessible(page, 'case reports error');
  await screenshot(page, 'tmp-case-reports-error');
});
