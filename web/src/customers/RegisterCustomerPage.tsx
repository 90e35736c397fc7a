import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button, Fieldset, Form, FormGroup, Radio } from '@trussworks/react-uswds';
import { registerCustomer, type CustomerKind } from '../api/customers.ts';
import { useSession } from '../auth/useSession.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';

const labels = {
  kind: 'Kind',
  name: 'Name',
  email: 'E-mail address',
  phone: 'Phone number',
  zip: 'ZIP code',
  ssnLast4: 'SSN last four',
  businessArea: 'Business area',
};
const ids = {
  kind: 'customer-kind-person',
  name: 'customer-name',
  email: 'customer-email',
  phone: 'customer-phone',
  zip: 'customer-zip',
  ssnLast4: 'customer-ssn',
  businessArea: 'customer-area',
};

/** POST /api/customers: every value is encrypted under the customer's own key. */
export function RegisterCustomerPage() {
  const session = useSession();
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const [kind, setKind] = useState<CustomerKind>('person');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [zip, setZip] = useState('');
  const [ssn, setSsn] = useState('');
  const [area, setArea] = useState(session.businessAreas.length === 1 ? (session.businessAreas[0] ?? '') : '');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = useFormErrors(labels);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!name.trim()) checks.name = 'Enter the customer’s name.';
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) checks.email = 'Enter an e-mail address like name@example.com.';
    if (zip.trim() && !/^\d{5}(-?\d{4})?$/.test(zip.trim())) checks.zip = 'Enter a ZIP code of 5 or 9 digits, such as 20260 or 20260-0004.';
    if (ssn && !/^\d{4}$/.test(ssn)) checks.ssnLast4 = 'Enter exactly four digits.';
    if (!fromChecks(checks)) return;
    setBusy(true);
    try {
      const customer = await registerCustomer({
        kind,
        name: name.trim(),
        email: email.trim() || null,
        phone: phone.trim() || null,
        zip: zip.trim() || null,
        ssnLast4: ssn || null,
        businessArea: area || null,
      });
      setSsn('');
      notify('success', 'Customer registered.');
      // The new record's page warns about them (router state: shown once, for this visit).
      navigate(`/customers/${customer.id}`, { state: { possibleDuplicates: customer.possibleDuplicates } });
    } catch (error) {
      fromError(error);
      setBusy(false);
    }
  };

  return (
    <Page title="Register customer">
      <p className="usa-intro">Record a customer who contacts us. Only the name is required.</p>
      <ErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={(event) => void submit(event)} noValidate large>
        <FormGroup>
          <Fieldset legend={labels.kind}>
            <Radio
              id="customer-kind-person"
              name="customer-kind"
              value="person"
              label="Person"
              checked={kind === 'person'}
              onChange={() => setKind('person')}
            />
            <Radio
              id="customer-kind-organisation"
              name="customer-kind"
              value="organisation"
              label="Organisation"
              checked={kind === 'organisation'}
              onChange={() => setKind('organisation')}
            />
          </Fieldset>
        </FormGroup>
        <TextField
          id={ids.name}
          label={labels.name}
          value={name}
          onChange={setName}
          error={errors.fields.name}
          autoComplete="off"
          maxLength={300}
          aria-required
        />
        <TextField
          id={ids.email}
          label={labels.email}
          hint="Optional."
          type="email"
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
          autoComplete="off"
        />
        <TextField
          id={ids.phone}
          label={labels.phone}
          hint="Optional."
          type="tel"
          value={phone}
          onChange={setPhone}
          error={errors.fields.phone}
          autoComplete="off"
        />
        <TextField
          id={ids.zip}
          label={labels.zip}
          hint="Optional. 5 or 9 digits."
          inputMode="numeric"
          value={zip}
          onChange={setZip}
          error={errors.fields.zip}
          autoComplete="off"
          className="maxw-card-lg"
        />
        <TextField
          id={ids.ssnLast4}
          label={labels.ssnLast4}
          hint="Optional. The last four digits of the Social Security number, to confirm the caller later. Stored as sensitive data."
          type="password"
          inputMode="numeric"
          maxLength={4}
          value={ssn}
          onChange={(v) => setSsn(v.replace(/\D/g, ''))}
          error={errors.fields.ssnLast4}
          autoComplete="off"
          className="maxw-card-lg"
        />
        {session.businessAreas.length > 0 && (
          <SelectField
            id={ids.businessArea}
            label={labels.businessArea}
            hint="Who may see the record: staff of this business area, or everyone who works with shared records."
            value={area}
            onChange={setArea}
            options={[{ value: '', label: 'Shared (no business area)' }, ...session.businessAreas.map((a) => ({ value: a, label: a }))]}
            error={errors.fields.businessArea}
          />
        )}
        <Button type="submit" disabled={busy} className="margin-top-3">
          Register customer
        </Button>
      </Form>
    </Page>
  );
}
