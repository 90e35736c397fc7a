import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { keyedDigest } from '../src/crypto/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { createCustomerMerger, createCustomerService, type CustomerMerger } from '../src/modules/customers/index.ts';
import {
  changeOfAddressMover,
  createHoldMailService,
  HoldMailNotFound,
  holdMailMover,
  type HoldMailService,
} from '../src/modules/tracking/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// A customer's holds follow the customer into a merge (re-encrypted under the survivor's key,
// their verifications moved by the change-of-address mover) and come back when it is undone.
let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let holds: HoldMailService;
let merger: CustomerMerger;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'merge test' };
const now = new Date('2026-11-25T17:00:00Z');
const address = { lines: '12 Oak Street, Apartment 3', city: 'Brooklyn', state: 'NY', zip: '11201' };

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  const customers = createCustomerService(keys.vault);
  holds = createHoldMailService(keys.vault, customers, { digest: keyedDigest(keys.keyring, 'coa-screen/v1') });
  merger = createCustomerMerger(keys.vault, [changeOfAddressMover(keys.vault), holdMailMover(keys.vault)]);
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

async function rows(holdId: string) {
  return as(async (trx) => ({
    hold: await trx
      .selectFrom('hold_mail_requests')
      .select(['subject_id', 'customer_id', 'address_ct', 'verification_id'])
      .where('id', '=', holdId)
      .executeTakeFirstOrThrow(),
    verification: await trx
      .selectFrom('coa_identity_verifications')
      .select(['subject_id', 'customer_id'])
      .where('id', 'in', trx.selectFrom('hold_mail_requests').select('verification_id').where('id', '=', holdId))
      .executeTakeFirstOrThrow(),
  }));
}

const openAddress = (subjectId: string, holdId: string, ciphertext: Uint8Array) =>
  as(async (trx) =>
    (
      await keys.vault.decryptFor(trx, subjectId, { table: 'hold_mail_requests', column: 'address_ct', rowId: holdId }, ciphertext)
    ).toString(),
  );

describe('holds in a customer merge', () => {
  it('move to the survivor under its key with their verification, and back on unmerge', async () => {
    const survivor = await customer('Ottoline Brackenbury');
    const merged = await customer('Ottoline Brackenbury');
    const held = await as((trx) =>
      holds.request(
        trx,
        system,
        merged,
        {
          name: 'Ottoline Brackenbury',
          beginDate: '2026-12-01',
          endDate: '2026-12-10',
          address,
          endAction: 'pickup',
          instructions: 'Ring twice',
          verification: { method: 'in_person_id', outcome: 'passed' },
        },
        ctx,
        now,
      ),
    );
    const before = await rows(held.id);
    expect(before.hold).toMatchObject({ subject_id: merged, customer_id: merged });

    const merge = await as((trx) => merger.merge(trx, system, survivor, merged, ctx, new Date('2026-11-26T10:00:00Z')));
    expect(merge.moved.hold_mail_requests).toBe(1);
    const after = await rows(held.id);
    expect(after.hold).toMatchObject({ subject_id: survivor, customer_id: survivor });
    expect(after.verification).toEqual({ subject_id: survivor, customer_id: survivor });
    expect(JSON.parse(await openAddress(survivor, held.id, after.hold.address_ct)).deliveryLine).toBe('12 OAK ST APT 3');
    await expect(openAddress(merged, held.id, after.hold.address_ct)).rejects.toThrow();
    expect(await as((trx) => holds.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([
      expect.objectContaining({ id: held.id, customerId: survivor, instructions: 'Ring twice', address: held.address }),
    ]);

    await as((trx) => merger.unmerge(trx, system, merge.mergeId, ctx, new Date('2026-11-27T10:00:00Z')));
    const restored = await rows(held.id);
    expect(restored.hold).toMatchObject({ subject_id: merged, customer_id: merged });
    expect(restored.verification).toEqual({ subject_id: merged, customer_id: merged });
    expect(await as((trx) => holds.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([]);
    expect(await as((trx) => holds.get(trx, system, held.id, ctx, now))).toMatchObject({ customerId: merged, instructions: 'Ring twice' });
  });

  it('moves nothing for a customer without holds', async () => {
    const survivor = await customer('Peregrine Alder');
    const merged = await customer('Peregrine Alder');
    const merge = await as((trx) => merger.merge(trx, system, survivor, merged, ctx, new Date('2026-11-26T10:00:00Z')));
    expect(merge.moved.hold_mail_requests).toBe(0);
    await expect(as((trx) => holds.ofCustomer(trx, system, merged, 10, ctx, now))).rejects.toThrow(HoldMailNotFound);
  });
});
