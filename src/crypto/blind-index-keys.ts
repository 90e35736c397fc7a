import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { IndexKind } from './index-terms.ts';

/** Computes blind-index digests; the HMAC keys never leave it. */
export interface BlindIndexKeys {
  digest(kind: IndexKind, term: string): Buffer;
}

/**
 * One HMAC-SHA-256 key per index kind, derived with HKDF from the blind-index root
 * secret: a digest of one kind can never be matched against another kind's, even for
 * the same text (a ZIP and an identifier '12345'). The root is not a master key and is
 * never rotated with them: changing it would change every digest and force re-indexing
 * all records.
 */
export function createBlindIndexKeys(root: KeyObject): BlindIndexKeys {
  const kindKeys = new Map<IndexKind, KeyObject>();
  const keyFor = (kind: IndexKind): KeyObject => {
    let key = kindKeys.get(kind);
    if (!key) {
      key = createSecretKey(Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), `caseline/blind-index/v1/${kind}`, 32)));
      kindKeys.set(kind, key);
    }
    return key;
  };
  return {
    digest: (kind, term) => createHmac('sha256', keyFor(kind)).update(term, 'utf8').digest(),
  };
}
