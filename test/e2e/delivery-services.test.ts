/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPickup, contactMeans, premisesLocations, redeliveryOptions, whenAbsentOptions } from '../../src/modules/tracking/index.ts';
import * as consoleDeliveries from '../../web/src/api/delivery-services.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { client } from '../support/client.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { inbox, registeredAccount } from '../support/portal.ts';
import { startTestRelay, type TestRelay } from '../support/relay.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

const password = 'correct horse battery staple';
const area = 'trademarks';

// The console keeps copies of these lists (it cannot import server modules): held to the server's here.
describe("the console's copies of the delivery-services lists", () => {
  it('match the server', () => {
    expect([...consoleDeliveries.redeliveryOptions]).toEqual([...redeliveryOptions]);
    expect([...consoleDeliveries.premisesLocations]).toEqual([...premisesLocations]);
    expect([...consoleDeliveries.whenAbsentOptions]).toEqual([...whenAbsentOptions]);
    expect([...consoleDeliveries.contactMeans]).toEqual([...contactMeans]);
  });
});

describe.skipIf(!browserAvailable)(`redelivery, pickup and delivery preferences in the browser (${chromiumPath})`, () => {
  let t: TestApp;
  let relay: TestRelay;
  let browser: Browser;
  let base: string;
  let customerId: string;
  const mail = inbox();
  const totpSecrets = new Map<string, string>();
  const now = () => new Date(t.clock.now);
  /** 'YYYY-MM-DD' n days from the clock (the sessions' clock is the real one, so the dates follow it). */
  const day = (n: number) => new Date(t.clock.now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const sunday = () => [2, 3, 4, 5, 6, 7, 8].map(day).find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 0)!;
  /** The first day from 2 days on that takes a pickup (no Sunday, no federal holiday); redeliveries take it too. */
  const pickupDay = () =>
    [2, 3, 4, 5, 6, 7, 8].map(day).find((date) => {
      try {
        checkPickup({ date, packageCount: 1, totalWeightLb: 1, location: 'front_door' }, t.clock.now, 'America/New_York');
        return true;
      } catch {
        return false;
      }
    })!;
  const login = { email: 'ottoline.at.home@example.com', password: 'a long and private passphrase' };

  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    relay = await startTestRelay((raw) => mail.receive(raw));
    t = await testApp({ publicUrl: base, smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
    await t.addArea(area);
    await t.addStaff('agatha', password, ['agent'], [area]);
    await t.addStaff('agnes', password, ['agent'], [area]);
    const agent = client(t.app);
    await agent.signIn('agnes', password, now);
    const created = await agent.post('/api/customers', {
      kind: 'person',
      businessArea: area,
      values: [
        { field: 'customer_name', value: 'Ottoline Brackenbury' },
        { field: 'mailing_address', value: { lines: '12 Oak Street', city: 'Washington', state: 'DC', zip: '20260' }, label: 'home' },
        { field: 'ssn_last4', value: '4821' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    customerId = created.json().id;
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
    return { context, page: await context.newPage() };
  }

  it('lets an agent schedule a pickup and set preferences on the customer page, naming a bad field', async () => {
    const { context, page } = await newPage();
    await signInThroughForm(page, 'agatha', { password, totpSecrets, now });

    await page.goto(`/customers/${customerId}`);
    const section = page.getByTestId('delivery-services');
    await section.getByText('No redelivery or pickup has been requested for this customer.').waitFor();
    await section.getByRole('button', { name: 'Request a redelivery or a pickup' }).click();
    await section.getByLabel('Package pickup from the address').check();
    await section.getByLabel('Date').fill(sunday());
    await section.getByLabel('Estimated total weight (pounds)').fill('12');
    await section.getByLabel('Where on the premises').selectOption('side_door');
    await section.getByRole('button', { name: 'Schedule pickup' }).click();
    await section.getByText('Date must not be a Sunday.').first().waitFor();
    await screenshot(page, 'delivery-services-01-console-pickup-error');
    await section.getByLabel('Date').fill(pickupDay());
    await section.getByRole('button', { name: 'Schedule pickup' }).click();
    await expect
      .poll(async () => (await section.getByTestId('delivery-notice').textContent()) ?? '')
      .toMatch(/Confirmation number WTC\d{10}/);
    await section
      .getByTestId('delivery-rows')
      .getByText(/Pickup WTC\d{10}/)
      .waitFor();

    const preferences = page.getByTestId('delivery-preferences');
    await preferences.getByLabel('When nobody is home').selectOption('hold_at_post_office');
    await preferences.getByLabel('Saturday').check();
    await preferences.getByLabel('Drop-ship codes').fill('DDU 20260\nnot a code');
    await preferences.getByRole('button', { name: 'Save delivery preferences' }).click();
    await preferences
      .getByText(/^Drop-ship codes must be DNDC, DSCF or DDU/)
      .first()
      .waitFor();
    await preferences.getByLabel('Drop-ship codes').fill('DDU 20260');
    await preferences.getByRole('button', { name: 'Save delivery preferences' }).click();
    await preferences.getByText('Delivery preferences saved.').waitFor();
    await expect.poll(() => preferences.getByLabel('Drop-ship codes').inputValue()).toBe('DDU:20260');
    await expectAccessible(page, 'customer page with deliveries and pickups');
    await screenshot(page, 'delivery-services-02-console');
    await context.close();
  });

  it('lets the linked customer request a redelivery, schedule and cancel a pickup and set preferences on the portal', async () => {
    const account = await registeredAccount(t.app, mail, login.email, login.password);
    const linked = await account.post('/portal/api/link/knowledge', { surname: 'Brackenbury', zip: '20260', ssnLast4: '4821' });
    expect(linked.statusCode, linked.body).toBe(200);
    const { context, page } = await newPage();
    await page.goto('/portal/sign-in');
    await page.getByLabel('E-mail address').fill(login.email);
    await page.getByLabel('Password').fill(login.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/portal/sign-in');
    await page.goto('/portal');
    await page.getByTestId('portal-home-links').getByRole('link', { name: 'Schedule a redelivery' }).click();

    await page.getByRole('heading', { level: 1, name: 'Schedule a redelivery' }).waitFor();
    await page.getByLabel('Tracking number').fill('9212 3912 3456 7812 3456 71');
    await page.getByLabel('Day').fill(pickupDay());
    await page.getByRole('button', { name: 'Schedule redelivery' }).click();
    await page.getByText('Tracking number is not a valid article number.').first().waitFor();
    await page.getByLabel('Tracking number').fill('9212 3912 3456 7812 3456 70');
    await page.getByLabel('Day').fill(sunday());
    await page.getByRole('button', { name: 'Schedule redelivery' }).click();
    await page.getByText('Day must not be a Sunday.').first().waitFor();
    await screenshot(page, 'delivery-services-03-portal-redelivery-errors');
    await page.getByLabel('Day').fill(pickupDay());
    await page.getByLabel('Collect at the Post Office').check();
    await page.getByRole('button', { name: 'Schedule redelivery' }).click();
    await page.getByTestId('redelivery-done').waitFor();
    await page.getByTestId('delivery-request-rows').getByText('At your Post Office').waitFor();
    await expectAccessible(page, 'portal redelivery');
    await screenshot(page, 'delivery-services-04-portal-redelivery');

    await page.goto('/portal/pickup');
    await page.getByLabel('Pickup day').fill(pickupDay());
    await page.getByLabel('Estimated total weight (pounds)').fill('5');
    await page.getByLabel('Where the packages will be').selectOption('front_door');
    await page.getByRole('button', { name: 'Schedule pickup' }).click();
    await page
      .getByTestId('pickup-done')
      .getByText(/WTC\d{10}/)
      .waitFor();
    await page.getByTestId('delivery-request-rows').getByRole('button', { name: 'Cancel' }).first().click();
    await page.getByTestId('delivery-request-rows').getByText('Cancelled').first().waitFor();
    await expectAccessible(page, 'portal pickup');
    await screenshot(page, 'delivery-services-05-portal-pickup');

    await page.goto('/portal/delivery-preferences');
    await page.getByLabel('When nobody is home').selectOption('redeliver');
    await page.getByLabel('Monday').check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByTestId('preferences-saved').waitFor();
    await expectAccessible(page, 'portal delivery preferences');
    await screenshot(page, 'delivery-services-06-portal-preferences');
    await context.close();
  });
});
