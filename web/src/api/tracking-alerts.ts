import { api } from './client.ts';

/**
 * Shapes of src/http/routes/tracking-alerts.ts; the lists are copies of
 * src/modules/tracking/alerts/tracking-alert.ts (the console cannot import server modules).
 */
export const alertChannels = ['email', 'text'] as const;
export type AlertChannel = (typeof alertChannels)[number];

export const cellCarrierLabels = {
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
export type CellCarrier = keyof typeof cellCarrierLabels;
export const cellCarriers = Object.keys(cellCarrierLabels) as CellCarrier[];

export const alertEventSetLabels = {
  all: 'Every update',
  delivery_and_exceptions: 'Out for delivery, delivered, and problems only',
} as const;
export type AlertEventSet = keyof typeof alertEventSetLabels;
export const alertEventSets = Object.keys(alertEventSetLabels) as AlertEventSet[];

export interface TrackingAlert {
  readonly id: string;
  readonly customerId: string;
  readonly class: 'mail' | 'package';
  readonly piece: string;
  readonly channel: AlertChannel;
  readonly address: string;
  readonly carrier: CellCarrier | null;
  readonly events: AlertEventSet;
  readonly lastEventAt: string | null;
  readonly alertsSent: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly cancelledAt: string | null;
  readonly active: boolean;
}

export interface NewTrackingAlert {
  readonly number?: string;
  readonly imb?: string;
  readonly channel: AlertChannel;
  readonly email?: string;
  readonly phone?: string;
  readonly carrier?: CellCarrier;
  readonly events: AlertEventSet;
}

/** "(202) 555-0147" for a US number in E.164; anything else as stored. */
export function formatUsNumber(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

/** Where the alert goes, as a person reads it. */
export function alertDestination(alert: TrackingAlert): string {
  return alert.channel === 'email'
    ? alert.address
    : `${formatUsNumber(alert.address)}${alert.carrier ? ` (${cellCarrierLabels[alert.carrier]})` : ''}`;
}

const customerPath = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}/tracking-alerts`;

export const listTrackingAlerts = (customerId: string) => api.get<TrackingAlert[]>(customerPath(customerId));
export const createTrackingAlert = (customerId: string, input: NewTrackingAlert) =>
  api.post<TrackingAlert>(customerPath(customerId), input);
export const cancelTrackingAlert = (id: string) => api.delete<TrackingAlert>(`/api/tracking-alerts/${encodeURIComponent(id)}`);
