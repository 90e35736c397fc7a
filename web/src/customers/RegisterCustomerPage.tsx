import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Fieldset, Form, Grid } from '@trussworks/react-uswds';
import { registerCustomer, type CustomerField, type CustomerKind, type NewValue } from '../api/customers.ts';
import { useSession } from '../auth/useSession.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { AddressFields, addressInput, addressIsEmpty, addressLabels, emptyAddress, type AddressDraft } from './AddressFields.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { humanize, inputTypeOf } from './fieldText.ts';
import { useCustomerFields, type CustomerFields } from './useCustomerFields.ts';
import { inputId, valueFormErrors } from './valueErrors.ts';

const prefix = 'customer';
const id = (key: string) => inputId(prefix, key);

interface Entry {
  readonly value: string;
  readonly label: string;
}

/** The fields with inputs of their own at the top of the form; every other field of the kind goes under 'More details'. */
const mainFields: readonly CustomerField[] = ['customer_name', 'company_name', 'email', 'phone', 'mailing_address', 'ssn_last4'];

/**
 * How 'More details' groups the other fields, for each kind (presentation only). A field the
 * server lists that no group names goes under 'Other details', so a new field shows up by itself.
 */
const moreGroups: Record<CustomerKind, readonly { readonly legend: string; readonly fields: readonly CustomerField[] }[]> = {
  person: [
    { legend: 'Identifiers', fields: ['customer_number', 'account_number', 'mailer_id', 'logon_id'] },
    { legend: 'Work', fields: ['title', 'role', 'employment_status'] },
    { legend: 'Contact preferences', fields: ['fax', 'media_preference', 'preferred_contact'] },
  ],
  organisation: [
    { legend: 'Company', fields: ['company_type', 'url', 'duns_number', 'sic_naics', 'company_size', 'years_in_business'] },
    {
      legend: 'Identifiers',
      fields: ['customer_number', 'account_number', 'business_customer_number', 'mailer_id', 'publisher_id', 'logon_id'],
    },
    { legend: 'Contact and delivery', fields: ['fax', 'drop_ship_site', 'media_preference', 'preferred_contact'] },
  ],
};
interface Group {
  readonly legend: string;
  readonly fields: readonly CustomerField[];
}

/** The 'More details' groups of a kind from the server's fields: the known groups (only the fields it has), then the rest. */
function groupsFor(catalog: CustomerFields, kind: CustomerKind): Group[] {
  const applicable = catalog.fieldsFor(kind).map((f) => f.field);
  const has = new Set(applicable);
  const grouped = new Set(moreGroups[kind].flatMap((g) => g.fields));
  const groups: Group[] = moreGroups[kind]
    .map((g) => ({ legend: g.legend, fields: g.fields.filter((f) => has.has(f)) }))
    .filter((g) => g.fields.length > 0);
  const rest = applicable.filter((f) => !grouped.has(f) && !mainFields.includes(f));
  return rest.length ? [...groups, { legend: 'Other details', fields: rest }] : groups;
}

const noErrors: FormErrors = { fields: {} };

function nth(name: string, i: number): string {
  return i === 0 ? name : `${name} ${i + 1}`;
}

/**
 * POST /api/customers. A person or an organisation, its values one by one; every value is
 * encrypted under the customer's own key. The server's field errors point at a value by
 * its place in the request, and come back next to the input that gave it.
 */
export function RegisterCustomerPage() {
  const loaded = useCustomerFields();
  return (
    <Page title="Register customer">
      <p className="usa-intro">Record a customer who contacts us. Only the name is required.</p>
      <p>
        Many customers at once?{' '}
        <Link to="/customers/import" className="usa-link">
          Import customers from a CSV file
        </Link>
        .
      </p>
      {loaded.error ? (
        <LoadError what="the customer fields" error={loaded.error} onRetry={loaded.reload} />
      ) : loaded.fields ? (
        <RegisterForm catalog={loaded.fields} />
      ) : (
        <Loading />
      )}
    </Page>
  );
}

function RegisterForm({ catalog }: { readonly catalog: CustomerFields }) {
  const session = useSession();
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const [kind, setKind] = useState<CustomerKind>('person');
  const [name, setName] = useState('');
  const [emails, setEmails] = useState<Entry[]>([{ value: '', label: '' }]);
  const [phones, setPhones] = useState<Entry[]>([{ value: '', label: '' }]);
  const [address, setAddress] = useState<AddressDraft>(emptyAddress);
  const [addressLabel, setAddressLabel] = useState('');
  const [ssn, setSsn] = useState('');
  const [more, setMore] = useState<Partial<Record<CustomerField, string>>>({});
  // The types of the fields under 'More details' that take one; an industry code must say which kind it is.
  const [labelsOf, setLabelsOf] = useState<Partial<Record<CustomerField, string>>>({ sic_naics: 'naics' });
  const [showMore, setShowMore] = useState(false);
  const [area, setArea] = useState(session.businessAreas.length === 1 ? (session.businessAreas[0] ?? '') : '');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  const nameKey = kind === 'person' ? 'customer_name' : 'company_name';
  const groups = groupsFor(catalog, kind);
  const moreFields = groups.flatMap((g) => g.fields);
  const offers = (field: CustomerField) => catalog.get(field)?.appliesTo.includes(kind) ?? false;
  const labelOfLabel = (field: CustomerField) =>
    field === 'sic_naics' ? 'Kind of industry code' : `Type of ${catalog.nameOf(field).toLowerCase()}`;
  const labels: Record<string, string> = {
    [nameKey]: catalog.nameOf(nameKey),
    ...Object.fromEntries(
      emails.flatMap((_, i) => [
        [`email-${i}`, nth('E-mail address', i)],
        [`email-${i}:label`, `Type of ${nth('e-mail address', i)}`],
      ]),
    ),
    ...Object.fromEntries(
      phones.flatMap((_, i) => [
        [`phone-${i}`, nth('Phone number', i)],
        [`phone-${i}:label`, `Type of ${nth('phone number', i)}`],
      ]),
    ),
    ...addressLabels('address'),
    'address:label': 'Type of address',
    ssn_last4: catalog.nameOf('ssn_last4'),
    ...Object.fromEntries(moreFields.map((f) => [f, catalog.nameOf(f)])),
    ...Object.fromEntries(moreFields.filter((f) => catalog.get(f)?.labels.length).map((f) => [`${f}:label`, labelOfLabel(f)])),
    businessArea: 'Business area',
    kind: 'Kind',
  };
  const fieldIds = Object.fromEntries(Object.keys(labels).map((key) => [key, key === 'kind' ? 'customer-kind-person' : id(key)]));

  const build = (): { values: NewValue[]; sources: string[] } => {
    const values: NewValue[] = [];
    const sources: string[] = [];
    const add = (source: string, value: NewValue) => {
      values.push(value);
      sources.push(source);
    };
    add(nameKey, { field: nameKey, value: name.trim() });
    emails.forEach((e, i) => {
      if (e.value.trim()) add(`email-${i}`, { field: 'email', value: e.value.trim(), ...(e.label ? { label: e.label } : {}) });
    });
    phones.forEach((p, i) => {
      if (p.value.trim()) add(`phone-${i}`, { field: 'phone', value: p.value.trim(), ...(p.label ? { label: p.label } : {}) });
    });
    if (!addressIsEmpty(address))
      add('address', { field: 'mailing_address', value: addressInput(address), ...(addressLabel ? { label: addressLabel } : {}) });
    if (offers('ssn_last4') && ssn) add('ssn_last4', { field: 'ssn_last4', value: ssn });
    for (const field of moreFields) {
      const value = more[field]?.trim();
      if (!value) continue;
      const label = labelsOf[field];
      add(field, { field, value, ...(label && catalog.get(field)?.labels.length ? { label } : {}) });
    }
    return { values, sources };
  };

  const moreHasErrors = Object.keys(errors.fields).some((key) => moreFields.includes(key.split(':')[0] ?? ''));
  const moreOpen = showMore || moreHasErrors;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ fields: { [nameKey]: kind === 'person' ? 'Enter the customer’s name.' : 'Enter the company’s name.' } });
      return;
    }
    const { values, sources } = build();
    setBusy(true);
    setErrors(noErrors);
    try {
      const customer = await registerCustomer({ kind, businessArea: area || null, values });
      setSsn('');
      notify('success', 'Customer registered.');
      // The new record's page warns about them (router state: shown once, for this visit).
      navigate(`/customers/${customer.id}`, { state: { possibleDuplicates: customer.possibleDuplicates } });
    } catch (error) {
      setErrors(valueFormErrors(error, sources, labels));
      setBusy(false);
    }
  };

  const entryRows = (
    what: 'email' | 'phone',
    entries: Entry[],
    setEntries: (update: (entries: Entry[]) => Entry[]) => void,
    type: 'email' | 'tel',
  ) => {
    const info = catalog.get(what);
    const noun = what === 'email' ? 'e-mail address' : 'phone number';
    return (
      <>
        {entries.map((entry, i) => (
          <Grid row gap key={i} className="flex-align-end">
            <Grid tablet={{ col: 7 }}>
              <TextField
                id={id(`${what}-${i}`)}
                label={nth(info?.name ?? what, i)}
                hint={i === 0 ? 'Optional.' : undefined}
                type={type}
                value={entry.value}
                onChange={(value) => setEntries((list) => list.map((e, j) => (j === i ? { ...e, value } : e)))}
                error={errors.fields[`${what}-${i}`]}
                autoComplete="off"
              />
            </Grid>
            <Grid tablet={{ col: 3 }}>
              <SelectField
                id={id(`${what}-${i}:label`)}
                label={`Type of ${nth(noun, i)}`}
                value={entry.label}
                onChange={(label) => setEntries((list) => list.map((e, j) => (j === i ? { ...e, label } : e)))}
                options={[{ value: '', label: '- Not given -' }, ...(info?.labels ?? []).map((l) => ({ value: l, label: humanize(l) }))]}
                error={errors.fields[`${what}-${i}:label`]}
              />
            </Grid>
            {i > 0 && (
              <Grid tablet={{ col: 2 }}>
                <Button
                  type="button"
                  unstyled
                  className="margin-bottom-1"
                  onClick={() => setEntries((list) => list.filter((_, j) => j !== i))}
                >
                  Remove<span className="usa-sr-only"> {nth(noun, i)}</span>
                </Button>
              </Grid>
            )}
          </Grid>
        ))}
        {entries.length < 5 && (
          <Button type="button" unstyled className="margin-top-1" onClick={() => setEntries((list) => [...list, { value: '', label: '' }])}>
            Add another {noun}
          </Button>
        )}
      </>
    );
  };

  const moreInput = (field: CustomerField) => {
    const info = catalog.get(field);
    if (!info) return null;
    const value = more[field] ?? '';
    const set = (text: string) => setMore((m) => ({ ...m, [field]: text }));
    const hint = info.hint ? `Optional. ${info.hint}` : 'Optional.';
    if (info.choices)
      return (
        <SelectField
          key={field}
          id={id(field)}
          label={info.name}
          hint="Optional."
          value={value}
          onChange={set}
          options={[{ value: '', label: '- Not given -' }, ...info.choices.map((c) => ({ value: c, label: humanize(c) }))]}
          error={errors.fields[field]}
        />
      );
    if (info.labels.length > 0)
      return (
        <Grid row gap key={field} className="flex-align-end">
          <Grid tablet={{ col: 4 }}>
            <SelectField
              id={id(`${field}:label`)}
              label={labelOfLabel(field)}
              value={labelsOf[field] ?? ''}
              onChange={(l) => setLabelsOf((m) => ({ ...m, [field]: l }))}
              options={[
                ...(field === 'sic_naics' ? [] : [{ value: '', label: '- Not given -' }]),
                ...info.labels.map((l) => ({ value: l, label: humanize(l) })),
              ]}
              error={errors.fields[`${field}:label`]}
            />
          </Grid>
          <Grid tablet={{ col: 8 }}>
            <TextField
              id={id(field)}
              label={info.name}
              hint={hint}
              type={inputTypeOf(field)}
              inputMode={field === 'sic_naics' ? 'numeric' : undefined}
              value={value}
              onChange={set}
              error={errors.fields[field]}
              autoComplete="off"
            />
          </Grid>
        </Grid>
      );
    return (
      <TextField
        key={field}
        id={id(field)}
        label={info.name}
        hint={hint}
        type={inputTypeOf(field)}
        value={value}
        onChange={set}
        error={errors.fields[field]}
        autoComplete="off"
      />
    );
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      <Form onSubmit={(event) => void submit(event)} noValidate large className="maxw-tablet-lg">
        <RadioGroup
          name="customer-kind"
          legend="Kind of customer"
          options={[
            { value: 'person', label: 'Person' },
            { value: 'organisation', label: 'Organisation' },
          ]}
          value={kind}
          onChange={setKind}
        />
        <TextField
          id={id(nameKey)}
          label={catalog.nameOf(nameKey)}
          value={name}
          onChange={setName}
          error={errors.fields[nameKey]}
          autoComplete="off"
          maxLength={200}
          aria-required
        />
        {entryRows('email', emails, setEmails, 'email')}
        {entryRows('phone', phones, setPhones, 'tel')}
        <AddressFields
          prefix={prefix}
          fieldKey="address"
          legend="Mailing address"
          hint="Optional. A US address; it is stored in the USPS standard form."
          value={address}
          onChange={setAddress}
          errors={errors.fields}
        >
          <SelectField
            id={id('address:label')}
            label="Type of address"
            value={addressLabel}
            onChange={setAddressLabel}
            options={[
              { value: '', label: '- Not given -' },
              ...(catalog.get('mailing_address')?.labels ?? []).map((l) => ({ value: l, label: humanize(l) })),
            ]}
            error={errors.fields['address:label']}
          />
        </AddressFields>
        {offers('ssn_last4') && (
          <TextField
            id={id('ssn_last4')}
            label={catalog.nameOf('ssn_last4')}
            hint="Optional. The last four digits of the Social Security number, to confirm the caller later. Stored as sensitive data and shown masked."
            type="password"
            inputMode="numeric"
            maxLength={4}
            value={ssn}
            onChange={(v) => setSsn(v.replace(/\D/g, ''))}
            error={errors.fields.ssn_last4}
            autoComplete="off"
          />
        )}
        {session.businessAreas.length > 0 && (
          <SelectField
            id={id('businessArea')}
            label="Business area"
            hint="Who may see the record: staff of this business area, or everyone who works with shared records."
            value={area}
            onChange={setArea}
            options={[{ value: '', label: 'Shared (no business area)' }, ...session.businessAreas.map((a) => ({ value: a, label: a }))]}
            error={errors.fields.businessArea}
          />
        )}
        <div className="usa-accordion usa-accordion--bordered margin-top-4">
          <h2 className="usa-accordion__heading">
            <button
              type="button"
              className="usa-accordion__button"
              aria-expanded={moreOpen}
              aria-controls="customer-more-details"
              onClick={() => setShowMore(!moreOpen)}
            >
              More details
            </button>
          </h2>
          <div id="customer-more-details" className="usa-accordion__content" hidden={!moreOpen}>
            <p className="margin-top-0">
              {kind === 'person'
                ? 'Identifiers, job and preferences.'
                : 'Company type, web address, D-U-N-S Number, industry code, size, years in business, identifiers and preferences.'}
            </p>
            {groups.map((group) => (
              <Fieldset key={group.legend} legend={group.legend} legendStyle="large" className="margin-top-3">
                {group.fields.map(moreInput)}
              </Fieldset>
            ))}
          </div>
        </div>
        <Button type="submit" disabled={busy} className="margin-top-3">
          Register customer
        </Button>
      </Form>
    </>
  );
}
