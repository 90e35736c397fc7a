import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { rotateMasterKey, SubjectShreddedError } from '../src/crypto/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { createCustomerService } from '../src/modules/customers/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// Crypto-shredding (NIST SP 800-88 cryptographic erase): once a subject's key is destroyed
// and the master key that wrapped it is rotated away, its ciphertexts are unreadable even
// from a copy of the database taken before the erasure.
let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'erasure test' };

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

describe('crypto-shredding', () => {
  it('leaves a backup taken before the erasure unable to decrypt the erased subject', async () => {
    const customers = createCustomerService(keys.vault);
    const [gone, kept] = await withPrincipal(database.db, system, async (trx) => [
      await customers.create(trx, system, personInput({ name: 'Erased Person', email: 'erased@example.com' }), ctx, new Date()),
      await customers.create(trx, system, personInput({ name: 'Kept Person' }), ctx, new Date()),
    ]);
    // The "backup": the rows as they stood, ciphertext and wrapped key alike.
    const backup = await withPrincipal(database.db, system, async (trx) => ({
      key: await trx.selectFrom('subject_keys').selectAll().where('subject_id', '=', gone.id).executeTakeFirstOrThrow(),
      name: await trx
        .selectFrom('customer_values')
        .select(['id', 'value_ct'])
        .where('subject_id', '=', gone.id)
        .where('field', '=', 'customer_name')
        .executeTakeFirstOrThrow(),
    }));
    // Before the erasure the backup's wrapped key still opens.
    await expect(keys.keyring.unwrap(backup.key.master_key_id, backup.key.wrapped_key)).resolves.toHaveLength(32);

    const shredded = await withPrincipal(database.db, system, (trx) => keys.vault.shred(trx, gone.id));
    expect(shredded.keyDestroyed).toBe(true);
    expect(shredded.indexRowsDeleted).toBeGreaterThan(0);
    await expect(
      withPrincipal(database.db, system, (trx) =>
        keys.vault.decryptFor(trx, gone.id, { table: 'customer_values', column: 'value_ct', rowId: backup.name.id }, backup.name.value_ct),
      ),
    ).rejects.toBeInstanceOf(SubjectShreddedError);
    expect(await withPrincipal(database.db, system, (trx) => keys.vault.findByIndex(trx, 'email', 'erased@example.com'))).toEqual([]);

    const rotation = await rotateMasterKey((work) => withPrincipal(database.db, system, work), keys.keyring);
    expect(rotation.retired).toEqual([backup.key.master_key_id]);
    await expect(keys.keyring.unwrap(backup.key.master_key_id, backup.key.wrapped_key)).rejects.toThrow(/retired/);

    const still = await withPrincipal(database.db, system, (trx) => customers.get(trx, system, kept.id, { reveal: [] }, ctx, new Date()));
    expect(still).toMatchObject({ customer: { name: 'Kept Person' } });
  });
});
