import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
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

/**
 * An HMAC-SHA-256 of short values (a logon name, a one-time code) under a purpose key: it
 * finds or checks them without storing them, and unlike a plain hash a six-digit code's
 * digest cannot be reversed by trying all million codes without the key.
 */
export function keyedDigest(keyring: LocalKeyring, purpose: string): (value: string) => Buffer {
  const key = purposeKey(keyring, purpose);
  return (value) => createHmac('sha256', key).update(value, 'utf8').digest();
}
