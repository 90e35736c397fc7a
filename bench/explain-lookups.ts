// node bench/explain-lookups.ts --engine pglite|postgres --customers N [--pg-database …] [--data-dir …]
// EXPLAIN (ANALYZE, BUFFERS) of the query every finder search starts with — the
// blind-index query of vault.findByIndex — for one customer's keys,
// as an agent under row-level security, on a store npm run bench:lookup generated.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { staffPrincipal } from '../src/access/index.ts';
import { digestsToQuery } from '../src/crypto/index-digests.ts';
import type { IndexKind } from '../src/crypto/index.ts';
import { withPrincipal, type Tx } from '../src/db/index.ts';
import { addressKey, customerFields } from '../src/modules/customers/customer-fields.ts';
import { openCustomerStore } from './customer-store.ts';
import { parseArgs, parseStoreArgs, storeArgOptions } from './store-args.ts';
import { syntheticCustomers } from './synthetic-customers.ts';

const { values } = parseArgs({ options: { ...storeArgOptions, customer: { type: 'string', default: '12345' } } });
const args = parseStoreArgs(values, console.log);
const store = await openCustomerStore(args.engine, args.store);
const agent = staffPrincipal({ id: randomUUID(), roles: ['agent'], areas: [], mfaPassed: true });
const c = syntheticCustomers(args.generation.seed).customer(Number(values.customer));
const address = JSON.parse(customerFields.mailing_address.parse(c.address).stored) as Parameters<typeof addressKey>[0];
const keys: [IndexKind, string][] = [
  ['email', c.email],
  ['zip', c.address.zip],
  ['address', addressKey(address)],
  ['name', `${c.given} ${c.surname}`],
];

async function explain(trx: Tx, query: ReturnType<typeof sql>): Promise<string> {
  const result = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${query}`.execute(trx);
  return result.rows.map((row) => row['QUERY PLAN']).join('\n');
}

try {
  for (const [kind, value] of keys) {
    await withPrincipal(store.database.db, agent, async (trx) => {
      // The statement of vault.findByIndex, with the same parameters.
      const groups = digestsToQuery(store.keyring.blindIndex, kind, value);
      const findByIndex = sql`SELECT b.subject_id, b.record_table, b.record_id
        FROM blind_index b
        JOIN unnest(${groups.flat()}::bytea[], ${groups.flatMap((group, i) => group.map(() => i))}::int[]) AS q(digest, grp) ON q.digest = b.digest
        WHERE b.kind = ${kind}
        GROUP BY b.subject_id, b.record_table, b.record_id
        HAVING count(DISTINCT q.grp) = ${groups.length}
        ORDER BY b.record_table, b.record_id`;
      console.log(`\n=== ${kind}: vault.findByIndex\n${await explain(trx, findByIndex)}`);
    });
  }
} finally {
  await store.close();
}
