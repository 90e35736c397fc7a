import { ApiError, problemMessage, problemTypes } from '../api/problem.ts';
import type { FormErrors } from '../forms/useFormErrors.ts';

function sentence(label: string, message: string): string {
  const text = `${label} ${message}`.trim();
  return text.endsWith('.') ? text : `${text}.`;
}

/**
 * Form errors from a 422 about a list of values. Value i of the request came from the form
 * field `sources[i]`; the server points at it as '/body/values/i/value', a part of an address
 * as '/body/values/i/value/zip' and its label as '/body/values/i/label'. Those go next to the
 * form field `${source}.zip` or `${source}:label` when the form has one (it is in `labels`),
 * else next to `${source}`. Other pointers ('/body/businessArea') go to the form field of that
 * name when it has a label; the rest into the summary.
 */
export function valueFormErrors(error: unknown, sources: readonly string[], labels: Readonly<Record<string, string>>): FormErrors {
  if (!(error instanceof ApiError)) return { summary: problemMessage(error), fields: {} };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { field: pointer, message } of error.problem.errors ?? []) {
    const parts = pointer.split('/').slice(1);
    let key: string | undefined;
    if (parts[0] === 'body' && parts[1] === 'values' && parts[2] !== undefined) {
      const source = sources[Number(parts[2])];
      if (source !== undefined) {
        const part = parts[3] === 'value' && parts[4] ? `${source}.${parts[4]}` : parts[3] === 'label' ? `${source}:label` : undefined;
        key = part && labels[part] ? part : source;
      }
    } else if (parts[0] === 'body' && parts[1] && labels[parts[1]]) key = parts[1];
    const label = key ? labels[key] : undefined;
    if (key && label) {
      if (!(key in fields)) fields[key] = sentence(label, message);
    } else unplaced.push(message);
  }
  const isValidation = error.problem.type === problemTypes.validation;
  const placedAll = Object.keys(fields).length > 0 && unplaced.length === 0;
  const summary = placedAll && isValidation ? undefined : unplaced.length && isValidation ? unplaced.join(' ') : problemMessage(error);
  return summary ? { summary, fields } : { fields };
}

/** The id of a form field's input from its key ('address.zip' → 'customer-address-zip'). */
export function inputId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}
