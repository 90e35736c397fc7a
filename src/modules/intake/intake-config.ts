import { caseRecordTypes, type CaseRecordType } from '../cases/index.ts';

/** The SMTP listener of the e-mail intake (CASELINE_SMTP_*). */
export interface SmtpIntakeSettings {
  readonly host: string;
  /** 0 picks a free port (tests); the bound one is reported by startEmailIntake. */
  readonly port: number;
  /** Addresses and/or domains (`@agency.gov`) mail is taken for; anything else gets 550. */
  readonly recipients: readonly string[];
  readonly maxBytes: number;
}

/** The IMAP poller of the e-mail intake (CASELINE_IMAP_*). */
export interface ImapIntakeSettings {
  readonly host: string;
  readonly port: number;
  /** imaps:// (TLS from the first byte); imap:// uses STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user: string;
  /** The password is read from this file at start, never from the environment. */
  readonly passwordFile: string;
  readonly mailbox: string;
  readonly intervalSeconds: number;
}

export interface EmailIntakeSettings {
  /** null: no SMTP listener (CASELINE_SMTP_PORT unset). */
  readonly smtp: SmtpIntakeSettings | null;
  /** null: no IMAP poller (CASELINE_IMAP_URL unset). */
  readonly imap: ImapIntakeSettings | null;
  /** The record type a case opened from an e-mail gets. */
  readonly recordType: CaseRecordType;
  /** Fax-to-e-mail gateways: sender addresses and/or domains. */
  readonly faxGateways: readonly string[];
}

export const defaultSmtpMaxBytes = 25 * 1024 * 1024;
export const defaultIntakeRecordType: CaseRecordType = 'usps-880/usps-com-care';

/** Builds the error the caller's configuration reports (config.ts passes its ConfigError). */
export type ConfigProblem = (message: string) => Error;

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const domainPattern = new RegExp(`^(?=.{1,253}$)${label}(?:\\.${label})*$`, 'i');
const localPartPattern = /^[^\s@,;<>()[\]\\"]{1,64}$/;

function text(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? null : raw.trim();
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problem: ConfigProblem): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw problem(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Whether an entry is `local@domain`, `@domain` or a bare `domain` (see matchesAddressList). */
export function isAddressListEntry(entry: string): boolean {
  const at = entry.lastIndexOf('@');
  if (at < 0) return domainPattern.test(entry);
  const local = entry.slice(0, at);
  return (local === '' || localPartPattern.test(local)) && domainPattern.test(entry.slice(at + 1));
}

/**
 * A comma-separated list of addresses and domains. A wrong entry is named by its position,
 * not its text: an address in the configuration may still be a person's.
 */
function addressList(env: NodeJS.ProcessEnv, name: string, problem: ConfigProblem): string[] {
  const raw = text(env, name);
  if (raw === null) return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    if (!isAddressListEntry(entry)) {
      throw problem(
        `${name}: entry ${index + 1} of ${entries.length} is not an e-mail address, @domain or domain (separate entries with commas)`,
      );
    }
  });
  return entries.map((entry) => entry.toLowerCase());
}

function smtpOf(env: NodeJS.ProcessEnv, problem: ConfigProblem): SmtpIntakeSettings | null {
  const recipients = addressList(env, 'CASELINE_SMTP_RECIPIENTS', problem);
  if (text(env, 'CASELINE_SMTP_PORT') === null) {
    if (recipients.length > 0) {
      throw problem('CASELINE_SMTP_RECIPIENTS is set but CASELINE_SMTP_PORT is not: set the port to start the SMTP listener');
    }
    return null;
  }
  const port = integer(env, 'CASELINE_SMTP_PORT', 0, 0, 65535, problem);
  if (recipients.length === 0) {
    throw problem('CASELINE_SMTP_RECIPIENTS must list the addresses or @domains the SMTP listener accepts mail for');
  }
  const host = text(env, 'CASELINE_SMTP_HOST') ?? '127.0.0.1';
  if (/[\s/]/.test(host)) throw problem('CASELINE_SMTP_HOST must be an address or host name to listen on, such as 127.0.0.1');
  return {
    host,
    port,
    recipients,
    maxBytes: integer(env, 'CASELINE_SMTP_MAX_BYTES', defaultSmtpMaxBytes, 1024, 1024 ** 3, problem),
  };
}

function imapOf(env: NodeJS.ProcessEnv, problem: ConfigProblem): ImapIntakeSettings | null {
  const raw = text(env, 'CASELINE_IMAP_URL');
  const user = text(env, 'CASELINE_IMAP_USER');
  const passwordFile = text(env, 'CASELINE_IMAP_PASSWORD_FILE');
  if (raw === null) {
    if (user !== null || passwordFile !== null) {
      throw problem('CASELINE_IMAP_USER and CASELINE_IMAP_PASSWORD_FILE need CASELINE_IMAP_URL (the IMAP poller is off without it)');
    }
    return null;
  }
  const invalid = problem('CASELINE_IMAP_URL must be imaps://host[:port] or imap://host[:port], without a user, password or path');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid;
  }
  if (url.username || url.password) {
    throw problem(
      'CASELINE_IMAP_URL must not hold a user or password: set CASELINE_IMAP_USER, and CASELINE_IMAP_PASSWORD_FILE to a file holding the password',
    );
  }
  if (!['imap:', 'imaps:'].includes(url.protocol) || url.hostname === '' || !['', '/'].includes(url.pathname) || url.search || url.hash) {
    throw invalid;
  }
  if (user === null) throw problem('CASELINE_IMAP_USER must be set with CASELINE_IMAP_URL');
  if (passwordFile === null) {
    throw problem(
      'CASELINE_IMAP_PASSWORD_FILE must name a file holding the IMAP password (never put the password itself in the environment)',
    );
  }
  const secure = url.protocol === 'imaps:';
  return {
    // URL keeps the brackets of an IPv6 literal; sockets want it bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 993 : 143) : Number(url.port),
    secure,
    user,
    passwordFile,
    mailbox: text(env, 'CASELINE_IMAP_MAILBOX') ?? 'INBOX',
    intervalSeconds: integer(env, 'CASELINE_IMAP_INTERVAL_SECONDS', 60, 1, 86_400, problem),
  };
}

/** Reads the e-mail intake's settings; every error names the variable at fault. */
export function emailIntakeSettingsOf(env: NodeJS.ProcessEnv, problem: ConfigProblem): EmailIntakeSettings {
  const recordType = text(env, 'CASELINE_INTAKE_RECORD_TYPE') ?? defaultIntakeRecordType;
  if (!Object.hasOwn(caseRecordTypes, recordType)) {
    throw problem(`CASELINE_INTAKE_RECORD_TYPE must be a case record type: ${Object.keys(caseRecordTypes).join(', ')}`);
  }
  return {
    smtp: smtpOf(env, problem),
    imap: imapOf(env, problem),
    recordType: recordType as CaseRecordType,
    faxGateways: addressList(env, 'CASELINE_FAX_GATEWAYS', problem),
  };
}
