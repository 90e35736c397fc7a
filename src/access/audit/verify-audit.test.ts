import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../db/index.ts';
import { createAuditSigner } from './audit-signer.ts';
import { appendEntries } from './audit-fixtures.ts';
import { selectChainPage } from './audit-log-repository.ts';
import { entryHash } from './canonical-entry.ts';
import { createCheckpointExporter } from './checkpoint-exporter.ts';
import { fileCheckpointSink } from './file-checkpoint-sink.ts';
import { sealPending } from './seal-pending.ts';
import { sealRecords } from './seal-records.ts';
import { verifyAudit } from './verify-audit.ts';

const signer = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
const publicKey = signer.publicKey.export({ type: 'spki', format: 'pem' }).toString();

let database: Database;
let dir: string;
let exported: string;

// Ten sealed entries, checkpoints at 4 and 8 stored and exported to a file, batches of 3.
beforeEach(async () => {
  database = await testDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-audit-'));
  exported = path.join(dir, 'checkpoints.jsonl');
  await appendEntries(database.db, 10);
  await sealPending(database.db, { batchSize: 100, now: () => new Date('2025-06-01T00:00:00Z'), signer, checkpointEvery: 4 });
  const report = await createCheckpointExporter(database.db, [fileCheckpointSink(exported)]).exportPending();
  expect(report.failures).toEqual([]);
});
afterEach(async () => {
  await database.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** What an attacker with the owner's rights does: switch off the guard, then edit. */
async function tamper(...statements: RawBuilder<unknown>[]): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_immutable`.execute(trx);
    for (const statement of statements) await statement.execute(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_immutable`.execute(trx);
  });
}

const verify = (checkpoints: string | undefined = exported) =>
  verifyAudit(database.db, { publicKey, batchSize: 3, ...(checkpoints ? { checkpoints } : {}) });

describe('verifyAudit', () => {
  it('verifies an untouched log in batches and counts the unsealed tail', async () => {
    await appendEntries(database.db, 2);
    const result = await verify();
    expect(result).toMatchObject({ ok: true, entries: 10, unsealed: 2, checkpointsChecked: 2, sealedHead: { chainPos: 10 } });
  });

  it('finds an entry changed after sealing', async () => {
    await tamper(sql`UPDATE audit_log SET subjects = '{}' WHERE chain_pos = 5`);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'hash_mismatch', chainPos: 5 } });
  });

  it('finds a changed detail even when only its JSON number is respelled', async () => {
    await tamper(sql`UPDATE audit_log SET detail = '{"n": 6.0}' WHERE chain_pos = 7`);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'hash_mismatch', chainPos: 7 } });
  });

  it('finds a deleted entry', async () => {
    await tamper(sql`DELETE FROM audit_log WHERE chain_pos = 6`);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'gap', chainPos: 6 } });
  });

  it('finds an inserted entry, even one hashed by the rules, by the entry it displaced', async () => {
    const [prev] = await selectChainPage(database.db, { chainPos: 1, id: Number.MAX_SAFE_INTEGER }, 1);
    const [model] = await selectChainPage(database.db, { chainPos: 2, id: Number.MAX_SAFE_INTEGER }, 1);
    // The forger picks the id, links to entry 2 and hashes by the published rules.
    const forged = { ...model!, id: 100_000, purpose: 'forged', chainPos: 3 };
    await tamper(
      sql`UPDATE audit_log SET chain_pos = -chain_pos - 1 WHERE chain_pos >= 3`,
      sql`UPDATE audit_log SET chain_pos = -chain_pos WHERE chain_pos < 0`,
      sql`INSERT INTO audit_log (id, at, actor_kind, actor_id, actor_role, action, record_type, record_id, subjects, purpose,
            request_id, client_addr, outcome, detail, chain_pos, prev_hash, hash, sealed_at)
          OVERRIDING SYSTEM VALUE
          SELECT 100000, at, actor_kind, actor_id, actor_role, action, record_type, record_id, subjects, 'forged',
            request_id, client_addr, outcome, detail, 3, ${prev!.hash}, ${entryHash(prev!.hash!, forged)}, sealed_at
          FROM audit_log WHERE chain_pos = 4`,
    );
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'prev_mismatch', chainPos: 4 } });
  });

  it('finds two entries swapped', async () => {
    await tamper(
      sql`UPDATE audit_log SET chain_pos = -1 WHERE chain_pos = 2`,
      sql`UPDATE audit_log SET chain_pos = 2 WHERE chain_pos = 9`,
      sql`UPDATE audit_log SET chain_pos = 9 WHERE chain_pos = -1`,
    );
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'prev_mismatch', chainPos: 2 } });
  });

  it('finds a tail cut off behind an exported checkpoint, which the database alone cannot show', async () => {
    await tamper(sql`DELETE FROM audit_log WHERE chain_pos > 5`);
    await sql`DELETE FROM audit_checkpoints WHERE chain_pos > 5`.execute(database.db);
    expect(await verifyAudit(database.db, { publicKey })).toMatchObject({ ok: true, entries: 5 });
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'truncated', chainPos: 6 } });
  });

  it('finds a chain rewritten and re-hashed from an entry on, by the checkpoint after it', async () => {
    const rows = await selectChainPage(database.db, null, 100);
    const [head, ...rest] = rows.slice(1); // rewrite from position 2
    const resealed = sealRecords({ chainPos: 1, hash: rows[0]!.hash! }, [{ ...head!, purpose: 'rewritten' }, ...rest], rows[1]!.sealedAt!);
    await tamper(
      ...resealed.map(
        (r) => sql`UPDATE audit_log SET purpose = ${r.purpose}, prev_hash = ${r.prevHash}, hash = ${r.hash} WHERE id = ${r.id}`,
      ),
    );
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'checkpoint_mismatch', chainPos: 4 } });
  });

  it('refuses a checkpoint whose signature does not hold', async () => {
    const lines = (await fs.readFile(exported, 'utf8')).trim().split('\n');
    const forged = { ...JSON.parse(lines[1]!), chain_pos: 9 };
    await fs.appendFile(exported, `${JSON.stringify(forged)}\n`);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: 'bad_signature', chainPos: 9 } });
    await sql`UPDATE audit_checkpoints SET hash = '\\x00' WHERE chain_pos = 4`.execute(database.db);
    expect(await verifyAudit(database.db, { publicKey })).toMatchObject({ ok: false, problem: { kind: 'bad_signature', chainPos: 4 } });
  });
});
