import { performance } from 'node:perf_hooks';
import { withPrincipal } from '../src/db/index.ts';
import type { BenchContext } from './fixtures.ts';
import { insertPlainBatch, type PlainRow } from './plain-table.ts';

export interface Seeded {
  /** Customer ids; the plaintext table holds a row under each same id. */
  readonly ids: readonly string[];
  readonly emails: readonly string[];
  /** Bulk intake: customers.create, `batch` to a transaction. */
  readonly protectedPerSec: number;
  /** The same rows as multi-row plaintext INSERTs, `batch` to a statement. */
  readonly plainPerSec: number;
  readonly batch: number;
}

/** Loads `count` customers the fast way an import would: many creates per transaction. */
export async function seedCustomers(ctx: BenchContext, count: number, batch = 100): Promise<Seeded> {
  const { db } = ctx.bench.database;
  const ids: string[] = [];
  const emails: string[] = [];
  let protectedMs = 0;
  let plainMs = 0;
  for (let done = 0; done < count; done += batch) {
    const people = Array.from({ length: Math.min(batch, count - done) }, () => ctx.nextPerson());
    let start = performance.now();
    const created = await withPrincipal(db, ctx.agent, async (trx) => {
      const out = [];
      for (const person of people) out.push(await ctx.customers.create(trx, ctx.agent, person.input, ctx.audit, new Date()));
      return out;
    });
    protectedMs += performance.now() - start;
    const rows: PlainRow[] = people.map((person, i) => person.plain(created[i]!.id));
    start = performance.now();
    await insertPlainBatch(db, rows);
    plainMs += performance.now() - start;
    ids.push(...created.map((c) => c.id));
    emails.push(...people.map((p) => p.email));
  }
  return {
    ids,
    emails,
    protectedPerSec: Math.round((count / protectedMs) * 1000),
    plainPerSec: Math.round((count / plainMs) * 1000),
    batch,
  };
}
