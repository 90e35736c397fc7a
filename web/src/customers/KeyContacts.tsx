import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Form } from '@trussworks/react-uswds';
import {
  addKeyContact,
  contactRelationships,
  lookupCustomers,
  lookupMessage,
  type ContactRelationship,
  type Customer,
  type CustomerSummary,
} from '../api/customers.ts';
import { problemMessage } from '../api/problem.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { useNotifications } from '../frame/useNotifications.ts';
import { humanize } from './fieldText.ts';

const noErrors: FormErrors = { fields: {} };
const ids = { find: 'contact-find', person: 'contact-person', relationship: 'contact-relationship' };

/** An organisation's key contacts (person customers), and for an organisation a form to name another. */
export function KeyContacts({
  customer,
  canEdit,
  onChanged,
}: {
  readonly customer: Customer;
  readonly canEdit: boolean;
  readonly onChanged: () => void;
}) {
  const { notify } = useNotifications();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<readonly CustomerSummary[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [relationship, setRelationship] = useState<ContactRelationship>('primary');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const find = async () => {
    if (!q.trim()) {
      setErrors({ fields: { find: 'Enter a name, e-mail address or phone number to find the person.' } });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const answer = await lookupCustomers(q.trim());
      const people = answer.results.map((r) => r.customer).filter((c) => c.kind === 'person' && c.id !== customer.id);
      setFound(people);
      setChosen(people[0]?.id ?? '');
    } catch (error) {
      setErrors({ fields: { find: lookupMessage(error) } });
      setFound(null);
    } finally {
      setBusy(false);
    }
  };

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) {
      setErrors({ fields: { person: 'Choose the person to name as a key contact.' } });
      return;
    }
    setBusy(true);
    try {
      const link = await addKeyContact(customer.id, chosen, relationship);
      notify('success', `${link.name} is now a key contact.`);
      setQ('');
      setFound(null);
      setChosen('');
      onChanged();
    } catch (error) {
      setErrors({ summary: problemMessage(error), fields: {} });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {customer.contacts.length === 0 ? (
        <p data-testid="no-contacts">
          {customer.kind === 'organisation' ? 'No key contacts named.' : 'Not a key contact of any organisation.'}
        </p>
      ) : (
        <ul className="usa-list">
          {customer.contacts.map((c) => (
            <li key={c.linkId}>
              <Link to={`/customers/${c.customerId}`} className="usa-link">
                {c.name}
              </Link>{' '}
              ({humanize(c.relationship)} contact)
            </li>
          ))}
        </ul>
      )}
      {canEdit && customer.kind === 'organisation' && (
        <>
          <h3 id="add-contact-heading">Add a key contact</h3>
          <ErrorSummary errors={errors} fieldIds={ids} heading="The key contact was not added" />
          <Form onSubmit={(event) => void add(event)} noValidate className="maxw-tablet" aria-labelledby="add-contact-heading">
            <TextField
              id={ids.find}
              label="Find the person"
              hint="A person customer’s name, e-mail address or phone number."
              value={q}
              onChange={setQ}
              error={errors.fields.find}
              autoComplete="off"
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void find();
                }
              }}
            />
            <Button type="button" outline disabled={busy} onClick={() => void find()} className="margin-top-1">
              Find person
            </Button>
            {found && found.length === 0 && <p role="status">No person customer matches. Register the person first.</p>}
            {found && found.length > 0 && (
              <RadioGroup
                id={ids.person}
                name="contact-person"
                legend="Person"
                options={found.map((p) => ({
                  value: p.id,
                  label: [p.name, p.email, p.phone, p.address ?? p.zip].filter(Boolean).join(' · '),
                }))}
                value={chosen}
                onChange={setChosen}
                error={errors.fields.person}
              />
            )}
            <SelectField
              id={ids.relationship}
              label="Relationship"
              value={relationship}
              onChange={(value) => setRelationship(value as ContactRelationship)}
              options={contactRelationships.map((r) => ({ value: r, label: humanize(r) }))}
            />
            <Button type="submit" disabled={busy || !chosen} className="margin-top-3">
              Add key contact
            </Button>
          </Form>
        </>
      )}
    </>
  );
}
