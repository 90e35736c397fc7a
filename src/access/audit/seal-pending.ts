import { sql, type Kysely } from 'kysely';
import { withPrincipal, type SystemPrincipal, type Tables } from '../../db/index.ts';
import type { ChainHead } from './audit-record.ts';
import type { AuditSigner } from './audit-signer.ts';
import { canonicalTimestamp } from './canonical-entry.ts';
import { signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { insertCheckpoints, selectChainHead, selectUnsealedForUpdate, updateSeals } from './audit-log-repository.ts';
import { sealRecords } from './seal-records.ts';

export const sealerPrincipal: SystemPrincipal = { kind: 'system', id: 'system:audit-sealer', grants: [] };

// Any constant, distinct from the migrator's: one sealer at a time per database.
const sealerLock = 727_110_002;

export interface SealOptions {
  /** At most this many entries per call (one transaction). */
  readonly batchSize: number;
  readonly now: () => Date;
  /** Signs checkpoints; without one, entries are sealed and no checkpoint is made. */
  readonly signer?: AuditSigner;
  /** A checkpoint at every chain position that is a multiple of this (default 1000). */
  readonly checkpointEvery?: number;
}

export interface SealResult {
  /** Another sealer held the lock, so this call did nothing. */
  readonly busy: boolean;
  readonly sealed: number;
  readonly head: ChainHead | null;
  /** Checkpoints made and stored by this call; exporting them is the exporter's job. */
  readonly checkpoints: readonly Checkpoint[];
}

/**
 * Gives committed unsealed entries their place in the chain, in id order, in one
 * transaction as caseline_sealer:
 *
 *   SELECT pg_try_advisory_xact_lock(…)              -- or return: another sealer is at work
 *   SELECT chain_pos, hash … ORDER BY chain_pos DESC LIMIT 1
 *   SELECT … WHERE chain_pos IS NULL ORDER BY id LIMIT n FOR UPDATE
 *   UPDATE audit_log SET chain_pos, prev_hash, hash, sealed_at FROM unnest(…)
 *   INSERT INTO audit_checkpoints …                  -- at multiples of checkpointEvery
 *
 * Requests never wait for this: they only insert, and the lock is tried, not awaited.
 */
export async function sealPending(db: Kysely<Tables>, options: SealOptions): Promise<SealResult> {
  const every = options.checkpointEvery ?? 1000;
  if (!Number.isSafeInteger(options.batchSize) || options.batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  if (!Number.isSafeInteger(every) || every < 1) throw new RangeError('checkpointEvery must be a positive integer');
  return withPrincipal(
    db,
    sealerPrincipal,
    async (trx) => {
      const lock = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${sealerLock}) AS locked`.execute(trx);
      if (!lock.rows[0]?.locked) return { busy: true, sealed: 0, head: null, checkpoints: [] };
      const head = await selectChainHead(trx);
      const pending = await selectUnsealedForUpdate(trx, options.batchSize);
      if (pending.length === 0) return { busy: false, sealed: 0, head, checkpoints: [] };
      const now = options.now();
      const sealed = sealRecords(head, pending, canonicalTimestamp(now));
      await updateSeals(trx, sealed);
      const signer = options.signer;
      const checkpoints = signer
        ? sealed.filter((s) => s.chainPos % every === 0).map((s) => signCheckpoint(signer, s.chainPos, s.hash, now))
        : [];
      await insertCheckpoints(trx, checkpoints);
      const last = sealed[sealed.length - 1]!;
      return { busy: false, sealed: sealed.length, head: { chainPos: last.chainPos, hash: last.hash }, checkpoints };
    },
    'caseline_sealer',
  );
}
