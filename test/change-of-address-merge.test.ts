import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { keyedDigest } from '../src/crypto/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { createCustomerMerger, createCustomerService, type CustomerMerger } from '../src/modules/customers/index.ts';
import {
  ChangeOfAddressNotFound,
  changeOfAddressMover,
  createChangeOfAddressService,
  type ChangeOfAddressService,
} from '../src/modules/tracking/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// A customer's changes of address follow the customer into a merge (re-encrypted under the
// survivor's key, with their identity verifications) and come back when it is undone.
let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let changes: ChangeOfAddressService;
let merger: CustomerMerger;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'merge test' };
const now = new Date('2026-11-25T17:00:00Z');
const oldAddress = { lines: '12 Oak Street, Apartment 3', city: 'Brooklyn', state: 'NY', zip: '11201' };
const newAddress = { lines: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', zip: '62704' };

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  const customers = createCustomerService(keys.vault);
  changes = createChangeOfAddressService(keys.vault, customers, {
    digest: keyedDigest(keys.keyring, 'coa-screen/v1'),
    letterhead: { name: 'Consumer Advocate', address: ['475 LENFANT PLZ SW', 'WASHINGTON DC 20260-0004'], fax: null },
  });
  merger = createCustomerMerger(keys.vault, [changeOfAddressMover(keys.vault)]);
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const as = <T>(fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, system, fn);

async function customer(name: string): Promise<string> {
  const services = createCustomerService(keys.vault);
  return (await as((trx) => services.create(trx, system, personInput({ name }), ctx, now))).id;
}

async function rows(requestId: string) {
  return as(async (trx) => ({
    request: await trx
      .selectFrom('changes_of_address')
      .select(['subject_id', 'customer_id', 'name_ct', 'verification_id'])
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow(),
    verification: await trx
      .selectFrom('coa_identity_verifications')
      .select(['subject_id', 'customer_id'])
      .where('id', 'in', trx.selectFrom('changes_of_address').select('verification_id').where('id', '=', requestId))
      .executeTakeFirstOrThrow(),
  }));
}

/** The name's ciphertext opened under one subject's key. */
const openName = (subjectId: string, requestId: string, ciphertext: Uint8Array) =>
  as(async (trx) =>
    (
      await keys.vault.decryptFor(trx, subjectId, { table: 'changes_of_address', column: 'name_ct', rowId: requestId }, ciphertext)
    ).toString(),
  );

describe('changes of address in a customer merge', () => {
  it('move to the survivor under its key with their verifications, and back on unmerge', async () => {
    const survivor = await customer('Ottoline Brackenbury');
    const merged = await customer('Ottoline Brackenbury');
    const filed = await as((trx) =>
      changes.request(
        trx,
        system,
        merged,
        {
          moveType: 'individual',
          duration: 'permanent',
          name: 'Ottoline Brackenbury',
          effectiveDate: '2026-12-05',
          oldAddress,
          newAddress,
          verification: { method: 'in_person_id', outcome: 'passed' },
        },
        ctx,
        now,
      ),
    );
    const before = await rows(filed.id);
    expect(before.request).toMatchObject({ subject_id: merged, customer_id: merged });

    const merge = await as((trx) => merger.merge(trx, system, survivor, merged, ctx, new Date('2026-11-26T10:00:00Z')));
    expect(merge.moved.changes_of_address).toBe(2);
    const after = await rows(filed.id);
    expect(after.request).toMatchObject({ subject_id: survivor, customer_id: survivor });
    expect(after.verification).toEqual({ subject_id: survivor, customer_id: survivor });
    expect(Buffer.compare(after.request.name_ct, before.request.name_ct)).not.toBe(0);
    expect(await openName(survivor, filed.id, after.request.name_ct)).toBe('Ottoline Brackenbury');
    await expect(openName(merged, filed.id, after.request.name_ct)).rejects.toThrow();
    const ofSurvivor = await as((trx) => changes.ofCustomer(trx, system, survivor, 10, ctx, now));
    expect(ofSurvivor).toEqual([
      expect.objectContaining({
        id: filed.id,
        customerId: survivor,
        name: 'Ottoline Brackenbury',
        oldAddress: filed.oldAddress,
        newAddress: filed.newAddress,
        verification: expect.objectContaining({ method: 'in_person_id', outcome: 'passed' }),
      }),
    ]);

    await as((trx) => merger.unmerge(trx, system, merge.mergeId, ctx, new Date('2026-11-27T10:00:00Z')));
    const restored = await rows(filed.id);
    expect(restored.request).toMatchObject({ subject_id: merged, customer_id: merged });
    expect(restored.verification).toEqual({ subject_id: merged, customer_id: merged });
    expect(await openName(merged, filed.id, restored.request.name_ct)).toBe('Ottoline Brackenbury');
    expect(await as((trx) => changes.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([]);
    const back = await as((trx) => changes.get(trx, system, filed.id, ctx, now));
    expect(back).toMatchObject({ customerId: merged, name: 'Ottoline Brackenbury', newAddress: filed.newAddress });
  });

  it('moves nothing for a customer without changes of address', async () => {
    const survivor = await customer('Peregrine Alder');
    const merged = await customer('Peregrine Alder');
    const merge = await as((trx) => merger.merge(trx, system, survivor, merged, ctx, new Date('2026-11-26T10:00:00Z')));
    expect(merge.moved.changes_of_address).toBe(0);
    await expect(as((trx) => changes.ofCustomer(trx, system, merged, 10, ctx, now))).rejects.toThrow(ChangeOfAddressNotFound);
  });
});
