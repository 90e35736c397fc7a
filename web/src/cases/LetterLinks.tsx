import { useEffect, useRef, useState } from 'react';
import { Button } from '@trussworks/react-uswds';
import { fetchLetterPdf } from '../api/attachments.ts';
import { ApiError, problemMessage } from '../api/problem.ts';

type Kind = 'letter' | 'fax';
const kindLabels: Record<Kind, string> = { letter: 'Print letter (PDF)', fax: 'Fax (PDF)' };

function reasonOf(error: unknown): string {
  if (error instanceof ApiError && error.status === 422 && error.problem.errors?.[0]) {
    const message = error.problem.errors[0].message;
    return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  }
  return problemMessage(error);
}

/**
 * An outbound message as a reply letter, and as a fax when the case came by fax: the PDF
 * is fetched first (so that the server's reason shows here when the customer has no
 * address or fax number), then opened in a new tab.
 */
export function LetterLinks({
  caseId,
  messageId,
  withFax,
}: {
  readonly caseId: string;
  readonly messageId: string;
  readonly withFax: boolean;
}) {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [error, setError] = useState<{ kind: Kind; text: string } | null>(null);
  const [blocked, setBlocked] = useState<{ kind: Kind; url: string } | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const open = async (kind: Kind) => {
    setBusy(kind);
    setError(null);
    setBlocked(null);
    try {
      const blob = await fetchLetterPdf(caseId, messageId, kind);
      const url = URL.createObjectURL(blob);
      urls.current.push(url);
      // A pop-up blocker may refuse a tab opened after the wait: then a link does it.
      if (!window.open(url, '_blank')) setBlocked({ kind, url });
    } catch (failure) {
      setError({ kind, text: reasonOf(failure) });
    } finally {
      setBusy(null);
    }
  };

  const errorId = `letter-error-${messageId}`;
  return (
    <div className="caseline-letter-links">
      <div className="caseline-actions">
        {(withFax ? (['letter', 'fax'] as const) : (['letter'] as const)).map((kind) => (
          <Button
            key={kind}
            type="button"
            unstyled
            className="margin-right-2"
            disabled={busy !== null}
            aria-describedby={error?.kind === kind ? errorId : undefined}
            onClick={() => void open(kind)}
          >
            {busy === kind ? 'Preparing…' : kindLabels[kind]}
            <span className="usa-sr-only"> (opens in a new tab)</span>
          </Button>
        ))}
      </div>
      {error && (
        <p className="usa-error-message margin-y-1" id={errorId} role="alert" data-testid="letter-error">
          {error.kind === 'letter' ? 'No letter: ' : 'No fax: '}
          {error.text}
        </p>
      )}
      {blocked && (
        <p className="margin-y-1" role="status">
          <a href={blocked.url} target="_blank" rel="noopener" className="usa-link">
            Open the {blocked.kind === 'letter' ? 'letter' : 'fax'} (PDF, new tab)
          </a>
        </p>
      )}
    </div>
  );
}
