import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { encryptField } from '../src/crypto/field-cipher.ts';
import { digestsToStore } from '../src/crypto/index-digests.ts';
import type { IndexKind, LocalKeyring } from '../src/crypto/index.ts';
import { parseValues, valueLocation } from '../src/modules/customers/customer-records.ts';
import { customerValues, type SyntheticCustomer } from './synthetic-customers.ts';

/**
 * One batch of customers as the rows customers.create would leave, column by column so
 * that each table takes the batch in one INSERT … SELECT FROM unnest(…).
 */
export interface CustomerRows {
  readonly subjectIds: string[];
  readonly keyIds: string[];
  readonly wrappedKeys: Buffer[];
  readonly valueIds: string[];
  readonly valueSubjects: string[];
  readonly fields: string[];
  readonly labels: (string | null)[];
  readonly valueCts: Buffer[];
  readonly indexKinds: string[];
  readonly digests: Buffer[];
  readonly indexSubjects: string[];
  readonly indexRecords: string[];
}

export function emptyRows(): CustomerRows {
  return {
    subjectIds: [],
    keyIds: [],
    wrappedKeys: [],
    valueIds: [],
    valueSubjects: [],
    fields: [],
    labels: [],
    valueCts: [],
    indexKinds: [],
    digests: [],
    indexSubjects: [],
    indexRecords: [],
  };
}

/**
 * Appends one customer. The values go through the registry's own parseValues, and are
 * encrypted and digested with the same functions and locations as storeValues and
 * vault.indexValues, so the real finder finds and decrypts them; only the SQL is batched.
 */
/**
 * digestsToStore, except that a phone's one term is its E.164 form, which the phone field
 * has just computed as the stored value with the same normalisePhone: libphonenumber is
 * the generator's costliest step, and this saves running it a second time per customer.
 */
function digestsOf(keyring: LocalKeyring, kind: IndexKind, value: string, stored: string): Buffer[] {
  return kind === 'phone' ? [keyring.blindIndex.digest('phone', stored)] : digestsToStore(keyring.blindIndex, kind, value);
}

export async function addCustomer(rows: CustomerRows, keyring: LocalKeyring, customer: SyntheticCustomer): Promise<void> {
  const parsed = parseValues('person', customerValues(customer));
  // As vault.createSubjectKey: a fresh 256-bit data key, wrapped by the keyring's active master key.
  const raw = randomBytes(32);
  const { keyId, wrapped } = await keyring.wrap(raw);
  const dataKey = createSecretKey(raw);
  raw.fill(0);
  rows.subjectIds.push(customer.id);
  rows.keyIds.push(keyId);
  rows.wrappedKeys.push(wrapped);
  for (const { input, parsed: value, label } of parsed) {
    const valueId = randomUUID();
    rows.valueIds.push(valueId);
    rows.valueSubjects.push(customer.id);
    rows.fields.push(input.field);
    rows.labels.push(label);
    rows.valueCts.push(encryptField(dataKey, valueLocation(valueId), value.stored));
    for (const entry of value.index) {
      for (const digest of digestsOf(keyring, entry.kind, entry.value, value.stored)) {
        rows.indexKinds.push(entry.kind);
        rows.digests.push(digest);
        rows.indexSubjects.push(customer.id);
        rows.indexRecords.push(valueId);
      }
    }
  }
}
