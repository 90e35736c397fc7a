import { getRecordType, type FieldClass, type FieldMask } from '../../catalog/index.ts';
import {
  InvalidIndexValueError,
  normaliseEmail,
  normaliseIdentifier,
  normaliseName,
  normalisePhone,
  normaliseSsnLast4,
  type IndexKind,
} from '../../crypto/index.ts';
import { AddressError, normaliseAddress, type NormalisedAddress } from './address/index.ts';

export type CustomerKind = 'person' | 'organisation';

/** A value that cannot be what its field says; the reason never repeats the value. */
export class FieldValueError extends Error {
  readonly reason: string;
  /** The part of a structured value at fault (an address's 'zip'), if any. */
  readonly part: string | undefined;
  constructor(reason: string, part?: string) {
    super(reason);
    this.reason = reason;
    this.part = part;
  }
}

/** A value as stored (the clear text inside value_ct) and the blind-index entries that find it. */
export interface ParsedValue {
  readonly stored: string;
  readonly index: readonly { readonly kind: IndexKind; readonly value: string }[];
}

interface FieldSpec {
  /** The field as people read it. */
  readonly name: string;
  readonly appliesTo: readonly CustomerKind[];
  /** The types a value may be given (home, work, …); a field without labels takes none. */
  readonly labels?: readonly string[];
  /** At most one current value (a second replaces the first). */
  readonly single?: true;
  /** For a field whose value is one of a list: the list. */
  readonly choices?: readonly string[];
  /** What a value looks like, for a form's hint. */
  readonly hint?: string;
  readonly parse: (raw: unknown, label: string | null) => ParsedValue;
}

const both = ['person', 'organisation'] as const;
const person = ['person'] as const;
const organisation = ['organisation'] as const;

function text(raw: unknown, max: number): string {
  if (typeof raw !== 'string') throw new FieldValueError('must be text');
  const value = raw.trim().replace(/\s+/gu, ' ');
  if (value === '') throw new FieldValueError('must not be empty');
  if (value.length > max) throw new FieldValueError(`must be at most ${max} characters`);
  return value;
}

/** Runs a crypto normaliser for validation, turning its error into this field's. */
function checked<T>(normalise: () => T): T {
  try {
    return normalise();
  } catch (error) {
    if (error instanceof InvalidIndexValueError) throw new FieldValueError(error.reason);
    throw error;
  }
}

function plain(max: number): FieldSpec['parse'] {
  return (raw) => ({ stored: text(raw, max), index: [] });
}

function oneOf(choices: readonly string[]): FieldSpec['parse'] {
  return (raw) => {
    const value = text(raw, 40);
    if (!choices.includes(value)) throw new FieldValueError(`must be one of ${choices.join(', ')}`);
    return { stored: value, index: [] };
  };
}

function phoneNumber(raw: unknown): ParsedValue {
  const e164 = checked(() => normalisePhone(text(raw, 40)));
  return { stored: e164, index: [{ kind: 'phone', value: e164 }] };
}

function nameField(raw: unknown): ParsedValue {
  const value = text(raw, 200);
  checked(() => normaliseName(value));
  return { stored: value, index: [{ kind: 'name', value }] };
}

/**
 * An identifier stored in its ungrouped upper-case form, so that '12-345 678' and
 * '12345678' are one value; `shape` is what the identifier must look like after that.
 */
function identifier(kind: IndexKind, shape: RegExp, expected: string): FieldSpec['parse'] {
  return (raw) => {
    const value = checked(() => normaliseIdentifier(text(raw, 64)));
    if (!shape.test(value)) throw new FieldValueError(`must be ${expected}`);
    return { stored: value, index: [{ kind, value }] };
  };
}

function address(raw: unknown): ParsedValue {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new FieldValueError('must be an object with lines, city, state and zip');
  const { lines, city, state, zip } = raw as Record<string, unknown>;
  const linesOk = typeof lines === 'string' || (Array.isArray(lines) && lines.every((line) => typeof line === 'string'));
  if (!linesOk) throw new FieldValueError('must be text', 'lines');
  for (const [part, value] of [
    ['city', city],
    ['state', state],
    ['zip', zip],
  ] as const)
    if (typeof value !== 'string') throw new FieldValueError('must be text', part);
  let normalised: NormalisedAddress;
  try {
    normalised = normaliseAddress({ lines: lines as string | string[], city: city as string, state: state as string, zip: zip as string });
  } catch (error) {
    if (error instanceof AddressError) throw new FieldValueError(error.reason, error.field);
    throw error;
  }
  return {
    stored: JSON.stringify(normalised),
    index: [
      { kind: 'address', value: addressKey(normalised) },
      { kind: 'zip', value: normalised.zip5 + (normalised.zip4 ?? '') },
    ],
  };
}

/** The address as a retrieval key: its delivery line at its 5-digit ZIP (ZIP+4 varies by source). */
export function addressKey(address: Pick<NormalisedAddress, 'deliveryLine' | 'zip5'>): string {
  return `${address.deliveryLine} ${address.zip5}`;
}

function industryCode(raw: unknown, label: string | null): ParsedValue {
  const digits = text(raw, 10);
  // SIC codes have 4 digits; NAICS codes 2 (sector) to 6 (national industry).
  const fits = label === 'sic' ? /^\d{4}$/u.test(digits) : /^\d{2,6}$/u.test(digits);
  if (!fits) throw new FieldValueError(label === 'sic' ? 'a SIC code is 4 digits' : 'a NAICS code is 2 to 6 digits');
  return { stored: digits, index: [{ kind: 'sic_naics', value: digits }] };
}

function url(raw: unknown): ParsedValue {
  const value = text(raw, 300);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new FieldValueError('must be a web address such as https://example.com');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new FieldValueError('must start with https:// or http://');
  return { stored: parsed.href, index: [] };
}

function yearsInBusiness(raw: unknown): ParsedValue {
  const value = typeof raw === 'number' ? String(raw) : text(raw, 4);
  if (!/^\d{1,3}$/u.test(value)) throw new FieldValueError('must be a whole number of years');
  return { stored: String(Number(value)), index: [] };
}

const companyTypes = ['corporation', 'llc', 'partnership', 'sole_proprietorship', 'nonprofit', 'government', 'other'] as const;
const companySizes = ['1-9', '10-49', '50-249', '250-999', '1000-4999', '5000+'] as const;
const employmentStatuses = ['employed', 'self_employed', 'unemployed', 'retired', 'student', 'other'] as const;
const mediaPreferences = ['print', 'email', 'web', 'text_message', 'none'] as const;
const contactMeans = ['email', 'phone', 'mail', 'fax', 'text_message', 'none'] as const;

/**
 * The customer registry's fields: each a field of record type usps-880/customer in the
 * catalog, which gives its class and masking. Labels follow the categories of records
 * ("mail addresses (several, typed)").
 */
export const customerFields = {
  customer_name: { name: 'Name', appliesTo: person, labels: ['legal', 'preferred', 'former', 'alias'], parse: nameField },
  company_name: { name: 'Company name', appliesTo: organisation, labels: ['legal', 'trading', 'former'], parse: nameField },
  mailing_address: {
    name: 'Mailing address',
    appliesTo: both,
    labels: ['home', 'work', 'business', 'billing', 'shipping', 'seasonal', 'po_box'],
    parse: address,
  },
  email: {
    name: 'E-mail address',
    appliesTo: both,
    labels: ['personal', 'work', 'other'],
    parse: (raw) => {
      const value = text(raw, 254);
      checked(() => normaliseEmail(value));
      return { stored: value, index: [{ kind: 'email', value }] };
    },
  },
  phone: { name: 'Phone number', appliesTo: both, labels: ['mobile', 'home', 'work', 'main', 'pager', 'other'], parse: phoneNumber },
  fax: { name: 'Fax number', appliesTo: both, labels: ['home', 'work', 'main'], parse: phoneNumber },
  customer_number: {
    name: 'Customer number',
    hint: '1 to 40 letters and digits.',
    appliesTo: both,
    parse: identifier('customer_number', /^[A-Z0-9]{1,40}$/u, '1 to 40 letters and digits'),
  },
  account_number: {
    name: 'Account number',
    hint: '1 to 40 letters and digits. Shown masked to the last four.',
    appliesTo: both,
    parse: identifier('account_number', /^[A-Z0-9]{1,40}$/u, '1 to 40 letters and digits'),
  },
  business_customer_number: {
    name: 'Business customer number',
    hint: '1 to 15 digits.',
    appliesTo: organisation,
    parse: identifier('business_customer_number', /^\d{1,15}$/u, '1 to 15 digits'),
  },
  // USPS Mailer IDs are 6 digits (high-volume mailers) or 9.
  mailer_id: {
    name: 'Mailer ID',
    hint: '6 or 9 digits.',
    appliesTo: both,
    parse: identifier('mailer_id', /^(?:\d{6}|\d{9})$/u, '6 or 9 digits'),
  },
  publisher_id: {
    name: 'Publisher ID',
    hint: '1 to 20 letters and digits.',
    appliesTo: organisation,
    parse: identifier('publisher_id', /^[A-Z0-9]{1,20}$/u, '1 to 20 letters and digits'),
  },
  logon_id: {
    name: 'Logon ID',
    appliesTo: both,
    single: true,
    parse: identifier('logon_id', /^[^\s]{1,64}$/u, 'one word of at most 64 characters'),
  },
  duns_number: {
    name: 'D-U-N-S Number',
    hint: '9 digits.',
    appliesTo: organisation,
    single: true,
    parse: identifier('duns_number', /^\d{9}$/u, '9 digits'),
  },
  sic_naics: {
    name: 'SIC or NAICS code',
    hint: 'SIC: 4 digits. NAICS: 2 to 6 digits.',
    appliesTo: organisation,
    labels: ['sic', 'naics'],
    parse: industryCode,
  },
  company_type: {
    name: 'Company type',
    appliesTo: organisation,
    single: true,
    choices: companyTypes,
    parse: oneOf(companyTypes),
  },
  url: { name: 'Web address', hint: 'Such as https://example.com.', appliesTo: organisation, parse: url },
  company_size: {
    name: 'Company size',
    appliesTo: organisation,
    single: true,
    choices: companySizes,
    parse: oneOf(companySizes),
  },
  years_in_business: {
    name: 'Years in business',
    hint: 'A whole number of years.',
    appliesTo: organisation,
    single: true,
    parse: yearsInBusiness,
  },
  title: { name: 'Title', appliesTo: person, parse: plain(100) },
  role: { name: 'Role', appliesTo: person, parse: plain(100) },
  employment_status: {
    name: 'Employment status',
    appliesTo: person,
    single: true,
    choices: employmentStatuses,
    parse: oneOf(employmentStatuses),
  },
  ssn_last4: {
    name: 'SSN last four',
    hint: 'The last four digits of the Social Security number.',
    appliesTo: person,
    single: true,
    parse: (raw) => {
      const value = checked(() => normaliseSsnLast4(text(raw, 4)));
      return { stored: value, index: [{ kind: 'ssn_last4', value }] };
    },
  },
  drop_ship_site: { name: 'Drop-ship site', appliesTo: organisation, parse: plain(200) },
  media_preference: {
    name: 'Media preference',
    appliesTo: both,
    single: true,
    choices: mediaPreferences,
    parse: oneOf(mediaPreferences),
  },
  preferred_contact: {
    name: 'Preferred means of contact',
    appliesTo: both,
    single: true,
    choices: contactMeans,
    parse: oneOf(contactMeans),
  },
} as const satisfies Record<string, FieldSpec>;

export type CustomerField = keyof typeof customerFields;
export const customerFieldNames = Object.keys(customerFields) as CustomerField[];

export function isCustomerField(value: string): value is CustomerField {
  return Object.hasOwn(customerFields, value);
}

export function fieldSpec(field: CustomerField): FieldSpec {
  return customerFields[field];
}

export const customerRecordType = getRecordType('usps-880/customer');

export function fieldClass(field: CustomerField): FieldClass {
  return customerRecordType.fields[field]!;
}

/** How the catalog says a field is shown before it is revealed; null when it is shown in clear. */
export function fieldMask(field: CustomerField): FieldMask | null {
  return fieldClass(field) === 'sensitive' ? 'full' : (customerRecordType.masked?.[field] ?? null);
}

export function maskValue(stored: string, mask: FieldMask): string {
  return mask === 'full' ? '••••' : `••••${stored.slice(-4)}`;
}

/** The field that names a customer of a kind. */
export function nameFieldOf(kind: CustomerKind): 'customer_name' | 'company_name' {
  return kind === 'person' ? 'customer_name' : 'company_name';
}

export type { NormalisedAddress };

export interface FieldDescription {
  readonly field: CustomerField;
  readonly name: string;
  readonly appliesTo: readonly CustomerKind[];
  readonly labels: readonly string[];
  readonly single: boolean;
  readonly choices: readonly string[] | null;
  readonly hint: string | null;
  readonly fieldClass: FieldClass;
  readonly mask: FieldMask | null;
}

/** The fields as a form needs them: what a console builds its inputs and messages from. */
export function describeFields(): FieldDescription[] {
  return customerFieldNames.map((field) => {
    const spec: FieldSpec = customerFields[field];
    return {
      field,
      name: spec.name,
      appliesTo: spec.appliesTo,
      labels: spec.labels ?? [],
      single: spec.single === true,
      choices: spec.choices ?? null,
      hint: spec.hint ?? null,
      fieldClass: fieldClass(field),
      mask: fieldMask(field),
    };
  });
}

/** Field names as people read them, for summaries: 'Name, E-mail address'. */
export function fieldNames(fields: readonly string[]): string {
  return fields.map((field) => (isCustomerField(field) ? customerFields[field].name : field)).join(', ');
}
