import { getRecordType } from '../../../catalog/index.ts';

/** What happened to a piece, as carrier and processing feeds report it. */
export const trackingEventKinds = {
  pre_shipment: 'Shipping label created, not yet in the mail',
  acceptance: 'Accepted',
  picked_up: 'Picked up',
  processed: 'Processed through a facility',
  in_transit: 'In transit',
  arrived_at_unit: 'Arrived at the delivery Post Office',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  delivery_attempted: 'Delivery attempted: notice left',
  available_for_pickup: 'Available for pickup',
  held_at_request: 'Held at the customer’s request',
  forwarded: 'Forwarded',
  returned_to_sender: 'Returned to sender',
  undeliverable: 'Undeliverable as addressed',
  alert: 'Delayed',
} as const;
export type TrackingEventKind = keyof typeof trackingEventKinds;

/** Where a scan came from. */
export const scanSources = {
  processing: 'mail processing equipment',
  scanner: 'a carrier’s or clerk’s handheld scanner',
  retail: 'a retail counter',
  carrier_feed: 'another carrier’s network',
  mailer: 'the mailer’s shipping information',
  manual: 'entered by staff',
} as const;
export type ScanSource = keyof typeof scanSources;

/**
 * Mail (letters and flats, found by their IMb) and packages (found by their article number):
 * each its own record type, whose retention decides when a day of its events is disposed of.
 */
export const trackingClasses = {
  mail: 'usps-820/mail-tracking',
  package: 'usps-820/package-tracking',
} as const;
export type TrackingClass = keyof typeof trackingClasses;

function retentionDays(recordType: string): number {
  const rule = getRecordType(recordType).retention;
  if (rule.kind !== 'from_creation' || rule.period.unit !== 'days') {
    throw new Error(`${recordType}: tracking events are kept in day partitions, so their rule must be days from creation`);
  }
  return rule.period.amount;
}

/** Days a class's events are kept, from the catalog (30 for mail, 90 for packages). */
export const keepDays: Readonly<Record<TrackingClass, number>> = {
  mail: retentionDays(trackingClasses.mail),
  package: retentionDays(trackingClasses.package),
};

/** One scan, validated: what is stored. */
export interface TrackingEvent {
  readonly class: TrackingClass;
  /** 'YYYY-MM-DD': the UTC day of `at`, the partition it is stored in. */
  readonly day: string;
  /** A 64-bit digest of what makes the event itself, as decimal text: a replayed event has the same. */
  readonly id: string;
  /** The article number, or the IMb's 20-digit tracking code. */
  readonly piece: string;
  readonly zip11: string | null;
  readonly mailerId: number | null;
  readonly serviceType: number | null;
  readonly event: TrackingEventKind;
  readonly at: Date;
  readonly facilityZip: string | null;
  readonly source: ScanSource;
}
