import { beforeAll, describe, expect, it } from 'vitest';
import { createMailingService, mailingMover, type MailingService, type NewMailing } from '../src/modules/tracking/index.ts';
import { ctx, mergeFixture, now, system } from './support/merge.ts';

// A business's mailings follow it into a merge (their problem notes re-encrypted under the
// survivor's key) and come back when it is undone.
const fixture = mergeFixture((vault) => [mailingMover(vault)]);
const { as } = fixture;
let mailings: MailingService;
const notes = 'Pallet 4 arrived without its placard';

const mailing = (mailingId: string): NewMailing => ({
  mailingId,
  mailerId: '123456',
  serialFirst: 1,
  serialLast: 100,
  postageStatement: '5510',
  mailingDate: '2026-11-26',
  mailClass: 'marketing',
  processingCategory: 'flats',
  priceCategory: 'Automation',
  presortLevel: '3_digit',
  pieceCount: 100,
  weightGrams: 9000,
  postageCents: 5200,
  permitNumber: '77',
  permitType: 'permit_imprint',
  entry: 'origin',
  problems: notes,
});

beforeAll(() => {
  mailings = createMailingService(fixture.keys.vault, fixture.customers);
});

const stored = (id: string) =>
  as((trx) =>
    trx.selectFrom('mailings').select(['subject_id', 'customer_id', 'problems_ct']).where('id', '=', id).executeTakeFirstOrThrow(),
  );

const openNotes = (subjectId: string, id: string, ciphertext: Uint8Array) =>
  fixture.open(subjectId, { table: 'mailings', column: 'problems_ct', rowId: id }, ciphertext);

describe('mailings in a customer merge', () => {
  it('move to the survivor under its key, and back on unmerge', async () => {
    const survivor = await fixture.organisation('Acme Catalogs Inc');
    const merged = await fixture.organisation('Acme Catalogs Incorporated');
    const entered = await as((trx) => mailings.create(trx, system, merged, mailing('WINTER-1'), ctx, now));
    const before = await stored(entered.id);

    const merge = await fixture.merge(survivor, merged);
    expect(merge.moved.mailings).toBe(1);
    const after = await stored(entered.id);
    expect(after).toMatchObject({ subject_id: survivor, customer_id: survivor });
    expect(Buffer.compare(after.problems_ct!, before.problems_ct!)).not.toBe(0);
    expect(await openNotes(survivor, entered.id, after.problems_ct!)).toBe(notes);
    await expect(openNotes(merged, entered.id, after.problems_ct!)).rejects.toThrow();
    expect(await as((trx) => mailings.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([
      expect.objectContaining({ id: entered.id, customerId: survivor, problems: notes }),
    ]);

    await fixture.unmerge(merge.mergeId);
    const restored = await stored(entered.id);
    expect(restored).toMatchObject({ subject_id: merged, customer_id: merged });
    expect(await openNotes(merged, entered.id, restored.problems_ct!)).toBe(notes);
    expect(await as((trx) => mailings.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([]);
  });
});
