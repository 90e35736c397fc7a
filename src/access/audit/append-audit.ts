import { sql } from 'kysely';
import { noWait, type PendingInsert, type Tx } from '../../db/index.ts';
import { actorRoleOf, auditActions, auditOutcomes, type AuditDetail, type AuditEntry } from './audit-entry.ts';

export class AuditEntryError extends Error {}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const detailKey = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
const maxDetailText = 200;
const maxDetailBytes = 4096;

function required(name: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new AuditEntryError(`audit ${name} is required`);
}

function checkScalar(key: string, value: unknown): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number' && Number.isFinite(value)) return;
  if (typeof value === 'string' && value.length <= maxDetailText) return;
  throw new AuditEntryError(`audit detail '${key}' must be a short code, id, number, flag or null`);
}

/** Holds the detail to its documented shape, so that free text has nowhere to go. */
function detailJson(detail: AuditDetail): string {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new AuditEntryError('audit detail must be an object');
  }
  for (const [key, value] of Object.entries(detail)) {
    if (!detailKey.test(key)) throw new AuditEntryError(`audit detail key '${key}' must be an identifier`);
    if (Array.isArray(value)) value.forEach((element) => checkScalar(key, element));
    else checkScalar(key, value);
  }
  const json = JSON.stringify(detail);
  if (Buffer.byteLength(json) > maxDetailBytes) throw new AuditEntryError(`audit detail must be at most ${maxDetailBytes} bytes`);
  return json;
}

/**
 * Writes one entry inside the caller's transaction, so it commits with the work it
 * records and an entry that cannot be written fails the work: this throws, and the
 * caller's withPrincipal() rolls everything back. The row-level security policy holds
 * the actor to the transaction's principal and a customer's entry to their own subject.
 *
 * The insert has no RETURNING: the app role may not read the log it writes.
 *
 *   INSERT INTO audit_log (at, actor_kind, …, detail) VALUES ($1, $2, …, $13)
 */
export async function appendAudit(trx: Tx, entry: AuditEntry): Promise<void> {
  await auditInsert(trx, entry).execute();
}

/**
 * The checked INSERT of one entry, not sent yet: for work that sends its rows together
 * (insertTogether), so the entry still commits with the work or fails it.
 */
export function auditInsert(trx: Tx, entry: AuditEntry): PendingInsert {
  const actorRole = checkEntry(entry);
  return trx.insertInto('audit_log').values({
    at: entry.at,
    actor_kind: entry.actor.kind,
    actor_id: entry.actor.id,
    actor_role: actorRole,
    action: entry.action,
    record_type: entry.recordType ?? null,
    record_id: entry.recordId ?? null,
    subjects: [...entry.subjects],
    purpose: entry.purpose,
    request_id: entry.requestId ?? null,
    client_addr: entry.clientAddr ?? null,
    outcome: entry.outcome,
    detail: detailJson(entry.detail ?? {}),
  });
}

/**
 * Appends an entry without waiting for it: it leaves with the transaction's next statement
 * (normally its COMMIT), which fails, and the work with it, if the entry could not be written.
 * For an entry written on every request (the portal's response audit): one fixed statement
 * text, no query builder, no round trip of its own.
 */
export async function appendAuditUnwaited(trx: Tx, entry: AuditEntry): Promise<void> {
  const actorRole = checkEntry(entry);
  await sql`${sql.raw(noWait)} INSERT INTO audit_log (at, actor_kind, actor_id, actor_role, action, record_type, record_id, subjects, purpose, request_id, client_addr, outcome, detail)
    VALUES (${entry.at}, ${entry.actor.kind}, ${entry.actor.id}, ${actorRole}, ${entry.action}, ${entry.recordType ?? null}, ${entry.recordId ?? null},
            ${[...entry.subjects]}::uuid[], ${entry.purpose}, ${entry.requestId ?? null}, ${entry.clientAddr ?? null}, ${entry.outcome}, ${detailJson(entry.detail ?? {})}::jsonb)`.execute(
    trx,
  );
}

/** The same entry, written through a session that is not Kysely's (a bulk load's), in its transaction. */
export async function appendAuditWith(
  run: (text: string, values: readonly unknown[]) => Promise<unknown>,
  entry: AuditEntry,
): Promise<void> {
  const actorRole = checkEntry(entry);
  await run(
    `INSERT INTO audit_log (at, actor_kind, actor_id, actor_role, action, record_type, record_id, subjects, purpose, request_id, client_addr, outcome, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10, $11, $12, $13::jsonb)`,
    [
      entry.at,
      entry.actor.kind,
      entry.actor.id,
      actorRole,
      entry.action,
      entry.recordType ?? null,
      entry.recordId ?? null,
      [...entry.subjects],
      entry.purpose,
      entry.requestId ?? null,
      entry.clientAddr ?? null,
      entry.outcome,
      detailJson(entry.detail ?? {}),
    ],
  );
}

/** Refuses an entry the log must not hold; answers the actor role to record. */
function checkEntry(entry: AuditEntry): string {
  if (!(entry.at instanceof Date) || Number.isNaN(entry.at.getTime())) throw new AuditEntryError('audit time must be a valid Date');
  required('actor id', entry.actor.id);
  const actorRole = actorRoleOf(entry);
  required('actor role', actorRole);
  required('purpose', entry.purpose);
  if (!(auditActions as readonly string[]).includes(entry.action)) throw new AuditEntryError(`unknown audit action '${entry.action}'`);
  if (!(auditOutcomes as readonly string[]).includes(entry.outcome)) throw new AuditEntryError(`unknown audit outcome '${entry.outcome}'`);
  for (const subject of entry.subjects) {
    if (!uuid.test(subject)) throw new AuditEntryError('audit subjects must be data subject ids (UUIDs)');
  }
  return actorRole;
}
