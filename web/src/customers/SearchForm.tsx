import { useState, type FormEvent } from 'react';
import { Button, Form, Grid } from '@trussworks/react-uswds';
import { customerSearchKeys, type CustomerSearch, type CustomerSearchKey } from '../api/customers.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { criteriaLabels } from './criteriaLabels.ts';

export const searchFieldIds: Record<CustomerSearchKey, string> = {
  name: 'search-name',
  email: 'search-email',
  phone: 'search-phone',
  zip: 'search-zip',
  ssnLast4: 'search-ssn',
  customerNumber: 'search-customer-number',
  accountNumber: 'search-account-number',
  businessCustomerNumber: 'search-business-customer-number',
  mailerId: 'search-mailer-id',
  publisherId: 'search-publisher-id',
  logonId: 'search-logon-id',
  dunsNumber: 'search-duns-number',
  sicNaics: 'search-sic-naics',
};

const identifierKeys: readonly CustomerSearchKey[] = [
  'customerNumber',
  'accountNumber',
  'businessCustomerNumber',
  'mailerId',
  'publisherId',
  'logonId',
  'dunsNumber',
  'sicNaics',
];

interface Props {
  readonly initial: CustomerSearch | undefined;
  readonly errors: FormErrors;
  readonly busy: boolean;
  readonly onSearch: (criteria: CustomerSearch) => void;
  readonly onInvalid: (fields: Record<string, string>) => void;
}

/** Every retrieval key the API accepts; all that are filled in must match. */
export function SearchForm({ initial, errors, busy, onSearch, onInvalid }: Props) {
  const [values, setValues] = useState<Record<CustomerSearchKey, string>>(
    () =>
      Object.fromEntries(customerSearchKeys.map((key) => [key, key === 'ssnLast4' ? '' : (initial?.[key] ?? '')])) as Record<
        CustomerSearchKey,
        string
      >,
  );
  const set = (key: CustomerSearchKey) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const identifiersOpen = identifierKeys.some((key) => values[key] || errors.fields[key]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const criteria: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) if (value.trim()) criteria[key] = value.trim();
    const checks: Record<string, string> = {};
    if (Object.keys(criteria).length === 0)
      checks.name = 'Enter at least one of name, e-mail address, phone number, ZIP code or an identifier.';
    else if (Object.keys(criteria).length === 1 && criteria.ssnLast4)
      checks.ssnLast4 = 'SSN last four finds no one alone: add the name or the ZIP code.';
    if (criteria.zip && !/^\d{5}(-?\d{4})?$/.test(criteria.zip))
      checks.zip = 'Enter a ZIP code of 5 or 9 digits, such as 20260 or 20260-0004.';
    if (criteria.ssnLast4 && !/^\d{4}$/.test(criteria.ssnLast4)) checks.ssnLast4 = 'Enter the last four digits of the SSN.';
    if (Object.keys(checks).length) {
      onInvalid(checks);
      return;
    }
    onSearch(criteria as CustomerSearch);
  };

  const text = (key: CustomerSearchKey, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      id={searchFieldIds[key]}
      label={criteriaLabels[key]}
      value={values[key]}
      onChange={set(key)}
      error={errors.fields[key]}
      autoComplete="off"
      {...extra}
    />
  );

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={searchFieldIds} />
      <Form onSubmit={submit} noValidate large className="maxw-full">
        <Grid row gap>
          <Grid tablet={{ col: 6 }}>{text('name')}</Grid>
          <Grid tablet={{ col: 6 }}>{text('email', { type: 'email' })}</Grid>
          <Grid tablet={{ col: 4 }}>{text('phone', { type: 'tel' })}</Grid>
          <Grid tablet={{ col: 4 }}>{text('zip', { inputMode: 'numeric' })}</Grid>
          <Grid tablet={{ col: 4 }}>
            {text('ssnLast4', {
              hint: 'Only with a name or ZIP code, to confirm a caller.',
              type: 'password',
              inputMode: 'numeric',
              maxLength: 4,
            })}
          </Grid>
        </Grid>
        <details className="caseline-details margin-top-3" open={identifiersOpen || undefined}>
          <summary className="text-bold">Identifiers</summary>
          <Grid row gap>
            {identifierKeys.map((key) => (
              <Grid key={key} tablet={{ col: 6 }} desktop={{ col: 3 }}>
                {text(key)}
              </Grid>
            ))}
          </Grid>
        </details>
        <Button type="submit" disabled={busy} className="margin-top-3">
          Search
        </Button>
      </Form>
    </>
  );
}
