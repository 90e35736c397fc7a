// node bench/generate-customers.ts --engine pglite|postgres --customers N [--seed S] [--batch B]
//   [--pg-url postgres://…] [--pg-database bench_customers] [--data-dir bench/data]
// Generates (or completes, after an interruption) a registry of N synthetic customers;
// npm run bench:lookup does the same before measuring, so this is for generating ahead.
import { openCustomerStore } from './customer-store.ts';
import { ensureCustomers } from './generation.ts';
import { parseArgs, parseStoreArgs, storeArgOptions } from './store-args.ts';

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const { values } = parseArgs({ options: storeArgOptions });
const args = parseStoreArgs(values, log);
const store = await openCustomerStore(args.engine, args.store);
try {
  log(`${store.version}, ${store.location}: ensuring ${args.customers.toLocaleString('en-US')} customers`);
  const generation = await ensureCustomers(store, args.customers, args.generation);
  log(JSON.stringify(generation));
} finally {
  await store.close();
}
