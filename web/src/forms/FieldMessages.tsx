import type { ReactNode } from 'react';
import { describedBy } from './describedBy.ts';

/** The ids of a field's hint and error message, and the aria-describedby that joins them. */
export function fieldMessageIds(id: string, hint: ReactNode, error: string | undefined) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { hintId, errorId, describedBy: describedBy(hintId, errorId) };
}

/** A field's hint and error message, in the USWDS order (hint, then error, above the input). */
export function FieldMessages({
  id,
  hint,
  error,
}: {
  readonly id: string;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
}) {
  const { hintId, errorId } = fieldMessageIds(id, hint, error);
  return (
    <>
      {hint && (
        <div className="usa-hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <span className="usa-error-message" id={errorId}>
          {error}
        </span>
      )}
    </>
  );
}
