import type { ReactNode } from 'react';
import { FormGroup, Label, Select } from '@trussworks/react-uswds';
import { FieldMessages, fieldMessageIds } from './FieldMessages.tsx';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

export interface SelectFieldProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: readonly SelectOption[];
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
}

export function SelectField({ id, label, value, onChange, options, hint, error }: SelectFieldProps) {
  const messages = fieldMessageIds(id, hint, error);
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      <FieldMessages id={id} hint={hint} error={error} />
      <Select
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        validationStatus={error ? 'error' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={messages.describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </FormGroup>
  );
}
