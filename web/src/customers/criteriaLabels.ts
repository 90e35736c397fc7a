import type { CustomerSearch } from '../api/customers.ts';

/** The detailed search form's keys, as labelled on the page. */
export const criteriaLabels: Record<keyof CustomerSearch, string> = {
  name: 'Name',
  email: 'E-mail address',
  phone: 'Phone number',
  zip: 'ZIP code',
  ssnLast4: 'SSN last four',
};
