import { createHash } from 'node:crypto';
import type { AuditRecord } from './audit-record.ts';
import { lengthPrefixed } from './length-prefixed.ts';

/**
 * The canonical serialisation of an audit entry, version 1. A verifier holding only
 * the rows recomputes every link with it:
 *
 *   hash      = SHA-256(prev_hash ‖ canonical)
 *   prev_hash = the previous entry's hash; 32 zero bytes for chain_pos 1
 *   canonical = lengthPrefixed([
 *     'caseline.audit.entry.v1',
 *     id, at, actor_kind, actor_id, actor_role, action, record_type, record_id,
 *     subjects, purpose, request_id, client_addr, outcome, detail,
 *     chain_pos, sealed_at,
 *   ])
 *
 * Fields are the table's columns in table order, without prev_hash (it prefixes the
 * input) and hash (the output). Each is in PostgreSQL's own text form, so nothing is
 * lost between the database and the hash:
 *   - id, chain_pos: decimal integers without sign or leading zeros;
 *   - at, sealed_at: UTC ISO 8601 with six fractional digits (timestamptz resolution);
 *     Caseline writes milliseconds, so the last three are zeros;
 *   - subjects: a list of lower-case UUIDs in stored order (order is part of the entry);
 *   - detail: `detail::text`, jsonb's output (keys sorted by length then bytes, one space
 *     after ':' and ','), which is canonical for a jsonb value;
 *   - a NULL column: the null marker, distinct from an empty text.
 * lengthPrefixed() defines the byte layout (tag, uint32 big-endian length, UTF-8).
 */
export const entryFormat = 'caseline.audit.entry.v1';

export const genesisHash: Buffer = Buffer.alloc(32);

export interface CanonicalInput extends AuditRecord {
  readonly chainPos: number;
  readonly sealedAt: string | null;
}

export function canonicalEntry(entry: CanonicalInput): Buffer {
  return lengthPrefixed([
    entryFormat,
    String(entry.id),
    entry.at,
    entry.actorKind,
    entry.actorId,
    entry.actorRole,
    entry.action,
    entry.recordType,
    entry.recordId,
    entry.subjects,
    entry.purpose,
    entry.requestId,
    entry.clientAddr,
    entry.outcome,
    entry.detail,
    String(entry.chainPos),
    entry.sealedAt,
  ]);
}

export function entryHash(prevHash: Buffer, entry: CanonicalInput): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalEntry(entry)).digest();
}

/** A Date in the canonical timestamp form (what `to_char(… 'US')` gives back for it). */
export function canonicalTimestamp(date: Date): string {
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1970 || year > 9999) {
    throw new RangeError('audit timestamps must be valid dates between 1970 and 9999');
  }
  return `${date.toISOString().slice(0, -1)}000Z`;
}
