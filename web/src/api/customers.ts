import { api, request } from './client.ts';
import { ApiError, problemMessage } from './problem.ts';

/** Shapes of src/http/routes/customer-schema.ts, customers.ts, lookup.ts and customer-import.ts. */
export type CustomerKind = 'person' | 'organisation';
export type RecordSource = 'customer' | 'agent' | 'list_provider' | 'import';
export type ContactRelationship = 'primary' | 'billing' | 'technical' | 'shipping' | 'executive' | 'other';
export const contactRelationships: readonly ContactRelationship[] = ['primary', 'billing', 'technical', 'shipping', 'executive', 'other'];

/**
 * A field of record type usps-880/customer, by its name ('email', 'mailing_address', …).
 * The server lists them, with everything a form needs: GET /api/customers/fields.
 */
export type CustomerField = string;

/** One entry of GET /api/customers/fields (src/modules/customers/customer-fields.ts describeFields). */
export interface FieldDescription {
  readonly field: CustomerField;
  /** As people read it: 'E-mail address'. */
  readonly name: string;
  readonly appliesTo: readonly CustomerKind[];
  /** Its labels (types): 'home', 'work', …; empty when it takes none. */
  readonly labels: readonly string[];
  /** Holds one value: a new one replaces the current one. */
  readonly single: boolean;
  /** The values it may take, when it takes one of a list. */
  readonly choices: readonly string[] | null;
  /** What the value looks like, shown as the input's hint. */
  readonly hint: string | null;
  readonly fieldClass: 'identifier' | 'sensitive' | 'content' | 'operational';
  /** How it is shown until revealed. */
  readonly mask: 'full' | 'last4' | null;
}

/** A US mailing address as typed; the server stores it in USPS Publication 28 form. */
export interface AddressInput {
  readonly lines: string | readonly string[];
  readonly city: string;
  readonly state: string;
  readonly zip: string;
}

/** A stored (normalised) mailing address. */
export interface Address {
  readonly kind: 'street' | 'po-box' | 'rural-route' | 'highway-contract' | 'military';
  readonly primaryNumber: string;
  readonly preDirectional: string | null;
  readonly streetName: string;
  readonly suffix: string | null;
  readonly postDirectional: string | null;
  readonly unitDesignator: string | null;
  readonly unitNumber: string | null;
  readonly city: string;
  readonly state: string;
  readonly zip5: string;
  readonly zip4: string | null;
  readonly deliveryPoint: string | null;
  readonly deliveryLine: string;
  readonly lastLine: string;
}

export interface NewValue {
  readonly field: CustomerField;
  readonly value: string | number | AddressInput;
  readonly label?: string | null;
  readonly primary?: boolean;
}

export interface CustomerValue {
  readonly id: string;
  readonly field: CustomerField;
  readonly label: string | null;
  /** '••••' (or '••••' and the last four) while masked; an address as an object. */
  readonly value: string | Address;
  /** Masked as the catalog says; reveal with ?reveal=<field> (audited). */
  readonly masked: boolean;
  readonly primary: boolean;
  readonly recordSource: RecordSource;
  readonly recordedAt: string;
}

export interface KeyContact {
  readonly linkId: string;
  readonly customerId: string;
  readonly name: string;
  readonly relationship: ContactRelationship;
}

export interface Customer {
  readonly id: string;
  readonly kind: CustomerKind;
  readonly name: string;
  readonly businessArea: string | null;
  readonly recordSource: RecordSource;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly values: readonly CustomerValue[];
  readonly contacts: readonly KeyContact[];
}

/** What searches and the find-customer box list: no sensitive field at all. */
export interface CustomerSummary {
  readonly id: string;
  readonly kind: CustomerKind;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly zip: string | null;
  /** The primary mailing address on one line. */
  readonly address: string | null;
  readonly businessArea: string | null;
}

/** Another customer that is probably the same one. */
export interface PossibleDuplicate {
  readonly id: string;
  readonly name: string;
  /** Likelihood, 0..1. */
  readonly score: number;
  /** The fields that agreed, strongest first. */
  readonly reasons: readonly string[];
}

export interface NewCustomer {
  readonly kind: CustomerKind;
  readonly businessArea?: string | null;
  readonly recordSource?: RecordSource;
  readonly values: readonly NewValue[];
  readonly contacts?: readonly { readonly customerId: string; readonly relationship: ContactRelationship }[];
}

export interface RegisteredCustomer extends Customer {
  readonly possibleDuplicates: readonly PossibleDuplicate[];
}

export interface HistoryEntry {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly channel: string | null;
  readonly summary: string;
  readonly sourceTable: string | null;
  readonly sourceId: string | null;
  readonly actor: string;
}

export interface MergeResult {
  readonly mergeId: string;
  readonly survivorId: string;
  readonly mergedId: string;
  readonly undoUntil: string;
  readonly moved: Readonly<Record<string, number>>;
}

export interface Merge {
  readonly mergeId: string;
  readonly mergedId: string;
  /** The merged customer's primary name. */
  readonly mergedName: string;
  readonly mergedAt: string;
  readonly undoUntil: string;
  readonly unmergedAt: string | null;
}

/** The typed search form's keys (all given must match). ssnLast4 alone retrieves no one. */
export const customerSearchKeys = [
  'name',
  'email',
  'phone',
  'zip',
  'ssnLast4',
  'customerNumber',
  'accountNumber',
  'businessCustomerNumber',
  'mailerId',
  'publisherId',
  'logonId',
  'dunsNumber',
  'sicNaics',
] as const;
export type CustomerSearchKey = (typeof customerSearchKeys)[number];
export type CustomerSearch = Partial<Record<CustomerSearchKey, string>> & { readonly address?: AddressInput };

/** What the find-customer box's text was taken to mean, and who it found (src/http/routes/lookup.ts). */
export interface LookupAnswer {
  readonly interpretations: readonly { readonly kind: string; readonly description: string }[];
  readonly results: readonly { readonly customer: CustomerSummary; readonly matchedBy: string }[];
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly rowsRead: number;
  /** customerId (and name) are absent on a dry run. */
  readonly rows: readonly { readonly line: number; readonly customerId: string | null; readonly name?: string }[];
}

export interface ImportOptions {
  readonly dryRun: boolean;
  readonly recordSource?: 'import' | 'list_provider';
  readonly businessArea?: string;
}

const path = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

export const fetchCustomerFields = () => api.get<FieldDescription[]>('/api/customers/fields');
export const registerCustomer = (customer: NewCustomer) => api.post<RegisteredCustomer>('/api/customers', customer);
/** A merged customer answers 303 to the survivor, which fetch follows: compare the id answered. */
export const fetchCustomer = (id: string, reveal: readonly CustomerField[] = []) =>
  api.get<Customer>(path(id), reveal.length ? { query: { reveal: reveal.join(',') } } : {});
export const addValues = (id: string, values: readonly NewValue[]) => api.post<CustomerValue[]>(`${path(id)}/values`, { values });
export const removeValue = (id: string, valueId: string) => api.delete(`${path(id)}/values/${encodeURIComponent(valueId)}`);
export const addKeyContact = (id: string, customerId: string, relationship: ContactRelationship) =>
  api.post<KeyContact>(`${path(id)}/contacts`, { customerId, relationship });
export const fetchHistory = (id: string) => api.get<HistoryEntry[]>(`${path(id)}/history`);
export const fetchDuplicates = (id: string) => api.get<PossibleDuplicate[]>(`${path(id)}/duplicates`);
/** Merges mergedId into the customer id (the survivor). */
export const mergeCustomer = (id: string, mergedId: string) => api.post<MergeResult>(`${path(id)}/merge`, { mergedId });
export const fetchMerges = (id: string) => api.get<Merge[]>(`${path(id)}/merges`);
export const undoMerge = (mergeId: string) =>
  api.post<{ survivorId: string; restoredId: string }>(`/api/customers/merges/${encodeURIComponent(mergeId)}/undo`);

/** A POST, so that the keys (personal data) never appear in a URL. */
export const searchCustomers = (criteria: CustomerSearch) => api.post<CustomerSummary[]>('/api/customers/search', criteria);
/** A POST, so that what was typed (personal data) never appears in a URL. */
export const lookupCustomers = (q: string) => api.post<LookupAnswer>('/api/lookup', { q });

/** Why what was typed cannot retrieve anyone (the lookup's 422 on /body/q), else what went wrong. */
export function lookupMessage(error: unknown): string {
  const onQ = error instanceof ApiError ? error.problem.errors?.find((e) => e.field === '/body/q') : undefined;
  return onQ ? onQ.message : problemMessage(error);
}

/** POST /api/customers/import: all or nothing; a 422 lists every bad cell as /body/line/{line}/{column}. */
export const importCustomers = (csv: string, options: ImportOptions) =>
  request<ImportReport>('POST', '/api/customers/import', {
    raw: { contentType: 'text/csv', text: csv },
    query: {
      dryRun: String(options.dryRun),
      recordSource: options.recordSource,
      businessArea: options.businessArea,
    },
  });
