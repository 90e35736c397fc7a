import { useCallback, useState } from 'react';
import { ApiError, fieldErrors, problemMessage, problemTypes } from '../api/problem.ts';

export interface FormErrors {
  /** The sentence above the form; absent when the field messages say it all. */
  readonly summary?: string;
  /** Messages by field name, shown next to each field and listed in the summary. */
  readonly fields: Readonly<Record<string, string>>;
}

const none: FormErrors = { fields: {} };

function sentence(label: string, message: string): string {
  const text = `${label} ${message}`.trim();
  return text.endsWith('.') ? text : `${text}.`;
}

/**
 * Form errors from a problem+json answer: each `errors[].field` pointer goes next to
 * the field of that name (prefixed with its label); the `detail` goes in the summary
 * unless it only repeats the field messages.
 */
export function formErrorsOf(error: unknown, labels: Readonly<Record<string, string>>): FormErrors {
  if (!(error instanceof ApiError)) return { summary: problemMessage(error), fields: {} };
  const byField = fieldErrors(error.problem);
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [name, message] of Object.entries(byField)) {
    const label = labels[name];
    if (label) fields[name] = sentence(label, message);
    else unplaced.push(sentence(name, message));
  }
  const placedAll = Object.keys(fields).length > 0 && unplaced.length === 0;
  const isValidation = error.problem.type === problemTypes.validation;
  const summary = placedAll && isValidation ? undefined : unplaced.length && isValidation ? unplaced.join(' ') : problemMessage(error);
  return summary ? { summary, fields } : { fields };
}

export function useFormErrors(labels: Readonly<Record<string, string>>) {
  const [errors, setErrors] = useState<FormErrors>(none);
  const fromError = useCallback((error: unknown) => setErrors(formErrorsOf(error, labels)), [labels]);
  const fromChecks = useCallback((fields: Record<string, string>) => {
    setErrors({ fields });
    return Object.keys(fields).length === 0;
  }, []);
  const clear = useCallback(() => setErrors(none), []);
  const hasErrors = Boolean(errors.summary) || Object.keys(errors.fields).length > 0;
  return { errors, hasErrors, fromError, fromChecks, clear };
}
