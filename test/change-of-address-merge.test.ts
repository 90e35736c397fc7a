import { beforeAll, describe, expect, it } from 'vitest';
import { keyedDigest } from '../src/crypto/index.ts';
import {
  ChangeOfAddressNotFound,
  changeOfAddressMover,
  createChangeOfAddressService,
  type ChangeOfAddressService,
} from '../src/modules/tracking/index.ts';
import { ctx, mergeFixture, now, system } from './support/merge.ts';

// A customer's changes of address follow the customer into a merge (re-encrypted under the
// survivor's key, with their identity verifications) and come back when it is undone.
const fixture = mergeFixture((vault) => [changeOfAddressMover(vault)]);
const { as } = fixture;
let changes: ChangeOfAddressService;
const oldAddress = { lines: '12 Oak Street, Apartment 3', city: 'Brooklyn', state: 'NY', zip: '11201' };
const newAddress = { lines: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', zip: '62704' };

beforeAll(() => {
  changes = createChangeOfAddressService(fixture.keys.vault, fixture.customers, {
    digest: keyedDigest(fixture.keys.keyring, 'coa-screen/v1'),
    letterhead: { name: 'Consumer Advocate', address: ['475 LENFANT PLZ SW', 'WASHINGTON DC 20260-0004'], fax: null },
  });
});

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
  fixture.open(subjectId, { table: 'changes_of_address', column: 'name_ct', rowId: requestId }, ciphertext);

describe('changes of address in a customer merge', () => {
  it('move to the survivor under its key with their verifications, and back on unmerge', async () => {
    const survivor = await fixture.person('Ottoline Brackenbury');
    const merged = await fixture.person('Ottoline Brackenbury');
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

    const merge = await fixture.merge(survivor, merged);
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

    await fixture.unmerge(merge.mergeId);
    const restored = await rows(filed.id);
    expect(restored.request).toMatchObject({ subject_id: merged, customer_id: merged });
    expect(restored.verification).toEqual({ subject_id: merged, customer_id: merged });
    expect(await openName(merged, filed.id, restored.request.name_ct)).toBe('Ottoline Brackenbury');
    expect(await as((trx) => changes.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([]);
    const back = await as((trx) => changes.get(trx, system, filed.id, ctx, now));
    expect(back).toMatchObject({ customerId: merged, name: 'Ottoline Brackenbury', newAddress: filed.newAddress });
  });

  it('moves nothing for a customer without changes of address', async () => {
    const survivor = await fixture.person('Peregrine Alder');
    const merged = await fixture.person('Peregrine Alder');
    const merge = await fixture.merge(survivor, merged);
    expect(merge.moved.changes_of_address).toBe(0);
    await expect(as((trx) => changes.ofCustomer(trx, system, merged, 10, ctx, now))).rejects.toThrow(ChangeOfAddressNotFound);
  });
});
