import type { Kysely } from 'kysely';
import { withPrincipal, type Tables } from '../../db/index.ts';
import { selectCheckpoints, selectLatestCheckpointPos } from './audit-log-repository.ts';
import type { CheckpointSink } from './checkpoint-sink.ts';
import { sealerPrincipal } from './seal-pending.ts';

export interface ExportReport {
  /** Checkpoints delivered, by sink name. */
  readonly delivered: Readonly<Record<string, number>>;
  readonly failures: readonly { readonly sink: string; readonly error: unknown }[];
}

export interface CheckpointExporter {
  /** Delivers checkpoints each sink does not hold yet, oldest first; never throws for a sink. */
  exportPending(): Promise<ExportReport>;
}

export interface ExporterOptions {
  /** At most this many per sink and round, so one slow sink cannot hold a round for long. */
  readonly perRound?: number;
}

/**
 * The audit_checkpoints table is the outbox: each sink has a cursor (the highest
 * position it holds), learnt from the sink once and then kept here, and gets every
 * checkpoint after it, in order. A failure leaves the cursor where it is, so the
 * checkpoint is tried again next round while sealing carries on.
 */
export function createCheckpointExporter(
  db: Kysely<Tables>,
  sinks: readonly CheckpointSink[],
  options: ExporterOptions = {},
): CheckpointExporter {
  const perRound = options.perRound ?? 100;
  const cursors = new Map<CheckpointSink, number>();

  async function cursorOf(sink: CheckpointSink): Promise<number> {
    const known = cursors.get(sink);
    if (known !== undefined) return known;
    let cursor = await sink.exportedThrough();
    if (cursor === null) {
      // The sink cannot tell what it holds: start just before the newest checkpoint.
      const latest = await withPrincipal(db, sealerPrincipal, (trx) => selectLatestCheckpointPos(trx), 'caseline_sealer');
      cursor = latest === null ? 0 : latest - 1;
    }
    cursors.set(sink, cursor);
    return cursor;
  }

  return {
    async exportPending() {
      const delivered: Record<string, number> = {};
      const failures: { sink: string; error: unknown }[] = [];
      for (const sink of sinks) {
        let count = 0;
        try {
          const cursor = await cursorOf(sink);
          const due = await withPrincipal(db, sealerPrincipal, (trx) => selectCheckpoints(trx, cursor, perRound), 'caseline_sealer');
          for (const checkpoint of due) {
            await sink.deliver(checkpoint);
            cursors.set(sink, checkpoint.chainPos);
            count += 1;
          }
        } catch (error) {
          failures.push({ sink: sink.name, error });
        }
        delivered[sink.name] = count;
      }
      return { delivered, failures };
    },
  };
}
