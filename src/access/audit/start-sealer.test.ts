import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../db/index.ts';
import { createAuditSigner } from './audit-signer.ts';
import { appendEntries } from './audit-fixtures.ts';
import { fileCheckpointSink } from './file-checkpoint-sink.ts';
import { readCheckpointFile } from './read-checkpoint-file.ts';
import { startSealer } from './start-sealer.ts';
import { verifyAudit } from './verify-audit.ts';

const signer = createAuditSigner(generateKeyPairSync('ed25519').privateKey);

let database: Database;
let dir: string;
beforeEach(async () => {
  database = await testDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-sealer-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await database.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met in 5 s');
}

describe('startSealer', () => {
  it('seals in the background and exports checkpoints, until stopped', async () => {
    const file = path.join(dir, 'checkpoints.jsonl');
    const errors: unknown[] = [];
    const stop = startSealer(database.db, {
      batchSize: 2,
      now: () => new Date(),
      signer,
      checkpointEvery: 3,
      intervalMs: 20,
      sinks: [fileCheckpointSink(file)],
      onError: (error) => errors.push(error),
    });
    await appendEntries(database.db, 7);
    await until(async () => (await fs.readFile(file, 'utf8').catch(() => '')).split('\n').length === 3);
    await stop();
    expect(errors).toEqual([]);
    expect((await readCheckpointFile(file)).map((c) => c.chainPos)).toEqual([3, 6]);
    expect(await verifyAudit(database.db, { publicKey: signer.publicKey, checkpoints: file })).toMatchObject({
      ok: true,
      entries: 7,
      unsealed: 0,
    });

    await appendEntries(database.db, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await verifyAudit(database.db, { publicKey: signer.publicKey })).toMatchObject({ ok: true, entries: 7, unsealed: 1 });
  });

  it('does not keep the process alive', async () => {
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const stop = startSealer(database.db, { batchSize: 10, now: () => new Date(), onError: () => undefined });
    const timer = setTimer.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await stop();
  });

  it('reports a failed round and carries on with the next', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const failingNow = () => {
      calls += 1;
      if (calls === 1) throw new Error('clock unavailable');
      return new Date();
    };
    await appendEntries(database.db, 1);
    const stop = startSealer(database.db, { batchSize: 10, now: failingNow, intervalMs: 20, onError: (e) => errors.push(e) });
    await until(async () => (await verifyAudit(database.db, { publicKey: signer.publicKey })).ok && calls > 1);
    await stop();
    expect(errors).toMatchObject([{ message: 'clock unavailable' }]);
    expect(await verifyAudit(database.db, { publicKey: signer.publicKey })).toMatchObject({ ok: true, entries: 1 });
  });
});
