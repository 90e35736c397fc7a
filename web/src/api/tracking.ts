import { api } from './client.ts';

/** Shapes of src/http/routes/tracking.ts (POST /api/tracking/lookup). */
export type TrackingClass = 'mail' | 'package';

/** Where a scan came from (scanSources in src/modules/tracking/events/tracking-event.ts), in the console's words. */
export const scanSourceLabels = {
  processing: 'Mail processing equipment',
  scanner: 'Carrier’s or clerk’s scanner',
  retail: 'Retail counter',
  carrier_feed: 'Another carrier’s network',
  mailer: 'Mailer’s shipping information',
  manual: 'Entered by staff',
} as const;
export type ScanSource = keyof typeof scanSourceLabels;

export const trackingClassLabels: Readonly<Record<TrackingClass, string>> = {
  mail: 'Mail (letter or flat, found by its Intelligent Mail barcode)',
  package: 'Package',
};

export interface TrackingEvent {
  readonly class: TrackingClass;
  /** The article number, or the IMb's 20-digit tracking code. */
  readonly piece: string;
  readonly event: string;
  /** The event in words, from the server. */
  readonly description: string;
  readonly at: string;
  readonly facilityZip: string | null;
  readonly zip11: string | null;
  readonly mailerId: number | null;
  readonly source: ScanSource;
}

export interface TrackingAnswer {
  readonly events: readonly TrackingEvent[];
  /** A delivery point's or mailer's day has more: the `after` of the next page; null on the last. */
  readonly next: string | null;
}

/** What the lookup is by: each asks for its own fields. */
export type TrackingQuery =
  | { readonly by: 'article'; readonly number: string }
  | { readonly by: 'imb'; readonly code: string }
  | { readonly by: 'zip11'; readonly zip11: string; readonly day: string; readonly after?: string }
  | { readonly by: 'mailer'; readonly mailerId: string; readonly day: string; readonly after?: string };
export type TrackingQueryKind = TrackingQuery['by'];

/** A POST: article numbers, barcodes and delivery points never go in a URL (nor into logs and history with it). */
export const lookupTracking = (query: TrackingQuery) => api.post<TrackingAnswer>('/api/tracking/lookup', query);
