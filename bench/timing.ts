import { performance } from 'node:perf_hooks';
import { summarise, type Latency } from './stats.ts';

/** A loop ends at `iterations` rounds or after `maxMs`, whichever comes first. */
export interface LoopBounds {
  readonly warmup: number;
  readonly iterations: number;
  readonly maxMs: number;
}

/**
 * Times each operation once per round, in turn, so that every operation sees the same
 * table sizes, caches and background work (a sealer, autovacuum) as its baseline does.
 * `round` is the round's number, for operations that pick their input from it.
 */
export async function interleave<K extends string>(
  ops: Record<K, (round: number) => Promise<void>>,
  bounds: LoopBounds,
): Promise<Record<K, Latency>> {
  const names = Object.keys(ops) as K[];
  for (let round = 0; round < bounds.warmup; round++) {
    for (const name of names) await ops[name](round);
  }
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  const deadline = performance.now() + bounds.maxMs;
  for (let round = 0; round < bounds.iterations && performance.now() < deadline; round++) {
    for (const name of names) {
      const start = performance.now();
      await ops[name](bounds.warmup + round);
      samples[name].push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarise(samples[name])])) as Record<K, Latency>;
}
