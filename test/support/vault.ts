import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createVault, openKeyring, type LocalKeyring, type Vault } from '../../src/crypto/index.ts';

/** A vault over a fresh key file in a temporary directory. */
export async function testVault(): Promise<{ vault: Vault; keyring: LocalKeyring; dir: string; remove(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-keys-'));
  const keyring = await openKeyring({ dataDir: dir, masterKey: null });
  return {
    vault: createVault({ keys: keyring, blindIndex: keyring.blindIndex }),
    keyring,
    dir,
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
