import path from 'node:path';
import { isStaffRole, staffRoles, type OidcSettings, type RoleMapping } from './access/index.ts';
import { emailIntakeSettingsOf, type EmailIntakeSettings } from './modules/intake/index.ts';

/** Every setting Caseline reads from its environment; the README's configuration table mirrors this. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly masterKey: string | null;
  readonly logLevel: string;
  readonly tlsCert: string | null;
  readonly tlsKey: string | null;
  readonly timeZone: string;
  readonly auditCheckpointFile: string;
  readonly auditWebhook: string | null;
  readonly auditCheckpointEvery: number;
  readonly sessionIdleMinutes: number;
  readonly trustProxy: boolean;
  /** Sign-in attempts (password, TOTP, single sign-on) allowed per client address per minute. */
  readonly signInRateLimit: number;
  /** Public web-form submissions allowed per client address per minute (CASELINE_WEB_FORM_RATE_LIMIT). */
  readonly webFormRateLimit: number;
  /** The console's external origin, as browsers (and the OpenID provider's redirects) reach it. */
  readonly publicUrl: string;
  /** Single sign-on, or null (off) unless CASELINE_OIDC_ISSUER and CASELINE_OIDC_CLIENT_ID are set. */
  readonly oidc: OidcSettings | null;
  /** The SMTP relay outbound e-mail goes through (smtp:// or smtps:// URL); null: outbound mail stays queued. */
  readonly smtpRelay: string | null;
  /** The From of outbound e-mail, e.g. `Customer Care <care@example.gov>`; required with smtpRelay. */
  readonly mailFrom: string | null;
  /** The letterhead and return address of reply letters and fax cover sheets (CASELINE_AGENCY_*). */
  readonly agency: AgencyLetterhead;
  /** Where text messages (SMS) go: an HTTP gateway (CASELINE_TEXT_GATEWAY_URL, _TOKEN); null: none are sent. */
  readonly textGateway: { readonly url: string; readonly token: string | null } | null;
  /** The e-mail intake: SMTP listener (CASELINE_SMTP_*) and/or IMAP poller (CASELINE_IMAP_*), each off unless configured. */
  readonly emailIntake: EmailIntakeSettings;
  /** Case attachments: the directory of their encrypted files (CASELINE_ATTACHMENTS_DIR) and the largest file taken (CASELINE_ATTACHMENT_MAX_BYTES). */
  readonly attachments: { readonly dir: string; readonly maxBytes: number };
}

export const defaultOidcLabel = 'Sign in with single sign-on';

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function text(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  return raw === undefined || raw === '' ? null : raw;
}

function publicUrlOf(env: NodeJS.ProcessEnv, port: number, tls: boolean): string {
  const raw = text(env, 'CASELINE_PUBLIC_URL');
  if (raw === null) return `${tls ? 'https' : 'http'}://localhost:${port}`;
  const problem = new ConfigError('CASELINE_PUBLIC_URL must be an http(s) origin without a path, such as https://caseline.example.gov');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw problem;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw problem;
  }
  return url.origin;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function issuerOf(raw: string): string {
  const problem = new ConfigError(
    "CASELINE_OIDC_ISSUER must be the provider's https issuer URL (plain http only for a provider on this machine: localhost, 127.0.0.1, [::1])",
  );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw problem;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
  if (!secure || url.search || url.hash || url.username || url.password) throw problem;
  return raw;
}

function roleOf(group: string, role: string): RoleMapping {
  if (group === '') throw new ConfigError('CASELINE_OIDC_ROLE_MAP: a group name is empty');
  if (!isStaffRole(role)) {
    throw new ConfigError(
      `CASELINE_OIDC_ROLE_MAP: "${role}" (for group "${group}") is not a staff role; use one of ${staffRoles.join(', ')}`,
    );
  }
  return { group, role };
}

/**
 * `group=role,group=role` (a group may be listed twice for two roles), or a JSON object
 * `{"group": "role" | ["role", …]}` for group names holding commas or equals signs (LDAP DNs).
 */
function roleMapOf(raw: string): RoleMapping[] {
  if (raw.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ConfigError('CASELINE_OIDC_ROLE_MAP is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError('CASELINE_OIDC_ROLE_MAP as JSON must be an object of group: role');
    }
    return Object.entries(parsed).flatMap(([group, roles]) => {
      const list: unknown[] = Array.isArray(roles) ? roles : [roles];
      return list.map((role) => {
        if (typeof role !== 'string') throw new ConfigError(`CASELINE_OIDC_ROLE_MAP: the role of group "${group}" must be a string`);
        return roleOf(group, role);
      });
    });
  }
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const at = entry.lastIndexOf('=');
      if (at < 0) {
        throw new ConfigError(
          `CASELINE_OIDC_ROLE_MAP must list group=role pairs separated by commas, e.g. cc-agents=agent; got "${entry}"`,
        );
      }
      return roleOf(entry.slice(0, at).trim(), entry.slice(at + 1).trim());
    });
}

function oidcOf(env: NodeJS.ProcessEnv, publicUrl: string): OidcSettings | null {
  const issuer = text(env, 'CASELINE_OIDC_ISSUER');
  const clientId = text(env, 'CASELINE_OIDC_CLIENT_ID');
  if (issuer === null && clientId === null) return null;
  if (issuer === null || clientId === null) {
    throw new ConfigError('CASELINE_OIDC_ISSUER and CASELINE_OIDC_CLIENT_ID must be set together (single sign-on is off when neither is)');
  }
  const mapText = text(env, 'CASELINE_OIDC_ROLE_MAP');
  const roleMap = mapText === null ? [] : roleMapOf(mapText);
  if (roleMap.length === 0) {
    throw new ConfigError(
      'CASELINE_OIDC_ROLE_MAP must map at least one group to a staff role when single sign-on is on, e.g. cc-agents=agent',
    );
  }
  const label = text(env, 'CASELINE_OIDC_LABEL') ?? defaultOidcLabel;
  if (label.length > 80) throw new ConfigError('CASELINE_OIDC_LABEL must be at most 80 characters');
  return {
    issuer: issuerOf(issuer),
    clientId,
    clientSecret: text(env, 'CASELINE_OIDC_CLIENT_SECRET'),
    redirectUri: `${publicUrl}/api/auth/oidc/callback`,
    roleClaim: text(env, 'CASELINE_OIDC_ROLE_CLAIM') ?? 'groups',
    roleMap,
    areaClaim: text(env, 'CASELINE_OIDC_AREA_CLAIM'),
    label,
  };
}

export interface AgencyLetterhead {
  readonly name: string;
  /** Return address lines, e.g. ['475 LENFANT PLZ SW', 'WASHINGTON DC 20260-0004']; empty when not configured. */
  readonly address: readonly string[];
  /** The agency's fax number as printed on fax cover sheets, or null. */
  readonly fax: string | null;
}

/** CASELINE_AGENCY_ADDRESS holds the return address lines separated by '|'. */
function agencyOf(env: NodeJS.ProcessEnv): AgencyLetterhead {
  const name = text(env, 'CASELINE_AGENCY_NAME') ?? 'Caseline Customer Care';
  if (name.length > 80) throw new ConfigError('CASELINE_AGENCY_NAME must be at most 80 characters');
  const address = (text(env, 'CASELINE_AGENCY_ADDRESS') ?? '')
    .split('|')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (address.length > 4 || address.some((line) => line.length > 60)) {
    throw new ConfigError('CASELINE_AGENCY_ADDRESS must be at most 4 lines of at most 60 characters, separated by |');
  }
  const fax = text(env, 'CASELINE_AGENCY_FAX');
  if (fax !== null && fax.length > 40) throw new ConfigError('CASELINE_AGENCY_FAX must be at most 40 characters');
  return { name, address, fax };
}

/** The relay URL; never repeated in an error, since it may carry the relay's credentials. */
function smtpRelayOf(env: NodeJS.ProcessEnv): string | null {
  const raw = text(env, 'CASELINE_SMTP_RELAY');
  if (raw === null) return null;
  const problem = new ConfigError(
    'CASELINE_SMTP_RELAY must be the mail relay as an smtp:// or smtps:// URL with a host and no path, such as smtp://relay.example.gov:25',
  );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw problem;
  }
  if (!['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '' || !['', '/'].includes(url.pathname) || url.hash) throw problem;
  return raw;
}

/** The gateway URL may carry credentials too: never repeated in an error. */
function textGatewayOf(env: NodeJS.ProcessEnv): Config['textGateway'] {
  const raw = text(env, 'CASELINE_TEXT_GATEWAY_URL');
  const token = text(env, 'CASELINE_TEXT_GATEWAY_TOKEN');
  if (raw === null) {
    if (token !== null) throw new ConfigError('CASELINE_TEXT_GATEWAY_TOKEN is set but CASELINE_TEXT_GATEWAY_URL is not');
    return null;
  }
  const problem = new ConfigError(
    'CASELINE_TEXT_GATEWAY_URL must be the text gateway as an https:// (or http://) URL, such as https://sms.example.gov/messages',
  );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw problem;
  }
  if (!['https:', 'http:'].includes(url.protocol) || url.hostname === '' || url.hash) throw problem;
  return { url: raw, token };
}

const mailboxAddress = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u;
const namedMailbox = /^\s*(?:"[^"\r\n]*"|[^"<>\r\n]*?)\s*<([^<>\s]+)>\s*$/u;

/** The From of outbound e-mail: required once a relay is set, so no message leaves without one. */
function mailFromOf(env: NodeJS.ProcessEnv, relay: string | null): string | null {
  const raw = text(env, 'CASELINE_MAIL_FROM');
  if (raw === null) {
    if (relay !== null)
      throw new ConfigError('CASELINE_MAIL_FROM must be set when CASELINE_SMTP_RELAY is, e.g. Customer Care <care@example.gov>');
    return null;
  }
  const trimmed = raw.trim();
  const address = mailboxAddress.test(trimmed) ? trimmed : namedMailbox.exec(trimmed)?.[1];
  if (address === undefined || !mailboxAddress.test(address)) {
    throw new ConfigError('CASELINE_MAIL_FROM must be an e-mail address, optionally with a name: Customer Care <care@example.gov>');
  }
  return trimmed;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(text(env, 'CASELINE_DATA') ?? 'data');
  const tlsCert = text(env, 'CASELINE_TLS_CERT');
  const tlsKey = text(env, 'CASELINE_TLS_KEY');
  if ((tlsCert === null) !== (tlsKey === null)) {
    throw new ConfigError('CASELINE_TLS_CERT and CASELINE_TLS_KEY must be set together');
  }
  const timeZone = text(env, 'CASELINE_TIME_ZONE') ?? 'America/New_York';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new ConfigError('CASELINE_TIME_ZONE must be an IANA time zone such as America/New_York');
  }
  const port = integer(env, 'CASELINE_PORT', 8080, 0, 65535);
  const publicUrl = publicUrlOf(env, port, tlsCert !== null);
  const smtpRelay = smtpRelayOf(env);
  return {
    port,
    host: text(env, 'CASELINE_HOST') ?? '0.0.0.0',
    dataDir,
    databaseUrl: text(env, 'DATABASE_URL'),
    masterKey: text(env, 'CASELINE_MASTER_KEY'),
    logLevel: text(env, 'CASELINE_LOG_LEVEL') ?? 'info',
    tlsCert,
    tlsKey,
    timeZone,
    auditCheckpointFile: path.resolve(text(env, 'CASELINE_AUDIT_CHECKPOINTS') ?? path.join(dataDir, 'audit-checkpoints.jsonl')),
    auditWebhook: text(env, 'CASELINE_AUDIT_WEBHOOK'),
    auditCheckpointEvery: integer(env, 'CASELINE_AUDIT_CHECKPOINT_EVERY', 1000, 1, 1_000_000),
    sessionIdleMinutes: integer(env, 'CASELINE_SESSION_IDLE_MINUTES', 15, 1, 24 * 60),
    trustProxy: text(env, 'CASELINE_TRUST_PROXY') === 'true',
    signInRateLimit: integer(env, 'CASELINE_SIGN_IN_RATE_LIMIT', 10, 1, 100_000),
    webFormRateLimit: integer(env, 'CASELINE_WEB_FORM_RATE_LIMIT', 5, 1, 100_000),
    publicUrl,
    oidc: oidcOf(env, publicUrl),
    smtpRelay,
    mailFrom: mailFromOf(env, smtpRelay),
    agency: agencyOf(env),
    textGateway: textGatewayOf(env),
    emailIntake: emailIntakeSettingsOf(env, (message) => new ConfigError(message)),
    attachments: {
      dir: path.resolve(text(env, 'CASELINE_ATTACHMENTS_DIR') ?? path.join(dataDir, 'attachments')),
      maxBytes: integer(env, 'CASELINE_ATTACHMENT_MAX_BYTES', 25 * 1024 * 1024, 1, 1024 * 1024 * 1024),
    },
  };
}
