import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import { noWait, type PendingInsert, type Tx } from '../db/index.ts';
import type { BlindIndexKeys } from './blind-index-keys.ts';
import { SubjectShreddedError } from './errors.ts';
import { decryptField, encryptField, type FieldLocation } from './field-cipher.ts';
import { digestsToQuery, digestsToStore } from './index-digests.ts';
import type { IndexKind } from './index-terms.ts';
import type { KeyProvider } from './key-provider.ts';
import { keyLength } from './keyring-contents.ts';

/** A value to make findable by a retrieval key, and the record it finds. */
export interface IndexEntry {
  readonly kind: IndexKind;
  readonly value: string;
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly recordTable: string;
  readonly recordId: string;
}

export interface IndexMatch {
  readonly subjectId: string;
  readonly recordTable: string;
  readonly recordId: string;
}

export interface ShredResult {
  readonly keyDestroyed: boolean;
  readonly indexRowsDeleted: number;
}

/**
 * Envelope encryption and blind indexes, inside the caller's transaction: every read
 * of a data key or index row goes through row-level security for the transaction's
 * principal, so a principal that may not see a subject cannot decrypt its data either.
 */
export interface Vault {
  /** Creates the subject's data key; false when it already had one (intake may be retried). */
  createSubjectKey(trx: Tx, subjectId: string, businessArea: string | null): Promise<boolean>;
  /**
   * A data key for a subject that is new in this transaction, usable at once, and its INSERT
   * for the caller to send with the subject's other rows (insertTogether): until that runs,
   * nothing is stored. The INSERT fails if the subject already has a key.
   */
  newSubjectKey(trx: Tx, subjectId: string, businessArea: string | null): Promise<PendingInsert>;
  /**
   * Runs `read` (which must send at least one statement) with the lock that new data keys
   * need sent ahead of it in the same write, for a unit of work that will make one: once
   * `read` has its answer the lock is held, and the later key costs no round trip of its own.
   */
  lockingForNewKeys<T>(trx: Tx, read: () => Promise<T>): Promise<T>;
  /**
   * Unwraps the data keys of several subjects with one query, ahead of decrypting a list
   * (up to the per-transaction cache's size): without it each subject costs a round trip.
   */
  preloadKeys(trx: Tx, subjectIds: readonly string[]): Promise<void>;
  encryptFor(trx: Tx, subjectId: string, location: FieldLocation, plaintext: string | Uint8Array): Promise<Buffer>;
  /** Throws SubjectShreddedError when the key is gone, DecryptionError when the ciphertext is not this location's. */
  decryptFor(trx: Tx, subjectId: string, location: FieldLocation, ciphertext: Uint8Array): Promise<Buffer>;
  /**
   * Stores the blind-index digests of values, in one statement; throws InvalidIndexValueError
   * (naming the kind) when one cannot be normalised, and then stores none.
   */
  indexValues(trx: Tx, entries: readonly IndexEntry[]): Promise<void>;
  findByIndex(trx: Tx, kind: IndexKind, value: string): Promise<IndexMatch[]>;
  /** Removes every blind-index row of one record (its value changed, or it was disposed of); returns how many. */
  unindexRecord(trx: Tx, recordTable: string, recordId: string): Promise<number>;
  /** Crypto-shredding: destroys the subject's data key and its blind-index rows. */
  shred(trx: Tx, subjectId: string): Promise<ShredResult>;
}

export interface VaultOptions {
  readonly keys: KeyProvider;
  readonly blindIndex: BlindIndexKeys;
}

/** Bounds the unwrapped keys one transaction keeps (a list page decrypting a few fields per row). */
const keysPerTransaction = 64;

export function createVault(options: VaultOptions): Vault {
  const { keys, blindIndex } = options;
  // Unwrapped data keys live no longer than the transaction object that read them.
  const unwrapped = new WeakMap<Tx, Map<string, KeyObject>>();

  const remember = (trx: Tx, subjectId: string, key: KeyObject): void => {
    let cache = unwrapped.get(trx);
    if (!cache) {
      cache = new Map();
      unwrapped.set(trx, cache);
    }
    if (cache.size >= keysPerTransaction) cache.delete(cache.keys().next().value!);
    cache.set(subjectId, key);
  };

  const dataKey = async (trx: Tx, subjectId: string): Promise<KeyObject> => {
    const cached = unwrapped.get(trx)?.get(subjectId);
    if (cached) return cached;
    const row = await trx
      .selectFrom('subject_keys')
      .select(['master_key_id', 'wrapped_key'])
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    if (!row) throw new SubjectShreddedError(subjectId);
    const raw = await keys.unwrap(row.master_key_id, row.wrapped_key);
    const key = createSecretKey(raw);
    raw.fill(0);
    remember(trx, subjectId, key);
    return key;
  };

  // Transactions that hold the lock below; it lasts until they end (there are no savepoints
  // whose rollback could release it earlier).
  const locked = new WeakSet<Tx>();

  /** A fresh data key, wrapped, and the row that stores it. */
  const wrapNewKey = async (trx: Tx, subjectId: string, businessArea: string | null) => {
    // Taken before wrapping: a key rotation about to retire the master key we may wrap
    // with waits for this transaction (see rotateMasterKey), or we wait for it and wrap
    // with the new key. Once per transaction is enough, as the lock is held to its end.
    if (!locked.has(trx)) {
      await sql`LOCK TABLE subject_keys IN ROW EXCLUSIVE MODE`.execute(trx);
      locked.add(trx);
    }
    const raw = randomBytes(keyLength);
    try {
      const { keyId, wrapped } = await keys.wrap(raw);
      return {
        key: createSecretKey(raw),
        row: { subject_id: subjectId, business_area: businessArea, master_key_id: keyId, wrapped_key: wrapped },
      };
    } finally {
      raw.fill(0);
    }
  };

  return {
    async createSubjectKey(trx, subjectId, businessArea) {
      const { key, row } = await wrapNewKey(trx, subjectId, businessArea);
      const result = await trx
        .insertInto('subject_keys')
        .values(row)
        .onConflict((conflict) => conflict.column('subject_id').doNothing())
        .executeTakeFirst();
      const created = result.numInsertedOrUpdatedRows === 1n;
      if (created) remember(trx, subjectId, key);
      return created;
    },

    async newSubjectKey(trx, subjectId, businessArea) {
      const { key, row } = await wrapNewKey(trx, subjectId, businessArea);
      remember(trx, subjectId, key);
      return trx.insertInto('subject_keys').values(row);
    },

    async lockingForNewKeys(trx, read) {
      if (locked.has(trx)) return read();
      await sql`${sql.raw(noWait)} LOCK TABLE subject_keys IN ROW EXCLUSIVE MODE`.execute(trx);
      const answer = await read();
      locked.add(trx);
      return answer;
    },

    async preloadKeys(trx, subjectIds) {
      const cache = unwrapped.get(trx);
      const missing = [...new Set(subjectIds)].filter((id) => !cache?.has(id)).slice(0, keysPerTransaction);
      if (missing.length === 0) return;
      const rows = await trx
        .selectFrom('subject_keys')
        .select(['subject_id', 'master_key_id', 'wrapped_key'])
        .where('subject_id', 'in', missing)
        .execute();
      for (const row of rows) {
        const raw = await keys.unwrap(row.master_key_id, row.wrapped_key);
        remember(trx, row.subject_id, createSecretKey(raw));
        raw.fill(0);
      }
    },

    async encryptFor(trx, subjectId, location, plaintext) {
      return encryptField(await dataKey(trx, subjectId), location, plaintext);
    },

    async decryptFor(trx, subjectId, location, ciphertext) {
      return decryptField(await dataKey(trx, subjectId), location, ciphertext);
    },

    async indexValues(trx, entries) {
      // Every value is normalised before anything is written: one bad value stores none.
      const rows = entries.flatMap((entry) =>
        digestsToStore(blindIndex, entry.kind, entry.value).map((digest) => ({
          kind: entry.kind,
          digest,
          subject_id: entry.subjectId,
          business_area: entry.businessArea,
          record_table: entry.recordTable,
          record_id: entry.recordId,
        })),
      );
      if (rows.length === 0) return;
      await trx
        .insertInto('blind_index')
        .values(rows)
        .onConflict((conflict) => conflict.columns(['kind', 'digest', 'record_table', 'record_id']).doNothing())
        .execute();
    },

    /**
     * SELECT b.subject_id, b.record_table, b.record_id
     * FROM blind_index b JOIN unnest($digests, $groups) q(digest, grp) ON q.digest = b.digest
     * WHERE b.kind = $kind GROUP BY 1, 2, 3 HAVING count(DISTINCT q.grp) = $groupCount
     * — a record matches when one of its digests falls in every query group.
     */
    async findByIndex(trx, kind, value) {
      const groups = digestsToQuery(blindIndex, kind, value);
      const digests = groups.flat();
      const groupNumbers = groups.flatMap((group, index) => group.map(() => index));
      const result = await sql<{ subject_id: string; record_table: string; record_id: string }>`
        SELECT b.subject_id, b.record_table, b.record_id
        FROM blind_index b
        JOIN unnest(${digests}::bytea[], ${groupNumbers}::int[]) AS q(digest, grp) ON q.digest = b.digest
        WHERE b.kind = ${kind}
        GROUP BY b.subject_id, b.record_table, b.record_id
        HAVING count(DISTINCT q.grp) = ${groups.length}
        ORDER BY b.record_table, b.record_id`.execute(trx);
      return result.rows.map((row) => ({ subjectId: row.subject_id, recordTable: row.record_table, recordId: row.record_id }));
    },

    async unindexRecord(trx, recordTable, recordId) {
      const result = await trx
        .deleteFrom('blind_index')
        .where('record_table', '=', recordTable)
        .where('record_id', '=', recordId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async shred(trx, subjectId) {
      unwrapped.get(trx)?.delete(subjectId);
      const key = await trx.deleteFrom('subject_keys').where('subject_id', '=', subjectId).executeTakeFirst();
      const index = await trx.deleteFrom('blind_index').where('subject_id', '=', subjectId).executeTakeFirst();
      return { keyDestroyed: key.numDeletedRows === 1n, indexRowsDeleted: Number(index.numDeletedRows) };
    },
  };
}
