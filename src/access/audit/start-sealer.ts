import type { Kysely } from 'kysely';
import type { Tables } from '../../db/index.ts';
import { createCheckpointExporter } from './checkpoint-exporter.ts';
import type { CheckpointSink } from './checkpoint-sink.ts';
import { sealPending, type SealOptions } from './seal-pending.ts';

export interface SealerOptions extends SealOptions {
  /** Pause between rounds (default 1000 ms). */
  readonly intervalMs?: number;
  readonly sinks?: readonly CheckpointSink[];
  /** A round's failure (database, sink); the loop carries on with the next round. */
  readonly onError: (error: unknown) => void;
}

/**
 * Seals in the background: each round seals until the queue is empty, then exports new
 * checkpoints to the sinks. Its timer is unref'd, so it never keeps the process alive.
 * The returned function stops it and resolves once a running round has finished.
 */
export function startSealer(db: Kysely<Tables>, options: SealerOptions): () => Promise<void> {
  const interval = options.intervalMs ?? 1000;
  const sinks = options.sinks ?? [];
  const exporter = createCheckpointExporter(db, sinks);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function round(): Promise<void> {
    try {
      let result;
      do {
        result = await sealPending(db, options);
      } while (!stopped && !result.busy && result.sealed === options.batchSize);
      if (sinks.length > 0) {
        const report = await exporter.exportPending();
        for (const failure of report.failures) {
          options.onError(new Error(`audit checkpoint export to ${failure.sink} failed`, { cause: failure.error }));
        }
      }
    } catch (error) {
      options.onError(error);
    }
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(() => schedule(interval));
    }, delay);
    timer.unref();
  }

  schedule(0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
