/** The 50th, 90th and 99th percentiles of a sample, by the nearest-rank method. */
export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/**
 * The nearest-rank percentile of an ascending sample: the element at 1-based rank
 * ⌈percent / 100 × n⌉, so always a value of the sample (never interpolated) and the same
 * as PostgreSQL's percentile_disc. `percent` is a whole number in 1..100; throws a
 * RangeError on an empty sample or another percent.
 */
export function nearestRank(ascending: readonly number[], percent: number): number {
  if (!Number.isInteger(percent) || percent < 1 || percent > 100)
    throw new RangeError('nearestRank: percent must be a whole number in 1..100');
  if (ascending.length === 0) throw new RangeError('nearestRank: the sample is empty');
  // percent × n is a whole number: the division and ceiling are exact in floating point.
  const rank = Math.ceil((percent * ascending.length) / 100);
  return ascending[rank - 1]!;
}

/** p50, p90 and p99 of any sample (sorted here, not in place); null for an empty one. */
export function percentilesOf(sample: readonly number[]): Percentiles | null {
  if (sample.length === 0) return null;
  const ascending = [...sample].sort((a, b) => a - b);
  return { p50: nearestRank(ascending, 50), p90: nearestRank(ascending, 90), p99: nearestRank(ascending, 99) };
}
