import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { keyringRoot } from './keyring-root.ts';
import type { LocalKeyring } from './open-keyring.ts';

/**
 * A key for one of Caseline's own purposes (sealing staff secrets, signing survey links),
 * derived with HKDF from the keyring's root secret: it survives restarts and master-key
 * rotations, differs per purpose, and the root itself never leaves crypto/.
 */
export function purposeKey(keyring: LocalKeyring, purpose: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', keyringRoot(keyring), Buffer.alloc(0), `caseline/${purpose}`, 32)));
}
