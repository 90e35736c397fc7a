import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditSigner } from './audit-signer.ts';
import { checkpointToJson, signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { fileCheckpointSink } from './file-checkpoint-sink.ts';
import { readCheckpointFile } from './read-checkpoint-file.ts';

const signer = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
const checkpoint = (chainPos: number): Checkpoint =>
  signCheckpoint(signer, chainPos, Buffer.alloc(32, chainPos), new Date(Date.UTC(2025, 0, chainPos)));

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-sink-'));
  file = path.join(dir, 'nested', 'checkpoints.jsonl');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('fileCheckpointSink', () => {
  it('appends one JSON line per checkpoint and reads them back', async () => {
    const sink = fileCheckpointSink(file);
    expect(await sink.exportedThrough()).toBe(0);
    await sink.deliver(checkpoint(1000));
    await sink.deliver(checkpoint(2000));
    const text = await fs.readFile(file, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[1]!)).toEqual({
      chain_pos: 2000,
      hash: Buffer.alloc(32, 2000).toString('hex'),
      signed_at: new Date(Date.UTC(2025, 0, 2000)).toISOString(),
      key_id: signer.keyId,
      signature: checkpoint(2000).signature,
    });
    expect(await fileCheckpointSink(file).exportedThrough()).toBe(2000);
    expect(await readCheckpointFile(file)).toEqual([checkpoint(1000), checkpoint(2000)]);
  });

  it('cuts a partial line left by a crash before appending after it', async () => {
    await fs.mkdir(path.dirname(file));
    await fs.writeFile(file, `${checkpointToJson(checkpoint(5))}\n{"chain_pos": 1`);
    expect(await readCheckpointFile(file)).toEqual([checkpoint(5)]);
    const sink = fileCheckpointSink(file);
    expect(await sink.exportedThrough()).toBe(5);
    await sink.deliver(checkpoint(10));
    expect(await readCheckpointFile(file)).toEqual([checkpoint(5), checkpoint(10)]);
  });

  it('rejects a file with a malformed line before its end', async () => {
    await fs.mkdir(path.dirname(file));
    await fs.writeFile(file, `${checkpointToJson(checkpoint(5))}\nnot json\n${checkpointToJson(checkpoint(10))}\n`);
    await expect(readCheckpointFile(file)).rejects.toThrow(/checkpoints\.jsonl:2/);
  });
});
