import type { Database } from '../../../db/index.ts';
import type { RetentionSweep, SweepResult } from './retention-sweep.ts';

export interface RetentionSchedule {
  /** One run now (also what the timer does). */
  runOnce(): Promise<SweepResult>;
  stop(): Promise<void>;
}

export interface RetentionScheduleOptions {
  readonly database: Database;
  readonly sweep: RetentionSweep;
  readonly clock: () => Date;
  readonly intervalMs: number;
  /** Told of each run that disposed of something, and of failures: counts and codes only. */
  readonly log: (event: { msg: string; run?: string; records?: number; keys?: number; files?: number; error?: string }) => void;
}

/**
 * The server's retention sweep, every interval. Runs never overlap in one server; two
 * servers may run at once (the sweep claims rows with SKIP LOCKED). Stopping waits for
 * the batch in progress, which commits or rolls back whole.
 */
export function startRetentionSchedule(options: RetentionScheduleOptions): RetentionSchedule {
  const stopping = new AbortController();
  let running: Promise<SweepResult> | null = null;
  const runOnce = (): Promise<SweepResult> => {
    running ??= options.sweep.run(options.database, options.clock(), { job: 'retention', signal: stopping.signal }).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    runOnce().then(
      (result) => {
        const records = result.lines.reduce((n, line) => n + line.records, 0);
        if (records + result.filesRemoved > 0)
          options.log({
            msg: 'retention sweep disposed of records',
            run: result.runId,
            records,
            keys: result.lines.reduce((n, line) => n + line.keysDestroyed, 0),
            files: result.filesRemoved,
          });
      },
      (error: unknown) => {
        if (!stopping.signal.aborted)
          options.log({ msg: 'retention sweep failed', error: error instanceof Error ? error.name : 'unknown' });
      },
    );
  }, options.intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      stopping.abort();
      await running?.catch(() => undefined);
    },
  };
}
