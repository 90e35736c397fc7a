import { openGcm, sealGcm } from './aes-gcm.ts';
import { DecryptionError } from './errors.ts';
import type { LocalKeyring } from './open-keyring.ts';
import { purposeKey } from './purpose-key.ts';

/** Seals Caseline's own small secrets (staff TOTP seeds), which belong to no data subject. */
export interface SecretBox {
  seal(plaintext: string, context: string): Buffer;
  open(sealed: Buffer, context: string): string;
}

const formatVersion = 1;

function associatedData(context: string): Buffer {
  return Buffer.from(`caseline/secret-box/v${formatVersion}\0${context}`, 'utf8');
}

/**
 * AES-256-GCM under a key derived with HKDF from the keyring's root secret, not from a
 * master key: master-key rotation re-wraps subjects' data keys only, so a box keyed by
 * a master key would lose every sealed secret when that key is retired. `context`
 * (table, column, row) is the associated data: a value moved to another row does not open.
 */
export function createSecretBox(keyring: LocalKeyring): SecretBox {
  const key = purposeKey(keyring, 'secret-box/v1');
  return {
    seal: (plaintext, context) => sealGcm(key, formatVersion, associatedData(context), Buffer.from(plaintext, 'utf8')),
    open(sealed, context) {
      const opened = openGcm(key, formatVersion, associatedData(context), sealed);
      if (!opened.ok) throw new DecryptionError(`a secret sealed for ${context} does not open (${opened.reason})`);
      return opened.plaintext.toString('utf8');
    },
  };
}
