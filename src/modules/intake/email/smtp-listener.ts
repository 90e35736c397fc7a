import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { matchesAddressList } from './address-list.ts';
import type { IntakeLogger } from './intake-logger.ts';
import { MessageRejected } from './message-rejected.ts';

export interface SmtpEnvelope {
  /** The envelope sender; `''` for the null sender of bounces and auto-replies. */
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly remoteAddress: string;
}

export interface SmtpListenerOptions {
  /** Defaults to 127.0.0.1: the listener is meant to sit behind the agency's mail relay. */
  readonly host?: string;
  /** 0 picks a free port; the bound one is on the returned listener. */
  readonly port: number;
  /** The name in the greeting and EHLO reply. */
  readonly serverName?: string;
  /** Addresses and/or domains mail is taken for (case-insensitive); anything else gets 550. */
  readonly acceptedRecipients: readonly string[];
  /** Announced with SIZE; a larger message gets 552. */
  readonly maxMessageBytes: number;
  readonly maxConnections?: number;
  readonly maxRecipients?: number;
  /** Offers STARTTLS with this key and certificate (PEM); without it the listener is plain SMTP. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** How long close() lets idle connections linger before cutting them off. */
  readonly closeTimeoutMs?: number;
  readonly logger: IntakeLogger;
  /**
   * Takes one message for good (stores it). The sender gets 250 only once this resolves, so a
   * crash before then loses nothing: the sender still has the message and retries. Throw
   * MessageRejected to refuse it for good (554); anything else asks the sender to retry (451).
   */
  readonly onMessage: (raw: Buffer, envelope: SmtpEnvelope) => Promise<void>;
}

export interface SmtpListener {
  readonly port: number;
  /** Stops taking connections, waits for messages being handled, then for connections to end. */
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

const tryAgainLater = () => smtpError(451, 'Temporary failure, please try again later');

/** Reads the DATA stream, keeping at most `limit` bytes (the server refuses the rest with 552). */
async function readMessage(stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes <= limit) chunks.push(chunk);
  }
  return stream.sizeExceeded || bytes > limit ? null : Buffer.concat(chunks, bytes);
}

function envelopeOf(session: SMTPServerSession): SmtpEnvelope {
  const { mailFrom, rcptTo } = session.envelope;
  return {
    mailFrom: mailFrom ? mailFrom.address : '',
    rcptTo: rcptTo.map((r) => r.address),
    remoteAddress: session.remoteAddress,
  };
}

/**
 * An SMTP listener for the e-mail intake channel. Enhanced status codes (RFC 3463) are on:
 * 550 5.1.1 unknown recipient, 452 4.5.3 too many recipients, 552 5.3.4 too large,
 * 554 5.6.0 refused by the handler, 451 4.3.0 handler failed (retry), 250 2.6.0 accepted.
 * Reply texts never echo the sender's data.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { logger, onMessage, maxMessageBytes, acceptedRecipients } = options;
  const inFlight = new Set<Promise<void>>();

  const handle = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> => {
    const raw = await readMessage(stream, maxMessageBytes).catch(() => {
      throw tryAgainLater();
    });
    const fields = { session: session.id, recipients: session.envelope.rcptTo.length };
    // The server itself answers 552 for an oversized message, whatever we report.
    if (raw === null) {
      logger.warn({ ...fields, limit: maxMessageBytes }, 'smtp message over size limit refused');
      return;
    }
    try {
      await onMessage(raw, envelopeOf(session));
    } catch (error) {
      const name = error instanceof Error ? error.name : 'unknown';
      if (error instanceof MessageRejected) {
        logger.warn({ ...fields, bytes: raw.length, error: name }, 'smtp message refused by handler');
        throw smtpError(554, 'Message refused');
      }
      logger.error({ ...fields, bytes: raw.length, error: name }, 'smtp message handler failed; sender asked to retry');
      throw tryAgainLater();
    }
    logger.info({ ...fields, bytes: raw.length }, 'smtp message accepted');
  };

  const server = new SMTPServer({
    name: options.serverName,
    size: maxMessageBytes,
    rejectOversized: true,
    maxClients: options.maxConnections ?? 20,
    maxRecipients: options.maxRecipients ?? 50,
    closeTimeout: options.closeTimeoutMs ?? 30_000,
    hideENHANCEDSTATUSCODES: false,
    // No delivery status notifications are ever generated here, so none are offered.
    hideDSN: true,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    // The peer's name is not needed, and a slow resolver would delay every greeting.
    disableReverseLookup: true,
    // smtp-server's own log lines carry addresses.
    logger: false,
    onRcptTo(address, _session, callback) {
      if (matchesAddressList(address.address, acceptedRecipients)) return callback();
      callback(smtpError(550, 'Recipient not accepted here'));
    },
    onData(stream, session, callback) {
      const work = handle(stream, session);
      const settled = work.then(
        () => callback(),
        (error: Error) => callback(error),
      );
      inFlight.add(settled);
      void settled.finally(() => inFlight.delete(settled));
    },
  });
  server.on('error', (error: Error & { code?: string }) => {
    logger.warn({ error: error.code ?? error.name }, 'smtp connection error');
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  logger.info({ port }, 'smtp listener started');

  return {
    port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(inFlight);
      await closed;
      logger.info({ port }, 'smtp listener stopped');
    },
  };
}
