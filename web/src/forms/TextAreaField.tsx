import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { FieldMessages, fieldMessageIds } from './FieldMessages.tsx';

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'> {
  readonly id: string;
  readonly label: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
}

/** A labelled USWDS textarea with its hint and its error message tied to it by aria-describedby. */
export function TextAreaField({ id, label, value, onChange, hint, error, name, className, ...input }: TextAreaFieldProps) {
  const messages = fieldMessageIds(id, hint, error);
  return (
    <FormGroup error={Boolean(error)} className={className}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      <FieldMessages id={id} hint={hint} error={error} />
      <Textarea
        {...input}
        id={id}
        name={name ?? id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={Boolean(error)}
        aria-invalid={error ? true : undefined}
        aria-describedby={messages.describedBy}
      />
    </FormGroup>
  );
}
