/**
 * An audit log row as the chain hashes it: every column in the text form PostgreSQL
 * itself gives for it, so that the sealer and any later verifier, reading the same row,
 * derive the same bytes (see canonical-entry.ts).
 */
export interface AuditRecord {
  readonly id: number;
  /** `at`, UTC, ISO 8601 with exactly six fractional digits: `2025-03-04T05:06:07.123000Z`. */
  readonly at: string;
  readonly actorKind: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly action: string;
  readonly recordType: string | null;
  readonly recordId: string | null;
  /** Lower-case UUIDs, in stored order. */
  readonly subjects: readonly string[];
  readonly purpose: string;
  readonly requestId: string | null;
  readonly clientAddr: string | null;
  readonly outcome: string;
  /** PostgreSQL's text output of the jsonb value (`detail::text`). */
  readonly detail: string;
}

/** An entry the sealer has given its place in the chain. */
export interface SealedRecord extends AuditRecord {
  readonly chainPos: number;
  readonly prevHash: Buffer;
  readonly hash: Buffer;
  /** Same form as `at`. */
  readonly sealedAt: string;
}

/**
 * A row with a chain position as read back for verification: the chain columns are
 * never null in a row the sealer wrote, but a tampered row may have them cleared.
 */
export interface ChainRecord extends AuditRecord {
  readonly chainPos: number;
  readonly prevHash: Buffer | null;
  readonly hash: Buffer | null;
  readonly sealedAt: string | null;
}

/** The newest sealed entry: where the next one links. */
export interface ChainHead {
  readonly chainPos: number;
  readonly hash: Buffer;
}
