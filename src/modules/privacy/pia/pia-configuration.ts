import type { Config } from '../../../config.ts';

/**
 * What a privacy impact assessment says about the running configuration: which engine,
 * where the master key comes from, which channels take personal data in and let it out.
 * Only kinds and yes/no: no key, URL, password, path or address is carried, so nothing
 * secret can reach the assessment.
 */
export interface PiaConfiguration {
  /** 'postgres' when DATABASE_URL names a server; 'pglite' for the embedded database in the data directory. */
  readonly engine: 'postgres' | 'pglite';
  /** 'environment' when CASELINE_MASTER_KEY is set; 'file' for the key file Caseline keeps in its data directory. */
  readonly keyring: 'file' | 'environment';
  /** Caseline itself serves HTTPS (CASELINE_TLS_CERT and CASELINE_TLS_KEY). */
  readonly tls: boolean;
  /** Caseline sits behind a reverse proxy it trusts for client addresses (CASELINE_TRUST_PROXY). */
  readonly behindProxy: boolean;
  /** Staff may sign in through an OpenID Connect provider. */
  readonly singleSignOn: boolean;
  /** Outbound e-mail goes through a configured SMTP relay; otherwise it stays queued. */
  readonly mailRelay: boolean;
  readonly intake: {
    readonly smtpListener: boolean;
    readonly imapPoller: boolean;
    /** How many fax-to-e-mail gateways are recognised (their addresses are not carried). */
    readonly faxGateways: number;
    /** The record type a case opened from an e-mail gets. */
    readonly emailRecordType: string;
    /** Public web-form submissions allowed per client address per minute. */
    readonly webFormRateLimit: number;
  };
  readonly audit: {
    /** A signed checkpoint of the audit chain is written every this many entries. */
    readonly checkpointEvery: number;
    /** Checkpoints are also sent to a webhook (held elsewhere than the database). */
    readonly checkpointWebhook: boolean;
  };
  readonly sessionIdleMinutes: number;
  readonly signInRateLimit: number;
  readonly attachmentMaxBytes: number;
  /** The agency named on letters (CASELINE_AGENCY_NAME); the assessment is prepared for it. */
  readonly agencyName: string;
  readonly timeZone: string;
}

/** The assessment's view of a loaded configuration: kinds and switches, never their values. */
export function piaConfigurationOf(config: Config): PiaConfiguration {
  return {
    engine: config.databaseUrl === null ? 'pglite' : 'postgres',
    keyring: config.masterKey === null ? 'file' : 'environment',
    tls: config.tlsCert !== null,
    behindProxy: config.trustProxy,
    singleSignOn: config.oidc !== null,
    mailRelay: config.smtpRelay !== null,
    intake: {
      smtpListener: config.emailIntake.smtp !== null,
      imapPoller: config.emailIntake.imap !== null,
      faxGateways: config.emailIntake.faxGateways.length,
      emailRecordType: config.emailIntake.recordType,
      webFormRateLimit: config.webFormRateLimit,
    },
    audit: { checkpointEvery: config.auditCheckpointEvery, checkpointWebhook: config.auditWebhook !== null },
    sessionIdleMinutes: config.sessionIdleMinutes,
    signInRateLimit: config.signInRateLimit,
    attachmentMaxBytes: config.attachments.maxBytes,
    agencyName: config.agency.name,
    timeZone: config.timeZone,
  };
}
