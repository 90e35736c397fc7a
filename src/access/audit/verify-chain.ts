import type { ChainRecord } from './audit-record.ts';
import { entryHash, genesisHash } from './canonical-entry.ts';
import { publicKeysById, signatureProblem, type Checkpoint, type PublicKeyInput } from './checkpoint.ts';

export type ChainProblemKind = 'hash_mismatch' | 'gap' | 'prev_mismatch' | 'truncated' | 'checkpoint_mismatch' | 'bad_signature';

/** The first broken link found, at the chain position where the chain stops being trustworthy. */
export interface ChainProblem {
  readonly kind: ChainProblemKind;
  readonly chainPos: number;
  readonly message: string;
}

export interface ChainSummary {
  /** Sealed entries walked. */
  readonly entries: number;
  readonly sealedHead: { readonly chainPos: number; readonly hash: string } | null;
  readonly checkpointsChecked: number;
}

export type ChainVerification = ({ readonly ok: true } & ChainSummary) | { readonly ok: false; readonly problem: ChainProblem };

export interface VerifyChainOptions {
  /** Checkpoints from anywhere (database, exported file, webhook receiver); duplicates are fine. */
  readonly checkpoints: readonly Checkpoint[];
  readonly publicKey: PublicKeyInput | readonly PublicKeyInput[];
}

function uniqueSorted(checkpoints: readonly Checkpoint[]): Checkpoint[] {
  const seen = new Map<string, Checkpoint>();
  for (const c of checkpoints) seen.set(`${c.chainPos}/${c.hash}/${c.signedAt}/${c.keyId}/${c.signature}`, c);
  return [...seen.values()].sort((a, b) => a.chainPos - b.chainPos);
}

/**
 * Walks sealed entries in (chain_pos, id) order — the order the database returns them
 * in — holding one entry at a time, and reports the first broken link:
 *   - bad_signature: a checkpoint not signed by a given key (checked first: the walk
 *     trusts the checkpoints);
 *   - gap: a position with no entry (an entry deleted, unsealed or moved away);
 *   - prev_mismatch: an entry that does not link to the one before it (inserted,
 *     reordered, or a second entry claiming a position);
 *   - hash_mismatch: an entry whose content no longer gives its hash (changed);
 *   - checkpoint_mismatch: an entry whose hash differs from a signed checkpoint at its
 *     position (the chain was rewritten and re-hashed from there or earlier);
 *   - truncated: the chain ends before a signed checkpoint's position.
 */
export async function verifyChain(
  entries: AsyncIterable<ChainRecord> | Iterable<ChainRecord>,
  options: VerifyChainOptions,
): Promise<ChainVerification> {
  const keys = publicKeysById(options.publicKey);
  const checkpoints = uniqueSorted(options.checkpoints);
  for (const checkpoint of checkpoints) {
    const problem =
      Number.isSafeInteger(checkpoint.chainPos) && checkpoint.chainPos >= 1
        ? signatureProblem(checkpoint, keys)
        : `a checkpoint names position ${checkpoint.chainPos}, which no chain has`;
    if (problem) return { ok: false, problem: { kind: 'bad_signature', chainPos: checkpoint.chainPos, message: problem } };
  }
  const fail = (kind: ChainProblemKind, chainPos: number, message: string): ChainVerification => ({
    ok: false,
    problem: { kind, chainPos, message },
  });

  let expected = 1;
  let prevHash = genesisHash;
  let next = 0; // the first checkpoint not yet compared
  for await (const entry of entries) {
    if (entry.chainPos > expected) return fail('gap', expected, `no entry at position ${expected}; the next is at ${entry.chainPos}`);
    if (entry.chainPos < expected) {
      return fail('prev_mismatch', entry.chainPos, `entry ${entry.id} claims position ${entry.chainPos}, which another entry holds`);
    }
    if (entry.prevHash === null || !entry.prevHash.equals(prevHash)) {
      return fail('prev_mismatch', expected, `entry ${entry.id} at position ${expected} does not link to the entry before it`);
    }
    if (entry.hash === null || !entryHash(entry.prevHash, entry).equals(entry.hash)) {
      return fail('hash_mismatch', expected, `entry ${entry.id} at position ${expected} was changed after it was sealed`);
    }
    const hashHex = entry.hash.toString('hex');
    for (; next < checkpoints.length && checkpoints[next]!.chainPos === expected; next += 1) {
      if (checkpoints[next]!.hash !== hashHex) {
        return fail(
          'checkpoint_mismatch',
          expected,
          `the chain at position ${expected} differs from the checkpoint signed ${checkpoints[next]!.signedAt}: it was rewritten at or before this position`,
        );
      }
    }
    prevHash = entry.hash;
    expected += 1;
  }
  const beyond = checkpoints[next];
  if (beyond) {
    return fail(
      'truncated',
      expected,
      `the chain ends at position ${expected - 1}, but a checkpoint signed ${beyond.signedAt} covers position ${beyond.chainPos}`,
    );
  }
  return {
    ok: true,
    entries: expected - 1,
    sealedHead: expected > 1 ? { chainPos: expected - 1, hash: prevHash.toString('hex') } : null,
    checkpointsChecked: checkpoints.length,
  };
}
