import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { testDatabase } from '../../test/support/database.ts';
import { withPrincipal, type Database, type Principal } from '../db/index.ts';
import type { FieldLocation } from './field-cipher.ts';
import { openKeyring, type LocalKeyring } from './open-keyring.ts';
import { rotateMasterKey, type Transact } from './rotate-master-key.ts';
import { createVault } from './vault.ts';

const keysPrincipal: Principal = {
  kind: 'system',
  id: 'system:keys',
  grants: ['record.read:any', 'record.create:any', 'record.update:any', 'record.delete:any'],
};
const noteOf = (subjectId: string): FieldLocation => ({ table: 'cases', column: 'note', rowId: subjectId });

let database: Database;
let dataDir: string;
const transact: Transact = (work) => withPrincipal(database.db, keysPrincipal, work);
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});
// Each test starts a new installation: a new key file and no data keys.
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-rotation-'));
  await transact((trx) => trx.deleteFrom('subject_keys').execute());
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Creates subjects with one encrypted field each; returns their ciphertexts. */
async function seed(keyring: LocalKeyring, count: number): Promise<Map<string, Buffer>> {
  const vault = createVault({ keys: keyring, blindIndex: keyring.blindIndex });
  return transact(async (trx) => {
    const ciphertexts = new Map<string, Buffer>();
    for (let i = 0; i < count; i++) {
      const subjectId = randomUUID();
      await vault.createSubjectKey(trx, subjectId, null);
      ciphertexts.set(subjectId, await vault.encryptFor(trx, subjectId, noteOf(subjectId), `note ${i}`));
    }
    return ciphertexts;
  });
}

async function decryptAll(keyring: LocalKeyring, ciphertexts: Map<string, Buffer>): Promise<string[]> {
  const vault = createVault({ keys: keyring, blindIndex: keyring.blindIndex });
  return transact(async (trx) => {
    const plaintexts: string[] = [];
    for (const [subjectId, ciphertext] of ciphertexts) {
      plaintexts.push((await vault.decryptFor(trx, subjectId, noteOf(subjectId), ciphertext)).toString('utf8'));
    }
    return plaintexts;
  });
}

const keyCounts = () =>
  transact(async (trx) => {
    const rows = await trx
      .selectFrom('subject_keys')
      .select(['master_key_id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('master_key_id')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.master_key_id, Number(row.count)]));
  });

const expectedNotes = (count: number) => Array.from({ length: count }, (_, i) => `note ${i}`);

describe('rotateMasterKey', () => {
  it('re-wraps every data key under a new master key, in batches, then retires the old one', async () => {
    const keyring = await openKeyring({ dataDir, masterKey: null });
    const oldKeyId = await keyring.activeKeyId();
    const ciphertexts = await seed(keyring, 50);
    const wrappedBefore = await transact((trx) => trx.selectFrom('subject_keys').select('wrapped_key').execute());
    const batches: number[] = [];

    const result = await rotateMasterKey(transact, keyring, { batchSize: 20, onBatch: (progress) => batches.push(progress.rewrapped) });

    expect(result.activeKeyId).not.toBe(oldKeyId);
    expect(result).toEqual({ activeKeyId: result.activeKeyId, rewrapped: 50, retired: [oldKeyId] });
    expect(batches).toEqual([20, 40, 50]);
    expect(await keyCounts()).toEqual({ [result.activeKeyId]: 50 });
    const after = await transact((trx) => trx.selectFrom('subject_keys').select(['wrapped_key', 'rewrapped_at']).execute());
    expect(after.every((row) => row.rewrapped_at instanceof Date)).toBe(true);
    const before = new Set(wrappedBefore.map((row) => row.wrapped_key.toString('hex')));
    expect(after.some((row) => before.has(row.wrapped_key.toString('hex')))).toBe(false);

    const restarted = await openKeyring({ dataDir, masterKey: null });
    expect(await restarted.keyIds()).toEqual([result.activeKeyId]);
    expect(await decryptAll(restarted, ciphertexts)).toEqual(expectedNotes(50));
  });

  it('interrupted after one batch, finishes when resumed after a restart', async () => {
    const keyring = await openKeyring({ dataDir, masterKey: null });
    const oldKeyId = await keyring.activeKeyId();
    const ciphertexts = await seed(keyring, 50);
    const stop = new AbortController();

    const interrupted = rotateMasterKey(transact, keyring, { batchSize: 10, signal: stop.signal, onBatch: () => stop.abort() });
    await expect(interrupted).rejects.toThrow(/abort/i);

    const newKeyId = await keyring.activeKeyId();
    expect(await keyCounts()).toEqual({ [oldKeyId]: 40, [newKeyId]: 10 });
    expect(await decryptAll(keyring, ciphertexts)).toEqual(expectedNotes(50));

    const restarted = await openKeyring({ dataDir, masterKey: null });
    expect(await restarted.keyIds()).toEqual([oldKeyId, newKeyId]);
    const result = await rotateMasterKey(transact, restarted, { batchSize: 10, resume: true });
    expect(result).toEqual({ activeKeyId: newKeyId, rewrapped: 40, retired: [oldKeyId] });
    expect(await keyCounts()).toEqual({ [newKeyId]: 50 });
    expect(await decryptAll(restarted, ciphertexts)).toEqual(expectedNotes(50));
  });

  it('leaves a server that loaded the keyring before the rotation able to read old data and create new keys', async () => {
    const server = await openKeyring({ dataDir, masterKey: null });
    const ciphertexts = await seed(server, 5);
    const cli = await openKeyring({ dataDir, masterKey: null });

    const { activeKeyId } = await rotateMasterKey(transact, cli, { batchSize: 2 });

    expect(await decryptAll(server, ciphertexts)).toEqual(expectedNotes(5));
    await seed(server, 1);
    expect(await keyCounts()).toEqual({ [activeKeyId]: 6 });
  });

  it.runIf(inject('databaseTemplate').kind === 'postgres')(
    'waits for a transaction that wrapped a data key with the old master key before retiring it',
    async () => {
      const server = await openKeyring({ dataDir, masterKey: null });
      const serverVault = createVault({ keys: server, blindIndex: server.blindIndex });
      const cli = await openKeyring({ dataDir, masterKey: null });
      const ciphertexts = await seed(server, 5);
      const late = randomUUID();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let wrapped!: () => void;
      const wrappedOld = new Promise<void>((resolve) => (wrapped = resolve));
      const slowIntake = transact(async (trx) => {
        await serverVault.createSubjectKey(trx, late, null);
        const note = await serverVault.encryptFor(trx, late, noteOf(late), 'late note');
        wrapped();
        await released;
        return note;
      });
      await wrappedOld;

      let finished = false;
      const rotation = rotateMasterKey(transact, cli, { batchSize: 2 }).finally(() => (finished = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(finished).toBe(false);
      release();
      ciphertexts.set(late, await slowIntake);
      const result = await rotation;

      expect(result.rewrapped).toBe(6);
      expect(await keyCounts()).toEqual({ [result.activeKeyId]: 6 });
      expect(await decryptAll(cli, ciphertexts)).toEqual([...expectedNotes(5), 'late note']);
    },
  );

  it('with CASELINE_MASTER_KEY, re-wraps to the key appended to the variable but cannot add one itself', async () => {
    const [first, second] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const before = await openKeyring({ dataDir, masterKey: `k1:${first}` });
    const ciphertexts = await seed(before, 3);
    await expect(rotateMasterKey(transact, before, {})).rejects.toThrow(/cannot be changed by Caseline/);
    expect(await keyCounts()).toEqual({ k1: 3 });

    const after = await openKeyring({ dataDir, masterKey: `k1:${first},k2:${second}` });
    expect(await rotateMasterKey(transact, after, { resume: true })).toEqual({ activeKeyId: 'k2', rewrapped: 3, retired: ['k1'] });
    expect(await keyCounts()).toEqual({ k2: 3 });
    expect(await decryptAll(await openKeyring({ dataDir, masterKey: `k2:${second}` }), ciphertexts)).toEqual(expectedNotes(3));
  });
});
