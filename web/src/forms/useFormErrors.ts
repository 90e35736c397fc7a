import { useCallback, useState } from 'react';
import { ApiError, problemMessage, problemTypes, type Problem } from '../api/problem.ts';

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
 * The server's message for each field it names ('/body/name'), by the form's key: a nested
 * field ('/body/newAddress/zip') goes to its own key where the form labels one
 * ('newAddress.zip'), else to its parent's. The first message for a key wins.
 */
export function labelledFieldErrors(problem: Problem, labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, message } of problem.errors ?? []) {
    const [, , first, second] = field.split('/');
    if (!first) continue;
    const key = second && labels[`${first}.${second}`] ? `${first}.${second}` : first;
    if (!(key in out)) out[key] = message;
  }
  return out;
}

/**
 * Form errors from a problem+json answer: each `errors[].field` pointer goes next to
 * the field of that name (prefixed with its label); the `detail` goes in the summary
 * unless it only repeats the field messages.
 */
export function formErrorsOf(error: unknown, labels: Readonly<Record<string, string>>): FormErrors {
  if (!(error instanceof ApiError)) return { summary: problemMessage(error), fields: {} };
  const byField = labelledFieldErrors(error.problem, labels);
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
