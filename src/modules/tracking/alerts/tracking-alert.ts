import type { TrackingClass, TrackingEventKind } from '../events/tracking-event.ts';
import { InvalidField } from '../check-fields.ts';
import { TrackingNotFound } from '../tracking-records.ts';

/** How an alert reaches the customer. */
export const alertChannels = ['email', 'text'] as const;
export type AlertChannel = (typeof alertChannels)[number];

/**
 * US wireless carriers a text message number may be with (seed 001 category 1: "text message
 * number, and cell phone carrier"). Stored as the customer gives it; the HTTP gateway needs only
 * the number, so the carrier is kept for the record and for gateways that route by carrier.
 */
export const cellCarriers = {
  att: 'AT&T',
  verizon: 'Verizon',
  tmobile: 'T-Mobile',
  us_cellular: 'UScellular',
  cricket: 'Cricket Wireless',
  boost: 'Boost Mobile',
  metro: 'Metro by T-Mobile',
  google_fi: 'Google Fi',
  visible: 'Visible',
  mint: 'Mint Mobile',
  consumer_cellular: 'Consumer Cellular',
  straight_talk: 'Straight Talk',
  tracfone: 'Tracfone',
  xfinity: 'Xfinity Mobile',
  spectrum: 'Spectrum Mobile',
  other: 'Another carrier',
} as const;
export type CellCarrier = keyof typeof cellCarriers;

/** Which of a piece's events are sent: every one, or only those a customer acts on. */
export const alertEventSets = {
  all: 'every scan',
  delivery_and_exceptions: 'out for delivery, delivered, and anything that holds the piece up',
} as const;
export type AlertEventSet = keyof typeof alertEventSets;

const deliveryAndExceptions: ReadonlySet<TrackingEventKind> = new Set<TrackingEventKind>([
  'out_for_delivery',
  'delivered',
  'delivery_attempted',
  'available_for_pickup',
  'held_at_request',
  'forwarded',
  'returned_to_sender',
  'undeliverable',
  'alert',
]);

export function isAlerted(set: AlertEventSet, kind: string): boolean {
  return set === 'all' || deliveryAndExceptions.has(kind as TrackingEventKind);
}

/** What a customer (or an agent for them) asks for: a piece by its article number or IMb, and where to send. */
export interface NewTrackingAlert {
  /** An article number (IMpb, 20-digit, S10): a package. */
  readonly number?: string | null;
  /** An Intelligent Mail barcode, as bars or digits: a mailpiece. */
  readonly imb?: string | null;
  readonly channel: AlertChannel;
  readonly email?: string | null;
  /** A US number, in any usual writing (202-555-0123, +1 202 555 0123). */
  readonly phone?: string | null;
  readonly carrier?: CellCarrier | null;
  readonly events: AlertEventSet;
}

export interface TrackingAlert {
  readonly id: string;
  readonly customerId: string;
  readonly class: TrackingClass;
  readonly piece: string;
  readonly channel: AlertChannel;
  /** The e-mail address, or the text number in E.164 form. */
  readonly address: string;
  readonly carrier: CellCarrier | null;
  readonly events: AlertEventSet;
  /** When the newest event alerted happened. */
  readonly lastEventAt: Date | null;
  readonly alertsSent: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly cancelledAt: Date | null;
  readonly active: boolean;
}

/** One event of a piece as a customer may see it: no delivery point, no mailer. */
export interface PieceEvent {
  readonly event: TrackingEventKind;
  readonly description: string;
  readonly at: Date;
  readonly facilityZip: string | null;
}

/** A field of the request that cannot be used; `field` names it. */
export class InvalidTrackingAlertField extends InvalidField {}

/** A subscription or customer this principal may not see, or that does not exist: both look alike. */
export class TrackingAlertNotFound extends TrackingNotFound {}
