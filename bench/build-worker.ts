import { parentPort, workerData } from 'node:worker_threads';
import { openKeyring } from '../src/crypto/index.ts';
import { toColumns } from './bulk-load.ts';
import { addCustomer, emptyRows } from './customer-rows.ts';
import { syntheticCustomers } from './synthetic-customers.ts';

/** What build-pool.ts starts a builder with. */
export interface BuilderData {
  readonly seed: number;
  /** The store's keyring in CASELINE_MASTER_KEY form. */
  readonly masterKey: string;
}

/** A builder thread: encrypts, digests and encodes batches of customers (the generator's costly part) while the main thread writes. */
const { seed, masterKey } = workerData as BuilderData;
const keyring = await openKeyring({ dataDir: '', masterKey });
const people = syntheticCustomers(seed);
parentPort!.on('message', async ({ id, from, count }: { id: number; from: number; count: number }) => {
  const rows = emptyRows();
  for (let n = from; n < from + count; n++) await addCustomer(rows, keyring, people.customer(n));
  parentPort!.postMessage({ id, columns: toColumns(rows) });
});
