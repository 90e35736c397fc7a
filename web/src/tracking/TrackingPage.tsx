import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Form, Table } from '@trussworks/react-uswds';
import {
  lookupTracking,
  scanSourceLabels,
  trackingClassLabels,
  type TrackingAnswer,
  type TrackingQuery,
  type TrackingQueryKind,
} from '../api/tracking.ts';
import { formatAgencyTime } from '../cases/agencyTime.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { Page } from '../frame/Page.tsx';
import { MailpieceImages } from './MailpieceImages.tsx';

const labels = {
  by: 'What you have',
  number: 'Article number',
  code: 'Intelligent Mail barcode',
  zip11: 'Delivery point',
  mailerId: 'Mailer ID',
  day: 'Day',
};
const ids = {
  by: 'tracking-by',
  number: 'tracking-number',
  code: 'tracking-code',
  zip11: 'tracking-zip11',
  mailerId: 'tracking-mailer',
  day: 'tracking-day',
};

const kinds: readonly { value: TrackingQueryKind; label: string }[] = [
  { value: 'article', label: 'An article number (package)' },
  { value: 'imb', label: 'An Intelligent Mail barcode (letter or flat)' },
  { value: 'zip11', label: 'A delivery point and a day' },
  { value: 'mailer', label: 'A Mailer ID and a day' },
];

/** What the answer was asked for, in words without the number itself (it stays on the form). */
const answerHeadings: Readonly<Record<TrackingQueryKind, string>> = {
  article: 'Events of the package',
  imb: 'Events of the mail piece',
  zip11: 'Events at the delivery point that day',
  mailer: 'Events of the mailer’s pieces that day',
};

/** Spaces and hyphens people type between digit groups; the server wants the digits. */
const digitsOf = (text: string) => text.replace(/[\s-]+/g, '');

interface Shown {
  readonly by: TrackingQueryKind;
  readonly query: TrackingQuery;
  readonly answer: TrackingAnswer;
}

/**
 * Where is my mail: the events feeds recorded for a package (by its article number), a letter
 * or flat (by its IMb), or a delivery point's or a mailer's day. The lookup is a POST: the
 * number is in neither the page's address nor the request's, so it stays out of history and logs.
 */
export function TrackingPage() {
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [by, setBy] = useState<TrackingQueryKind>('article');
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [zip11, setZip11] = useState('');
  const [mailerId, setMailerId] = useState('');
  const [day, setDay] = useState('');
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (shown) resultsHeading.current?.focus();
  }, [shown]);

  const choose = (kind: TrackingQueryKind) => {
    setBy(kind);
    // The error messages of the other kind's fields no longer apply.
    fromChecks({});
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    let query: TrackingQuery;
    switch (by) {
      case 'article':
        if (!number.trim()) checks.number = 'Enter the article number.';
        query = { by, number: number.trim() };
        break;
      case 'imb':
        if (!code.trim()) checks.code = 'Enter the Intelligent Mail barcode: its 65 bars (F, A, D, T) or its 20 to 31 digits.';
        query = { by, code: code.trim() };
        break;
      case 'zip11':
        if (!/^\d{11}$/.test(digitsOf(zip11))) checks.zip11 = 'Enter the delivery point: the 11 digits of the ZIP+4 and delivery point.';
        if (!day) checks.day = 'Enter the day.';
        query = { by, zip11: digitsOf(zip11), day };
        break;
      case 'mailer':
        if (!/^(\d{6}|\d{9})$/.test(digitsOf(mailerId))) checks.mailerId = 'Enter the Mailer ID: 6 digits, or 9 digits starting with 9.';
        if (!day) checks.day = 'Enter the day.';
        query = { by, mailerId: digitsOf(mailerId), day };
        break;
    }
    if (!fromChecks(checks)) return;
    setBusy(true);
    try {
      const answer = await lookupTracking(query);
      setShown({ by, query, answer });
    } catch (error) {
      setShown(null);
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  /** The next page of a delivery point's or mailer's day, added below the events shown. */
  const more = async () => {
    if (!shown?.answer.next || (shown.query.by !== 'zip11' && shown.query.by !== 'mailer')) return;
    setBusy(true);
    try {
      const page = await lookupTracking({ ...shown.query, after: shown.answer.next });
      setShown({ ...shown, answer: { events: [...shown.answer.events, ...page.events], next: page.next } });
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const events = shown ? [...shown.answer.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) : [];
  const pieces = new Set(events.map((e) => e.piece));
  const onePiece = pieces.size === 1 ? events[0] : undefined;

  return (
    <Page title="Tracking">
      <p className="usa-intro">
        Find where mail or a package is: the scans the processing plants, carriers and retail counters reported. Every lookup is recorded in
        the audit log.
      </p>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The lookup did not run" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="tracking-form">
        <RadioGroup id={ids.by} name="tracking-by" legend="What do you have?" options={kinds} value={by} onChange={choose} />
        {by === 'article' && (
          <TextField
            id={ids.number}
            label={labels.number}
            hint="The package’s tracking number, as printed under its barcode; spaces are fine."
            value={number}
            onChange={setNumber}
            error={errors.fields.number}
            maxLength={60}
            autoComplete="off"
            spellCheck={false}
            aria-required
          />
        )}
        {by === 'imb' && (
          <TextField
            id={ids.code}
            label={labels.code}
            hint="Its 65 bars as the letters F, A, D and T, or the 20 to 31 digits printed above it."
            value={code}
            onChange={setCode}
            error={errors.fields.code}
            maxLength={80}
            autoComplete="off"
            spellCheck={false}
            aria-required
          />
        )}
        {by === 'zip11' && (
          <TextField
            id={ids.zip11}
            label={labels.zip11}
            hint="11 digits: the ZIP+4 code and the 2-digit delivery point."
            value={zip11}
            onChange={setZip11}
            error={errors.fields.zip11}
            maxLength={14}
            inputMode="numeric"
            autoComplete="off"
            aria-required
          />
        )}
        {by === 'mailer' && (
          <TextField
            id={ids.mailerId}
            label={labels.mailerId}
            hint="6 digits, or 9 digits starting with 9."
            value={mailerId}
            onChange={setMailerId}
            error={errors.fields.mailerId}
            maxLength={11}
            inputMode="numeric"
            autoComplete="off"
            aria-required
          />
        )}
        {(by === 'zip11' || by === 'mailer') && (
          <TextField
            id={ids.day}
            label={labels.day}
            hint="The day of the scans (UTC)."
            type="date"
            value={day}
            onChange={setDay}
            error={errors.fields.day}
            aria-required
          />
        )}
        <Button type="submit" disabled={busy} className="margin-top-3">
          {busy ? 'Looking up…' : 'Look up'}
        </Button>
      </Form>

      {shown && (
        <section aria-labelledby="tracking-results-heading" className="margin-top-5" data-testid="tracking-results">
          <h2 id="tracking-results-heading" ref={resultsHeading} tabIndex={-1} className="caseline-focus-heading">
            {answerHeadings[shown.by]}
          </h2>
          {events.length === 0 ? (
            <p data-testid="tracking-none">
              No events found. A piece appears once a feed reports its first scan; mail events are kept 30 days and package events 90.
            </p>
          ) : (
            <>
              {onePiece && (
                <dl className="caseline-fields">
                  <div className="caseline-fields__row">
                    <dt>Class</dt>
                    <dd data-testid="tracking-class">{trackingClassLabels[onePiece.class]}</dd>
                  </div>
                  <div className="caseline-fields__row">
                    <dt>{onePiece.class === 'package' ? 'Article number' : 'IMb tracking code'}</dt>
                    <dd className="caseline-mono caseline-break">{onePiece.piece}</dd>
                  </div>
                </dl>
              )}
              <Table caption="Tracking events, oldest first (times in the agency’s time zone)" fullWidth stackedStyle="headers">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Event</th>
                    {!onePiece && <th scope="col">Piece</th>}
                    <th scope="col">Facility ZIP</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody data-testid="tracking-events">
                  {events.map((e, i) => (
                    <tr key={`${e.piece}-${e.event}-${e.at}-${i}`}>
                      <th scope="row" data-label="Time">
                        {formatAgencyTime(e.at)}
                      </th>
                      <td data-label="Event">{e.description}</td>
                      {!onePiece && (
                        <td data-label="Piece" className="caseline-mono caseline-break">
                          {e.piece}
                          <span className="display-block">{e.class === 'package' ? 'Package' : 'Mail'}</span>
                        </td>
                      )}
                      <td data-label="Facility ZIP">{e.facilityZip ?? '—'}</td>
                      <td data-label="Source">{scanSourceLabels[e.source] ?? e.source}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {shown.answer.next && (
                <Button type="button" outline className="margin-top-2" onClick={() => void more()} disabled={busy}>
                  {busy ? 'Loading…' : 'Show more events of that day'}
                </Button>
              )}
            </>
          )}
          {shown.query.by === 'imb' && <MailpieceImages imb={shown.query.code} />}
        </section>
      )}
    </Page>
  );
}
