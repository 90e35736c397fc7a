/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

// The case tools of the console: a supervisor's macros, routing rules and cases at risk;
// an agent's service-level clocks, reply by macro, attachments and reply letters.
const password = 'correct horse battery staple';
const area = 'trademarks';

let t: TestApp;
let browser: Browser;
let base: string;
let attachmentsDir: string;
const totpSecrets = new Map<string, string>();

describe.skipIf(!browserAvailable)(`case tools in the console (${chromiumPath})`, () => {
  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    // A small limit on attachments, so that a too-large file is quick to send.
    attachmentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseline-e2e-attachments-'));
    t = await testApp({ publicUrl: base, attachments: { dir: attachmentsDir, maxBytes: 256 * 1024 } });
    await t.addArea(area);
    await t.addStaff('sully', password, ['supervisor'], [area]);
    await t.addStaff('agatha', password, ['agent'], [area]);
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (attachmentsDir) fs.rmSync(attachmentsDir, { recursive: true, force: true });
  });

  const now = () => new Date(t.clock.now);

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    return { context, page: await context.newPage() };
  }

  const signIn = (page: Page, username: string) => signInThroughForm(page, username, { password, totpSecrets, now });

  /** A JSON call with the page's session (cookie and CSRF token), for setting up data the test is not about. */
  async function call<T>(page: Page, method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
    const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
    const response = await page.request.fetch(path, { method, data: body, headers: { 'x-csrf-token': session.csrfToken } });
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });

  it('a supervisor writes a macro and a routing rule, and asks which rule would fire', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'sully');
    expect((await nav(page).getByRole('link').allTextContents()).map((s) => s.trim())).toEqual(
      expect.arrayContaining(['At risk', 'Routing rules', 'Macros']),
    );

    // A macro with a misspelt placeholder: the server's message, with its position, is next to the template.
    await nav(page).getByRole('link', { name: 'Macros' }).click();
    await page.getByRole('heading', { name: 'Macros', level: 1 }).waitFor();
    await expectAccessible(page, 'macros (empty)');
    await page.getByRole('button', { name: 'Add macro' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Parcel found');
    const template = page.getByLabel('Reply template');
    await template.fill('Dear {{customer.nmae}},\n\nWe found your parcel.');
    await page.getByLabel('Status after the reply').selectOption('pending_customer');
    await page.getByLabel('Tags').fill('parcel-found');
    await page.getByRole('button', { name: 'Add macro' }).click();
    await expect.poll(() => template.getAttribute('aria-invalid')).toBe('true');
    const bodyError = page.locator(`#${(await template.getAttribute('aria-describedby'))!.split(' ').pop()!}`);
    expect(await bodyError.textContent()).toMatch(/^Reply template line 1, column \d+/);
    expect(await bodyError.textContent()).toContain('customer.nmae');
    await expectAccessible(page, 'macro with a bad placeholder');
    await screenshot(page, 'case-tools-macro-error');
    await template.fill(
      'Dear {{customer.name}},\n\nWe found the parcel of your case {{case.number}}: it will be delivered tomorrow. Please tell us when it arrives.\n\n{{agent.name}}',
    );
    await page.getByRole('button', { name: 'Add macro' }).click();
    await page.getByText('Macro “Parcel found” added.').waitFor();
    const macros = page.getByTestId('macro-list');
    await macros.getByRole('rowheader', { name: 'Parcel found' }).waitFor();
    expect(await macros.textContent()).toContain('Status: Waiting for the customer');
    await expectAccessible(page, 'macros');
    await screenshot(page, 'case-tools-macros');

    // Two routing rules; the second moves first; the preview names the rule that fires.
    await nav(page).getByRole('link', { name: 'Routing rules' }).click();
    await page.getByRole('heading', { name: 'Routing rules', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Everything by fax');
    await page.getByRole('group', { name: 'Channels' }).getByLabel('Fax').check();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText('Rule “Everything by fax” added', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Lost parcels to trademarks');
    await page.getByLabel('Words').fill('parcel\nlost package');
    await page.getByLabel('Business area').selectOption(area);
    await page.getByLabel('Priority').selectOption('high');
    await page.getByLabel('Tags').fill('lost-parcel');
    await expectAccessible(page, 'routing rule form');
    await screenshot(page, 'case-tools-rule-form');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText('Rule “Lost parcels to trademarks” added', { exact: false }).waitFor();
    const rules = page.getByTestId('rule-list');
    await expect
      .poll(async () => (await rules.getByRole('rowheader').allTextContents()).map((s) => s.trim()))
      .toEqual(['Everything by fax', 'Lost parcels to trademarks']);
    await page.getByRole('button', { name: 'Move up: Lost parcels to trademarks' }).click();
    await expect
      .poll(async () => (await rules.getByRole('rowheader').allTextContents()).map((s) => s.trim()))
      .toEqual(['Lost parcels to trademarks', 'Everything by fax']);
    await page.getByRole('button', { name: 'Disable rule Everything by fax' }).click();
    await expect.poll(() => rules.textContent()).toContain('Disabled');

    const preview = page.getByTestId('routing-preview');
    await preview.getByLabel('Channel').selectOption('email');
    await preview.getByLabel('Subject').fill('Where is my parcel?');
    await preview.getByLabel('Message').fill('The tracking says it was delivered but nothing came.');
    await preview.getByRole('button', { name: 'Which rule would fire?' }).click();
    const decision = page.getByTestId('routing-decision');
    await expect.poll(() => decision.textContent()).toContain('Rule “Lost parcels to trademarks” would fire');
    expect(await decision.textContent()).toContain(`Business area: ${area}`);
    expect(await decision.textContent()).toContain('Priority: High');
    await expectAccessible(page, 'routing rules');
    await screenshot(page, 'case-tools-routing');
    await preview.getByLabel('Subject').fill('A question about a trademark');
    await preview.getByLabel('Message').fill('How long does registration take?');
    await preview.getByRole('button', { name: 'Which rule would fire?' }).click();
    await expect.poll(() => decision.textContent()).toContain('No rule would fire');

    // Deleting asks first.
    await page.getByRole('button', { name: 'Delete rule Everything by fax' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this routing rule?' });
    await confirm.waitFor();
    await expectAccessible(page, 'delete rule dialog');
    await confirm.getByRole('button', { name: 'Delete rule' }).click();
    await page.getByText('Rule “Everything by fax” deleted.').waitFor();
    await expect
      .poll(async () => (await rules.getByRole('rowheader').allTextContents()).map((s) => s.trim()))
      .toEqual(['Lost parcels to trademarks']);
    await context.close();
  });

  it('an agent sees the clocks, replies with the macro, attaches the scanned letter and prints the reply', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agatha');
    const customer = await call<{ id: string }>(page, 'POST', '/api/customers', {
      kind: 'person',
      businessArea: area,
      values: [
        { field: 'customer_name', value: 'Lena Letterwright' },
        { field: 'mailing_address', value: { lines: '900 Brentwood Rd NE', city: 'Washington', state: 'DC', zip: '20018' } },
      ],
    });
    const opened = await call<{ id: string; number: string }>(page, 'POST', '/api/cases', {
      customerId: customer.id,
      channel: 'letter',
      recordType: 'usps-880/complaint-letter',
      businessArea: area,
      title: 'Parcel never arrived',
      body: 'My parcel was never delivered. Please find it.',
    });
    await page.goto(`/cases/${opened.id}`);
    await page.getByRole('heading', { name: new RegExp(`^Case ${opened.number}`), level: 1 }).waitFor();

    // The service levels: both clocks running, due in the agency's time.
    const first = page.getByTestId('sla-first-response');
    await expect.poll(() => first.getAttribute('data-state')).toBe('running');
    expect(await first.textContent()).toMatch(/On track.*Due .*E[SD]T/);
    expect(await page.getByTestId('sla-resolution').getAttribute('data-state')).toBe('running');

    // The scanned letter: a file of a type not allowed is refused next to the control; a PDF is listed.
    const fileInput = page.getByLabel('File to attach');
    await fileInput.setInputFiles({ name: 'program.exe', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00not a pdf at all') });
    await page.getByRole('button', { name: 'Attach file' }).click();
    await expect.poll(() => fileInput.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#case-attachment-file-error').textContent()).toMatch(/^This kind of file cannot be attached/);
    await fileInput.setInputFiles({ name: 'huge scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(1024 * 1024, 0x25) });
    await page.getByRole('button', { name: 'Attach file' }).click();
    await expect
      .poll(() => page.locator('#case-attachment-file-error').textContent())
      .toMatch(/^The file is too large: it must be at most 256 KB\./);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    await fileInput.setInputFiles({ name: 'scanned letter.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Attach file' }).click();
    await page.getByText('scanned letter.pdf attached.').waitFor();
    const files = page.getByTestId('case-attachments');
    expect(await files.textContent()).toContain('scanned letter.pdf');
    expect(await files.textContent()).toContain('PDF');
    expect(await files.textContent()).toContain('by you');
    const download = await files.getByRole('link', { name: /scanned letter\.pdf/ }).getAttribute('href');
    const fetched = await page.request.get(download!);
    expect(fetched.status()).toBe(200);
    expect(Buffer.from(await fetched.body()).equals(pdf)).toBe(true);

    // Reply with the macro: filled in for this case, editable, and its status change applied after recording.
    await page.getByLabel('Macro', { exact: true }).selectOption({ label: 'Parcel found' });
    await page.getByRole('button', { name: 'Use macro' }).click();
    const reply = page.getByLabel('Reply', { exact: true });
    await expect.poll(() => reply.inputValue()).toContain('Dear Lena Letterwright');
    expect(await reply.inputValue()).toContain(opened.number);
    const actions = page.getByTestId('macro-actions');
    expect(await actions.textContent()).toContain('Status: Waiting for the customer');
    expect(await actions.textContent()).toContain('Tags: parcel-found');
    const apply = page.getByLabel(/Apply the status change/);
    expect(await apply.isChecked()).toBe(true);
    await expectAccessible(page, 'case with a macro reply');
    await screenshot(page, 'case-tools-macro-reply');
    await reply.fill(`${await reply.inputValue()}\nP.S. The carrier will ring twice.`);
    await page.getByRole('button', { name: 'Record reply' }).click();
    await page.getByText('Reply recorded.').waitFor();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toContain('Waiting for the customer');
    const outbound = page.getByTestId('case-messages').locator('[data-kind="outbound"]');
    expect(await outbound.textContent()).toContain('P.S. The carrier will ring twice.');
    await expect.poll(() => first.getAttribute('data-state')).toBe('met');
    await expect.poll(() => page.getByTestId('sla-resolution').getAttribute('data-state')).toBe('paused');
    expect(await page.getByTestId('sla-resolution').textContent()).toContain('Paused while waiting for the customer');

    // The reply as a letter to print: the PDF opens in a new tab. A letter case offers no fax.
    expect(await outbound.getByRole('button', { name: /Fax \(PDF\)/ }).count()).toBe(0);
    const [tab] = await Promise.all([context.waitForEvent('page'), outbound.getByRole('button', { name: /Print letter \(PDF\)/ }).click()]);
    expect(tab.url()).toMatch(/^blob:/);
    await tab.close();
    await expectAccessible(page, 'case with clocks, files and a reply');
    await screenshot(page, 'case-tools-case');

    // A case with no customer in the registry has no address: the server's reason shows by the link.
    const anonymous = await call<{ id: string }>(page, 'POST', '/api/cases', {
      sender: { name: 'Walk-in visitor' },
      channel: 'fax',
      recordType: 'usps-880/inquiry',
      businessArea: area,
      title: 'Faxed question',
      body: 'Please call me back.',
    });
    await call(page, 'POST', `/api/cases/${anonymous.id}/replies`, { to: [], body: 'We called back.' });
    // An urgent call nobody answers: at risk long before the others.
    await call(page, 'POST', '/api/cases', {
      customerId: customer.id,
      channel: 'phone',
      recordType: 'usps-880/call-center-contact',
      businessArea: area,
      priority: 'urgent',
      title: 'Medicine parcel missing',
      body: 'The customer needs the parcel today.',
    });
    await page.goto(`/cases/${anonymous.id}`);
    const answer = page.getByTestId('case-messages').locator('[data-kind="outbound"]');
    await answer.getByRole('button', { name: /Fax \(PDF\)/ }).click();
    await expect.poll(() => page.getByTestId('letter-error').textContent()).toMatch(/^No fax: The case has no customer/);
    await expectAccessible(page, 'letter refused');
    await context.close();
  });

  it('a supervisor sees the cases at risk, most overdue first', async () => {
    // Three weeks later (business days), nothing more was done: the cases breach their targets.
    t.clock.now = new Date(t.clock.now.getTime() + 21 * 24 * 60 * 60_000);
    const { context, page } = await newPage();
    await signIn(page, 'sully');
    await nav(page).getByRole('link', { name: 'At risk' }).click();
    await page.getByRole('heading', { name: /^Cases at risk \(\d+\)$/, level: 1 }).waitFor();
    const rows = page.getByTestId('at-risk-cases').getByRole('row');
    expect(await rows.count()).toBeGreaterThan(1);
    expect(await page.getByTestId('at-risk-cases').textContent()).toContain('Overdue');
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    expect(heading).toBe(`Cases at risk (${await rows.count()})`);
    const dues = await page
      .getByTestId('at-risk-cases')
      .locator('time')
      .evaluateAll((times) => times.map((time) => Date.parse(time.getAttribute('datetime')!)));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    await expectAccessible(page, 'cases at risk');
    await screenshot(page, 'case-tools-at-risk');
    await rows.first().getByRole('link').click();
    await page.getByTestId('case-sla').waitFor();

    // Queues and workload: the same open cases, by area and assignee.
    await nav(page).getByRole('link', { name: 'Workload' }).click();
    await page.getByRole('heading', { name: 'Workload', level: 1 }).waitFor();
    const workload = page.getByTestId('workload-rows').first();
    await workload.waitFor();
    const opened = (await workload.getByRole('cell').allTextContents()).slice(0, 1).map(Number);
    expect(opened[0]).toBeGreaterThan(0);
    await expectAccessible(page, 'workload');
    await screenshot(page, 'case-tools-workload');
    await context.close();
  });
});
