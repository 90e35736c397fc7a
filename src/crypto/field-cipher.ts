import type { KeyObject } from 'node:crypto';
import { openGcm, sealGcm } from './aes-gcm.ts';
import { DecryptionError } from './errors.ts';

/** Where a field's value lives; the ciphertext is bound to it. */
export interface FieldLocation {
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
}

const formatVersion = 1;

function where(location: FieldLocation): string {
  return `${location.table}.${location.column} row ${location.rowId}`;
}

function lengthPrefix(length: number): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(length);
  return prefix;
}

/** Length-prefixed parts, so that ('customers', 'email', '7') and ('customers', 'emai', 'l7') bind differently. */
function associatedData(location: FieldLocation): Buffer {
  const parts = [location.table, location.column, location.rowId].map((part) => Buffer.from(part, 'utf8'));
  const header = Buffer.from(`caseline/field/v${formatVersion}`, 'utf8');
  return Buffer.concat([header, ...parts.flatMap((part) => [lengthPrefix(part.length), part])]);
}

/**
 * AES-256-GCM under a subject's data key. The table, column and row id are the
 * associated data, so a ciphertext copied into another row or column does not decrypt
 * there (and under another subject's key it never did).
 */
export function encryptField(dataKey: KeyObject, location: FieldLocation, plaintext: string | Uint8Array): Buffer {
  const body = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  return sealGcm(dataKey, formatVersion, associatedData(location), body);
}

export function decryptField(dataKey: KeyObject, location: FieldLocation, ciphertext: Uint8Array): Buffer {
  const opened = openGcm(dataKey, formatVersion, associatedData(location), ciphertext);
  if (opened.ok) return opened.plaintext;
  switch (opened.reason) {
    case 'truncated':
      throw new DecryptionError(`the ciphertext of ${where(location)} is truncated`);
    case 'version':
      throw new DecryptionError(`the ciphertext of ${where(location)} has unknown format version ${ciphertext[0]}`);
    case 'authentication':
      throw new DecryptionError(
        `the ciphertext of ${where(location)} does not authenticate: it belongs to another row, column or subject, or was altered`,
      );
  }
}
