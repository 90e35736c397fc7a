import { parseArticleNumber } from '../article-numbers/index.ts';
import { ImbError } from '../imb/index.ts';
import { readImb, storedPiece } from './read-piece.ts';
import { eventDigest } from './event-digest.ts';
import {
  keepDays,
  scanSources,
  trackingEventKinds,
  type ScanSource,
  type TrackingClass,
  type TrackingEvent,
  type TrackingEventKind,
} from './tracking-event.ts';

/** One record of a feed as read: field name to its text. */
export type RawEvent = Readonly<Record<string, unknown>>;

/** Why a record was refused, naming the field; never repeating its value. */
export interface EventRejection {
  readonly field: string;
  readonly reason: string;
}

const dayMs = 24 * 60 * 60 * 1000;
// ISO 8601 with a zone: a scan time without one could be any of 24 hours.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const zipForms = /^(\d{5}|\d{9}|\d{11})$/;

function text(raw: RawEvent, field: string): string | undefined | EventRejection {
  const value = raw[field];
  if (value === undefined || value === null || value === '') return undefined;
  // Numbers are refused, not converted: a 22-digit article number as a JSON number has already lost digits.
  if (typeof value !== 'string') return { field, reason: 'must be a string' };
  return value.trim();
}

const isRejection = (value: unknown): value is EventRejection => typeof value === 'object' && value !== null && 'reason' in value;

interface Piece {
  readonly class: TrackingClass;
  readonly piece: string;
  readonly zip11: string | null;
  readonly mailerId: number | null;
  readonly serviceType: number | null;
}

function articlePiece(value: string): Piece | EventRejection {
  const parsed = parseArticleNumber(value);
  switch (parsed.kind) {
    case 'invalid':
      return { field: 'article', reason: parsed.reason };
    case 'ambiguous':
      return {
        field: 'article',
        reason: 'reads as more than one IMpb number (with different routing prefixes): send it without the prefix',
      };
    case 'impb':
      return {
        class: 'package',
        piece: storedPiece(parsed),
        zip11: parsed.routing ? `${parsed.routing.zip}${parsed.routing.plus4 ?? ''}` : null,
        mailerId: parsed.mailerId === null ? null : Number(parsed.mailerId),
        serviceType: Number(parsed.serviceType),
      };
    case 'legacy20':
      return {
        class: 'package',
        piece: storedPiece(parsed),
        zip11: null,
        mailerId: Number(parsed.mailerId),
        serviceType: Number(parsed.serviceType),
      };
    case 's10':
      return { class: 'package', piece: storedPiece(parsed), zip11: null, mailerId: null, serviceType: null };
  }
}

function imbPiece(value: string): Piece | EventRejection {
  try {
    const parts = readImb(value);
    return {
      class: 'mail',
      piece: parts.tracking,
      zip11: parts.routing === '' ? null : parts.routing,
      mailerId: Number(parts.mailerId),
      serviceType: Number(parts.serviceType),
    };
  } catch (error) {
    if (error instanceof ImbError) return { field: 'imb', reason: error.message };
    throw error;
  }
}

/**
 * A feed record as a stored event, or why not. `now` bounds the scan time: not more than a day
 * ahead (a clock error), and not older than its class is kept (it would be disposed of at once).
 */
export function toTrackingEvent(raw: RawEvent, now: Date): TrackingEvent | EventRejection {
  const article = text(raw, 'article');
  const imb = text(raw, 'imb');
  if (isRejection(article)) return article;
  if (isRejection(imb)) return imb;
  if ((article === undefined) === (imb === undefined))
    return { field: 'article', reason: 'give either an article number or an IMb (imb), not both or neither' };
  const piece = article !== undefined ? articlePiece(article) : imbPiece(imb!);
  if (isRejection(piece)) return piece;

  const event = text(raw, 'event');
  if (isRejection(event)) return event;
  if (event === undefined || !Object.hasOwn(trackingEventKinds, event))
    return { field: 'event', reason: `must be one of ${Object.keys(trackingEventKinds).join(', ')}` };

  const source = text(raw, 'source');
  if (isRejection(source)) return source;
  if (source === undefined || !Object.hasOwn(scanSources, source))
    return { field: 'source', reason: `must be one of ${Object.keys(scanSources).join(', ')}` };

  const atText = text(raw, 'at');
  if (isRejection(atText)) return atText;
  if (atText === undefined || !isoInstant.test(atText))
    return { field: 'at', reason: 'must be a date and time with its zone, such as 2026-11-25T14:03:00Z' };
  const at = new Date(atText);
  if (Number.isNaN(at.getTime())) return { field: 'at', reason: 'is not a real date and time' };
  if (at.getTime() > now.getTime() + dayMs) return { field: 'at', reason: 'is more than a day in the future' };
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (at.getTime() < today - keepDays[piece.class] * dayMs)
    return { field: 'at', reason: `is older than the ${keepDays[piece.class]} days ${piece.class} tracking events are kept` };

  const facility = text(raw, 'facilityZip');
  if (isRejection(facility)) return facility;
  if (facility !== undefined && !/^\d{5}$/.test(facility)) return { field: 'facilityZip', reason: 'must be a 5-digit ZIP Code' };

  const zipText = text(raw, 'zip');
  if (isRejection(zipText)) return zipText;
  const zip = zipText?.replace('-', '');
  if (zip !== undefined && !zipForms.test(zip)) return { field: 'zip', reason: 'must be a ZIP Code of 5, 9 or 11 digits' };
  if (zip !== undefined && piece.zip11 !== null && !piece.zip11.startsWith(zip) && !zip.startsWith(piece.zip11))
    return { field: 'zip', reason: 'does not match the routing code the barcode carries' };

  const zip11 = zip !== undefined && (piece.zip11 === null || zip.length > piece.zip11.length) ? zip : piece.zip11;
  const facilityZip = facility ?? null;
  return {
    class: piece.class,
    day: at.toISOString().slice(0, 10),
    id: eventDigest({ class: piece.class, piece: piece.piece, event, at, facilityZip }),
    piece: piece.piece,
    zip11,
    mailerId: piece.mailerId,
    serviceType: piece.serviceType,
    event: event as TrackingEventKind,
    at,
    facilityZip,
    source: source as ScanSource,
  };
}

export function isEventRejection(value: TrackingEvent | EventRejection): value is EventRejection {
  return 'reason' in value;
}
