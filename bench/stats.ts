/** Latency figures of one measured operation, in milliseconds. */
export interface Latency {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** Operations per second of one client issuing them back to back (1000 / mean). */
  readonly opsPerSec: number;
}

/** How many times the measured operation costs its baseline (>1: slower); for one client, `mean` is also the ops/s ratio. */
export interface Ratio {
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface Comparison {
  readonly measured: Latency;
  readonly baseline: Latency;
  readonly ratio: Ratio;
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

// Nearest rank: every reported percentile is a latency that was actually observed.
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarise(samplesMs: readonly number[]): Latency {
  if (samplesMs.length === 0) throw new RangeError('no samples to summarise');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    count: sorted.length,
    meanMs: round(mean),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    opsPerSec: round(1000 / mean, 1),
  };
}

export function compare(measured: Latency, baseline: Latency): Comparison {
  return {
    measured,
    baseline,
    ratio: {
      mean: round(measured.meanMs / baseline.meanMs, 2),
      p50: round(measured.p50Ms / baseline.p50Ms, 2),
      p95: round(measured.p95Ms / baseline.p95Ms, 2),
      p99: round(measured.p99Ms / baseline.p99Ms, 2),
    },
  };
}
