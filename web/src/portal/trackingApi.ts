import type { TrackingEvent } from '../api/tracking.ts';
import type { NewTrackingAlert, TrackingAlert } from '../api/tracking-alerts.ts';
import { call } from './portalApi.ts';

/** Shapes of src/http/routes/portal-tracking.ts: a scan as the customer sees it. */
export type PieceEvent = Pick<TrackingEvent, 'event' | 'description' | 'at' | 'facilityZip'>;

export const trackingApi = {
  // A POST: the number the person typed never goes in a URL.
  lookup: (number: string) => call<{ events: PieceEvent[] }>('POST', '/tracking/lookup', { body: { number } }),
  alerts: () => call<TrackingAlert[]>('GET', '/tracking-alerts'),
  subscribe: (request: NewTrackingAlert) => call<TrackingAlert>('POST', '/tracking-alerts', { body: request }),
  cancel: (id: string) => call<TrackingAlert>('DELETE', `/tracking-alerts/${encodeURIComponent(id)}`),
};
