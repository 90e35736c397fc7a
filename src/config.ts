import path from 'node:path';

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
  /** Sign-in attempts (password, TOTP) allowed per client address per minute. */
  readonly signInRateLimit: number;
}

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
  return {
    port: integer(env, 'CASELINE_PORT', 8080, 0, 65535),
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
  };
}
