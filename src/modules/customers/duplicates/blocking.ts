import { prepareCandidate, type CandidateRecord, type PreparedCandidate } from './candidate.ts';
import { DUPLICATE_THRESHOLD, scorePrepared, type DuplicateField } from './score-duplicate.ts';

/**
 * Blocking keys of a record: two records are only ever compared when they share a key.
 * Each key is a plain string meant to be stored in (and queried through) a blind index,
 * so that on-create duplicate detection looks up candidates instead of scanning:
 *
 * - `email:` normalised e-mail, `phone:` normalised phone, `id:` identifier,
 *   `dob:` date of birth — exact matches on a near-unique field;
 * - `names:` the primary Double Metaphone codes of given name and surname, sorted, so a
 *   swapped or phonetically misspelled name still lands in the same block;
 * - `sz:` / `gz:` the surname's / given name's primary code with the first three
 *   characters of the postcode, for records whose other name part is missing or mangled.
 *
 * Keys carry a prefix so that equal strings from different fields never collide.
 */
export function blockingKeys(record: CandidateRecord): string[] {
  return preparedBlockingKeys(prepareCandidate(record));
}

export function preparedBlockingKeys(record: PreparedCandidate): string[] {
  const keys = new Set<string>();
  if (record.email !== undefined) keys.add(`email:${record.email}`);
  if (record.phone !== undefined) keys.add(`phone:${record.phone}`);
  if (record.identifier !== undefined) keys.add(`id:${record.identifier}`);
  if (record.dateOfBirth !== undefined) keys.add(`dob:${record.dateOfBirth}`);
  const given = record.givenName?.codes[0];
  const surname = record.surname?.codes[0];
  if (given !== undefined && surname !== undefined) keys.add(`names:${[given, surname].sort().join('|')}`);
  const zipPrefix = record.zip?.slice(0, 3);
  if (zipPrefix !== undefined) {
    if (surname !== undefined) keys.add(`sz:${surname}|${zipPrefix}`);
    if (given !== undefined) keys.add(`gz:${given}|${zipPrefix}`);
  }
  return [...keys];
}

export type DuplicatePair = {
  /** Indexes into the input array, first < second. */
  readonly first: number;
  readonly second: number;
  readonly score: number;
  readonly reasons: DuplicateField[];
};

export type FindDuplicateOptions = {
  /**
   * Blocks with more records than this are skipped (a key shared by thousands of
   * records — a common name in a big postcode — says little and costs quadratically).
   * Default 500.
   */
  readonly maxBlockSize?: number;
};

/**
 * All pairs of records that share at least one blocking key and score at least
 * `threshold`, best first. Each pair is scored once however many keys it shares.
 */
export function findDuplicatePairs(
  records: readonly CandidateRecord[],
  threshold: number = DUPLICATE_THRESHOLD,
  options: FindDuplicateOptions = {},
): DuplicatePair[] {
  const maxBlockSize = options.maxBlockSize ?? 500;
  const prepared = records.map(prepareCandidate);
  const blocks = new Map<string, number[]>();
  prepared.forEach((record, index) => {
    for (const key of preparedBlockingKeys(record)) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
  });
  const seen = new Set<number>();
  const pairs: DuplicatePair[] = [];
  const count = records.length;
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > maxBlockSize) continue;
    for (let i = 0; i < block.length; i += 1) {
      for (let j = i + 1; j < block.length; j += 1) {
        const first = block[i]!;
        const second = block[j]!;
        const id = first * count + second;
        if (seen.has(id)) continue;
        seen.add(id);
        const { score, reasons } = scorePrepared(prepared[first]!, prepared[second]!);
        if (score >= threshold) pairs.push({ first, second, score, reasons });
      }
    }
  }
  return pairs.sort((x, y) => y.score - x.score || x.first - y.first || x.second - y.second);
}
