import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { createCaseService, type CaseService } from '../src/modules/cases/index.ts';
import { createCustomerFinder, createCustomerService } from '../src/modules/customers/index.ts';
import { createEmailIntake, startSmtpListener, type IntakeLogger, type SmtpListener } from '../src/modules/intake/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// E-mail into cases with real protocol peers: nodemailer sends to Caseline's SMTP
// listener, whose handler commits the case before the 250 goes back.
let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let cases: CaseService;
let listener: SmtpListener;
let failNext = false;
/** Fails the next case opening inside its transaction, after the case rows were written: a crash before the commit. */
let crashBeforeCommit = false;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'intake test' };
const quiet: IntakeLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  cases = createCaseService(keys.vault);
  const finder = createCustomerFinder(keys.vault);
  const crashing: CaseService = {
    ...cases,
    async open(...args) {
      const opened = await cases.open(...args);
      if (crashBeforeCommit) {
        crashBeforeCommit = false;
        throw new Error('injected crash between parse and commit');
      }
      return opened;
    },
  };
  const intake = createEmailIntake({ database, cases: crashing, finder, clock: () => new Date(), recordType: 'usps-880/usps-com-care' });
  listener = await startSmtpListener({
    port: 0,
    acceptedRecipients: ['help@caseline.example.gov'],
    maxMessageBytes: 1024 * 1024,
    logger: quiet,
    async onMessage(raw, envelope) {
      await intake(raw, envelope.mailFrom);
      // A crash after the commit and before the 250: the sender retries, the Message-ID dedupes.
      if (failNext) {
        failNext = false;
        throw new Error('injected crash');
      }
    },
  });
  await withPrincipal(database.db, system, (trx) =>
    createCustomerService(keys.vault).create(
      trx,
      system,
      personInput({ name: 'Henrietta Lacks', email: 'henrietta@example.org' }),
      ctx,
      new Date(),
    ),
  );
});
afterAll(async () => {
  await listener?.close();
  await database?.close();
  await keys?.remove();
});

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
const allCases = () =>
  withPrincipal(database.db, system, async (trx) =>
    Promise.all(
      (await cases.list(trx, system, { limit: 100 }, ctx, new Date())).map(async (c) => {
        const read = await cases.get(trx, system, c.id, ctx, new Date());
        if (!('case' in read)) throw new Error('unreadable');
        return read.case;
      }),
    ),
  );

describe('e-mail into cases over SMTP', () => {
  let number: string;

  it('opens a case for a known customer, acknowledged only after the commit', async () => {
    const info = await transport().sendMail({
      from: '"Henrietta" <henrietta@example.org>',
      to: 'help@caseline.example.gov',
      subject: 'Parcel missing',
      text: 'My parcel never came.',
      messageId: '<first@example.org>',
    });
    expect(info.response).toMatch(/^250/);
    const [opened] = await allCases();
    expect(opened).toMatchObject({
      channel: 'email',
      recordType: 'usps-880/usps-com-care',
      title: 'Parcel missing',
      customerId: expect.any(String),
    });
    expect(opened!.messages[0]).toMatchObject({ kind: 'inbound', body: 'My parcel never came.' });
    number = opened!.number;
  });

  it('threads a reply into its case by the number in the subject, once even when the sender retries', async () => {
    failNext = true;
    const mail = {
      from: 'henrietta@example.org',
      to: 'help@caseline.example.gov',
      subject: `Re: Parcel missing [${number}]`,
      text: 'Any news?',
      messageId: '<second@example.org>',
    };
    await expect(transport().sendMail(mail)).rejects.toThrow(/451/);
    expect((await transport().sendMail(mail)).response).toMatch(/^250/);
    const all = await allCases();
    expect(all).toHaveLength(1);
    expect(all[0]!.messages.map((m) => m.body)).toEqual(['My parcel never came.', 'Any news?']);
  });

  it('loses nothing to a crash between parse and commit: the sender is told to retry, and the retry makes one case', async () => {
    crashBeforeCommit = true;
    const mail = {
      from: 'henrietta@example.org',
      to: 'help@caseline.example.gov',
      subject: 'Change of address',
      text: 'I moved last week.',
      messageId: '<third@example.org>',
    };
    const before = (await allCases()).length;
    await expect(transport().sendMail(mail)).rejects.toThrow(/451/);
    expect(await allCases()).toHaveLength(before);
    expect((await transport().sendMail(mail)).response).toMatch(/^250/);
    const after = await allCases();
    expect(after).toHaveLength(before + 1);
    expect(after.filter((c) => c.title === 'Change of address')).toHaveLength(1);
  });

  it('opens a case for an unknown sender, and answers nothing to an auto-reply', async () => {
    await transport().sendMail({ from: 'stranger@example.net', to: 'help@caseline.example.gov', subject: 'Hello', text: 'Who are you?' });
    await transport().sendMail({
      from: 'stranger@example.net',
      to: 'help@caseline.example.gov',
      subject: 'Out of office',
      text: 'I am away.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const all = await allCases();
    expect(all).toHaveLength(3);
    expect(all.find((c) => c.title === 'Hello')).toMatchObject({ customerId: null, sender: { email: 'stranger@example.net' } });
  });
});
