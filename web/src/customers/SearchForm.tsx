import { useState, type FormEvent } from 'react';
import { Button, Form, Grid } from '@trussworks/react-uswds';
import type { CustomerSearch } from '../api/customers.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { criteriaLabels } from './criteriaLabels.ts';

export const searchFieldIds = {
  name: 'search-name',
  email: 'search-email',
  phone: 'search-phone',
  zip: 'search-zip',
  ssnLast4: 'search-ssn',
};

interface Props {
  readonly initial: CustomerSearch | undefined;
  readonly errors: FormErrors;
  readonly busy: boolean;
  readonly onSearch: (criteria: CustomerSearch) => void;
  readonly onInvalid: (fields: Record<string, string>) => void;
}

/** Every retrieval key the API accepts; all that are filled in must match. */
export function SearchForm({ initial, errors, busy, onSearch, onInvalid }: Props) {
  const [values, setValues] = useState<Record<keyof CustomerSearch, string>>({
    name: initial?.name ?? '',
    email: initial?.email ?? '',
    phone: initial?.phone ?? '',
    zip: initial?.zip ?? '',
    ssnLast4: '',
  });
  const set = (key: keyof CustomerSearch) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const criteria: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) if (value.trim()) criteria[key] = value.trim();
    const checks: Record<string, string> = {};
    if (Object.keys(criteria).length === 0) checks.name = 'Enter at least one of name, e-mail address, phone number or ZIP code.';
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

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={searchFieldIds} />
      <Form onSubmit={submit} noValidate large className="maxw-full">
        <Grid row gap>
          <Grid tablet={{ col: 6 }}>
            <TextField
              id={searchFieldIds.name}
              label={criteriaLabels.name}
              value={values.name}
              onChange={set('name')}
              error={errors.fields.name}
              autoComplete="off"
            />
          </Grid>
          <Grid tablet={{ col: 6 }}>
            <TextField
              id={searchFieldIds.email}
              label={criteriaLabels.email}
              type="email"
              value={values.email}
              onChange={set('email')}
              error={errors.fields.email}
              autoComplete="off"
            />
          </Grid>
          <Grid tablet={{ col: 4 }}>
            <TextField
              id={searchFieldIds.phone}
              label={criteriaLabels.phone}
              type="tel"
              value={values.phone}
              onChange={set('phone')}
              error={errors.fields.phone}
              autoComplete="off"
            />
          </Grid>
          <Grid tablet={{ col: 4 }}>
            <TextField
              id={searchFieldIds.zip}
              label={criteriaLabels.zip}
              inputMode="numeric"
              value={values.zip}
              onChange={set('zip')}
              error={errors.fields.zip}
              autoComplete="off"
            />
          </Grid>
          <Grid tablet={{ col: 4 }}>
            <TextField
              id={searchFieldIds.ssnLast4}
              label={criteriaLabels.ssnLast4}
              hint="Only with a name or ZIP code, to confirm a caller."
              type="password"
              inputMode="numeric"
              maxLength={4}
              value={values.ssnLast4}
              onChange={set('ssnLast4')}
              error={errors.fields.ssnLast4}
              autoComplete="off"
            />
          </Grid>
        </Grid>
        <Button type="submit" disabled={busy} className="margin-top-3">
          Search
        </Button>
      </Form>
    </>
  );
}
