import { createHmac } from 'node:crypto';
import { openGcm, sealGcm } from './aes-gcm.ts';
import { DecryptionError } from './errors.ts';
import type { LocalKeyring } from './open-keyring.ts';
import { purposeKey } from './purpose-key.ts';

/**
 * Seals binary content that belongs to no data subject (a mailpiece's image), and fingerprints
 * it: what the secret box does for short text, for bytes.
 */
export interface ByteBox {
  seal(content: Uint8Array, context: string): Buffer;
  open(sealed: Uint8Array, context: string): Buffer;
  /** HMAC-SHA-256 of the content under a key of its own: equal content, equal fingerprint; without the key, nothing to compare. */
  fingerprint(content: Uint8Array): Buffer;
}

const formatVersion = 1;

/**
 * AES-256-GCM under a purpose key (see purposeKey: derived from the keyring's root, so it
 * survives restarts and master-key rotations); `context` is the associated data, so content
 * moved to another row does not open. Each purpose has its own keys.
 */
export function createByteBox(keyring: LocalKeyring, purpose: string): ByteBox {
  const key = purposeKey(keyring, `byte-box/${purpose}`);
  const fingerprintKey = purposeKey(keyring, `byte-box/${purpose}/fingerprint`);
  const associatedData = (context: string) => Buffer.from(`caseline/byte-box/v${formatVersion}\0${purpose}\0${context}`, 'utf8');
  return {
    seal: (content, context) => sealGcm(key, formatVersion, associatedData(context), content),
    open(sealed, context) {
      const opened = openGcm(key, formatVersion, associatedData(context), sealed);
      if (!opened.ok) throw new DecryptionError(`content sealed for ${context} does not open (${opened.reason})`);
      return opened.plaintext;
    },
    fingerprint: (content) => createHmac('sha256', fingerprintKey).update(content).digest(),
  };
}
