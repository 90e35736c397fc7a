import type { ReactNode } from 'react';
import { Fieldset, FormGroup, Radio } from '@trussworks/react-uswds';

export interface RadioOption<T extends string> {
  readonly value: T;
  readonly label: ReactNode;
  readonly disabled?: boolean;
}

export interface RadioGroupProps<T extends string> {
  /** The radios' shared name; each radio's id is `${name}-${value}`. */
  readonly name: string;
  readonly legend: ReactNode;
  readonly options: readonly RadioOption<T>[];
  readonly value: T | undefined;
  readonly onChange: (value: T) => void;
  readonly error?: string | undefined;
  /** The fieldset's id, when an error summary links to the group rather than to its first radio. */
  readonly id?: string;
}

/** A fieldset of USWDS radios: the legend names the group, each radio its option. */
export function RadioGroup<T extends string>({ name, legend, options, value, onChange, error, id }: RadioGroupProps<T>) {
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={legend} id={id}>
        {error && <span className="usa-error-message">{error}</span>}
        {options.map((option) => (
          <Radio
            key={option.value}
            id={`${name}-${option.value}`}
            name={name}
            value={option.value}
            label={option.label}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            disabled={option.disabled}
          />
        ))}
      </Fieldset>
    </FormGroup>
  );
}
