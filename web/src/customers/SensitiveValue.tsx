import { useState } from 'react';
import { Button } from '@trussworks/react-uswds';
import { problemMessage } from '../api/problem.ts';

export const mask = '••••';

/** A masked value as the server gives it: '••••' or '••••' and the last four, read as 'hidden'. */
export function MaskedText({ text }: { readonly text: string }) {
  const rest = text.startsWith(mask) ? text.slice(mask.length) : text;
  return (
    <span className="caseline-mono">
      <span aria-hidden="true">{mask}</span>
      <span className="usa-sr-only">{rest ? 'hidden, ending in ' : 'hidden'}</span>
      {rest}
    </span>
  );
}

interface Props {
  /** The field's name as people read it, e.g. 'SSN last four'. */
  readonly label: string;
  /** An id for the field, e.g. 'ssn_last4'. */
  readonly field: string;
  readonly revealed: boolean;
  /** Asks the server for the field's values in clear (an audited action). */
  readonly onReveal: () => Promise<void>;
  readonly onHide: () => void;
}

/** Reveal / Hide for one masked field: the reveal is a request to the server, recorded in the audit log. */
export function RevealControl({ label, field, revealed, onReveal, onHide }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteId = `reveal-${field}-note`;

  const reveal = async () => {
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
    <div className="caseline-sensitive margin-top-1">
      {revealed ? (
        <Button type="button" outline className="caseline-reveal" onClick={onHide}>
          Hide<span className="usa-sr-only"> {label}</span>
        </Button>
      ) : (
        <>
          <Button type="button" outline className="caseline-reveal" disabled={busy} aria-describedby={noteId} onClick={() => void reveal()}>
            Reveal<span className="usa-sr-only"> {label}</span>
          </Button>
          <span id={noteId} className="usa-hint margin-left-1">
            Revealing is recorded in the audit log.
          </span>
        </>
      )}
      {error && (
        <p className="usa-error-message width-full" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
