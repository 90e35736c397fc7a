import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createByteBox } from './byte-box.ts';
import { DecryptionError } from './errors.ts';
import { openKeyring } from './open-keyring.ts';

const keyring = () => openKeyring({ dataDir: '/nonexistent', masterKey: randomBytes(32).toString('base64') });

describe('byte box', () => {
  it('opens what it sealed for the same purpose and context only', async () => {
    const ring = await keyring();
    const box = createByteBox(ring, 'test/v1');
    const content = Buffer.from('an envelope, addressed');
    const sealed = box.seal(content, 'row-1');
    expect(sealed.includes(content)).toBe(false);
    expect(box.open(sealed, 'row-1').equals(content)).toBe(true);
    expect(() => box.open(sealed, 'row-2')).toThrow(DecryptionError);
    expect(() => createByteBox(ring, 'other/v1').open(sealed, 'row-1')).toThrow(DecryptionError);
  });

  it('fingerprints equal content alike, and differently under another keyring', async () => {
    const content = Buffer.from([1, 2, 3]);
    const mine = createByteBox(await keyring(), 'test/v1');
    expect(mine.fingerprint(content).equals(mine.fingerprint(Buffer.from([1, 2, 3])))).toBe(true);
    expect(mine.fingerprint(content)).toHaveLength(32);
    expect(mine.fingerprint(content).equals(createByteBox(await keyring(), 'test/v1').fingerprint(content))).toBe(false);
  });
});
