import { useState } from 'react';
import { Button } from '@trussworks/react-uswds';
import { problemMessage } from '../api/problem.ts';

export const mask = '••••';

interface Props {
  /** The field's name as people read it, e.g. 'SSN last four'. */
  readonly label: string;
  /** The value when revealed; null while masked. */
  readonly revealed: string | null;
  /** Asks the server for the value (an audited action); absent when this field cannot be revealed. */
  readonly onReveal?: () => Promise<void>;
  readonly onHide: () => void;
}

/** A sensitive value: masked by default, revealed on request, and the request is audited. */
export function SensitiveValue({ label, revealed, onReveal, onHide }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = label.toLowerCase().replace(/[^a-z0-9]+/g, '-');

  const reveal = async () => {
    if (!onReveal) return;
    setBusy(true);
    setError(null);
    try {
      await onReveal();
    } catch (failure) {
      setError(problemMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="caseline-sensitive">
      <span className="caseline-mono" data-testid={`${id}-value`}>
        {revealed ?? (
          <>
            <span aria-hidden="true">{mask}</span>
            <span className="usa-sr-only">hidden</span>
          </>
        )}
      </span>
      {revealed === null ? (
        onReveal && (
          <>
            <Button
              type="button"
              outline
              className="margin-left-2 caseline-reveal"
              disabled={busy}
              aria-describedby={`${id}-audit-note`}
              onClick={() => void reveal()}
            >
              Reveal<span className="usa-sr-only"> {label}</span>
            </Button>
            <span id={`${id}-audit-note`} className="usa-hint margin-left-1">
              Revealing is recorded in the audit log.
            </span>
          </>
        )
      ) : (
        <Button type="button" outline className="margin-left-2" onClick={onHide}>
          Hide<span className="usa-sr-only"> {label}</span>
        </Button>
      )}
      {error && (
        <p className="usa-error-message" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
