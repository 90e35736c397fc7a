import { useEffect, useRef } from 'react';
import { ErrorSummary, type ErrorSummaryProps } from '../forms/ErrorSummary.tsx';

/**
 * The form's error summary, which takes the focus each time it shows new errors: the person
 * lands on the list of what to fix, each entry a link to its field.
 */
export function PortalErrorSummary(props: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { errors } = props;
  const shown = Boolean(errors.summary) || Object.keys(errors.fields).length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [errors, shown]);
  return (
    <div ref={ref} tabIndex={-1} className="caseline-error-summary">
      <ErrorSummary {...props} />
    </div>
  );
}
