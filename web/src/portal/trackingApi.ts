import type { NewTrackingAlert, TrackingAlert } from '../api/tracking-alerts.ts';
import { call } from './portalApi.ts';

/** Shapes of src/http/routes/portal-tracking.ts. */
export interface PieceEvent {
  readonly event: string;
  readonly description: string;
  readonly at: string;
  readonly facilityZip: string | null;
}

export const trackingApi = {
  // A POST: the number the person typed never goes in a URL.
  lookup: (number: string) => call<{ events: PieceEvent[] }>('POST', '/tracking/lookup', { body: { number } }),
  alerts: () => call<TrackingAlert[]>('GET', '/tracking-alerts'),
  subscribe: (request: NewTrackingAlert) => call<TrackingAlert>('POST', '/tracking-alerts', { body: request }),
  cancel: (id: string) => call<TrackingAlert>('DELETE', `/tracking-alerts/${encodeURIComponent(id)}`),
};
