import type { MouseEvent } from 'react';
import { Alert } from '@trussworks/react-uswds';
import type { FormErrors } from './useFormErrors.ts';

export interface ErrorSummaryProps {
  readonly errors: FormErrors;
  /** Field name → the id of its input, so that each message links to its field. */
  readonly fieldIds: Readonly<Record<string, string>>;
  readonly heading?: string;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  const target = field.matches('input, select, textarea, button')
    ? field
    : (field.querySelector<HTMLElement>('input, select, textarea') ?? field);
  target.focus();
  target.scrollIntoView({ block: 'center' });
}

/** The error summary above a form, announced as an alert. Renders nothing when there is no error. */
export function ErrorSummary({ errors, fieldIds, heading = 'There is a problem' }: ErrorSummaryProps) {
  const entries = Object.entries(errors.fields);
  if (!errors.summary && entries.length === 0) return null;
  return (
    <Alert type="error" role="alert" className="margin-y-2">
      <h2 className="usa-alert__heading">{heading}</h2>
      {errors.summary && <p className="usa-alert__text">{errors.summary}</p>}
      {entries.length > 0 && (
        <ul className="usa-list margin-top-1">
          {entries.map(([name, message]) => {
            const id = fieldIds[name];
            return (
              <li key={name}>
                {id ? (
                  <a href={`#${id}`} onClick={(event) => focusField(event, id)}>
                    {message}
                  </a>
                ) : (
                  message
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Alert>
  );
}
