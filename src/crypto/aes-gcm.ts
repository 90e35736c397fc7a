import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

const ivLength = 12;
const tagLength = 16;

/**
 * The one AES-256-GCM layout of every ciphertext Caseline writes:
 * version byte | 12-byte random IV | ciphertext | 16-byte tag. The version byte lets a
 * later format (another AEAD, another AAD layout) be read beside this one.
 */
export function sealGcm(key: KeyObject, version: number, associatedData: Uint8Array, plaintext: Uint8Array): Buffer {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
  cipher.setAAD(associatedData);
  return Buffer.concat([Buffer.of(version), iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

export type GcmOpened =
  { readonly ok: true; readonly plaintext: Buffer } | { readonly ok: false; readonly reason: 'truncated' | 'version' | 'authentication' };

/** Opens what sealGcm wrote; the caller turns a failure into the error its context calls for. */
export function openGcm(key: KeyObject, version: number, associatedData: Uint8Array, sealed: Uint8Array): GcmOpened {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < 1 + ivLength + tagLength) return { ok: false, reason: 'truncated' };
  if (bytes[0] !== version) return { ok: false, reason: 'version' };
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + ivLength), { authTagLength: tagLength });
  decipher.setAAD(associatedData);
  decipher.setAuthTag(bytes.subarray(bytes.length - tagLength));
  try {
    const body = bytes.subarray(1 + ivLength, bytes.length - tagLength);
    return { ok: true, plaintext: Buffer.concat([decipher.update(body), decipher.final()]) };
  } catch {
    return { ok: false, reason: 'authentication' };
  }
}
