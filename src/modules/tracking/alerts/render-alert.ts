import { trackingEventKinds, type TrackingClass, type TrackingEventKind } from '../events/tracking-event.ts';

/** An event to tell of: what, when and at which facility's ZIP Code; never where the piece is addressed. */
export interface AlertEvent {
  readonly event: string;
  readonly at: Date;
  readonly facilityZip: string | null;
}

export interface RenderedAlert {
  readonly subject: string;
  readonly body: string;
  readonly text: string;
}

/**
 * The piece as an alert names it: its last 6 characters. Enough for the customer to tell their
 * pieces apart, not enough for whoever reads a lock screen or a forwarded e-mail to track it.
 */
export function maskedPiece(piece: string): string {
  return `...${piece.slice(-6)}`;
}

/**
 * Plain ASCII (within GSM 03.38): one character outside it, a curly apostrophe or the narrow
 * space some ICU versions put before AM/PM, sends the whole text as UCS-2, 70 characters a segment.
 */
function gsm(text: string): string {
  return text.replace(/[\u2018\u2019]/gu, "'").replace(/\s/gu, ' ');
}

function describe(kind: string): string {
  return trackingEventKinds[kind as TrackingEventKind] ?? kind;
}

function when(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

function line(e: AlertEvent, timeZone: string): string {
  return `${describe(e.event)}, ${when(e.at, timeZone)}${e.facilityZip ? `, ${e.facilityZip}` : ''}`;
}

/**
 * The alert for a piece's new events (time order, at least one): the text message tells of the
 * newest and counts the others, within one SMS segment; the e-mail lists them all.
 */
export function renderAlert(trackingClass: TrackingClass, piece: string, events: readonly AlertEvent[], timeZone: string): RenderedAlert {
  const newest = events.at(-1)!;
  const name = trackingClass === 'mail' ? 'Mailpiece' : 'Package';
  const masked = maskedPiece(piece);
  const earlier = events.length - 1;
  const more = earlier > 0 ? ` (+${earlier} earlier update${earlier === 1 ? '' : 's'})` : '';
  // Within one SMS segment even for the longest description, a long zone name and many earlier updates (render-alert.test.ts).
  const text = gsm(`USPS Tracking ${masked}: ${line(newest, timeZone)}${more}.`);
  const body = [
    `${name} ${masked} has ${events.length === 1 ? 'a new tracking update' : `${events.length} new tracking updates`}:`,
    '',
    ...events.map((e) => `  ${line(e, timeZone)}`),
    '',
    'You asked to be told of this piece’s progress. To stop these alerts, cancel them on the “Track a package” page of your online account.',
  ].join('\n');
  return { subject: `USPS Tracking ${masked}: ${describe(newest.event)}`, body, text };
}
