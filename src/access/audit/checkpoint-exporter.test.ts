import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../db/index.ts';
import { createAuditSigner } from './audit-signer.ts';
import { appendEntries } from './audit-fixtures.ts';
import { createCheckpointExporter } from './checkpoint-exporter.ts';
import { fileCheckpointSink } from './file-checkpoint-sink.ts';
import { readCheckpointFile } from './read-checkpoint-file.ts';
import { sealPending } from './seal-pending.ts';
import { webhookCheckpointSink } from './webhook-checkpoint-sink.ts';

const signer = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
const seal = (db: Database) => sealPending(db.db, { batchSize: 100, now: () => new Date(), signer, checkpointEvery: 2 });

/** A receiver that answers 503 while `down`, and keeps what it accepts. */
function receiver() {
  const received: Record<string, unknown>[] = [];
  let down = true;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (down) {
        response.writeHead(503).end();
        return;
      }
      received.push({ contentType: request.headers['content-type'], ...JSON.parse(body) });
      response.writeHead(204).end();
    });
  });
  return {
    received,
    setDown: (value: boolean) => (down = value),
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkpoints`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let database: Database;
let dir: string;
beforeEach(async () => {
  database = await testDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-export-'));
});
afterEach(async () => {
  await database.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('createCheckpointExporter', () => {
  it('delivers each checkpoint once, in order, to a file', async () => {
    const file = path.join(dir, 'checkpoints.jsonl');
    const exporter = createCheckpointExporter(database.db, [fileCheckpointSink(file)]);
    await appendEntries(database.db, 4);
    await seal(database);
    expect((await exporter.exportPending()).delivered).toEqual({ [`file:${file}`]: 2 });
    expect((await exporter.exportPending()).delivered).toEqual({ [`file:${file}`]: 0 });
    await appendEntries(database.db, 2);
    await seal(database);
    // A new process learns from the file where it stopped.
    expect((await createCheckpointExporter(database.db, [fileCheckpointSink(file)]).exportPending()).delivered).toEqual({
      [`file:${file}`]: 1,
    });
    expect((await readCheckpointFile(file)).map((c) => c.chainPos)).toEqual([2, 4, 6]);
  });

  it('retries a webhook that failed on the next round, without holding up sealing or other sinks', async () => {
    const hook = receiver();
    const url = await hook.start();
    try {
      const file = path.join(dir, 'checkpoints.jsonl');
      const exporter = createCheckpointExporter(database.db, [webhookCheckpointSink(url), fileCheckpointSink(file)]);
      await appendEntries(database.db, 2);
      await seal(database);
      const failed = await exporter.exportPending();
      expect(failed.failures).toMatchObject([{ sink: `webhook:${url}`, error: { message: 'checkpoint webhook answered 503' } }]);
      expect(failed.delivered[`file:${file}`]).toBe(1);

      await appendEntries(database.db, 2);
      expect((await seal(database)).checkpoints).toHaveLength(1);
      hook.setDown(false);
      const retried = await exporter.exportPending();
      expect(retried).toEqual({ delivered: { [`webhook:${url}`]: 2, [`file:${file}`]: 1 }, failures: [] });
      expect(hook.received.map((r) => [r.contentType, r.chain_pos])).toEqual([
        ['application/json', 2],
        ['application/json', 4],
      ]);
    } finally {
      await hook.close();
    }
  });

  it('sends a webhook that cannot say what it holds the newest checkpoint, not the whole history', async () => {
    const hook = receiver();
    hook.setDown(false);
    const url = await hook.start();
    try {
      await appendEntries(database.db, 6);
      await seal(database);
      expect((await createCheckpointExporter(database.db, [webhookCheckpointSink(url)]).exportPending()).failures).toEqual([]);
      expect(hook.received.map((r) => r.chain_pos)).toEqual([6]);
    } finally {
      await hook.close();
    }
  });
});
