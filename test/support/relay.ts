import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestRelay {
  readonly port: number;
  /** smtp://127.0.0.1:<port>, as CASELINE_SMTP_RELAY takes it. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * An SMTP relay in this process on 127.0.0.1 and a random port, no TLS, no auth: each
 * message's raw bytes go to `onMessage`; it answers 250 when that resolves, and the error
 * (with its `responseCode`, if any) when it throws.
 */
export async function startTestRelay(onMessage: (raw: Buffer) => void | Promise<void>): Promise<TestRelay> {
  const relay = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        Promise.resolve()
          .then(() => onMessage(Buffer.concat(chunks)))
          .then(
            () => callback(),
            (error: Error) => callback(error),
          );
      });
    },
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const port = (relay.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}
