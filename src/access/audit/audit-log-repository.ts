import { sql, type Kysely } from 'kysely';
import type { Tables } from '../../db/index.ts';
import type { AuditRecord, ChainHead, ChainRecord, SealedRecord } from './audit-record.ts';
import type { Checkpoint } from './checkpoint.ts';

// The SQL for the audit chain. Rows are read with each column in the text form the
// canonical serialisation uses, so the sealer and the verifier hash the same bytes.

type Db = Kysely<Tables>;

interface RecordRow {
  id: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_role: string;
  action: string;
  record_type: string | null;
  record_id: string | null;
  subjects: string[];
  purpose: string;
  request_id: string | null;
  client_addr: string | null;
  outcome: string;
  detail: string;
}

interface ChainRow extends RecordRow {
  chain_pos: number;
  prev_hash: Buffer | null;
  hash: Buffer | null;
  sealed_at: string | null;
}

const isoMicros = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

const recordColumns = sql`id, ${isoMicros('at')} AS at, actor_kind, actor_id, actor_role, action, record_type, record_id,
  subjects::text[] AS subjects, purpose, request_id, client_addr, outcome, detail::text AS detail`;

function toRecord(row: RecordRow): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    subjects: row.subjects,
    purpose: row.purpose,
    requestId: row.request_id,
    clientAddr: row.client_addr,
    outcome: row.outcome,
    detail: row.detail,
  };
}

/** SELECT chain_pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1 */
export async function selectChainHead(db: Db): Promise<ChainHead | null> {
  const row = await db
    .selectFrom('audit_log')
    .select(['chain_pos', 'hash'])
    .where('chain_pos', 'is not', null)
    .orderBy('chain_pos', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  if (row.hash === null) throw new Error(`the audit chain's head at position ${row.chain_pos} has no hash; run the audit verifier`);
  return { chainPos: row.chain_pos!, hash: row.hash };
}

/** The oldest committed unsealed entries, locked until the sealing transaction ends. */
export async function selectUnsealedForUpdate(db: Db, limit: number): Promise<AuditRecord[]> {
  const result = await sql<RecordRow>`SELECT ${recordColumns} FROM audit_log
    WHERE chain_pos IS NULL ORDER BY id LIMIT ${limit} FOR UPDATE`.execute(db);
  return result.rows.map(toRecord);
}

/** Writes the chain columns of freshly sealed entries in one statement. */
export async function updateSeals(db: Db, sealed: readonly SealedRecord[]): Promise<void> {
  if (sealed.length === 0) return;
  const result = await sql`UPDATE audit_log AS a
    SET chain_pos = v.chain_pos, prev_hash = decode(v.prev_hash, 'hex'), hash = decode(v.hash, 'hex'),
        sealed_at = v.sealed_at::timestamptz
    FROM unnest(${sealed.map((s) => s.id)}::bigint[], ${sealed.map((s) => s.chainPos)}::bigint[],
                ${sealed.map((s) => s.prevHash.toString('hex'))}::text[], ${sealed.map((s) => s.hash.toString('hex'))}::text[],
                ${sealed.map((s) => s.sealedAt)}::text[])
      AS v(id, chain_pos, prev_hash, hash, sealed_at)
    WHERE a.id = v.id AND a.chain_pos IS NULL`.execute(db);
  if (Number(result.numAffectedRows ?? 0) !== sealed.length) {
    throw new Error('audit entries changed while they were being sealed');
  }
}

/**
 * One page of the chain in (chain_pos, id) order after the given key, chain columns
 * included. The id breaks ties, so a second entry claiming a position is still seen.
 */
export async function selectChainPage(db: Db, after: { chainPos: number; id: number } | null, limit: number): Promise<ChainRecord[]> {
  const keyset = after ? sql`AND (chain_pos, id) > (${after.chainPos}::bigint, ${after.id}::bigint)` : sql``;
  const result = await sql<ChainRow>`SELECT ${recordColumns}, chain_pos, prev_hash, hash, ${isoMicros('sealed_at')} AS sealed_at
    FROM audit_log WHERE chain_pos IS NOT NULL ${keyset}
    ORDER BY chain_pos, id LIMIT ${limit}`.execute(db);
  return result.rows.map((row) => ({
    ...toRecord(row),
    chainPos: row.chain_pos,
    prevHash: row.prev_hash,
    hash: row.hash,
    sealedAt: row.sealed_at,
  }));
}

export async function countUnsealed(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chain_pos', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertCheckpoints(db: Db, checkpoints: readonly Checkpoint[]): Promise<void> {
  if (checkpoints.length === 0) return;
  await db
    .insertInto('audit_checkpoints')
    .values(
      checkpoints.map((c) => ({
        chain_pos: c.chainPos,
        hash: Buffer.from(c.hash, 'hex'),
        signed_at: c.signedAt,
        key_id: c.keyId,
        signature: Buffer.from(c.signature, 'hex'),
      })),
    )
    .execute();
}

/** Checkpoints after a position (null: all of them), oldest first; with `limit` null, no limit. */
export async function selectCheckpoints(db: Db, afterChainPos: number | null, limit: number | null): Promise<Checkpoint[]> {
  let query = db.selectFrom('audit_checkpoints').selectAll().orderBy('chain_pos');
  if (afterChainPos !== null) query = query.where('chain_pos', '>', afterChainPos);
  if (limit !== null) query = query.limit(limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    chainPos: row.chain_pos,
    hash: row.hash.toString('hex'),
    signedAt: row.signed_at.toISOString(),
    keyId: row.key_id,
    signature: row.signature.toString('hex'),
  }));
}

export async function selectLatestCheckpointPos(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('audit_checkpoints')
    .select((eb) => eb.fn.max('chain_pos').as('pos'))
    .executeTakeFirstOrThrow();
  return row.pos === null ? null : Number(row.pos);
}
