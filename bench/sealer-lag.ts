import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { auditBacklog, sealPending, type AuditSigner } from '../src/access/index.ts';
import type { Tables } from '../src/db/index.ts';

export interface CatchUp {
  readonly entries: number;
  readonly ms: number;
  readonly perSec: number;
}

/** Seals everything pending, back to back in the sealer's batch size: how fast it can catch up. */
export async function sealBacklog(db: Kysely<Tables>, signer: AuditSigner, batchSize: number): Promise<CatchUp> {
  const start = performance.now();
  let entries = 0;
  for (;;) {
    const result = await sealPending(db, { batchSize, now: () => new Date(), signer });
    entries += result.sealed;
    if (result.busy) throw new Error('another sealer holds the lock; nothing else should be sealing now');
    if (result.sealed < batchSize) break;
  }
  const ms = performance.now() - start;
  return { entries, ms: Math.round(ms), perSec: Math.round((entries / ms) * 1000) };
}

/**
 * Samples the unsealed count while load runs. Sparse on purpose: on PGlite every sample
 * takes the one connection from a request.
 */
export function watchBacklog(db: Kysely<Tables>, everyMs: number): { stop(): Promise<number> } {
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      max = Math.max(max, await auditBacklog(db));
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return max;
    },
  };
}

/** Milliseconds until the running sealer has sealed everything, or null past `limitMs`. */
export async function timeToDrain(db: Kysely<Tables>, limitMs: number): Promise<number | null> {
  const start = performance.now();
  while (performance.now() - start < limitMs) {
    if ((await auditBacklog(db)) === 0) return Math.round(performance.now() - start);
    await sleep(25);
  }
  return null;
}
