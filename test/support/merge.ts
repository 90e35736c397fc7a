import { afterAll, beforeAll } from 'vitest';
import { systemPrincipal } from '../../src/access/index.ts';
import type { Vault } from '../../src/crypto/index.ts';
import { withPrincipal, type Database } from '../../src/db/index.ts';
import {
  createCustomerMerger,
  createCustomerService,
  type CustomerMerger,
  type CustomerService,
  type LinkedRecords,
} from '../../src/modules/customers/index.ts';
import { personInput } from './customers.ts';
import { testDatabase } from './database.ts';
import { testVault } from './vault.ts';

export const system = systemPrincipal('test');
export const ctx = { requestId: null, clientAddr: null, purpose: 'merge test' };
export const now = new Date('2026-11-25T17:00:00Z');

/**
 * A database and vault for a test of records following a customer into a merge and back: the
 * customer merger moves them with `linked` (the feature's movers, built over the vault). The
 * vault and services are there once the suite's beforeAll has run.
 */
export function mergeFixture(linked: (vault: Vault) => readonly LinkedRecords[]) {
  let database: Database;
  let keys: Awaited<ReturnType<typeof testVault>>;
  let customers: CustomerService;
  let merger: CustomerMerger;

  beforeAll(async () => {
    database = await testDatabase();
    keys = await testVault();
    customers = createCustomerService(keys.vault);
    merger = createCustomerMerger(keys.vault, linked(keys.vault));
  });
  afterAll(async () => {
    await database.close();
    await keys.remove();
  });

  const as = <T>(fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, system, fn);
  return {
    get keys() {
      return keys;
    },
    get customers() {
      return customers;
    },
    as,
    /** A new person customer's id. */
    person: async (name: string) => (await as((trx) => customers.create(trx, system, personInput({ name }), ctx, now))).id,
    /** A new organisation customer's id. */
    organisation: async (name: string) =>
      (
        await as((trx) =>
          customers.create(
            trx,
            system,
            { kind: 'organisation', recordSource: 'agent', values: [{ field: 'company_name', value: name }] },
            ctx,
            now,
          ),
        )
      ).id,
    /** A column's ciphertext opened under one subject's key. */
    open: (subjectId: string, location: { table: string; column: string; rowId: string }, ciphertext: Uint8Array) =>
      as(async (trx) => (await keys.vault.decryptFor(trx, subjectId, location, ciphertext)).toString()),
    merge: (survivorId: string, mergedId: string) =>
      as((trx) => merger.merge(trx, system, survivorId, mergedId, ctx, new Date('2026-11-26T10:00:00Z'))),
    unmerge: (mergeId: string) => as((trx) => merger.unmerge(trx, system, mergeId, ctx, new Date('2026-11-27T10:00:00Z'))),
  };
}
