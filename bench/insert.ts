import { randomUUID } from 'node:crypto';
import { withPrincipal } from '../src/db/index.ts';
import type { BenchContext } from './fixtures.ts';
import { insertPlain } from './plain-table.ts';
import { compare, type Comparison } from './stats.ts';
import { interleave, type LoopBounds } from './timing.ts';

/**
 * 1. One customer per transaction: customers.create (a subject row, a wrapped data key,
 * five encrypted value rows, their blind-index digests, a history entry and an audit
 * entry, as the agent, under row-level security) against one plaintext INSERT of the
 * same values.
 */
export async function benchInsert(ctx: BenchContext, bounds: LoopBounds): Promise<Comparison> {
  const { db } = ctx.bench.database;
  const figures = await interleave(
    {
      protected: async () => {
        const person = ctx.nextPerson();
        await withPrincipal(db, ctx.agent, (trx) => ctx.customers.create(trx, ctx.agent, person.input, ctx.audit, new Date()));
      },
      plain: () => insertPlain(db, ctx.nextPerson().plain(randomUUID())),
    },
    bounds,
  );
  return compare(figures.protected, figures.plain);
}
