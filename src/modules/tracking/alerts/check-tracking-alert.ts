import { parseArticleNumber } from '../article-numbers/index.ts';
import { ImbError } from '../imb/index.ts';
import { readImb, storedPiece } from '../events/read-piece.ts';
import type { TrackingClass } from '../events/tracking-event.ts';
import {
  alertChannels,
  alertEventSets,
  cellCarriers,
  InvalidTrackingAlertField,
  type AlertChannel,
  type AlertEventSet,
  type CellCarrier,
  type NewTrackingAlert,
} from './tracking-alert.ts';

export interface TrackedPiece {
  readonly class: TrackingClass;
  readonly piece: string;
}

export interface CheckedTrackingAlert extends TrackedPiece {
  readonly channel: AlertChannel;
  readonly address: string;
  readonly carrier: CellCarrier | null;
  readonly events: AlertEventSet;
}

export const maxEmailLength = 254;

/** A package by its article number, as tracking_events stores it; `field` names the input in errors. */
export function articlePiece(number: string, field = 'number'): TrackedPiece {
  const parsed = parseArticleNumber(number);
  if (parsed.kind === 'invalid') throw new InvalidTrackingAlertField(field, parsed.reason);
  // Which reading was printed cannot be told from the digits: an alert must follow one piece.
  if (parsed.kind === 'ambiguous')
    throw new InvalidTrackingAlertField(field, 'reads as more than one article number: enter every digit under the barcode of the label');
  return { class: 'package', piece: storedPiece(parsed) };
}

function imbPiece(code: string): TrackedPiece {
  try {
    return { class: 'mail', piece: readImb(code).tracking };
  } catch (error) {
    if (error instanceof ImbError) throw new InvalidTrackingAlertField('imb', error.message);
    throw error;
  }
}

// Deliberately loose (RFC 5321 allows far more than forms usually check): one @, a dotted domain, no spaces.
const emailPattern = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/u;

function email(value: string | null | undefined): string {
  const address = (value ?? '').trim();
  if (address === '') throw new InvalidTrackingAlertField('email', 'is required for alerts by e-mail');
  if (address.length > maxEmailLength || !emailPattern.test(address))
    throw new InvalidTrackingAlertField('email', 'must be an e-mail address, like name@example.com');
  return address;
}

/** A US (NANP) number in E.164: the carriers listed are US carriers. */
function usNumber(value: string | null | undefined): string {
  const digits = (value ?? '').replace(/[\s().-]/g, '');
  if (digits === '') throw new InvalidTrackingAlertField('phone', 'is required for alerts by text message');
  const national = digits.startsWith('+1') ? digits.slice(2) : digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(national))
    throw new InvalidTrackingAlertField('phone', 'must be a US mobile number of 10 digits, like 202-555-0123');
  return `+1${national}`;
}

/** Validates a subscription request; throws InvalidTrackingAlertField naming the first field at fault. */
export function checkTrackingAlert(input: NewTrackingAlert): CheckedTrackingAlert {
  const hasNumber = typeof input.number === 'string' && input.number.trim() !== '';
  const hasImb = typeof input.imb === 'string' && input.imb.trim() !== '';
  if (hasNumber === hasImb) throw new InvalidTrackingAlertField('number', 'give an article number or an IMb: one of the two');
  const piece = hasNumber ? articlePiece(input.number!) : imbPiece(input.imb!);
  if (!(alertChannels as readonly string[]).includes(input.channel))
    throw new InvalidTrackingAlertField('channel', `must be one of ${alertChannels.join(', ')}`);
  if (!Object.hasOwn(alertEventSets, input.events))
    throw new InvalidTrackingAlertField('events', `must be one of ${Object.keys(alertEventSets).join(', ')}`);
  if (input.channel === 'email') {
    if (input.phone || input.carrier) throw new InvalidTrackingAlertField('phone', 'is for alerts by text message only');
    return { ...piece, channel: 'email', address: email(input.email), carrier: null, events: input.events };
  }
  if (input.email) throw new InvalidTrackingAlertField('email', 'is for alerts by e-mail only');
  const address = usNumber(input.phone);
  if (!input.carrier || !Object.hasOwn(cellCarriers, input.carrier))
    throw new InvalidTrackingAlertField('carrier', `must be one of ${Object.keys(cellCarriers).join(', ')}`);
  return { ...piece, channel: 'text', address, carrier: input.carrier, events: input.events };
}
