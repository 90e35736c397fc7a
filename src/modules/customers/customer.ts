import type { RecordSource } from '../../db/index.ts';
import type { CustomerField, CustomerKind, NormalisedAddress } from './customer-fields.ts';

export type { RecordSource };

/** One value to record: `value` is text, or for a mailing address { lines, city, state, zip }. */
export interface NewValue {
  readonly field: CustomerField;
  readonly value: unknown;
  readonly label?: string | null;
  readonly primary?: boolean;
}

export interface NewContact {
  /** The person customer who is a key contact of the organisation being created. */
  readonly customerId: string;
  readonly relationship: ContactRelationship;
}

export const contactRelationships = ['primary', 'billing', 'technical', 'shipping', 'executive', 'other'] as const;
export type ContactRelationship = (typeof contactRelationships)[number];

export interface NewCustomer {
  readonly kind: CustomerKind;
  readonly businessArea?: string | null;
  readonly recordSource: RecordSource;
  /** Must include a name: customer_name for a person, company_name for an organisation. */
  readonly values: readonly NewValue[];
  readonly contacts?: readonly NewContact[];
}

export interface CustomerValue {
  readonly id: string;
  readonly field: CustomerField;
  readonly label: string | null;
  /** In clear unless `masked`; an address as its Publication 28 parts and lines. */
  readonly value: string | NormalisedAddress;
  readonly masked: boolean;
  readonly primary: boolean;
  readonly recordSource: RecordSource;
  readonly recordedAt: Date;
}

export interface KeyContact {
  readonly linkId: string;
  /** The other customer: the contact of an organisation, or the organisation of a contact. */
  readonly customerId: string;
  readonly name: string;
  readonly relationship: ContactRelationship;
}

export interface Customer {
  readonly id: string;
  readonly kind: CustomerKind;
  /** The primary name (customer_name or company_name). */
  readonly name: string;
  readonly businessArea: string | null;
  readonly recordSource: RecordSource;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly values: readonly CustomerValue[];
  /** An organisation's key contacts, or the organisations a person is a key contact of. */
  readonly contacts: readonly KeyContact[];
}

/** A customer in a list: the primary value of each key an agent recognises a caller by. */
export interface CustomerSummary {
  readonly id: string;
  readonly kind: CustomerKind;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly zip: string | null;
  /** The primary mailing address on one line, Publication 28 style. */
  readonly address: string | null;
  readonly businessArea: string | null;
}
