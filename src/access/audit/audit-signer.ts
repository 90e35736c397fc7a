import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';

/** Signs audit checkpoints; the private key never leaves it. */
export interface AuditSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  sign(message: Buffer): Buffer;
}

/** 'ed25519:' and the first 16 hex digits of SHA-256 over the public key's SubjectPublicKeyInfo. */
export function keyIdOf(publicKey: KeyObject): string {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`;
}

export function createAuditSigner(privateKey: KeyObject | string): AuditSigner {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('the audit signing key must be an Ed25519 key');
  const publicKey = createPublicKey(key);
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    sign: (message) => sign(null, message, key),
  };
}
