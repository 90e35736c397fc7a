import type { BlindIndexKeys } from './blind-index-keys.ts';
import { termsToQuery, termsToStore, type IndexKind } from './index-terms.ts';

/** The blind-index digests to store for a value of a retrieval key. */
export function digestsToStore(keys: BlindIndexKeys, kind: IndexKind, value: string): Buffer[] {
  return termsToStore(kind, value).map((term) => keys.digest(kind, term));
}

/** The digests to query with, in groups: a record matches when it has one digest of every group. */
export function digestsToQuery(keys: BlindIndexKeys, kind: IndexKind, value: string): Buffer[][] {
  return termsToQuery(kind, value).map((group) => group.map((term) => keys.digest(kind, term)));
}
