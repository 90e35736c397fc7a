/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../src/access/index.ts';
import { getNotice, noticeToJson } from '../../src/catalog/index.ts';
import { withPrincipal } from '../../src/db/index.ts';
import { insertPublished } from '../../src/modules/privacy/notices/published-notices.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

// The privacy office of the console: a records manager's retention rules and forecast,
// legal holds placed and released through the form, the disposal certificates, and a privacy
// officer's notices (recorded as published through the confirmation) and PIA.
const password = 'correct horse battery staple';
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'test set-up' };
const yearMs = 365 * 86_400_000;

let t: TestApp;
let browser: Browser;
let base: string;
let heldCase: string;
const totpSecrets = new Map<string, string>();

describe.skipIf(!browserAvailable)(`the privacy office in the console (${chromiumPath})`, () => {
  const now = () => new Date(t.clock.now);

  /** A letter case opened four years ago and resolved three years ago: past its rule (2 years after resolution). */
  const agedCase = (title: string) =>
    withPrincipal(t.database.db, system, async (trx) => {
      const made = await t.services.cases.open(
        trx,
        system,
        {
          sender: { name: 'Ottoline Vasquez-Brandt', email: 'ottoline@example.org' },
          channel: 'letter',
          recordType: 'usps-880/inquiry',
          title,
          body: 'My parcel never came.',
        },
        ctx,
        new Date(now().getTime() - 4 * yearMs),
      );
      await t.services.cases.changeStatus(
        trx,
        system,
        made.case.id,
        { status: 'resolved', resolutionCode: 'answered', resolution: 'Found it.' },
        ctx,
        new Date(now().getTime() - 3 * yearMs),
      );
      return made.case.id;
    });

  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    t = await testApp({ publicUrl: base });
    await t.addStaff('rhoda', password, ['records_manager']);
    await t.addStaff('priya', password, ['privacy_officer']);
    await t.addStaff('otto', password, ['auditor']);
    // One aged case swept before the test (its certificate is listed); another kept for the hold.
    await agedCase('Swept parcel');
    await t.services.retention.run(t.database, now(), { job: 'nightly-test' });
    heldCase = await agedCase('Held parcel');
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
    await page.screenshot({ path: `/tmp/privacy-${name}.png`, fullPage: true });
    await page.screenshot({ path: `/tmp/privacy-${name}-top.png` });
    await screenshot(page, `privacy-${name}`);
  };

  it('a records manager places a hold through the form, sees it in the forecast, and releases it', async () => {
    const { context, page } = await newPage();
    await signInThroughForm(page, 'rhoda', { password, totpSecrets, now });
    expect((await nav(page).getByRole('link').allTextContents()).map((s) => s.trim())).toEqual(
      expect.arrayContaining(['Retention', 'Legal holds', 'Disposal certificates']),
    );

    // The form submitted empty: each message is next to its field, the scope's naming it.
    await nav(page).getByRole('link', { name: 'Legal holds' }).click();
    await page.getByRole('heading', { name: 'Legal holds', level: 1 }).waitFor();
    await page.getByTestId('no-holds').waitFor();
    await page.getByRole('button', { name: 'Place a hold' }).click();
    const form = page.getByTestId('hold-form');
    await form.getByRole('button', { name: 'Place hold' }).click();
    await page.getByRole('alert').filter({ hasText: 'The hold was not placed' }).waitFor();
    expect(await page.locator('#hold-scope-error').textContent()).toMatch(/^What the hold keeps must name at least one criterion/);
    expect(await page.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Review on').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'hold form with errors');
    await shot(page, 'hold-errors');

    // A case ID that is not one: the server's message, next to the field.
    await page.getByLabel('Case ID').fill('CL-2026-000001');
    await page.getByLabel('Reason').fill('Litigation 26-cv-0142, Vasquez-Brandt v. USPS');
    await page.getByLabel('Owner').fill('Office of General Counsel');
    await page.getByLabel('Review on').fill('2027-01-15');
    await form.getByRole('button', { name: 'Place hold' }).click();
    await expect.poll(() => page.getByLabel('Case ID').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#hold-case-error').textContent()).toBe('Case ID must be a UUID.');
    expect(await page.locator('#hold-scope-error').count()).toBe(0);
    await shot(page, 'hold-server-error');

    await page.getByLabel('Case ID').fill(heldCase);
    await form.getByRole('button', { name: 'Place hold' }).click();
    await page.getByText('Hold placed: “Litigation 26-cv-0142, Vasquez-Brandt v. USPS”.').waitFor();
    const list = page.getByTestId('hold-list');
    await list.getByRole('rowheader', { name: 'Litigation 26-cv-0142, Vasquez-Brandt v. USPS' }).waitFor();
    const row = list.getByRole('row').first();
    expect(await row.textContent()).toContain(heldCase);
    expect(await row.textContent()).toContain('Office of General Counsel');
    expect(await row.textContent()).toContain('In force');
    expect(await row.textContent()).toContain('by you');
    await expectAccessible(page, 'legal holds');
    await shot(page, 'holds');

    // The forecast counts the held case apart from what the sweep will dispose of.
    await nav(page).getByRole('link', { name: 'Retention' }).click();
    await page.getByRole('heading', { name: 'Retention', level: 1 }).waitFor();
    await page.getByLabel('Records due within').selectOption('365');
    await expect.poll(() => page.getByTestId('forecast-summary').textContent()).toContain('the next year');
    const line = page.getByTestId('forecast-lines').locator('tr[data-record-type="usps-880/inquiry"]');
    await expect.poll(() => line.getByTestId('forecast-held').textContent()).toBe('1');
    expect(await line.getByTestId('forecast-due').textContent()).toBe('0');
    expect(await line.textContent()).toContain('2 years after resolution');
    expect(await page.getByTestId('retention-check').textContent()).toContain('Nothing is kept past its retention');
    expect(await page.getByRole('heading', { name: /^USPS 880\.000/, level: 3 }).count()).toBe(1);
    await expectAccessible(page, 'retention');
    await shot(page, 'retention');

    // The certificate of the sweep before the test.
    await nav(page).getByRole('link', { name: 'Disposal certificates' }).click();
    await page.getByRole('heading', { name: 'Disposal certificates', level: 1 }).waitFor();
    const certificate = page.getByTestId('certificate').first();
    await certificate.waitFor();
    expect(await certificate.textContent()).toContain('The job “nightly-test” disposed of');
    expect(await certificate.textContent()).toContain('2 years after resolution');
    expect(await certificate.textContent()).toMatch(/[0-9a-f]{64}/);
    expect(await certificate.textContent()).not.toContain('Swept parcel');
    await expectAccessible(page, 'disposal certificates');
    await shot(page, 'certificates');

    // Release, with a note: first without one.
    await nav(page).getByRole('link', { name: 'Legal holds' }).click();
    await page.getByRole('button', { name: 'Release hold Litigation 26-cv-0142, Vasquez-Brandt v. USPS' }).click();
    const release = page.getByTestId('release-form');
    await release.getByRole('button', { name: 'Release hold' }).click();
    await expect.poll(() => page.getByLabel('Why the hold ends').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Why the hold ends').fill('Case settled on 2026-11-20');
    await expectAccessible(page, 'release form');
    await shot(page, 'release');
    await release.getByRole('button', { name: 'Release hold' }).click();
    await page.getByText('Hold released: “Litigation 26-cv-0142, Vasquez-Brandt v. USPS”.').waitFor();
    await page.getByTestId('no-holds').waitFor();
    await page.getByRole('group', { name: 'Show' }).getByLabel('Released holds').check();
    await list.getByRole('rowheader', { name: 'Litigation 26-cv-0142, Vasquez-Brandt v. USPS' }).waitFor();
    expect(await list.textContent()).toContain('Released');
    expect(await list.textContent()).toContain('Case settled on 2026-11-20');
    await expectAccessible(page, 'released holds');
    await shot(page, 'released');
    await context.close();
  });

  it('a privacy officer sees what each notice needs, records one as published, and reads the PIA; an auditor only reads', async () => {
    // COMMERCE/PAT-TM-20 published before its standard routine use 13 was adopted.
    const patents = noticeToJson(getNotice('PAT-TM-20'));
    await withPrincipal(t.database.db, systemPrincipal('sorn'), (trx) =>
      insertPublished(trx, {
        noticeId: 'PAT-TM-20',
        previous: 0,
        publishedAt: new Date('2025-03-01T12:00:00Z'),
        publishedBy: 'system:system:sorn',
        notice: { ...patents, routineUses: { ...patents.routineUses, standard: patents.routineUses.standard.filter((n) => n !== 13) } },
      }),
    );
    const { context, page } = await newPage();
    await signInThroughForm(page, 'priya', { password, totpSecrets, now });
    await nav(page).getByRole('link', { name: 'Notices and PIA' }).click();
    await page.getByRole('heading', { name: 'Notices and PIA', level: 1 }).waitFor();
    const usps880 = page.locator('[data-notice="880.000"]');
    await usps880.getByRole('heading', { name: /^USPS 880\.000, /, level: 2 }).waitFor();
    expect(await page.getByTestId('notices-summary').textContent()).toMatch(/^4 of 4 notices need a new or altered notice/);
    const review = usps880.getByTestId('notice-review');
    expect(await review.textContent()).toContain('Not published yet: a new notice is required');
    expect(await usps880.getByTestId('comment-period').textContent()).toContain('30-day comment period');
    expect(await usps880.getByTestId('publication-history').textContent()).toContain('has not been recorded as published');
    // The notice's text, as the catalog generates it, behind its disclosure.
    await usps880.getByText('The notice as generated from the catalog (Federal Register layout)').click();
    await usps880.getByRole('heading', { name: /^ROUTINE USES OF RECORDS MAINTAINED IN THE SYSTEM/, level: 4 }).waitFor();
    expect(await usps880.textContent()).toContain('Standard routine uses 1. through 7., 10., and 11. apply.');
    const changed = page.locator('[data-notice="PAT-TM-20"]');
    expect(await changed.getByTestId('notice-review').textContent()).toContain(
      'A new or altered notice is required before these changes take effect',
    );
    const change = changed.getByTestId('notice-changes').getByRole('row');
    expect(await change.count()).toBe(1);
    expect(await change.textContent()).toMatch(/Standard routine use added.*13.*New notice, 30 days’ comment/);
    expect(await changed.getByTestId('publication-history').textContent()).toContain('The command line (caseline sorn publish)');
    await expectAccessible(page, 'notices');
    await shot(page, 'notices');

    // Publishing asks first; cancelling records nothing.
    await usps880.getByRole('button', { name: 'Record USPS 880.000 as published' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record USPS 880.000 as published?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('becomes version 1 of USPS 880.000');
    expect(await dialog.textContent()).toContain('may be used only 30 days after publication');
    await expectAccessible(page, 'publish confirmation');
    await shot(page, 'notices-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await review.textContent()).toContain('Not published yet');

    await usps880.getByRole('button', { name: 'Record USPS 880.000 as published' }).click();
    await dialog.getByRole('button', { name: 'Record as published' }).click();
    await page.getByText('USPS 880.000 recorded as published: version 1.').waitFor();
    await expect.poll(() => review.textContent()).toMatch(/^Matches version 1, recorded as published /);
    expect(await usps880.getByRole('button', { name: 'Record USPS 880.000 as published' }).count()).toBe(0);
    const history = usps880.getByTestId('publication-history');
    expect(await history.getByRole('row').count()).toBe(1);
    expect(await history.textContent()).toContain('You');
    expect(await history.textContent()).toMatch(/[0-9a-f]{64}/);
    expect(await page.getByTestId('notices-summary').textContent()).toMatch(/^3 of 4 notices/);

    // The PIA: its parts readable on the page, and its PDF behind the link.
    const pia = page.getByTestId('pia');
    await pia.getByRole('heading', { name: 'Privacy impact assessment', level: 2 }).waitFor();
    const firstPart = pia.locator('details').first();
    await firstPart.locator('summary').click();
    expect(await firstPart.getByRole('heading', { level: 4 }).count()).toBeGreaterThan(3);
    const pdfLink = pia.getByRole('link', { name: 'Open the PIA as a PDF' });
    const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expectAccessible(page, 'notices published');
    await shot(page, 'notices-published');
    await context.close();

    const auditor = await newPage();
    await signInThroughForm(auditor.page, 'otto', { password, totpSecrets, now });
    await nav(auditor.page).getByRole('link', { name: 'Notices and PIA' }).click();
    const seen = auditor.page.locator('[data-notice="880.000"]');
    await expect.poll(() => seen.getByTestId('notice-review').textContent()).toMatch(/^Matches version 1, recorded as published /);
    expect(await seen.getByTestId('publication-history').textContent()).toContain('Another privacy officer');
    expect(await auditor.page.getByRole('button', { name: /as published$/ }).count()).toBe(0);
    await expectAccessible(auditor.page, 'notices for an auditor');
    await auditor.context.close();
  });
});
