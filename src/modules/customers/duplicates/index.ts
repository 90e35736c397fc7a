// Duplicate-customer scoring: pure functions, no I/O. See score-duplicate.ts for the
// Fellegi–Sunter model and blocking.ts for the blind-index-friendly blocking keys.
export type { CandidateRecord } from './candidate.ts';
export {
  scoreDuplicate,
  isLikelyDuplicate,
  DUPLICATE_THRESHOLD,
  PRIOR_OFFSET_BITS,
  type DuplicateScore,
  type DuplicateField,
} from './score-duplicate.ts';
export { blockingKeys, findDuplicatePairs, type DuplicatePair, type FindDuplicateOptions } from './blocking.ts';
export { jaroWinkler } from './jaro-winkler.ts';
