import fs from 'node:fs/promises';
import type { Database } from '../../db/index.ts';
import type { AttachmentService } from '../attachments/index.ts';
import type { CaseService } from '../cases/index.ts';
import type { CustomerFinder } from '../customers/index.ts';
import { createEmailIntake } from './email/email-to-case.ts';
import { startImapPoller, type ImapPoller } from './email/imap-poller.ts';
import type { IntakeLogger } from './email/intake-logger.ts';
import { startSmtpListener, type SmtpListener } from './email/smtp-listener.ts';
import type { EmailIntakeSettings } from './intake-config.ts';

export interface EmailIntakeDeps {
  readonly settings: EmailIntakeSettings;
  readonly database: Database;
  /** The services the HTTP routes use, so a mailed case is routed, acknowledged and surveyed like any other. */
  readonly cases: CaseService;
  readonly finder: CustomerFinder;
  readonly attachments: AttachmentService;
  readonly clock: () => Date;
  readonly logger: IntakeLogger;
  /** How long stop() lets idle SMTP connections linger before cutting them off. */
  readonly smtpCloseTimeoutMs?: number;
}

export interface RunningEmailIntake {
  /** The port the SMTP listener is bound to; null without one. */
  readonly smtpPort: number | null;
  /** One line per channel saying where it takes mail from; no personal data. */
  readonly summary: readonly string[];
  /** Stops taking mail and waits for messages in hand to be committed (or refused). */
  stop(): Promise<void>;
}

/** An error whose message names the setting at fault, for a failed start. */
function startFailure(variable: string, what: string, error: unknown): Error {
  const code = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'unknown error');
  return new Error(`${variable}: ${what} (${code})`);
}

async function readPassword(file: string): Promise<string> {
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw startFailure('CASELINE_IMAP_PASSWORD_FILE', 'cannot read the IMAP password file', error);
  }
  // Editors and `echo` end the file with a newline that is no part of the password.
  const password = content.replace(/\r?\n$/, '');
  if (password === '') throw new Error('CASELINE_IMAP_PASSWORD_FILE: the IMAP password file is empty');
  return password;
}

const megabytes = (bytes: number) => `${Number((bytes / 1024 ** 2).toFixed(1))} MB`;

/**
 * Starts the e-mail intake channels the settings turn on: the SMTP listener and/or the IMAP
 * poller, both handing each message to the same intake (a case opened or continued, committed
 * before the sender's 250 or the IMAP \Seen). Null when neither is configured.
 */
export async function startEmailIntake(deps: EmailIntakeDeps): Promise<RunningEmailIntake | null> {
  const { settings, logger } = deps;
  if (settings.smtp === null && settings.imap === null) return null;
  // The password first: a wrong file refuses the start before anything listens.
  const password = settings.imap ? await readPassword(settings.imap.passwordFile) : null;

  const intake = createEmailIntake({
    database: deps.database,
    cases: deps.cases,
    finder: deps.finder,
    attachments: deps.attachments,
    clock: deps.clock,
    recordType: settings.recordType,
    faxGateways: settings.faxGateways,
  });
  const summary: string[] = [];

  let listener: SmtpListener | null = null;
  if (settings.smtp) {
    const smtp = settings.smtp;
    try {
      listener = await startSmtpListener({
        host: smtp.host,
        port: smtp.port,
        acceptedRecipients: smtp.recipients,
        maxMessageBytes: smtp.maxBytes,
        closeTimeoutMs: deps.smtpCloseTimeoutMs ?? 5000,
        logger,
        onMessage: async (raw, envelope) => {
          await intake(raw, envelope.mailFrom);
        },
      });
    } catch (error) {
      throw startFailure('CASELINE_SMTP_PORT', `cannot listen on ${smtp.host}:${smtp.port}`, error);
    }
    const host = smtp.host.includes(':') ? `[${smtp.host}]` : smtp.host;
    const count = smtp.recipients.length;
    summary.push(
      `E-mail intake: SMTP on ${host}:${listener.port} (${count} accepted recipient ${count === 1 ? 'entry' : 'entries'}, messages up to ${megabytes(smtp.maxBytes)})`,
    );
  }

  let poller: ImapPoller | null = null;
  if (settings.imap && password !== null) {
    const imap = settings.imap;
    poller = startImapPoller({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: password },
      mailbox: imap.mailbox,
      intervalMs: imap.intervalSeconds * 1000,
      logger,
      onMessage: async (raw) => {
        await intake(raw);
      },
    });
    const host = imap.host.includes(':') ? `[${imap.host}]` : imap.host;
    summary.push(
      `E-mail intake: IMAP mailbox ${JSON.stringify(imap.mailbox)} on ${imap.secure ? 'imaps' : 'imap'}://${host}:${imap.port}, every ${imap.intervalSeconds} s`,
    );
  }

  let stopping: Promise<void> | null = null;
  return {
    smtpPort: listener?.port ?? null,
    summary,
    stop() {
      stopping ??= Promise.all([listener?.close(), poller?.stop()]).then(() => undefined);
      return stopping;
    },
  };
}
