import type { KeyObject } from 'node:crypto';
import { openGcm, sealGcm } from './aes-gcm.ts';
import { KeyringError } from './errors.ts';

const formatVersion = 1;

function associatedData(keyId: string): Buffer {
  return Buffer.from(`caseline/master-key-wrap/v${formatVersion}\0${keyId}`, 'utf8');
}

/**
 * Wraps a data key with a master key (AES-256-GCM). The master key's id is the
 * associated data, so a wrapped key relabelled with another key id (by a faulty
 * rotation or a hand edit) fails instead of unwrapping to garbage.
 */
export function wrapWithMasterKey(masterKey: KeyObject, keyId: string, dataKey: Uint8Array): Buffer {
  return sealGcm(masterKey, formatVersion, associatedData(keyId), dataKey);
}

export function unwrapWithMasterKey(masterKey: KeyObject, keyId: string, wrapped: Uint8Array): Buffer {
  const opened = openGcm(masterKey, formatVersion, associatedData(keyId), wrapped);
  if (opened.ok) return opened.plaintext;
  if (opened.reason === 'authentication') {
    throw new KeyringError(`a data key does not unwrap with master key ${keyId}: wrong key, or the wrapped key was altered`);
  }
  throw new KeyringError(`a data key wrapped by master key ${keyId} is not in a known wrapping format`);
}
