import type { ReactNode } from 'react';
import { Fieldset, Grid } from '@trussworks/react-uswds';
import type { AddressInput } from '../api/customers.ts';
import { TextField } from '../forms/TextField.tsx';
import { inputId } from './valueErrors.ts';

export interface AddressDraft {
  readonly line1: string;
  readonly line2: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
}

export const emptyAddress: AddressDraft = { line1: '', line2: '', city: '', state: '', zip: '' };

export const addressPartLabels = { lines: 'Street address', city: 'City', state: 'State', zip: 'ZIP code' } as const;

/** The error labels of an address form field `key`: its parts are `${key}.lines` … */
export function addressLabels(key: string, name = 'Mailing address'): Record<string, string> {
  return {
    [key]: name,
    [`${key}.lines`]: addressPartLabels.lines,
    [`${key}.city`]: addressPartLabels.city,
    [`${key}.state`]: addressPartLabels.state,
    [`${key}.zip`]: addressPartLabels.zip,
  };
}

/** The parts as they read after the address's name, mid-sentence. */
const namedPartLabels = { lines: 'street address', city: 'city', state: 'state', zip: 'ZIP code' } as const;

/**
 * The error labels and input ids of an address field of a form that asks for more than one
 * address: its messages name it ("New address: city").
 */
export function namedAddressKeys(prefix: string, key: string, name: string) {
  const parts = Object.entries(namedPartLabels);
  return {
    labels: { [key]: name, ...Object.fromEntries(parts.map(([part, label]) => [`${key}.${part}`, `${name}: ${label}`])) },
    ids: Object.fromEntries([key, ...parts.map(([part]) => `${key}.${part}`)].map((k) => [k, inputId(prefix, k)])),
  };
}

/** What is missing of the address `key`, by part; `whose` names it in the messages ("your new address"). */
export function missingAddressParts(key: string, a: AddressDraft, whose: string): Record<string, string> {
  const checks: Record<string, string> = {};
  if (!a.line1.trim()) checks[`${key}.lines`] = `Enter the street address of ${whose}.`;
  if (!a.city.trim()) checks[`${key}.city`] = `Enter the city of ${whose}.`;
  if (!a.state.trim()) checks[`${key}.state`] = `Enter the state of ${whose}.`;
  if (!a.zip.trim()) checks[`${key}.zip`] = `Enter the ZIP code of ${whose}.`;
  return checks;
}

export function addressIsEmpty(a: AddressDraft): boolean {
  return !a.line1.trim() && !a.line2.trim() && !a.city.trim() && !a.state.trim() && !a.zip.trim();
}

export function addressInput(a: AddressDraft): AddressInput {
  const lines = [a.line1.trim(), a.line2.trim()].filter(Boolean);
  return { lines: lines.length ? lines : '', city: a.city.trim(), state: a.state.trim(), zip: a.zip.trim() };
}

interface Props {
  /** The ids' prefix, e.g. 'customer'. */
  readonly prefix: string;
  /** The form field's key, e.g. 'address'; the parts' keys are 'address.zip' … */
  readonly fieldKey: string;
  readonly legend: string;
  readonly value: AddressDraft;
  readonly onChange: (value: AddressDraft) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly hint?: string;
  /** More inputs of the address, after its parts (its type). */
  readonly children?: ReactNode;
}

/** A US mailing address: street lines, city, state and ZIP, each with its own error. */
export function AddressFields({ prefix, fieldKey, legend, value, onChange, errors, hint, children }: Props) {
  const set = (part: keyof AddressDraft) => (text: string) => onChange({ ...value, [part]: text });
  const id = (part: string) => inputId(prefix, `${fieldKey}.${part}`);
  const whole = errors[fieldKey];
  return (
    <Fieldset
      legend={legend}
      id={inputId(prefix, fieldKey)}
      className="margin-top-3"
      aria-describedby={whole ? `${inputId(prefix, fieldKey)}-error` : undefined}
    >
      {hint && <div className="usa-hint">{hint}</div>}
      {whole && (
        <span className="usa-error-message" id={`${inputId(prefix, fieldKey)}-error`}>
          {whole}
        </span>
      )}
      <TextField
        id={id('lines')}
        label={addressPartLabels.lines}
        value={value.line1}
        onChange={set('line1')}
        error={errors[`${fieldKey}.lines`]}
        autoComplete="off"
      />
      <TextField
        id={`${id('lines')}-2`}
        label={
          <>
            {addressPartLabels.lines} line 2 <span className="usa-hint">(optional)</span>
          </>
        }
        value={value.line2}
        onChange={set('line2')}
        autoComplete="off"
      />
      <Grid row gap>
        <Grid tablet={{ col: 6 }}>
          <TextField
            id={id('city')}
            label={addressPartLabels.city}
            value={value.city}
            onChange={set('city')}
            error={errors[`${fieldKey}.city`]}
            autoComplete="off"
          />
        </Grid>
        <Grid tablet={{ col: 2 }}>
          <TextField
            id={id('state')}
            label={addressPartLabels.state}
            value={value.state}
            onChange={set('state')}
            error={errors[`${fieldKey}.state`]}
            autoComplete="off"
            maxLength={30}
          />
        </Grid>
        <Grid tablet={{ col: 4 }}>
          <TextField
            id={id('zip')}
            label={addressPartLabels.zip}
            value={value.zip}
            onChange={set('zip')}
            error={errors[`${fieldKey}.zip`]}
            autoComplete="off"
            inputMode="numeric"
            maxLength={15}
          />
        </Grid>
      </Grid>
      {children}
    </Fieldset>
  );
}
