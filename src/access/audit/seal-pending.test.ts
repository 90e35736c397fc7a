import { generateKeyPairSync, verify } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import { appendAudit } from './append-audit.ts';
import { auditBacklog } from './audit-backlog.ts';
import { createAuditSigner } from './audit-signer.ts';
import { appendEntries, entryFor, testStaff } from './audit-fixtures.ts';
import { entryHash, genesisHash } from './canonical-entry.ts';
import { checkpointMessage } from './checkpoint.ts';
import { selectChainPage } from './audit-log-repository.ts';
import { sealPending, sealerPrincipal } from './seal-pending.ts';
import { verifyAudit } from './verify-audit.ts';

const onServer = inject('databaseTemplate').kind === 'postgres';
const signer = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
const now = () => new Date('2025-06-01T12:00:00.456Z');

let database: Database;
beforeEach(async () => {
  database = await testDatabase();
});
afterEach(async () => {
  await database.close();
});

const chainRows = () =>
  database.db.selectFrom('audit_log').select(['id', 'chain_pos', 'prev_hash', 'hash', 'sealed_at']).orderBy('id').execute();

describe('sealPending', () => {
  it('links committed entries in id order from position 1, and seals each once', async () => {
    await appendEntries(database.db, 5);
    expect(await auditBacklog(database.db)).toBe(5);
    const first = await sealPending(database.db, { batchSize: 3, now });
    expect(await auditBacklog(database.db)).toBe(2);
    expect(first).toMatchObject({ busy: false, sealed: 3, checkpoints: [] });
    const second = await sealPending(database.db, { batchSize: 3, now });
    expect(second).toMatchObject({ sealed: 2, head: { chainPos: 5 } });
    expect((await sealPending(database.db, { batchSize: 3, now })).sealed).toBe(0);

    const rows = await chainRows();
    expect(rows.map((r) => r.chain_pos)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toEqual(genesisHash);
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toEqual(rows[i]!.hash));
    expect(rows.every((r) => r.sealed_at?.getTime() === now().getTime())).toBe(true);
    expect(second.head!.hash).toEqual(rows[4]!.hash);

    // Each stored hash is the documented function of the stored row.
    const read = await selectChainPage(database.db, null, 10);
    read.forEach((entry) => expect(entryHash(entry.prevHash!, entry)).toEqual(entry.hash));
    expect(read[0]!.sealedAt).toBe('2025-06-01T12:00:00.456000Z');
  });

  it('signs and stores a checkpoint at every multiple of checkpointEvery', async () => {
    await appendEntries(database.db, 7);
    const result = await sealPending(database.db, { batchSize: 100, now, signer, checkpointEvery: 3 });
    expect(result.checkpoints.map((c) => c.chainPos)).toEqual([3, 6]);
    const stored = await database.db.selectFrom('audit_checkpoints').selectAll().orderBy('chain_pos').execute();
    const rows = await chainRows();
    expect(stored.map((c) => [c.chain_pos, c.hash.toString('hex'), c.key_id])).toEqual([
      [3, rows[2]!.hash!.toString('hex'), signer.keyId],
      [6, rows[5]!.hash!.toString('hex'), signer.keyId],
    ]);
    for (const c of stored) {
      const message = checkpointMessage(c.chain_pos, c.hash.toString('hex'), c.signed_at.toISOString());
      expect(verify(null, message, signer.publicKey, c.signature)).toBe(true);
    }
  });

  it('never gives two entries the same position when sealers and writers run at once', async () => {
    const writers = Array.from({ length: 4 }, () => appendEntries(database.db, 6));
    const sealers = Array.from({ length: 6 }, async () => {
      for (let i = 0; i < 6; i += 1) await sealPending(database.db, { batchSize: 3, now, signer, checkpointEvery: 4 });
    });
    await Promise.all([...writers, ...sealers]);
    while ((await sealPending(database.db, { batchSize: 50, now, signer, checkpointEvery: 4 })).sealed > 0);

    const positions = (await chainRows()).map((r) => r.chain_pos);
    expect(positions).toHaveLength(24);
    expect([...positions].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(await verifyAudit(database.db, { publicKey: signer.publicKey })).toMatchObject({ ok: true, entries: 24, checkpointsChecked: 6 });
  });

  it.runIf(onServer)('returns at once, sealing nothing, while another sealer holds the lock', async () => {
    await appendEntries(database.db, 2);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const other = database.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(727110002)`.execute(trx);
      locked();
      await held;
    });
    await isLocked;
    expect(await sealPending(database.db, { batchSize: 10, now })).toEqual({ busy: true, sealed: 0, head: null, checkpoints: [] });
    release();
    await other;
    expect((await sealPending(database.db, { batchSize: 10, now })).sealed).toBe(2);
  });

  it.runIf(onServer)('seals an entry that commits after later ids in the order it became visible', async () => {
    const staff = testStaff();
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const isInserted = new Promise<void>((resolve) => (inserted = resolve));
    const slow = withPrincipal(database.db, staff, async (trx) => {
      await appendAudit(trx, entryFor(staff, { requestId: 'slow' }));
      inserted();
      await gate;
    });
    await isInserted;
    await appendEntries(database.db, 2);
    expect((await sealPending(database.db, { batchSize: 10, now })).sealed).toBe(2);
    commit();
    await slow;
    expect((await sealPending(database.db, { batchSize: 10, now })).sealed).toBe(1);
    const rows = await chainRows();
    expect(rows.map((r) => r.chain_pos)).toEqual([3, 1, 2]); // in id order: the slow one drew the first id
    expect(await verifyAudit(database.db, { publicKey: signer.publicKey })).toMatchObject({ ok: true, entries: 3 });
  });

  it('leaves sealed entries beyond the reach of the sealer role and of the owner', async () => {
    await appendEntries(database.db, 1);
    await sealPending(database.db, { batchSize: 10, now });
    const resealed = await withPrincipal(
      database.db,
      sealerPrincipal,
      (trx) => sql`UPDATE audit_log SET chain_pos = 7, hash = '\\x00' WHERE chain_pos = 1`.execute(trx),
      'caseline_sealer',
    );
    expect(resealed.numAffectedRows).toBe(0n);
    await expect(sql`UPDATE audit_log SET purpose = 'changed'`.execute(database.db)).rejects.toThrow(
      'sealed audit log entries cannot be changed',
    );
    await expect(sql`DELETE FROM audit_log`.execute(database.db)).rejects.toThrow('audit log entries cannot be deleted');
    expect(await verifyAudit(database.db, { publicKey: signer.publicKey })).toMatchObject({ ok: true, entries: 1 });
  });
});
