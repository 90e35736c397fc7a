import { api } from './client.ts';

/**
 * Shapes of src/http/routes/mailing-schema.ts; the lists are copies of
 * src/modules/tracking/mailings/mailing.ts (the console cannot import server modules).
 */
export const mailClassLabels = {
  first_class: 'First-Class Mail',
  marketing: 'USPS Marketing Mail',
  periodicals: 'Periodicals',
  bound_printed_matter: 'Bound Printed Matter',
  package_services: 'Package Services',
} as const;
export type MailClass = keyof typeof mailClassLabels;

export const processingCategoryLabels = { letters: 'Letters', flats: 'Flats', parcels: 'Parcels' } as const;
export type ProcessingCategory = keyof typeof processingCategoryLabels;

export const presortLevelLabels = {
  carrier_route: 'Carrier route',
  '5_digit': '5-digit',
  '3_digit': '3-digit',
  aadc: 'AADC',
  mixed_aadc: 'Mixed AADC',
  adc: 'ADC (flats)',
  mixed_adc: 'Mixed ADC (flats)',
  single_piece: 'Single-piece (not presorted)',
} as const;
export type PresortLevel = keyof typeof presortLevelLabels;

export const permitTypeLabels = { permit_imprint: 'Permit imprint', precanceled_stamp: 'Precanceled stamp', meter: 'Meter' } as const;
export type PermitType = keyof typeof permitTypeLabels;

export const entryLabels = {
  origin: 'Origin',
  dndc: 'Destination NDC (DNDC)',
  dscf: 'Destination SCF (DSCF)',
  ddu: 'Destination delivery unit (DDU)',
} as const;
export type EntryPoint = keyof typeof entryLabels;

export const replyKindLabels = {
  business_reply_mail: 'Business Reply Mail',
  courtesy_reply_mail: 'Courtesy Reply Mail',
  qbrm: 'Qualified Business Reply Mail',
} as const;
export type ReplyKind = keyof typeof replyKindLabels;

export const mailingStatusLabels = {
  scheduled: 'Scheduled',
  inducted: 'Inducted',
  in_processing: 'In processing',
  completed: 'Completed',
  cancelled: 'Cancelled',
} as const;
export type MailingStatus = keyof typeof mailingStatusLabels;

/** Where a status may go next (the service's rule: scheduled → inducted or cancelled, and on). */
export const nextStatuses: Readonly<Record<MailingStatus, readonly MailingStatus[]>> = {
  scheduled: ['inducted', 'cancelled'],
  inducted: ['in_processing', 'completed'],
  in_processing: ['completed'],
  completed: [],
  cancelled: [],
};

export interface ReplyMailpiece {
  readonly kind: ReplyKind;
  readonly permitNumber: string;
}

export interface Mailing {
  readonly id: string;
  readonly customerId: string;
  /** Staff answers only: the portal leaves out the business area and who entered the mailing. */
  readonly businessArea?: string | null;
  readonly recordType: string;
  readonly mailingId: string;
  readonly mailerId: string;
  readonly serialFirst: number | null;
  readonly serialLast: number | null;
  readonly postageStatement: string;
  readonly mailingDate: string;
  readonly mailClass: MailClass;
  readonly processingCategory: ProcessingCategory;
  readonly priceCategory: string;
  readonly presortLevel: PresortLevel;
  readonly pieceCount: number;
  readonly weightGrams: number;
  readonly postageCents: number;
  readonly permitNumber: string;
  readonly permitType: PermitType;
  readonly containerLabels: readonly string[];
  readonly entry: EntryPoint;
  readonly dropShipCode: string | null;
  readonly appointmentAt: string | null;
  readonly reply: ReplyMailpiece | null;
  readonly status: MailingStatus;
  readonly problems: string | null;
  readonly enteredBy?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly disposeAfter: string | null;
}

export interface MailingPerformance {
  readonly mailingId: string;
  readonly tracked: boolean;
  readonly pieceCount: number;
  readonly piecesSeen: number;
  readonly delivered: number;
  readonly notScanned: number;
  readonly lastEventAt: string | null;
  readonly byLastEvent: readonly { readonly event: string; readonly description: string; readonly pieces: number }[];
  readonly window: { readonly from: string; readonly to: string };
  readonly eventsKeptUntil: string;
}

export interface NewMailing {
  readonly mailingId: string;
  readonly mailerId: string;
  readonly serialFirst: number | null;
  readonly serialLast: number | null;
  readonly postageStatement: string;
  readonly mailingDate: string;
  readonly mailClass: string;
  readonly processingCategory: string;
  readonly priceCategory: string;
  readonly presortLevel: string;
  readonly pieceCount: number;
  readonly weightGrams: number;
  readonly postageCents: number;
  readonly permitNumber: string;
  readonly permitType: string;
  readonly containerLabels: readonly string[];
  readonly entry: string;
  readonly dropShipCode: string | null;
  readonly appointmentAt: string | null;
  readonly reply: ReplyMailpiece | null;
  readonly problems: string | null;
}

const customerPath = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}/mailings`;
const mailingPath = (id: string) => `/api/mailings/${encodeURIComponent(id)}`;

export const listMailings = (customerId: string) => api.get<Mailing[]>(customerPath(customerId), { query: { limit: 200 } });
export const createMailing = (customerId: string, input: NewMailing) => api.post<Mailing>(customerPath(customerId), input);
export const fetchMailing = (id: string) => api.get<Mailing>(mailingPath(id));
export const updateMailing = (id: string, change: { readonly status?: MailingStatus; readonly problems?: string | null }) =>
  api.patch<Mailing>(mailingPath(id), change);
export const fetchMailingPerformance = (id: string) => api.get<MailingPerformance>(`${mailingPath(id)}/performance`);

/** '$1,234.56' from cents. */
export const formatPostage = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
