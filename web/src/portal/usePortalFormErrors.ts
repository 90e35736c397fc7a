import { useCallback, useState } from 'react';
import { ApiError, problemMessage } from '../api/problem.ts';
import { labelledFieldErrors, type FormErrors } from '../forms/useFormErrors.ts';

const none: FormErrors = { fields: {} };

/** The portal's server messages are either a predicate ('must be four digits') or a whole sentence ('the code is wrong'). */
function sentence(label: string | undefined, message: string): string {
  const predicate = /^(is|are|must|has|was)\b/.test(message);
  const text = predicate && label ? `${label} ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Form errors from a portal answer: each field's message next to its field, and above the
 * form only what the field messages do not already say.
 */
export function portalFormErrors(error: unknown, labels: Readonly<Record<string, string>>): FormErrors {
  if (!(error instanceof ApiError)) return { summary: problemMessage(error), fields: {} };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [name, message] of Object.entries(labelledFieldErrors(error.problem, labels))) {
    if (labels[name]) fields[name] = sentence(labels[name], message);
    else unplaced.push(sentence(undefined, message));
  }
  if (Object.keys(fields).length > 0 && unplaced.length === 0) return { fields };
  return { summary: unplaced.length ? unplaced.join(' ') : sentence(undefined, problemMessage(error)), fields };
}

export function usePortalFormErrors(labels: Readonly<Record<string, string>>) {
  const [errors, setErrors] = useState<FormErrors>(none);
  const fromError = useCallback((error: unknown) => setErrors(portalFormErrors(error, labels)), [labels]);
  const fromChecks = useCallback((fields: Record<string, string>) => {
    setErrors({ fields });
    return Object.keys(fields).length === 0;
  }, []);
  const clear = useCallback(() => setErrors(none), []);
  return { errors, fromError, fromChecks, clear };
}
