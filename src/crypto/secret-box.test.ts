import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecryptionError } from './errors.ts';
import { openKeyring } from './open-keyring.ts';
import { createSecretBox } from './secret-box.ts';

const context = 'staff_users.totp_secret:u1';

describe('secret box', () => {
  it('opens what it sealed for the same context only', async () => {
    const box = createSecretBox(await openKeyring({ dataDir: '/nonexistent', masterKey: randomBytes(32).toString('base64') }));
    const sealed = box.seal('JBSWY3DPEHPK3PXP', context);
    expect(sealed.includes('JBSWY3DP')).toBe(false);
    expect(box.open(sealed, context)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'staff_users.totp_secret:u2')).toThrow(DecryptionError);
    expect(() => box.open(sealed.subarray(0, 10), context)).toThrow(/truncated/);
  });

  it('keeps opening after the master key it started under is rotated and retired', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-secret-box-'));
    try {
      const keyring = await openKeyring({ dataDir: dir, masterKey: null });
      const sealed = createSecretBox(keyring).seal('seed', context);
      const first = await keyring.activeKeyId();
      await keyring.addKey();
      await keyring.retireKey(first);
      const restarted = await openKeyring({ dataDir: dir, masterKey: null });
      expect(createSecretBox(restarted).open(sealed, context)).toBe('seed');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('does not open under another installation’s keyring', async () => {
    const box = async () => createSecretBox(await openKeyring({ dataDir: '/nonexistent', masterKey: randomBytes(32).toString('base64') }));
    const [mine, theirs] = [await box(), await box()];
    expect(() => theirs.open(mine.seal('seed', context), context)).toThrow(DecryptionError);
  });

  it('refuses an object that is not an opened keyring', () => {
    expect(() => createSecretBox({} as never)).toThrow(/not a keyring/);
  });
});
