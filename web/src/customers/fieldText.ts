import type { Address, CustomerKind, CustomerValue, FieldDescription, RecordSource } from '../api/customers.ts';

/**
 * How customer data reads on the page. The fields themselves (names, labels, choices,
 * hints) come from the server: see useCustomerFields.ts.
 */

const special: Record<string, string> = {
  po_box: 'PO box',
  llc: 'LLC',
  sic: 'SIC',
  naics: 'NAICS',
  text_message: 'Text message',
  sole_proprietorship: 'Sole proprietorship',
  self_employed: 'Self-employed',
  email: 'E-mail',
  walk_in: 'Walk-in',
};

/** A label or choice as people read it: 'po_box' → 'PO box', 'mobile' → 'Mobile'. */
export function humanize(code: string): string {
  const known = special[code];
  if (known) return known;
  const text = code.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const kindLabels: Record<CustomerKind, string> = { person: 'Person', organisation: 'Organisation' };

export const sourceLabels: Record<RecordSource, string> = {
  customer: 'The customer',
  agent: 'An agent',
  list_provider: 'A list provider',
  import: 'An import',
};

/** Who did something, from a record's actor ('staff:<uuid>', 'system:…', 'customer:<uuid>'). */
export function actorText(actor: string, selfId?: string): string {
  const [kind, ...rest] = actor.split(':');
  if (kind === 'staff') return selfId && rest.join(':') === selfId ? 'You' : 'Staff';
  if (kind === 'system') return 'System';
  if (kind === 'customer') return 'Customer';
  return humanize(kind ?? actor);
}

export function isAddress(value: CustomerValue['value']): value is Address {
  return typeof value === 'object' && value !== null;
}

/** A US phone number stored in E.164 (+12025550199) as people write it: (202) 555-0199; others as stored. */
export function formatPhone(stored: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(stored);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : stored;
}

/** A duplicate's reason as people read it: 'givenName' → 'given name'. */
export function reasonText(reason: string): string {
  return reason
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

/** A value as one line of text (addresses: delivery line, last line; choices as people read them). */
export function valueText(value: CustomerValue['value'], field?: FieldDescription): string {
  if (isAddress(value)) return `${value.deliveryLine}, ${value.lastLine}`;
  if (field?.choices) return humanize(value);
  if (field?.field === 'phone' || field?.field === 'fax') return formatPhone(value);
  return value;
}

/** The input type that suits a field (presentation only, by the field's name). */
export function inputTypeOf(field: string): 'email' | 'tel' | 'url' | 'password' | 'text' {
  if (field === 'email') return 'email';
  if (field === 'phone' || field === 'fax') return 'tel';
  if (field === 'url') return 'url';
  if (field === 'ssn_last4') return 'password';
  return 'text';
}
