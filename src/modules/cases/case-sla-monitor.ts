import { systemPrincipal } from '../../access/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import type { CaseSla, SweepResult } from './case-sla.ts';

export interface SlaMonitor {
  /** One sweep now (also what the timer runs). */
  runOnce(): Promise<SweepResult>;
  stop(): Promise<void>;
}

export interface SlaMonitorOptions {
  readonly database: Database;
  readonly sla: CaseSla;
  readonly clock: () => Date;
  readonly intervalMs: number;
  /** Told of each sweep that announced something, and of failures; counts and codes only. */
  readonly log: (event: { msg: string; warnings?: number; breaches?: number; error?: string }) => void;
}

/**
 * Sweeps the open cases every interval. A sweep is one transaction: if it fails, nothing
 * was announced and the next one tries again; sweeps never overlap.
 */
export function startSlaMonitor(options: SlaMonitorOptions): SlaMonitor {
  const principal = systemPrincipal('sla-monitor');
  let running: Promise<SweepResult> | null = null;
  const runOnce = (): Promise<SweepResult> => {
    running ??= withPrincipal(options.database.db, principal, (trx) => options.sla.sweep(trx, principal, options.clock())).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    runOnce().then(
      (result) => {
        if (result.warnings + result.breaches > 0)
          options.log({ msg: 'SLA sweep announced alerts', warnings: result.warnings, breaches: result.breaches });
      },
      (error: unknown) => options.log({ msg: 'SLA sweep failed', error: error instanceof Error ? error.name : 'unknown' }),
    );
  }, options.intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
