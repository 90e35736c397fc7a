import { sql } from 'kysely';
import { withPrincipal } from '../src/db/index.ts';
import type { BenchContext } from './fixtures.ts';
import { selectPlain } from './plain-table.ts';
import type { Seeded } from './seed.ts';
import { compare, type Comparison, type Latency } from './stats.ts';
import { interleave, type LoopBounds } from './timing.ts';

export interface LookupResult {
  /** Customers in the table (the seeded ones, looked up, and the insert phase's). */
  readonly customers: number;
  /** finder.search by e-mail: blind index, value owners, row-level security, decryption, audit entry. */
  readonly search: Comparison;
  /** vault.findByIndex alone, in its transaction: what the search costs before decrypting and auditing. */
  readonly blindIndex: Comparison;
  /** An empty withPrincipal transaction: the price of carrying the principal into the database. */
  readonly principalOnly: Comparison;
}

// Scatters the rounds over the whole table (a multiplicative hash), so no one row stays cached by reuse.
const pick = (round: number, count: number): number => (round * 2_654_435_761) % count;

function expectOne(found: number, what: string): void {
  if (found !== 1) throw new Error(`${what} found ${found} customers where exactly one was seeded`);
}

/** 2. A retrieval key's point lookup against a primary-key SELECT on the plaintext table. */
export async function benchLookup(ctx: BenchContext, seeded: Seeded, bounds: LoopBounds): Promise<LookupResult> {
  const { db } = ctx.bench.database;
  const n = seeded.ids.length;
  const figures: Record<'pk' | 'principal' | 'blindIndex' | 'search', Latency> = await interleave(
    {
      pk: async (round) => {
        const row = await selectPlain(db, seeded.ids[pick(round, n)]!);
        expectOne(row ? 1 : 0, 'primary-key lookup');
      },
      principal: () => withPrincipal(db, ctx.agent, async () => undefined),
      blindIndex: async (round) => {
        const matches = await withPrincipal(db, ctx.agent, (trx) => ctx.vault.findByIndex(trx, 'email', seeded.emails[pick(round, n)]!));
        expectOne(matches.length, 'blind-index lookup');
      },
      search: async (round) => {
        const found = await withPrincipal(db, ctx.agent, (trx) =>
          ctx.finder.search(trx, ctx.agent, { email: seeded.emails[pick(round, n)]! }, ctx.audit, new Date()),
        );
        expectOne(found.length, 'finder.search');
      },
    },
    bounds,
  );
  // As the connecting superuser, which row-level security does not filter.
  const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM customers`.execute(db);
  return {
    customers: count.rows[0]!.n,
    search: compare(figures.search, figures.pk),
    blindIndex: compare(figures.blindIndex, figures.pk),
    principalOnly: compare(figures.principal, figures.pk),
  };
}
