import { useEffect, useRef, useState } from 'react';
import { Button } from '@trussworks/react-uswds';
import {
  durationLabels,
  fetchChangeOfAddressLetter,
  moveTypeLabels,
  type ChangeOfAddress,
  type NormalisedAddress,
} from '../api/changes-of-address.ts';
import { ApiError, problemMessage } from '../api/problem.ts';

/** An ISO calendar day as people read it ("Dec 5, 2026"); the day itself, with no time zone shift. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export const addressText = (a: Pick<NormalisedAddress, 'deliveryLine' | 'lastLine'>) => `${a.deliveryLine}, ${a.lastLine}`;

/** "Individual, permanent" */
export const moveText = (c: ChangeOfAddress) => `${moveTypeLabels[c.moveType].split(' (')[0]}, ${durationLabels[c.duration].toLowerCase()}`;

/** What the console and the portal both ask of a move: labels and input ids by the server's field names. */
export const moveFieldKeys = (prefix: string) => ({
  labels: {
    moveType: 'Who is moving',
    duration: 'How long',
    effectiveDate: 'First day of forwarding',
    endDate: 'Last day of forwarding',
  },
  ids: {
    moveType: `${prefix}-moveType`,
    duration: `${prefix}-duration`,
    effectiveDate: `${prefix}-effective`,
    endDate: `${prefix}-end`,
  },
});

/** The server's rule for a temporary move, as the console and the portal say it. */
export const forwardingEndHint = '15 days to 1 year after the first day.';

type Which = 'old' | 'new';
const letterLabels: Readonly<Record<Which, string>> = {
  old: 'Validation letter to the old address (PDF)',
  new: 'Confirmation letter to the new address (PDF)',
};

function reasonOf(error: unknown): string {
  if (error instanceof ApiError && error.problem.detail) return error.problem.detail;
  return problemMessage(error);
}

/**
 * The request's letters: the move validation letter to the old address (sent for an accepted
 * or held request, so that whoever lives there can object) and the confirmation to the new
 * one (accepted only). Each PDF is fetched first, so the server's reason shows if it has none,
 * then opened in a new tab.
 */
export function CoaLetters({ coa }: { readonly coa: ChangeOfAddress }) {
  const [busy, setBusy] = useState<Which | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<{ which: Which; url: string } | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const letters: Which[] = coa.status === 'refused' ? [] : coa.status === 'accepted' ? ['old', 'new'] : ['old'];
  if (letters.length === 0) return <span>None: a denied request sends no letter.</span>;

  const open = async (which: Which) => {
    setBusy(which);
    setError(null);
    setBlocked(null);
    try {
      const url = URL.createObjectURL(await fetchChangeOfAddressLetter(coa.id, which));
      urls.current.push(url);
      // A pop-up blocker may refuse a tab opened after the wait: then a link does it.
      if (!window.open(url, '_blank')) setBlocked({ which, url });
    } catch (failure) {
      setError(reasonOf(failure));
    } finally {
      setBusy(null);
    }
  };

  const errorId = `coa-letter-error-${coa.id}`;
  return (
    <div>
      <ul className="usa-list usa-list--unstyled">
        {letters.map((which) => (
          <li key={which} className="margin-bottom-1">
            <Button
              type="button"
              unstyled
              className="text-left line-height-sans-4"
              disabled={busy !== null}
              aria-describedby={error ? errorId : undefined}
              onClick={() => void open(which)}
            >
              {busy === which ? 'Preparing…' : letterLabels[which]}
              <span className="usa-sr-only"> (opens in a new tab)</span>
            </Button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="usa-error-message margin-y-1" id={errorId} role="alert">
          No letter: {error}
        </p>
      )}
      {blocked && (
        <p className="margin-y-1" role="status">
          <a href={blocked.url} target="_blank" rel="noopener" className="usa-link">
            Open the {blocked.which === 'old' ? 'validation' : 'confirmation'} letter (PDF, new tab)
          </a>
        </p>
      )}
    </div>
  );
}
