import { sql, type Kysely } from 'kysely';
import type { Tables } from '../../db/index.ts';
import type { ChainRecord } from './audit-record.ts';
import { countUnsealed, selectChainPage, selectCheckpoints } from './audit-log-repository.ts';
import type { Checkpoint, PublicKeyInput } from './checkpoint.ts';
import { readCheckpointFile } from './read-checkpoint-file.ts';
import { verifyChain, type ChainProblem, type ChainSummary } from './verify-chain.ts';

export interface VerifyAuditOptions {
  /**
   * Checkpoints kept outside the database (a list, or the path of an exported JSON Lines
   * file). The database's own audit_checkpoints are always checked too, but only
   * exported ones can show a tail cut off by someone who also deleted those.
   */
  readonly checkpoints?: readonly Checkpoint[] | string;
  /** The checkpoint signing key's public half (audit-signing.pub.pem); several after a key change. */
  readonly publicKey: PublicKeyInput | readonly PublicKeyInput[];
  /** Entries read per query (default 1000). */
  readonly batchSize?: number;
}

export type AuditVerification =
  ({ readonly ok: true; readonly unsealed: number } & ChainSummary) | { readonly ok: false; readonly problem: ChainProblem };

type Db = Kysely<Tables>;

/**
 * Each read in its own short transaction with row_security off: verification must see
 * every row, and with RLS off a role that would be filtered gets an error instead of a
 * silently shorter chain. So `db` must connect as a superuser or a BYPASSRLS role (the
 * owner alone is not enough: the table forces RLS on its owner). Short transactions keep
 * the embedded engine's single connection free for other work between pages.
 */
function unfiltered<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL row_security = off`.execute(trx);
    return fn(trx);
  });
}

async function* chainEntries(db: Db, batchSize: number): AsyncGenerator<ChainRecord> {
  let after: { chainPos: number; id: number } | null = null;
  for (;;) {
    const key = after;
    const page: ChainRecord[] = await unfiltered(db, (trx) => selectChainPage(trx, key, batchSize));
    yield* page;
    const last = page[page.length - 1];
    if (!last || page.length < batchSize) return;
    after = { chainPos: last.chainPos, id: last.id };
  }
}

/**
 * Recomputes the whole chain from the rows, page by page, against the signed checkpoints,
 * and reports the first broken link (see verifyChain for the kinds of problem).
 */
export async function verifyAudit(db: Db, options: VerifyAuditOptions): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  const exported = typeof options.checkpoints === 'string' ? await readCheckpointFile(options.checkpoints) : (options.checkpoints ?? []);
  const stored = await unfiltered(db, (trx) => selectCheckpoints(trx, null, null));
  const result = await verifyChain(chainEntries(db, batchSize), {
    checkpoints: [...stored, ...exported],
    publicKey: options.publicKey,
  });
  if (!result.ok) return result;
  return { ...result, unsealed: await unfiltered(db, countUnsealed) };
}
