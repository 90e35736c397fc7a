/// <reference lib="dom" />
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailIntake, startSmtpListener, type SmtpListener } from '../../src/modules/intake/index.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { startTestRelay, type TestRelay } from '../support/relay.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

// An e-mail case from arrival to resolution with every peer real: the customer's mail goes
// over SMTP into Caseline's listener, the agent works it in Chromium, Caseline's replies
// leave through nodemailer to a relay in this process, and the customer follows the survey
// link from the resolution e-mail; the rating shows in the supervisor's report.
const password = 'correct horse battery staple';
const careAddress = 'care@caseline.example.gov';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let t: TestApp;
let browser: Browser;
let base: string;
let listener: SmtpListener;
let relay: TestRelay;
const relayed: ParsedMail[] = [];
const totpSecrets = new Map<string, string>();

describe.skipIf(!browserAvailable)(`an e-mail case in Chromium (${chromiumPath})`, () => {
  beforeAll(async () => {
    relay = await startTestRelay(async (raw) => void relayed.push(await simpleParser(raw)));
    const port = await reservePort();
    base = `http://localhost:${port}`;
    t = await testApp({ publicUrl: base, smtpRelay: relay.url, mailFrom: `Customer Care <${careAddress}>` });
    await t.addStaff('ella', password, ['agent']);
    await t.addStaff('sam', password, ['supervisor']);
    // The intake as `serve` starts it, on the services the routes use.
    const intake = createEmailIntake({
      database: t.database,
      cases: t.services.cases,
      finder: t.services.finder,
      attachments: t.services.attachments,
      clock: () => new Date(t.clock.now),
      recordType: 'usps-880/usps-com-care',
    });
    listener = await startSmtpListener({
      port: 0,
      acceptedRecipients: [careAddress],
      maxMessageBytes: 1024 * 1024,
      logger: quiet,
      onMessage: async (raw, envelope) => void (await intake(raw, envelope.mailFrom)),
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await listener?.close();
    await t?.close();
    await relay?.close();
  });

  const now = () => new Date(t.clock.now);
  /** The first message the relay was handed that matches; the sender polls its queue every few seconds. */
  async function relayedMail(matches: (mail: ParsedMail) => boolean): Promise<ParsedMail> {
    await expect.poll(() => relayed.some(matches), { timeout: 30_000, interval: 250 }).toBe(true);
    return relayed.find(matches)!;
  }
  const to = (address: string) => (mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes(address);

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    return { context, page: await context.newPage() };
  }

  const signIn = (page: Page, username: string) => signInThroughForm(page, username, { password, totpSecrets, now });

  it('takes the customer’s e-mail, is answered and resolved by an agent, and the survey rating reaches the supervisor', async () => {
    // The customer writes in.
    const customer = 'wilhelmina.oakes@example.org';
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    await smtp.sendMail({
      from: `Wilhelmina Oakes <${customer}>`,
      to: careAddress,
      subject: 'Certified letter never delivered',
      text: 'I sent a certified letter to my landlord on the 3rd and the tracking has not moved since.',
    });
    smtp.close();
    const ack = await relayedMail(to(customer));
    const number = /C-\d{4}-\d{6}/.exec(ack.subject!)![0];
    expect(ack.text).toContain(number);
    expect(ack.headers.get('auto-submitted')).toBe('auto-replied');

    // The agent takes it from the shared queue and answers it.
    const agent = await newPage();
    await signIn(agent.page, 'ella');
    const mainNav = agent.page.getByRole('navigation', { name: 'Main navigation' });
    await mainNav.getByRole('link', { name: 'Queue' }).click();
    const queue = agent.page.getByRole('region', { name: 'Shared cases' });
    await queue.getByRole('link', { name: number }).waitFor();
    await queue.getByRole('button', { name: `Take case ${number}` }).click();
    await agent.page.getByText(`Case ${number} is now yours`).waitFor();
    await mainNav.getByRole('link', { name: 'My cases' }).click();
    await agent.page.getByTestId('my-cases').getByRole('link', { name: number }).click();
    await agent.page.getByTestId('case-messages').getByText('tracking has not moved', { exact: false }).waitFor();
    await expectAccessible(agent.page, 'e-mail case');
    await agent.page.getByRole('button', { name: 'Reply to the customer' }).click();
    const recipients = agent.page.getByLabel('To', { exact: true });
    if ((await recipients.inputValue()) === '') await recipients.fill(customer);
    await agent.page
      .getByLabel('Reply', { exact: true })
      .fill('The letter was held at the delivery unit for a missing apartment number; it goes out today.');
    await agent.page.getByRole('button', { name: 'Record reply' }).click();
    await agent.page.getByText('Reply recorded.').waitFor();
    const sent = await relayedMail((m) => to(customer)(m) && (m.text ?? '').includes('missing apartment number'));
    expect(sent.subject).toMatch(/Re: Certified letter never delivered/);
    expect(sent.subject).toContain(`[${number}]`);
    expect(sent.headers.get('x-caseline-case')).toBe(number);

    // Resolved: the customer is told, with a single-use survey link.
    await agent.page.getByLabel('New status').selectOption('resolved');
    await agent.page.getByLabel('Resolution code').selectOption('answered');
    await agent.page.getByLabel('Resolution', { exact: true }).fill('Letter redelivered with the apartment number.');
    await agent.page.getByRole('button', { name: 'Resolve case' }).click();
    await expect.poll(() => agent.page.getByTestId('case-status').textContent(), { timeout: 15_000 }).toContain('Resolved');
    const resolution = await relayedMail((m) => to(customer)(m) && (m.text ?? '').includes('is resolved'));
    const link = new RegExp(`${base}/survey/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+`).exec(resolution.text!)![0];
    await agent.context.close();

    // The customer answers the survey, once.
    const visitor = await newPage();
    await visitor.page.goto(link);
    await visitor.page.getByRole('heading', { name: 'Customer satisfaction survey' }).waitFor();
    // The heading comes before the survey has loaded: wait for its question.
    await visitor.page.getByRole('group', { name: 'How satisfied are you with how we handled your case?' }).waitFor();
    expect(await visitor.page.textContent('main')).toContain(number);
    await expectAccessible(visitor.page, 'survey');
    await visitor.page.getByLabel('4 – Satisfied', { exact: true }).check();
    await visitor.page.getByLabel('Comments (optional)').fill('Quick and clear answer.');
    await screenshot(visitor.page, '60-survey');
    await visitor.page.getByRole('button', { name: 'Send my answer' }).click();
    await visitor.page.getByRole('heading', { name: 'Your answer has been received' }).waitFor();
    await visitor.page.goto(link);
    await visitor.page.getByRole('heading', { name: 'Survey already answered' }).waitFor();
    await visitor.context.close();

    // The supervisor sees the rating, by agent.
    const supervisor = await newPage();
    await signIn(supervisor.page, 'sam');
    await supervisor.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Satisfaction' }).click();
    await supervisor.page.getByRole('heading', { name: 'Satisfaction', level: 1 }).waitFor();
    const row = supervisor.page.getByRole('row', { name: /ella/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/4(\.0+)?/);
    expect(await supervisor.page.textContent('main')).not.toContain('Quick and clear');
    await expectAccessible(supervisor.page, 'satisfaction report');
    await screenshot(supervisor.page, '61-satisfaction-report');
    await supervisor.context.close();
  });
});
