import { createSecretKey, type KeyObject } from 'node:crypto';
import { KeyringError } from './errors.ts';

/** A master key as the keyring holds it; a retired one keeps its id and dates but no key. */
export interface MasterKeyEntry {
  readonly id: string;
  readonly createdAt: string | null;
  readonly key: KeyObject | null;
  readonly retiredAt: string | null;
}

export interface KeyringContents {
  readonly active: string;
  readonly masterKeys: readonly MasterKeyEntry[];
  /**
   * Root of the blind-index HMAC keys and of the secret box's key (each derived with HKDF
   * under its own label); deliberately outside master-key rotation.
   */
  readonly blindIndexRoot: KeyObject;
}

export const keyLength = 32;

const keyIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/u;
const base64Key = /^[A-Za-z0-9+/]{43}=$/u;

export function checkKeyId(id: string, where: string): string {
  if (!keyIdPattern.test(id)) throw new KeyringError(`${where}: a key id is 1 to 64 letters, digits, '.', '_' or '-'`);
  return id;
}

/** Decodes a base64 key of exactly 32 bytes; the error names where it came from, never the value. */
export function decodeKey(text: string, where: string): KeyObject {
  if (!base64Key.test(text)) throw new KeyringError(`${where}: expected the base64 encoding of ${keyLength} bytes`);
  const bytes = Buffer.from(text, 'base64');
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}

export function encodeKey(key: KeyObject): string {
  const bytes = key.export();
  const text = bytes.toString('base64');
  bytes.fill(0);
  return text;
}

export function liveKey(contents: KeyringContents, keyId: string): KeyObject | null {
  return contents.masterKeys.find((entry) => entry.id === keyId)?.key ?? null;
}
