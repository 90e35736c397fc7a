import type { CustomerSearchKey } from '../api/customers.ts';

/** The detailed search form's keys, as labelled on the page. */
export const criteriaLabels: Record<CustomerSearchKey, string> = {
  name: 'Name',
  email: 'E-mail address',
  phone: 'Phone number',
  zip: 'ZIP code',
  ssnLast4: 'SSN last four',
  customerNumber: 'Customer number',
  accountNumber: 'Account number',
  businessCustomerNumber: 'Business customer number',
  mailerId: 'Mailer ID',
  publisherId: 'Publisher ID',
  logonId: 'Logon ID',
  dunsNumber: 'D-U-N-S Number',
  sicNaics: 'SIC or NAICS code',
};
