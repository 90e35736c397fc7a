/** The mail classes a postage statement is for (USPS Domestic Mail Manual). */
export const mailClasses = {
  first_class: 'First-Class Mail',
  marketing: 'USPS Marketing Mail',
  periodicals: 'Periodicals',
  bound_printed_matter: 'Bound Printed Matter',
  package_services: 'Package Services',
} as const;
export type MailClass = keyof typeof mailClasses;

/** The shape the pieces are processed as: letters and flats carry an IMb, parcels an IMpb. */
export const processingCategories = ['letters', 'flats', 'parcels'] as const;
export type ProcessingCategory = (typeof processingCategories)[number];

/** How finely the pieces were sorted before entry, finest first. */
export const presortLevels = {
  carrier_route: 'Carrier route',
  '5_digit': '5-digit',
  '3_digit': '3-digit',
  aadc: 'AADC',
  mixed_aadc: 'Mixed AADC',
  adc: 'ADC (flats)',
  mixed_adc: 'Mixed ADC (flats)',
  single_piece: 'Single-piece (not presorted)',
} as const;
export type PresortLevel = keyof typeof presortLevels;

/** How postage is paid: printed permit indicia, precanceled stamps, or a postage meter. */
export const permitTypes = ['permit_imprint', 'precanceled_stamp', 'meter'] as const;
export type PermitType = (typeof permitTypes)[number];

/**
 * Where the mailing enters the network: at the mailer's origin facility, or destination entry
 * (drop ship) at a Network Distribution Center, a Sectional Center Facility or the delivery unit.
 */
export const entryPoints = {
  origin: 'Origin',
  dndc: 'Destination NDC',
  dscf: 'Destination SCF',
  ddu: 'Destination delivery unit',
} as const;
export type EntryPoint = keyof typeof entryPoints;

/** Reply pieces enclosed: Business Reply Mail, Courtesy Reply Mail or Qualified BRM, with the reply permit. */
export const replyKinds = ['business_reply_mail', 'courtesy_reply_mail', 'qbrm'] as const;
export type ReplyKind = (typeof replyKinds)[number];

export const mailingStatuses = ['scheduled', 'inducted', 'in_processing', 'completed', 'cancelled'] as const;
export type MailingStatus = (typeof mailingStatuses)[number];

export interface ReplyMailpiece {
  readonly kind: ReplyKind;
  readonly permitNumber: string;
}

/** A mailing as entered from its postage statement; checkMailing validates and normalises it. */
export interface NewMailing {
  /** The mailer's own id for the job (the statement's mailing group or job id). */
  readonly mailingId: string;
  /** The Mailer ID in the pieces' IMb: 6 digits (not starting with 9) or 9 digits starting with 9. */
  readonly mailerId: string;
  /** The IMb serial numbers of the pieces, for letters and flats; none for parcels. */
  readonly serialFirst?: number | null;
  readonly serialLast?: number | null;
  readonly postageStatement: string;
  /** The statement's mailing date, 'YYYY-MM-DD' in the agency's calendar. */
  readonly mailingDate: string;
  readonly mailClass: MailClass;
  readonly processingCategory: ProcessingCategory;
  /** The price (rate) category of the statement's lines, e.g. 'Automation', 'Nonautomation', 'Saturation'. */
  readonly priceCategory: string;
  readonly presortLevel: PresortLevel;
  /** The mailpiece count (volume). */
  readonly pieceCount: number;
  readonly weightGrams: number;
  readonly postageCents: number;
  readonly permitNumber: string;
  readonly permitType: PermitType;
  /** 24-digit Intelligent Mail container barcodes of the mailing's trays, sacks and pallets. */
  readonly containerLabels?: readonly string[];
  readonly entry: EntryPoint;
  /** Destination entry only: the facility's drop ship code. */
  readonly dropShipCode?: string | null;
  /** The induction appointment at the entry facility (required for DNDC and DSCF entry), ISO 8601. */
  readonly appointmentAt?: string | null;
  readonly reply?: ReplyMailpiece | null;
  /** What went wrong with the mailing, in the agent's words; encrypted. */
  readonly problems?: string | null;
}

export interface MailingUpdate {
  readonly status?: MailingStatus;
  /** Replaces the notes; null or '' clears them. */
  readonly problems?: string | null;
}

/** A stored mailing: what was entered, normalised (every optional part present, null when absent), and its record. */
export interface Mailing extends Omit<Required<NewMailing>, 'appointmentAt'> {
  readonly id: string;
  readonly customerId: string;
  readonly businessArea: string | null;
  /** usps-820/drop-ship for destination entry, usps-820/business-mailing for origin entry. */
  readonly recordType: string;
  readonly appointmentAt: Date | null;
  readonly status: MailingStatus;
  readonly enteredBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Drop ship: 2 years from creation; business mailing: null until the relationship ends (then 4 years). */
  readonly disposeAfter: Date | null;
}

/** How a mailing's pieces are doing, from the tracking events of pieces with its Mailer ID and serials. */
export interface MailingPerformance {
  readonly mailingId: string;
  /** False for a parcel mailing: its pieces carry IMpb numbers, not the IMb serials this reads. */
  readonly tracked: boolean;
  readonly pieceCount: number;
  readonly piecesSeen: number;
  readonly delivered: number;
  /** Pieces of the count with no scan yet (the count less the pieces seen, never below 0). */
  readonly notScanned: number;
  readonly lastEventAt: Date | null;
  /** Pieces by the kind of their latest event, most pieces first. */
  readonly byLastEvent: readonly { readonly event: string; readonly description: string; readonly pieces: number }[];
  /** The span of scans read: from the day before the mailing date to the end of the mail events' retention. */
  readonly window: { readonly from: Date; readonly to: Date };
  /** The events of the mailing date are disposed of after this: counts read later are of what is left. */
  readonly eventsKeptUntil: Date;
}
