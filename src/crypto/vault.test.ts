import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/database.ts';
import { withPrincipal, type Database, type Principal, type Tx } from '../db/index.ts';
import { DecryptionError, InvalidIndexValueError, SubjectShreddedError } from './errors.ts';
import type { FieldLocation } from './field-cipher.ts';
import { termsToStore } from './index-terms.ts';
import { openKeyring } from './open-keyring.ts';
import { createVault, type Vault } from './vault.ts';

let database: Database;
let vault: Vault;
beforeAll(async () => {
  database = await testDatabase();
  const keyring = await openKeyring({ dataDir: '/nonexistent', masterKey: randomBytes(32).toString('base64') });
  vault = createVault({ keys: keyring, blindIndex: keyring.blindIndex });
});
afterAll(async () => {
  await database.close();
});

const system: Principal = {
  kind: 'system',
  id: 'system:test',
  grants: ['record.read:any', 'record.create:any', 'record.update:any', 'record.delete:any'],
};
const customer = (subjectId: string): Principal => ({
  kind: 'customer',
  id: `customer:${subjectId}`,
  subjectId,
  grants: ['record.read:own', 'record.create:own', 'record.update:own'],
});
const asSystem = <T>(work: (trx: Tx) => Promise<T>) => withPrincipal(database.db, system, work);
const emailOf = (rowId: string): FieldLocation => ({ table: 'customers', column: 'email', rowId });
const customerRecord = (subjectId: string, recordId: string) => ({ subjectId, businessArea: null, recordTable: 'customers', recordId });
const keyRows = (subjectId: string) =>
  asSystem((trx) => trx.selectFrom('subject_keys').selectAll().where('subject_id', '=', subjectId).execute());
const indexRows = (subjectId: string) =>
  asSystem((trx) => trx.selectFrom('blind_index').selectAll().where('subject_id', '=', subjectId).execute());

async function subjectWithKey(): Promise<string> {
  const subjectId = randomUUID();
  await asSystem((trx) => vault.createSubjectKey(trx, subjectId, null));
  return subjectId;
}

describe('vault encryption', () => {
  it('decrypts in a later transaction what it encrypted, with the data key stored wrapped', async () => {
    const subjectId = await subjectWithKey();
    const ciphertext = await asSystem((trx) => vault.encryptFor(trx, subjectId, emailOf('1'), 'jane@example.org'));
    expect(ciphertext.includes('jane')).toBe(false);
    const plaintext = await asSystem((trx) => vault.decryptFor(trx, subjectId, emailOf('1'), ciphertext));
    expect(plaintext.toString('utf8')).toBe('jane@example.org');
    const [row] = await keyRows(subjectId);
    expect(row).toMatchObject({ master_key_id: 'env', business_area: null, rewrapped_at: null });
    expect(row!.wrapped_key).toHaveLength(1 + 12 + 32 + 16);
  });

  it('preloads several subjects’ keys in one query, and only those the principal may read', async () => {
    const [mine, other] = [await subjectWithKey(), await subjectWithKey()];
    const secrets = await asSystem(async (trx) => [
      await vault.encryptFor(trx, mine, emailOf('p1'), 'mine'),
      await vault.encryptFor(trx, other, emailOf('p2'), 'other'),
    ]);
    await asSystem(async (trx) => {
      await vault.preloadKeys(trx, [mine, other, mine]);
      // Loaded before the rows went away: decryption needs no further read of subject_keys.
      await trx.deleteFrom('subject_keys').where('subject_id', 'in', [mine, other]).execute();
      expect((await vault.decryptFor(trx, mine, emailOf('p1'), secrets[0]!)).toString()).toBe('mine');
      expect((await vault.decryptFor(trx, other, emailOf('p2'), secrets[1]!)).toString()).toBe('other');
      throw new Error('roll back');
    }).catch((error: unknown) => expect(String(error)).toContain('roll back'));
    await withPrincipal(database.db, customer(mine), async (trx) => {
      await vault.preloadKeys(trx, [mine, other]);
      await expect(vault.decryptFor(trx, other, emailOf('p2'), secrets[1]!)).rejects.toBeInstanceOf(SubjectShreddedError);
    });
  });

  it('creates a subject key once; a retried intake keeps the first key', async () => {
    const subjectId = randomUUID();
    expect(await asSystem((trx) => vault.createSubjectKey(trx, subjectId, 'marketing'))).toBe(true);
    const ciphertext = await asSystem((trx) => vault.encryptFor(trx, subjectId, emailOf('2'), 'x'));
    expect(await asSystem((trx) => vault.createSubjectKey(trx, subjectId, 'marketing'))).toBe(false);
    await expect(asSystem((trx) => vault.decryptFor(trx, subjectId, emailOf('2'), ciphertext))).resolves.toEqual(Buffer.from('x'));
  });

  it('refuses a ciphertext copied to another row, column or subject', async () => {
    const [subjectId, other] = [await subjectWithKey(), await subjectWithKey()];
    const ciphertext = await asSystem((trx) => vault.encryptFor(trx, subjectId, emailOf('3'), 'jane@example.org'));
    await expect(asSystem((trx) => vault.decryptFor(trx, subjectId, emailOf('4'), ciphertext))).rejects.toThrow(DecryptionError);
    await expect(
      asSystem((trx) => vault.decryptFor(trx, subjectId, { table: 'customers', column: 'phone', rowId: '3' }, ciphertext)),
    ).rejects.toThrow(DecryptionError);
    await expect(asSystem((trx) => vault.decryptFor(trx, other, emailOf('3'), ciphertext))).rejects.toThrow(DecryptionError);
  });

  it('does not invent a key for a subject that has none', async () => {
    const subjectId = randomUUID();
    await expect(asSystem((trx) => vault.encryptFor(trx, subjectId, emailOf('5'), 'x'))).rejects.toThrow(SubjectShreddedError);
    expect(await keyRows(subjectId)).toEqual([]);
  });

  it('lets a customer decrypt their own data and no one else’s (row-level security on the keys)', async () => {
    const [own, other] = [await subjectWithKey(), await subjectWithKey()];
    const mine = await asSystem((trx) => vault.encryptFor(trx, own, emailOf('6'), 'mine'));
    const theirs = await asSystem((trx) => vault.encryptFor(trx, other, emailOf('7'), 'theirs'));
    const asCustomer = <T>(work: (trx: Tx) => Promise<T>) => withPrincipal(database.db, customer(own), work);
    await expect(asCustomer((trx) => vault.decryptFor(trx, own, emailOf('6'), mine))).resolves.toEqual(Buffer.from('mine'));
    await expect(asCustomer((trx) => vault.decryptFor(trx, other, emailOf('7'), theirs))).rejects.toThrow(SubjectShreddedError);
  });
});

describe('vault blind indexes', () => {
  it('find records by normalised e-mail, phone, ZIP and sound-alike name', async () => {
    const [jane, john] = [await subjectWithKey(), await subjectWithKey()];
    await asSystem(async (trx) => {
      await vault.indexValues(trx, [{ kind: 'email', value: 'Jane.Doe+news@gmail.com', ...customerRecord(jane, 'c-jane') }]);
      await vault.indexValues(trx, [{ kind: 'phone', value: '(202) 268-2000', ...customerRecord(jane, 'c-jane') }]);
      await vault.indexValues(trx, [{ kind: 'zip', value: '20260-0004', ...customerRecord(jane, 'c-jane') }]);
      await vault.indexValues(trx, [{ kind: 'name', value: 'John Smith', ...customerRecord(john, 'c-john') }]);
      await vault.indexValues(trx, [{ kind: 'zip', value: '20260', ...customerRecord(john, 'c-john') }]);
    });
    const find = (kind: Parameters<Vault['findByIndex']>[1], value: string) => asSystem((trx) => vault.findByIndex(trx, kind, value));
    const janeRecord = [{ subjectId: jane, recordTable: 'customers', recordId: 'c-jane' }];
    const johnRecord = [{ subjectId: john, recordTable: 'customers', recordId: 'c-john' }];
    expect(await find('email', 'janedoe@googlemail.com')).toEqual(janeRecord);
    expect(await find('phone', '+1 202 268 2000')).toEqual(janeRecord);
    expect(await find('zip', '20260-0004')).toEqual(janeRecord);
    expect(await find('zip', '20260')).toEqual([...janeRecord, ...johnRecord]);
    expect(await find('name', 'Jon Smyth')).toEqual(johnRecord);
    expect(await find('name', 'Jon Doe')).toEqual([]);
    expect(await find('email', 'jane.doe@outlook.com')).toEqual([]);
  });

  it('indexes a value twice without error or duplicate, and drops a record’s rows on request', async () => {
    const subjectId = await subjectWithKey();
    const entry = { kind: 'identifier', value: 'EJ 958 083 578 US', ...customerRecord(subjectId, 'a1'), recordTable: 'articles' } as const;
    await asSystem(async (trx) => {
      await vault.indexValues(trx, [entry]);
      await vault.indexValues(trx, [entry]);
    });
    expect(await asSystem((trx) => vault.findByIndex(trx, 'identifier', 'ej958083578us'))).toHaveLength(1);
    expect(await asSystem((trx) => vault.unindexRecord(trx, 'articles', 'a1'))).toBe(1);
    expect(await asSystem((trx) => vault.findByIndex(trx, 'identifier', 'ej958083578us'))).toEqual([]);
  });

  it('refuses a value that does not normalise, storing nothing', async () => {
    const subjectId = await subjectWithKey();
    await expect(
      asSystem((trx) => vault.indexValues(trx, [{ kind: 'phone', value: '555-555-5555', ...customerRecord(subjectId, 'x') }])),
    ).rejects.toThrow(InvalidIndexValueError);
    expect(await indexRows(subjectId)).toEqual([]);
  });

  it('shows a customer only their own matches', async () => {
    const [own, other] = [await subjectWithKey(), await subjectWithKey()];
    await asSystem(async (trx) => {
      for (const [subjectId, recordId] of [
        [own, 'r-own'],
        [other, 'r-other'],
      ] as const) {
        await vault.indexValues(trx, [{ kind: 'ssn_last4', value: '4321', ...customerRecord(subjectId, recordId) }]);
      }
    });
    const matches = await withPrincipal(database.db, customer(own), (trx) => vault.findByIndex(trx, 'ssn_last4', '4321'));
    expect(matches).toEqual([{ subjectId: own, recordTable: 'customers', recordId: 'r-own' }]);
  });
});

describe('shred', () => {
  it('makes the subject’s old ciphertexts unreadable and removes its index rows, leaving others alone', async () => {
    const [gone, kept] = [await subjectWithKey(), await subjectWithKey()];
    const [oldCiphertext, keptCiphertext] = await asSystem(async (trx) => {
      for (const subjectId of [gone, kept]) {
        await vault.indexValues(trx, [{ kind: 'email', value: 'same@example.org', ...customerRecord(subjectId, subjectId) }]);
        await vault.indexValues(trx, [{ kind: 'name', value: 'Ada Lovelace', ...customerRecord(subjectId, subjectId) }]);
      }
      const encrypt = (subjectId: string) => vault.encryptFor(trx, subjectId, emailOf(subjectId), 'same@example.org');
      return [await encrypt(gone), await encrypt(kept)];
    });

    const indexed = 1 + termsToStore('name', 'Ada Lovelace').length;
    expect(await asSystem((trx) => vault.shred(trx, gone))).toEqual({ keyDestroyed: true, indexRowsDeleted: indexed });

    await expect(asSystem((trx) => vault.decryptFor(trx, gone, emailOf(gone), oldCiphertext))).rejects.toThrow(SubjectShreddedError);
    await expect(asSystem((trx) => vault.encryptFor(trx, gone, emailOf(gone), 'new'))).rejects.toThrow(SubjectShreddedError);
    expect(await keyRows(gone)).toEqual([]);
    expect(await indexRows(gone)).toEqual([]);
    expect((await asSystem((trx) => vault.findByIndex(trx, 'email', 'same@example.org'))).map((m) => m.subjectId)).toEqual([kept]);
    const keptPlaintext = await asSystem((trx) => vault.decryptFor(trx, kept, emailOf(kept), keptCiphertext));
    expect(keptPlaintext.toString('utf8')).toBe('same@example.org');
  });

  it('takes effect inside the transaction that shreds, despite the unwrapped key it had cached', async () => {
    const subjectId = await subjectWithKey();
    const ciphertext = await asSystem((trx) => vault.encryptFor(trx, subjectId, emailOf('9'), 'x'));
    await asSystem(async (trx) => {
      await vault.decryptFor(trx, subjectId, emailOf('9'), ciphertext);
      await vault.shred(trx, subjectId);
      await expect(vault.decryptFor(trx, subjectId, emailOf('9'), ciphertext)).rejects.toThrow(SubjectShreddedError);
    });
  });

  it('of a subject without a key reports that nothing was destroyed', async () => {
    expect(await asSystem((trx) => vault.shred(trx, randomUUID()))).toEqual({ keyDestroyed: false, indexRowsDeleted: 0 });
  });
});
