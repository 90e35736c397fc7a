/** The fields a customer record holds in this first cut of the registry (seed 000 categories). */
export interface NewCustomer {
  readonly kind: 'person' | 'organisation';
  readonly name: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly zip?: string | null;
  /** Identity verification (seed 000): sensitive, shown masked unless revealed. */
  readonly ssnLast4?: string | null;
  readonly businessArea?: string | null;
  readonly recordSource: 'customer' | 'agent' | 'list_provider' | 'import';
}

export interface Customer {
  readonly id: string;
  readonly kind: 'person' | 'organisation';
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly zip: string | null;
  /** '••••' unless the caller revealed it (an audited action of its own). */
  readonly ssnLast4: string | null;
  readonly ssnLast4Revealed: boolean;
  readonly businessArea: string | null;
  readonly recordSource: string;
  readonly createdAt: Date;
}

/** The encrypted columns and the blind-index kind each is found by. */
export const encryptedFields = {
  name: { column: 'name_ct', index: 'name' },
  email: { column: 'email_ct', index: 'email' },
  phone: { column: 'phone_ct', index: 'phone' },
  zip: { column: 'zip_ct', index: 'zip' },
  ssnLast4: { column: 'ssn_last4_ct', index: 'ssn_last4' },
} as const;
export type EncryptedField = keyof typeof encryptedFields;

export const mask = '••••';
