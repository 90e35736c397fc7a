import { api } from './client.ts';

/** Shapes of src/http/routes/customers.ts. */
export type CustomerKind = 'person' | 'organisation';

export interface Customer {
  readonly id: string;
  readonly kind: CustomerKind;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly zip: string | null;
  /** '••••' unless revealed with ?reveal=ssnLast4 (needs MFA; audited). */
  readonly ssnLast4: string | null;
  readonly ssnLast4Revealed: boolean;
  readonly businessArea: string | null;
  readonly recordSource: string;
  readonly createdAt: string;
}

export interface NewCustomer {
  readonly kind: CustomerKind;
  readonly name: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly zip?: string | null;
  readonly ssnLast4?: string | null;
  readonly businessArea?: string | null;
}

/** All given keys must match. ssnLast4 alone retrieves no one. */
export interface CustomerSearch {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly zip?: string;
  readonly ssnLast4?: string;
}

export const customerSearchKeys = ['name', 'email', 'phone', 'zip', 'ssnLast4'] as const;

export const registerCustomer = (customer: NewCustomer) => api.post<RegisteredCustomer>('/api/customers', customer);
export const fetchCustomer = (id: string, reveal = false) =>
  api.get<Customer>(`/api/customers/${encodeURIComponent(id)}`, reveal ? { query: { reveal: 'ssnLast4' } } : {});
/** A POST, so that the keys (personal data) never appear in a URL. */
export const searchCustomers = (criteria: CustomerSearch) => api.post<Customer[]>('/api/customers/search', criteria);

/** Another customer that is probably the same person (src/http/routes/customers.ts). */
export interface PossibleDuplicate {
  readonly id: string;
  readonly name: string;
  /** Likelihood, 0..1. */
  readonly score: number;
  readonly reasons: readonly string[];
}

export interface RegisteredCustomer extends Customer {
  readonly possibleDuplicates: readonly PossibleDuplicate[];
}

/** What the find-customer box's text was taken to mean, and who it found (src/http/routes/lookup.ts). */
export interface LookupAnswer {
  readonly interpretations: readonly { readonly kind: string; readonly description: string }[];
  readonly results: readonly { readonly customer: Customer; readonly matchedBy: string }[];
}

/** A POST, so that what was typed (personal data) never appears in a URL. */
export const lookupCustomers = (q: string) => api.post<LookupAnswer>('/api/lookup', { q });
export const fetchDuplicates = (id: string) => api.get<PossibleDuplicate[]>(`/api/customers/${encodeURIComponent(id)}/duplicates`);
