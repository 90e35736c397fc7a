/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../src/access/index.ts';
import { withPrincipal } from '../../src/db/index.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { personInput } from '../support/customers.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

// The privacy officer's incident pages: an incident declared through the form, its affected
// people listed from the audit log, and the CISA clock started by confirming the breach.
const password = 'correct horse battery staple';
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'test set-up' };

let t: TestApp;
let browser: Browser;
let base: string;
const people: Record<string, string> = {};
const totpSecrets = new Map<string, string>();

/** A datetime-local value in this machine's zone, as the browser (same machine) reads it. */
function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

describe.skipIf(!browserAvailable)(`Privacy incidents in the console (${chromiumPath})`, () => {
  const now = () => new Date(t.clock.now);

  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    t = await testApp({ publicUrl: base });
    await t.addStaff('pia', password, ['privacy_officer']);
    for (const [key, name] of [
      ['exposed', 'Philippa Odhiambo-Ferreira'],
      ['viewer', 'Ambrose Kettleworth'],
    ] as const) {
      const customer = await withPrincipal(t.database.db, system, (trx) =>
        t.services.customers.create(
          trx,
          system,
          personInput({ name, address: { lines: '12 Orchard Row', city: 'Dayton', state: 'OH', zip: '45402' } }),
          ctx,
          now(),
        ),
      );
      people[key] = customer.id;
    }
    // An hour ago the portal sent the viewer's session a response carrying Philippa's case.
    await t.database.db
      .insertInto('audit_log')
      .values({
        at: new Date(now().getTime() - 60 * 60_000),
        actor_kind: 'customer',
        actor_id: people.viewer!,
        actor_role: 'customer',
        action: 'portal.response',
        subjects: [people.viewer!, people.exposed!],
        purpose: 'portal',
        outcome: 'ok',
        detail: JSON.stringify({ session: randomUUID(), route: 'GET /portal/api/cases/:id', status: 200 }),
      })
      .execute();
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `/tmp/privacy-incident-${name}.png`, fullPage: true });
    await screenshot(page, `privacy-incident-${name}`);
  };

  it('a privacy officer declares an incident, sees who was affected and runs the CISA clock', async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInThroughForm(page, 'pia', { password, totpSecrets, now });
    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('heading', { name: 'Privacy incidents', level: 1 }).waitFor();
    await page.getByTestId('no-incidents').waitFor();
    await expectAccessible(page, 'incident register');

    // Submitted empty: each field it needs says so.
    await page.getByRole('button', { name: 'Declare incident' }).click();
    const form = page.getByTestId('incident-form');
    await form.getByRole('button', { name: 'Declare incident' }).click();
    await page.getByRole('alert').filter({ hasText: 'The incident was not declared' }).waitFor();
    for (const label of ['Title', 'What happened', 'Window start', 'Window end'])
      expect(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), label).toBe('true');
    await expectAccessible(page, 'declare form with errors');
    await shot(page, 'form-errors');

    // The browser's times are real ones (the countdown, the times the form proposes); the server's clock
    // is the test's, set when the suite started: bring it to now before each step that compares the two.
    t.clock.now = new Date();
    const start = new Date(now().getTime() - 2 * 60 * 60_000);
    await page.getByLabel('Title', { exact: true }).fill('Portal case page showed another customer’s case');
    await page.getByLabel('What happened', { exact: true }).fill('Release 4.2 answered the case page with other customers’ cases.');
    await page.getByLabel('Window start').fill(localInput(start));
    await page.getByLabel('Window end').fill(localInput(new Date(now().getTime() - 10 * 60_000)));
    await page.getByLabel('Discovered at').fill(localInput(now()));
    await page.getByLabel('Suspected routes').fill('GET /portal/api/cases/:id');
    await page.getByLabel('Suspected release').fill('4.2.0');
    await form.getByRole('button', { name: 'Declare incident' }).click();

    const heading = page.getByRole('heading', { name: /^Incident PI-\d{4}-\d{6}$/, level: 1 });
    // Declaring computes the blast radius before the page opens: slow when the whole suite loads the machine.
    await heading.waitFor({ timeout: 60_000 });
    const rows = page.getByTestId('affected-list').getByRole('row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(people.exposed);
    expect(await rows.first().textContent()).toContain('Portal session');
    expect(await page.getByTestId('affected-list').textContent()).not.toContain(people.viewer);
    expect(await page.getByTestId('cisa-clock').textContent()).toBe('Starts when the breach is confirmed');
    await expectAccessible(page, 'incident declared');
    await shot(page, 'declared');

    t.clock.now = new Date();
    await page.getByRole('button', { name: 'Confirm breach' }).click();
    await page.getByText('Breach confirmed recorded.').waitFor();
    const clock = page.getByTestId('cisa-clock');
    await expect.poll(() => clock.textContent()).toMatch(/^(59:\d{2}|1:00:0\d) left to report to CISA$/);
    const first = await clock.textContent();
    // It ticks.
    await expect.poll(() => clock.textContent(), { timeout: 5000 }).not.toBe(first);
    await expectAccessible(page, 'clock running');
    await shot(page, 'clock-running');

    const letters = await page.request.get((await page.getByRole('link', { name: 'Download all letters (PDF)' }).getAttribute('href'))!);
    expect(letters.status()).toBe(200);
    expect((await letters.body()).subarray(0, 4).toString()).toBe('%PDF');

    await page.getByRole('button', { name: 'Record CISA report' }).click();
    await expect.poll(() => clock.textContent()).toBe('Reported to CISA on time');
    expect(await page.getByTestId('incident-timeline').textContent()).toMatch(/Reported to CISA: (?!not yet)/);

    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    const listed = page.getByTestId('incident-list').getByRole('row').first();
    await expect.poll(() => listed.textContent()).toContain('Confirmed breach');
    expect(await listed.textContent()).toContain('Reported to CISA on time');
    await context.close();
  }, 120_000);
});
