import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import { FieldMessages, fieldMessageIds } from './FieldMessages.tsx';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'type' | 'id'> {
  readonly id: string;
  readonly label: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'email' | 'password' | 'tel' | 'search' | 'number' | 'url' | 'date' | 'datetime-local';
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** A labelled USWDS text input with its hint and its error message tied to it by aria-describedby. */
export function TextField({ id, label, value, onChange, type = 'text', hint, error, inputRef, name, className, ...input }: TextFieldProps) {
  const messages = fieldMessageIds(id, hint, error);
  return (
    <FormGroup error={Boolean(error)} className={className}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      <FieldMessages id={id} hint={hint} error={error} />
      <TextInput
        {...input}
        ref={inputRef}
        id={id}
        name={name ?? id}
        type={type as 'text'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        validationStatus={error ? 'error' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={messages.describedBy}
      />
    </FormGroup>
  );
}
