import { beforeAll, describe, expect, it } from 'vitest';
import { keyedDigest } from '../src/crypto/index.ts';
import {
  changeOfAddressMover,
  createHoldMailService,
  HoldMailNotFound,
  holdMailMover,
  type HoldMailService,
} from '../src/modules/tracking/index.ts';
import { ctx, mergeFixture, now, system } from './support/merge.ts';

// A customer's holds follow the customer into a merge (re-encrypted under the survivor's key,
// their verifications moved by the change-of-address mover) and come back when it is undone.
const fixture = mergeFixture((vault) => [changeOfAddressMover(vault), holdMailMover(vault)]);
const { as } = fixture;
let holds: HoldMailService;
const address = { lines: '12 Oak Street, Apartment 3', city: 'Brooklyn', state: 'NY', zip: '11201' };

beforeAll(() => {
  holds = createHoldMailService(fixture.keys.vault, fixture.customers, { digest: keyedDigest(fixture.keys.keyring, 'coa-screen/v1') });
});

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
  fixture.open(subjectId, { table: 'hold_mail_requests', column: 'address_ct', rowId: holdId }, ciphertext);

describe('holds in a customer merge', () => {
  it('move to the survivor under its key with their verification, and back on unmerge', async () => {
    const survivor = await fixture.person('Ottoline Brackenbury');
    const merged = await fixture.person('Ottoline Brackenbury');
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

    const merge = await fixture.merge(survivor, merged);
    expect(merge.moved.hold_mail_requests).toBe(1);
    const after = await rows(held.id);
    expect(after.hold).toMatchObject({ subject_id: survivor, customer_id: survivor });
    expect(after.verification).toEqual({ subject_id: survivor, customer_id: survivor });
    expect(JSON.parse(await openAddress(survivor, held.id, after.hold.address_ct)).deliveryLine).toBe('12 OAK ST APT 3');
    await expect(openAddress(merged, held.id, after.hold.address_ct)).rejects.toThrow();
    expect(await as((trx) => holds.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([
      expect.objectContaining({ id: held.id, customerId: survivor, instructions: 'Ring twice', address: held.address }),
    ]);

    await fixture.unmerge(merge.mergeId);
    const restored = await rows(held.id);
    expect(restored.hold).toMatchObject({ subject_id: merged, customer_id: merged });
    expect(restored.verification).toEqual({ subject_id: merged, customer_id: merged });
    expect(await as((trx) => holds.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([]);
    expect(await as((trx) => holds.get(trx, system, held.id, ctx, now))).toMatchObject({ customerId: merged, instructions: 'Ring twice' });
  });

  it('moves nothing for a customer without holds', async () => {
    const survivor = await fixture.person('Peregrine Alder');
    const merged = await fixture.person('Peregrine Alder');
    const merge = await fixture.merge(survivor, merged);
    expect(merge.moved.hold_mail_requests).toBe(0);
    await expect(as((trx) => holds.ofCustomer(trx, system, merged, 10, ctx, now))).rejects.toThrow(HoldMailNotFound);
  });
});
