import { createPublicKey } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyIdOf } from './audit-signer.ts';
import { loadSigningKey, publicKeyFile, signingKeyFile } from './load-signing-key.ts';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-key-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('loadSigningKey', () => {
  it('creates the key on first use, private with mode 0600, the public half beside it', async () => {
    const signer = await loadSigningKey(dir);
    const stat = await fs.stat(path.join(dir, signingKeyFile));
    expect(stat.mode & 0o777).toBe(0o600);
    const published = createPublicKey(await fs.readFile(path.join(dir, publicKeyFile), 'utf8'));
    expect(keyIdOf(published)).toBe(signer.keyId);
    expect(signer.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
  });

  it('uses the same key afterwards, and one key when servers start at once', async () => {
    const signers = await Promise.all(Array.from({ length: 5 }, () => loadSigningKey(dir)));
    expect(new Set(signers.map((s) => s.keyId)).size).toBe(1);
    expect((await loadSigningKey(dir)).keyId).toBe(signers[0]!.keyId);
    expect((await fs.readdir(dir)).sort()).toEqual([publicKeyFile, signingKeyFile].sort());
  });

  it('refuses a key other users can read', async () => {
    await loadSigningKey(dir);
    await fs.chmod(path.join(dir, signingKeyFile), 0o644);
    await expect(loadSigningKey(dir)).rejects.toThrow(/chmod 600/);
  });
});
