import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { createCustomerMerger, createCustomerService, type CustomerMerger } from '../src/modules/customers/index.ts';
import { createMailingService, mailingMover, type MailingService, type NewMailing } from '../src/modules/tracking/index.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// A business's mailings follow it into a merge (their problem notes re-encrypted under the
// survivor's key) and come back when it is undone.
let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let mailings: MailingService;
let merger: CustomerMerger;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'merge test' };
const now = new Date('2026-11-25T17:00:00Z');
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

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  mailings = createMailingService(keys.vault, createCustomerService(keys.vault));
  merger = createCustomerMerger(keys.vault, [mailingMover(keys.vault)]);
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const as = <T>(fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, system, fn);

async function organisation(name: string): Promise<string> {
  const customers = createCustomerService(keys.vault);
  return (
    await as((trx) =>
      customers.create(
        trx,
        system,
        { kind: 'organisation', recordSource: 'agent', values: [{ field: 'company_name', value: name }] },
        ctx,
        now,
      ),
    )
  ).id;
}

const stored = (id: string) =>
  as((trx) =>
    trx.selectFrom('mailings').select(['subject_id', 'customer_id', 'problems_ct']).where('id', '=', id).executeTakeFirstOrThrow(),
  );

const openNotes = (subjectId: string, id: string, ciphertext: Uint8Array) =>
  as(async (trx) =>
    (await keys.vault.decryptFor(trx, subjectId, { table: 'mailings', column: 'problems_ct', rowId: id }, ciphertext)).toString(),
  );

describe('mailings in a customer merge', () => {
  it('move to the survivor under its key, and back on unmerge', async () => {
    const survivor = await organisation('Acme Catalogs Inc');
    const merged = await organisation('Acme Catalogs Incorporated');
    const entered = await as((trx) => mailings.create(trx, system, merged, mailing('WINTER-1'), ctx, now));
    const before = await stored(entered.id);

    const merge = await as((trx) => merger.merge(trx, system, survivor, merged, ctx, new Date('2026-11-26T10:00:00Z')));
    expect(merge.moved.mailings).toBe(1);
    const after = await stored(entered.id);
    expect(after).toMatchObject({ subject_id: survivor, customer_id: survivor });
    expect(Buffer.compare(after.problems_ct!, before.problems_ct!)).not.toBe(0);
    expect(await openNotes(survivor, entered.id, after.problems_ct!)).toBe(notes);
    await expect(openNotes(merged, entered.id, after.problems_ct!)).rejects.toThrow();
    expect(await as((trx) => mailings.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([
      expect.objectContaining({ id: entered.id, customerId: survivor, problems: notes }),
    ]);

    await as((trx) => merger.unmerge(trx, system, merge.mergeId, ctx, new Date('2026-11-27T10:00:00Z')));
    const restored = await stored(entered.id);
    expect(restored).toMatchObject({ subject_id: merged, customer_id: merged });
    expect(await openNotes(merged, entered.id, restored.problems_ct!)).toBe(notes);
    expect(await as((trx) => mailings.ofCustomer(trx, system, survivor, 10, ctx, now))).toEqual([]);
  });
});
