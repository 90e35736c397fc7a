import { generateKeySync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptionError } from './errors.ts';
import { decryptField, encryptField, type FieldLocation } from './field-cipher.ts';

const key = generateKeySync('aes', { length: 256 });
const here: FieldLocation = { table: 'customers', column: 'email', rowId: '7' };

describe('field cipher', () => {
  it('round-trips any text or bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array()), (plaintext) => {
        const decrypted = decryptField(key, here, encryptField(key, here, plaintext));
        expect(decrypted).toEqual(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : Buffer.from(plaintext));
      }),
    );
  });

  it('writes version | 12-byte IV | ciphertext | 16-byte tag, with a fresh IV each time', () => {
    const a = encryptField(key, here, 'jane@example.org');
    const b = encryptField(key, here, 'jane@example.org');
    expect(a[0]).toBe(1);
    expect(a).toHaveLength(1 + 12 + 'jane@example.org'.length + 16);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
  });

  it.each([
    ['another row', { ...here, rowId: '8' }],
    ['another column', { ...here, column: 'phone' }],
    ['another table', { ...here, table: 'cases' }],
    ['a shifted boundary', { table: 'customers', column: 'emai', rowId: 'l7' }],
  ])('refuses a ciphertext moved to %s', (_, elsewhere) => {
    const ciphertext = encryptField(key, here, 'jane@example.org');
    expect(() => decryptField(key, elsewhere, ciphertext)).toThrow(DecryptionError);
  });

  it('refuses another key, a flipped bit, a truncated body and an unknown version', () => {
    const ciphertext = encryptField(key, here, 'jane@example.org');
    expect(() => decryptField(generateKeySync('aes', { length: 256 }), here, ciphertext)).toThrow(DecryptionError);
    const flipped = Buffer.from(ciphertext);
    flipped[20]! ^= 1;
    expect(() => decryptField(key, here, flipped)).toThrow(DecryptionError);
    expect(() => decryptField(key, here, ciphertext.subarray(0, 20))).toThrow(/truncated/);
    const future = Buffer.from(ciphertext);
    future[0] = 2;
    expect(() => decryptField(key, here, future)).toThrow(/format version 2/);
  });
});
