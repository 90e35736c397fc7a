import type { Customer, CustomerValue } from './customer.ts';
import type { CustomerField } from './customer-fields.ts';

/**
 * The value of a field that a letter, a message or a code goes to: one labelled `label` if
 * asked for (a mobile phone for a text), else the primary one, else the first. A masked value
 * is never one: it cannot be used.
 */
export function primaryValue(customer: Customer, field: CustomerField, label?: string): CustomerValue | undefined {
  const values = customer.values.filter((v) => v.field === field && !v.masked);
  return (label === undefined ? undefined : values.find((v) => v.label === label)) ?? values.find((v) => v.primary) ?? values[0];
}
