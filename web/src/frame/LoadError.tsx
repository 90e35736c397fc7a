import { Alert, Button } from '@trussworks/react-uswds';
import { problemMessage } from '../api/problem.ts';

/** What a page shows when its data could not be loaded. */
export function LoadError({ what, error, onRetry }: { readonly what: string; readonly error: unknown; readonly onRetry?: () => void }) {
  return (
    <Alert type="error" role="alert" className="margin-y-2">
      <h2 className="usa-alert__heading">Could not load {what}</h2>
      <p className="usa-alert__text">{problemMessage(error)}</p>
      {onRetry && (
        <Button type="button" outline className="margin-top-1" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
