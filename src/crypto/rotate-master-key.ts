import { sql } from 'kysely';
import type { Tx } from '../db/index.ts';
import type { MasterKeyring } from './key-provider.ts';

/**
 * Runs one unit of work in its own transaction. Rotation must see every subject's key,
 * so the caller opens it with a system principal, e.g.
 * `(work) => withPrincipal(db, { kind: 'system', id: 'system:keys', grants: ['record.read:any',
 * 'record.create:any', 'record.update:any', 'record.delete:any'] }, work)`.
 */
export type Transact = <T>(work: (trx: Tx) => Promise<T>) => Promise<T>;

export interface RotationProgress {
  readonly activeKeyId: string;
  readonly rewrapped: number;
}

export interface RotationOptions {
  /**
   * Finish an interrupted rotation, or re-wrap to a master key activated by hand,
   * instead of adding a new master key first.
   */
  readonly resume?: boolean;
  /** Data keys re-wrapped per transaction. */
  readonly batchSize?: number;
  /** Stops between batches; everything committed so far stays, and `resume` finishes the job. */
  readonly signal?: AbortSignal;
  readonly onBatch?: (progress: RotationProgress) => void;
}

export interface RotationResult {
  readonly activeKeyId: string;
  readonly rewrapped: number;
  /** Old master keys no data key uses any longer, now destroyed. */
  readonly retired: readonly string[];
}

/**
 * UPDATE subject_keys k SET master_key_id = u.key_id, wrapped_key = u.wrapped, rewrapped_at = now()
 * FROM unnest($subjects, $keyIds, $wrapped) u(subject_id, key_id, wrapped) WHERE k.subject_id = u.subject_id
 * for up to `limit` rows still under `oldKeyId`, locked FOR UPDATE (SKIP LOCKED while the
 * server runs: rows another transaction holds are left for a later batch).
 */
async function rewrapBatch(trx: Tx, keyring: MasterKeyring, oldKeyId: string, limit: number, skipLocked: boolean): Promise<number> {
  const select = trx
    .selectFrom('subject_keys')
    .select(['subject_id', 'wrapped_key'])
    .where('master_key_id', '=', oldKeyId)
    .limit(limit)
    .forUpdate();
  const rows = await (skipLocked ? select.skipLocked() : select).execute();
  if (rows.length === 0) return 0;
  const keyIds: string[] = [];
  const wrapped: Buffer[] = [];
  for (const row of rows) {
    const dataKey = await keyring.unwrap(oldKeyId, row.wrapped_key);
    try {
      const rewrapped = await keyring.wrap(dataKey);
      keyIds.push(rewrapped.keyId);
      wrapped.push(rewrapped.wrapped);
    } finally {
      dataKey.fill(0);
    }
  }
  await sql`
    UPDATE subject_keys k
    SET master_key_id = u.key_id, wrapped_key = u.wrapped, rewrapped_at = now()
    FROM unnest(${rows.map((row) => row.subject_id)}::uuid[], ${keyIds}::text[], ${wrapped}::bytea[]) AS u(subject_id, key_id, wrapped)
    WHERE k.subject_id = u.subject_id`.execute(trx);
  return rows.length;
}

/**
 * Re-wraps every data key under a new master key without touching the data they
 * encrypt. The new key is added to the keyring and activated first, so keys created
 * meanwhile are born under it; then batches of old-key rows are re-wrapped, each in its
 * own transaction, skipping rows other transactions hold. A run stopped midway loses
 * nothing: `resume` continues with the rows still under an old key.
 *
 * An old master key is retired only when no data key uses it. The last step takes a
 * SHARE lock on subject_keys, which waits for every transaction that may have wrapped
 * a new data key with an old master key (createSubjectKey locks the table before it
 * wraps) and holds new ones off, re-wraps what is left, and retires after it commits.
 */
export async function rotateMasterKey(transact: Transact, keyring: MasterKeyring, options: RotationOptions = {}): Promise<RotationResult> {
  const batchSize = options.batchSize ?? 500;
  const activeKeyId = options.resume ? await keyring.activeKeyId() : await keyring.addKey();
  const oldKeyIds = (await keyring.keyIds()).filter((id) => id !== activeKeyId);
  let rewrapped = 0;
  for (const oldKeyId of oldKeyIds) {
    for (;;) {
      options.signal?.throwIfAborted();
      const count = await transact((trx) => rewrapBatch(trx, keyring, oldKeyId, batchSize, true));
      if (count === 0) break;
      rewrapped += count;
      options.onBatch?.({ activeKeyId, rewrapped });
    }
  }
  options.signal?.throwIfAborted();
  rewrapped += await transact(async (trx) => {
    await sql`LOCK TABLE subject_keys IN SHARE MODE`.execute(trx);
    let stragglers = 0;
    for (const oldKeyId of oldKeyIds) {
      let count: number;
      do {
        count = await rewrapBatch(trx, keyring, oldKeyId, batchSize, false);
        stragglers += count;
      } while (count > 0);
    }
    return stragglers;
  });
  for (const oldKeyId of oldKeyIds) await keyring.retireKey(oldKeyId);
  return { activeKeyId, rewrapped, retired: oldKeyIds };
}
