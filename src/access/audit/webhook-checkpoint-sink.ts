import { checkpointToJson } from './checkpoint.ts';
import type { CheckpointSink } from './checkpoint-sink.ts';

export interface WebhookOptions {
  /** Per request (default 5000). */
  readonly timeoutMs?: number;
  /** E.g. an Authorization header the receiver requires. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * POSTs each checkpoint's JSON to `url`; any answer but 2xx is a failure, retried on the
 * exporter's next round. The receiver should keep checkpoints keyed by chain_pos: after a
 * restart the newest one is sent again.
 */
export function webhookCheckpointSink(url: string, options: WebhookOptions = {}): CheckpointSink {
  const target = new URL(url);
  return {
    name: `webhook:${target.origin}${target.pathname}`,
    async exportedThrough() {
      return null;
    },
    async deliver(checkpoint) {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: checkpointToJson(checkpoint),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`checkpoint webhook answered ${response.status}`);
    },
  };
}
