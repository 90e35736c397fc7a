import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Form } from '@trussworks/react-uswds';
import { addValues, type CustomerField, type CustomerKind, type NewValue } from '../api/customers.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { useNotifications } from '../frame/useNotifications.ts';
import { AddressFields, addressInput, addressLabels, emptyAddress, type AddressDraft } from './AddressFields.tsx';
import { humanize, inputTypeOf } from './fieldText.ts';
import type { CustomerFields } from './useCustomerFields.ts';
import { inputId, valueFormErrors } from './valueErrors.ts';

const prefix = 'add-value';
const id = (key: string) => inputId(prefix, key);
const noErrors: FormErrors = { fields: {} };

interface Props {
  readonly customerId: string;
  readonly kind: CustomerKind;
  /** The registry's fields, from the server. */
  readonly catalog: CustomerFields;
  readonly onAdded: () => void;
}

/** POST /api/customers/:id/values with one value: a field of the customer's kind, its label, the value. */
export function AddValueForm({ customerId, kind, catalog, onAdded }: Props) {
  const { notify } = useNotifications();
  const fields = catalog.fieldsFor(kind);
  const [field, setField] = useState<CustomerField>(fields.some((f) => f.field === 'email') ? 'email' : (fields[0]?.field ?? ''));
  const [label, setLabel] = useState('');
  const [text, setText] = useState('');
  const [address, setAddress] = useState<AddressDraft>(emptyAddress);
  const [primary, setPrimary] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const info = catalog.get(field) ?? fields[0]!;

  const labels: Record<string, string> = {
    field: 'Field',
    value: info.name,
    'value:label': 'Type',
    ...(field === 'mailing_address' ? addressLabels('value') : {}),
  };
  const fieldIds = Object.fromEntries(Object.keys(labels).map((key) => [key, id(key)]));

  const choose = (next: string) => {
    setField(next);
    setLabel('');
    setText('');
    setAddress(emptyAddress);
    setPrimary(false);
    setErrors(noErrors);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (field !== 'mailing_address' && !text.trim()) {
      setErrors({ fields: { value: `Enter the ${info.name.toLowerCase()}.` } });
      return;
    }
    const value: NewValue = {
      field,
      value: field === 'mailing_address' ? addressInput(address) : text.trim(),
      ...(label ? { label } : {}),
      ...(primary ? { primary: true } : {}),
    };
    setBusy(true);
    setErrors(noErrors);
    try {
      await addValues(customerId, [value]);
      notify('success', `${info.name} added.`);
      choose(field);
      onAdded();
    } catch (error) {
      setErrors(valueFormErrors(error, ['value'], labels));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={fieldIds} heading="The value was not added" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet">
        <SelectField
          id={id('field')}
          label="Field"
          hint={info.single ? 'This field holds one value: a new one replaces the current one, which stays in the history.' : undefined}
          value={field}
          onChange={choose}
          options={fields.map((f) => ({ value: f.field, label: f.name }))}
          error={errors.fields.field}
        />
        {info.labels.length > 0 && (
          <SelectField
            id={id('value:label')}
            label="Type"
            value={label}
            onChange={setLabel}
            options={[{ value: '', label: '- Not given -' }, ...info.labels.map((l) => ({ value: l, label: humanize(l) }))]}
            error={errors.fields['value:label']}
          />
        )}
        {field === 'mailing_address' ? (
          <AddressFields prefix={prefix} fieldKey="value" legend="Address" value={address} onChange={setAddress} errors={errors.fields} />
        ) : info.choices ? (
          <SelectField
            id={id('value')}
            label={info.name}
            value={text}
            onChange={setText}
            options={[{ value: '', label: '- Select -' }, ...info.choices.map((c) => ({ value: c, label: humanize(c) }))]}
            error={errors.fields.value}
          />
        ) : (
          <TextField
            id={id('value')}
            label={info.name}
            hint={info.hint ?? undefined}
            type={inputTypeOf(field)}
            value={text}
            onChange={setText}
            error={errors.fields.value}
            autoComplete="off"
          />
        )}
        {!info.single && (
          <Checkbox
            id={id('primary')}
            name="primary"
            label={`Make it the primary ${info.name.toLowerCase()}`}
            checked={primary}
            onChange={(event) => setPrimary(event.target.checked)}
            className="margin-top-2"
          />
        )}
        <Button type="submit" disabled={busy} className="margin-top-3">
          Add value
        </Button>
      </Form>
    </>
  );
}
