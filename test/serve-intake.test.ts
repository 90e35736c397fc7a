import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { main } from '../src/cli/main.ts';
import { ConfigError, loadConfig, type Config } from '../src/config.ts';
import { withPrincipal } from '../src/db/index.ts';
import { startServer } from '../src/main.ts';
import { createCaseService } from '../src/modules/cases/index.ts';
import { createCustomerService } from '../src/modules/customers/index.ts';
import { composeMail } from '../src/modules/intake/email/compose-mail.test-support.ts';
import { dovecotBinary, freePort, startDovecot, type DovecotServer } from '../src/modules/intake/email/dovecot-server.test-support.ts';
import { openRuntime } from '../src/runtime.ts';
import { personInput } from './support/customers.ts';

// `serve` with the e-mail intake configured: the server as startServer (what `caseline serve`
// runs) starts it, on a data directory of its own (embedded engine) or a fresh PostgreSQL database.
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'serve intake test' };
const mailbox = 'help@caseline.example.gov';
const knownSender = 'henrietta@example.org';
const dovecotAvailable = await fs.access(dovecotBinary).then(
  () => true,
  () => false,
);

/** Whether anything accepts a TCP connection on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

let dataDir: string;
let baseEnv: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | null = null;
let customerId: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-serve-intake-'));
  baseEnv = { CASELINE_DATA: dataDir, CASELINE_PORT: '0', CASELINE_HOST: '127.0.0.1', CASELINE_LOG_LEVEL: 'silent' };
  const template = inject('databaseTemplate');
  if (template.kind === 'postgres') {
    // Named like the harness's own copies, so that its teardown drops it should this file not.
    const name = `${template.template}_ts${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: template.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
    await admin.end();
    const url = new URL(template.url);
    url.pathname = `/${name}`;
    baseEnv.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: template.url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
  }
  // A registered customer, so that mail from that address lands on the customer.
  const runtime = await openRuntime(loadConfig(baseEnv), { migrate: true });
  try {
    const created = await withPrincipal(runtime.database.db, system, (trx) =>
      createCustomerService(runtime.vault).create(
        trx,
        system,
        personInput({ name: 'Henrietta Lacks', email: knownSender }),
        ctx,
        new Date(),
      ),
    );
    customerId = created.id;
  } finally {
    await runtime.close();
  }
});
afterAll(async () => {
  await dropDatabase?.();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Every case with its messages, read from the data at rest once the server has stopped. */
async function casesAtRest(config: Config) {
  const runtime = await openRuntime(config, { migrate: false });
  try {
    const cases = createCaseService(runtime.vault);
    return await withPrincipal(runtime.database.db, system, async (trx) =>
      Promise.all(
        (await cases.list(trx, system, { limit: 100 }, ctx, new Date())).map(async (summary) => {
          const read = await cases.get(trx, system, summary.id, ctx, new Date());
          if (!('case' in read)) throw new Error('unreadable case');
          return read.case;
        }),
      ),
    );
  } finally {
    await runtime.close();
  }
}

describe('serve with CASELINE_SMTP_PORT', () => {
  it('takes mail for the configured recipients into cases, refuses others with 550, and stops cleanly', async () => {
    const smtpPort = await freePort();
    const config = loadConfig({
      ...baseEnv,
      CASELINE_SMTP_PORT: String(smtpPort),
      CASELINE_SMTP_RECIPIENTS: `${mailbox},@intake.example.gov`,
    });
    const lines: string[] = [];
    const server = await startServer(config, (line) => lines.push(line));
    let stopped = false;
    try {
      expect(server.smtpPort).toBe(smtpPort);
      const announced = lines.filter((line) => line.startsWith('E-mail intake:'));
      expect(announced).toEqual([`E-mail intake: SMTP on 127.0.0.1:${smtpPort} (2 accepted recipient entries, messages up to 25 MB)`]);
      // Where it listens, and none of the configured addresses.
      expect(lines.join('\n')).not.toMatch(/help@|intake\.example\.gov/);

      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
      const known = await transport.sendMail({
        from: `"Henrietta" <${knownSender}>`,
        to: mailbox,
        subject: 'Parcel missing',
        text: 'My parcel never came.',
      });
      expect(known.response).toMatch(/^250/);
      const unknown = await transport.sendMail({
        from: 'stranger@example.net',
        to: 'claims@intake.example.gov',
        subject: 'Hello',
        text: 'Who are you?',
      });
      expect(unknown.response).toMatch(/^250/);
      await expect(
        transport.sendMail({ from: 'stranger@example.net', to: 'someone@elsewhere.example.com', subject: 'Spam', text: 'Buy now.' }),
      ).rejects.toMatchObject({ responseCode: 550 });

      await server.stop();
      stopped = true;
      expect(await listening(smtpPort)).toBe(false);
    } finally {
      if (!stopped) await server.stop();
    }

    const all = await casesAtRest(config);
    expect(all).toHaveLength(2);
    expect(all.find((c) => c.title === 'Parcel missing')).toMatchObject({
      channel: 'email',
      recordType: 'usps-880/usps-com-care',
      customerId,
    });
    const fromStranger = all.find((c) => c.title === 'Hello');
    expect(fromStranger).toMatchObject({ channel: 'email', customerId: null, sender: { email: 'stranger@example.net' } });
    expect(fromStranger!.messages[0]).toMatchObject({ kind: 'inbound', body: 'Who are you?' });
    expect(all.some((c) => c.title === 'Spam')).toBe(false);
  });

  it('`caseline serve` takes mail, logs no personal data, and on SIGTERM stops the listener and exits cleanly', async () => {
    const smtpPort = await freePort();
    const env = {
      ...baseEnv,
      CASELINE_LOG_LEVEL: 'info',
      CASELINE_SMTP_PORT: String(smtpPort),
      CASELINE_SMTP_RECIPIENTS: mailbox,
    };
    const child = spawn(process.execPath, [path.join(import.meta.dirname, '..', 'bin', 'caseline.mjs'), 'serve'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let waited = 0; !output.includes('E-mail intake: SMTP on'); waited += 100) {
        if (waited > 60_000 || child.exitCode !== null) throw new Error(`serve did not start the intake:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toContain(`E-mail intake: SMTP on 127.0.0.1:${smtpPort} (1 accepted recipient entry, messages up to 25 MB)`);
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
      const sent = await transport.sendMail({
        from: '"Sigmund Term" <sigmund.term@example.net>',
        to: mailbox,
        subject: 'Confidential parcel question',
        text: 'My account number is 12345.',
      });
      expect(sent.response).toMatch(/^250/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('Stopping…');
    expect(output).toMatch(/smtp message accepted/);
    expect(output).toMatch(/smtp listener stopped/);
    // Sizes, counts and ids only: no address, name, subject or body of the mail in the log.
    for (const personal of ['sigmund', 'Sigmund', 'Confidential', '12345', mailbox]) expect(output).not.toContain(personal);
    expect((await casesAtRest(loadConfig(env))).find((c) => c.title === 'Confidential parcel question')).toMatchObject({
      channel: 'email',
      sender: { email: 'sigmund.term@example.net' },
    });
  });

  it('gives new e-mail cases the configured record type', async () => {
    const smtpPort = await freePort();
    const config = loadConfig({
      ...baseEnv,
      CASELINE_SMTP_PORT: String(smtpPort),
      CASELINE_SMTP_RECIPIENTS: mailbox,
      CASELINE_INTAKE_RECORD_TYPE: 'usps-880/inquiry',
    });
    const server = await startServer(config, () => undefined);
    try {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'other@example.net', to: mailbox, subject: 'Typed inquiry', text: 'Which type am I?' });
    } finally {
      await server.stop();
    }
    expect((await casesAtRest(config)).find((c) => c.title === 'Typed inquiry')).toMatchObject({ recordType: 'usps-880/inquiry' });
  });

  it('refuses to start when the SMTP port is taken, naming the variable, and leaves nothing running', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const config = loadConfig({ ...baseEnv, CASELINE_SMTP_PORT: String(taken), CASELINE_SMTP_RECIPIENTS: mailbox });
      await expect(startServer(config, () => undefined)).rejects.toThrow(
        /^CASELINE_SMTP_PORT: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/,
      );
      // The database was closed again: a second start on the same data directory works.
      const again = await startServer({ ...config, emailIntake: { ...config.emailIntake, smtp: null } }, () => undefined);
      await again.stop();
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe.skipIf(!dovecotAvailable)('serve with CASELINE_IMAP_URL', () => {
  let dovecot: DovecotServer;
  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('polls the mailbox with the password from the file and opens a case per message', async () => {
    const passwordFile = path.join(dataDir, 'imap-password');
    await fs.writeFile(passwordFile, `${dovecot.pass}\n`, { mode: 0o600 });
    const config = loadConfig({
      ...baseEnv,
      CASELINE_IMAP_URL: `imap://127.0.0.1:${dovecot.port}`,
      CASELINE_IMAP_USER: dovecot.user,
      CASELINE_IMAP_PASSWORD_FILE: passwordFile,
      CASELINE_IMAP_INTERVAL_SECONDS: '1',
    });
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.pass },
      logger: false,
    });
    await client.connect();
    const lines: string[] = [];
    const server = await startServer(config, (line) => lines.push(line));
    try {
      expect(lines.filter((line) => line.startsWith('E-mail intake:'))).toEqual([
        `E-mail intake: IMAP mailbox "INBOX" on imap://127.0.0.1:${dovecot.port}, every 1 s`,
      ]);
      expect(lines.join('\n')).not.toContain(dovecot.pass);
      await client.append(
        'INBOX',
        await composeMail({ from: 'polled@example.net', to: mailbox, subject: 'Polled by IMAP', text: 'Fetched, not pushed.' }),
      );
      let unseen: number[] = [1];
      for (let attempt = 0; attempt < 100 && unseen.length > 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const lock = await client.getMailboxLock('INBOX');
        try {
          unseen = (await client.search({ seen: false }, { uid: true })) || [];
        } finally {
          lock.release();
        }
      }
      expect(unseen).toEqual([]);
    } finally {
      await server.stop();
      await client.logout();
    }
    expect((await casesAtRest(config)).find((c) => c.title === 'Polled by IMAP')).toMatchObject({
      channel: 'email',
      customerId: null,
      sender: { email: 'polled@example.net' },
    });
  });

  it('refuses to start when the password file cannot be read, naming the variable', async () => {
    const config = loadConfig({
      ...baseEnv,
      CASELINE_IMAP_URL: `imap://127.0.0.1:${dovecot.port}`,
      CASELINE_IMAP_USER: dovecot.user,
      CASELINE_IMAP_PASSWORD_FILE: path.join(dataDir, 'no-such-file'),
    });
    await expect(startServer(config, () => undefined)).rejects.toThrow(
      'CASELINE_IMAP_PASSWORD_FILE: cannot read the IMAP password file (ENOENT)',
    );
  });
});

describe('e-mail intake configuration', () => {
  const smtp = { CASELINE_SMTP_PORT: '2525', CASELINE_SMTP_RECIPIENTS: mailbox };
  const imap = {
    CASELINE_IMAP_URL: 'imaps://imap.example.gov',
    CASELINE_IMAP_USER: 'intake',
    CASELINE_IMAP_PASSWORD_FILE: '/run/secrets/imap',
  };

  it('is off unless configured, with the documented defaults', () => {
    expect(loadConfig({}).emailIntake).toEqual({ smtp: null, imap: null, recordType: 'usps-880/usps-com-care', faxGateways: [] });
    expect(loadConfig({ ...smtp, ...imap, CASELINE_FAX_GATEWAYS: 'Fax.Example.net, @efax.example.com' }).emailIntake).toEqual({
      smtp: { host: '127.0.0.1', port: 2525, recipients: [mailbox], maxBytes: 25 * 1024 * 1024 },
      imap: {
        host: 'imap.example.gov',
        port: 993,
        secure: true,
        user: 'intake',
        passwordFile: '/run/secrets/imap',
        mailbox: 'INBOX',
        intervalSeconds: 60,
      },
      recordType: 'usps-880/usps-com-care',
      faxGateways: ['fax.example.net', '@efax.example.com'],
    });
    expect(loadConfig({ ...imap, CASELINE_IMAP_URL: 'imap://[::1]:1143' }).emailIntake.imap).toMatchObject({
      host: '::1',
      port: 1143,
      secure: false,
    });
  });

  it('fails `caseline serve` with an error naming the variable, before anything starts', async () => {
    const err: string[] = [];
    const io = {
      out: () => undefined,
      err: (line: string) => err.push(line),
      env: { ...baseEnv, CASELINE_SMTP_PORT: 'abc' },
      stdin: Readable.from([]),
    };
    expect(await main(['node', 'caseline', 'serve'], io)).toBe(1);
    expect(err).toEqual(['caseline: configuration: CASELINE_SMTP_PORT must be an integer from 0 to 65535']);
  });

  it('names the variable at fault for every bad value', () => {
    const cases: [NodeJS.ProcessEnv, string][] = [
      [{ ...smtp, CASELINE_SMTP_PORT: '70000' }, 'CASELINE_SMTP_PORT must be an integer'],
      [{ ...smtp, CASELINE_SMTP_PORT: '25.5' }, 'CASELINE_SMTP_PORT must be an integer'],
      [{ CASELINE_SMTP_PORT: '2525' }, 'CASELINE_SMTP_RECIPIENTS must list'],
      [{ CASELINE_SMTP_RECIPIENTS: mailbox }, 'CASELINE_SMTP_RECIPIENTS is set but CASELINE_SMTP_PORT is not'],
      [{ ...smtp, CASELINE_SMTP_RECIPIENTS: `${mailbox},not an address` }, 'CASELINE_SMTP_RECIPIENTS: entry 2 of 2'],
      [{ ...smtp, CASELINE_SMTP_RECIPIENTS: `${mailbox},` }, 'CASELINE_SMTP_RECIPIENTS: entry 2 of 2'],
      [{ ...smtp, CASELINE_SMTP_HOST: '0.0.0.0/0' }, 'CASELINE_SMTP_HOST must be'],
      [{ ...smtp, CASELINE_SMTP_MAX_BYTES: '25MB' }, 'CASELINE_SMTP_MAX_BYTES must be an integer from 1024'],
      [{ ...smtp, CASELINE_SMTP_MAX_BYTES: '10' }, 'CASELINE_SMTP_MAX_BYTES must be an integer from 1024'],
      [{ CASELINE_INTAKE_RECORD_TYPE: 'usps-880/nonsense' }, 'CASELINE_INTAKE_RECORD_TYPE must be a case record type'],
      [{ CASELINE_FAX_GATEWAYS: 'fax gateway' }, 'CASELINE_FAX_GATEWAYS: entry 1 of 1'],
      [{ ...imap, CASELINE_IMAP_URL: 'https://imap.example.gov' }, 'CASELINE_IMAP_URL must be imaps://'],
      [{ ...imap, CASELINE_IMAP_URL: 'imaps://imap.example.gov/INBOX' }, 'CASELINE_IMAP_URL must be imaps://'],
      [{ ...imap, CASELINE_IMAP_URL: 'imaps://intake:secret@imap.example.gov' }, 'CASELINE_IMAP_URL must not hold a user or password'],
      [{ ...imap, CASELINE_IMAP_USER: '' }, 'CASELINE_IMAP_USER must be set'],
      [{ ...imap, CASELINE_IMAP_PASSWORD_FILE: '' }, 'CASELINE_IMAP_PASSWORD_FILE must name a file'],
      [{ CASELINE_IMAP_USER: 'intake' }, 'need CASELINE_IMAP_URL'],
      [{ ...imap, CASELINE_IMAP_INTERVAL_SECONDS: '0' }, 'CASELINE_IMAP_INTERVAL_SECONDS must be an integer from 1'],
    ];
    for (const [env, message] of cases) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(message);
    }
  });

  it('never echoes an address of a bad recipient list in its error', () => {
    fc.assert(
      fc.property(fc.array(fc.emailAddress(), { minLength: 1, maxLength: 5 }), fc.string({ minLength: 1 }), (addresses, junk) => {
        const bad = `${junk.replace(/,/g, '')} x y`;
        const list = [...addresses, bad].join(',');
        try {
          loadConfig({ CASELINE_SMTP_PORT: '25', CASELINE_SMTP_RECIPIENTS: list });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          const message = (error as Error).message;
          expect(message).toMatch(/^CASELINE_SMTP_RECIPIENTS: entry \d+ of \d+ /);
          for (const address of addresses) expect(message).not.toContain(address);
          return;
        }
        throw new Error('a list with a blank-separated entry was accepted');
      }),
    );
  });

  it('accepts any list of well-formed addresses and domains, lower-cased', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.emailAddress(),
            fc.domain(),
            fc.domain().map((d) => `@${d}`),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (entries) => {
          const config = loadConfig({ CASELINE_SMTP_PORT: '25', CASELINE_SMTP_RECIPIENTS: entries.join(' , ') });
          expect(config.emailIntake.smtp!.recipients).toEqual(entries.map((e) => e.toLowerCase()));
        },
      ),
    );
  });
});
