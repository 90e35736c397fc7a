import type { CustomerSearch } from '../api/customers.ts';

/**
 * What one search box means: an e-mail address (has @), a ZIP code (5 or 9 digits),
 * a phone number (7 or more digits), else a name.
 */
export function criteriaFromText(text: string): CustomerSearch | null {
  const value = text.trim().replace(/\s+/g, ' ');
  if (!value) return null;
  if (value.includes('@')) return { email: value };
  if (/^[\d\s().+-]+$/.test(value)) {
    const digits = value.replace(/\D/g, '');
    if (/^\d{5}(-?\d{4})?$/.test(value.replace(/\s/g, '')) && (digits.length === 5 || digits.length === 9))
      return { zip: digits.length === 9 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits };
    if (digits.length >= 7) return { phone: value };
  }
  return { name: value };
}

export const criteriaLabels: Record<keyof CustomerSearch, string> = {
  name: 'Name',
  email: 'E-mail address',
  phone: 'Phone number',
  zip: 'ZIP code',
  ssnLast4: 'SSN last four',
};
