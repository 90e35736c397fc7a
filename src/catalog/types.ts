/**
 * How a field is protected (DESIGN.md principle 1):
 * - identifier: identifies or contacts a person (name, address, e-mail, phone, customer
 *   and account numbers, barcodes that resolve to an address, device addresses);
 *   encrypted per subject and found through blind indexes.
 * - sensitive: harms the person if exposed (SSN digits, payment and bank data,
 *   credentials, images and recordings of the person); encrypted, never shown in bulk.
 * - content: what the person wrote or said, or what staff wrote about them (inquiries,
 *   letters, resolutions, survey answers, chat); encrypted, searched by blind tokens.
 * - operational: facts about the record rather than the person (status, timestamps,
 *   codes, system-assigned reference numbers, counts).
 */
export const fieldClasses = ['identifier', 'sensitive', 'content', 'operational'] as const;
export type FieldClass = (typeof fieldClasses)[number];

export type NoticeId = '880.000' | '820.200' | '890.000' | 'PAT-TM-20';

/** Prefix of the notice's record type ids; stored in rows, so never renamed. */
export type NoticeSlug = 'usps-880' | 'usps-820' | 'usps-890' | 'pat-tm-20';

export type RecordTypeId = `${NoticeSlug}/${string}`;

/**
 * The keys by which a notice lets records be retrieved. A key the notice does not list
 * cannot be declared, so a lookup the notice does not allow has no index to use.
 */
export const retrievalKeys = [
  'customer_name',
  'customer_id',
  'customer_number',
  'mailing_address',
  'zip',
  'zip11',
  'email',
  'phone',
  'account_number',
  'case_number',
  'article_number',
  'pickup_number',
  'ssn_last4',
  'logon_id',
  'imb',
  'sic_naics',
  'company_name',
  'meeting_id',
  'host_name',
  'host_email',
  'organizer_name',
] as const;
export type RetrievalKey = (typeof retrievalKeys)[number];

/** "Up to N" in a notice is N: the record is disposed of when N has run. */
export interface Period {
  readonly amount: number;
  readonly unit: 'days' | 'months' | 'years';
}

/** A local calendar day of the year, e.g. January 1 for "the new calendar year". */
export interface CalendarAnchor {
  readonly month: number;
  readonly day: number;
}

/**
 * The events an until_event rule waits for. Each is recorded in the record's history
 * as `ceasedAt`.
 */
export type EndingEvent = 'ceased_to_participate' | 'superseded_or_removal_requested';

export type RetentionRule =
  | { readonly kind: 'from_creation'; readonly period: Period }
  | { readonly kind: 'from_resolution'; readonly period: Period }
  | { readonly kind: 'from_relationship_end'; readonly period: Period }
  /** Period counted from the first anchor day after the record's creation. */
  | { readonly kind: 'calendar_anchored'; readonly anchor: CalendarAnchor; readonly period: Period }
  | { readonly kind: 'until_event'; readonly event: EndingEvent; readonly after?: Period };

export interface RecordHistory {
  readonly createdAt: Date;
  readonly resolvedAt?: Date | null;
  /** A reopened record is unresolved again until a resolution later than this. */
  readonly reopenedAt?: Date | null;
  readonly relationshipEndedAt?: Date | null;
  /** When the event of an until_event rule happened. */
  readonly ceasedAt?: Date | null;
}

export interface RecordType {
  readonly id: RecordTypeId;
  readonly notice: NoticeId;
  readonly name: string;
  /** Titles of the notice's categories of records this record type holds. */
  readonly categories: readonly string[];
  readonly retention: RetentionRule;
  /**
   * The notice's retention item this record type implements, verbatim. Record types
   * implementing the same item repeat it exactly; the notice's retention section is
   * these items, so a rule cannot exist without the text that publishes it.
   */
  readonly retentionStatement: string;
  readonly retrievalKeys: readonly RetrievalKey[];
  readonly fields: Readonly<Record<string, FieldClass>>;
  /**
   * Fields shown masked until someone reveals them (an audited act): 'full' hides the
   * whole value, 'last4' shows its last four characters. Sensitive fields are always
   * masked in full, whether listed here or not.
   */
  readonly masked?: Readonly<Record<string, FieldMask>>;
}

export type FieldMask = 'full' | 'last4';

export interface RecordCategory {
  readonly title?: string;
  readonly text: string;
}

export interface RoutineUses {
  readonly text: string;
  /** Numbers of the agency's standard (general) routine uses the notice adopts. */
  readonly standard: readonly number[];
}

export interface Notice {
  readonly id: NoticeId;
  /** As the Federal Register cites it: 'USPS 880.000', 'COMMERCE/PAT-TM-20'. */
  readonly designation: string;
  readonly slug: NoticeSlug;
  readonly name: string;
  /** The seed document the declaration is taken from. */
  readonly source: string;
  readonly securityClassification: string;
  readonly systemLocation: string;
  readonly systemManagers: readonly string[];
  readonly authority: string;
  readonly purposes: readonly string[];
  readonly categoriesOfIndividuals: readonly string[];
  readonly categoriesOfRecords: readonly RecordCategory[];
  readonly recordSourceCategories: string;
  readonly routineUses: RoutineUses;
  readonly storage: string;
  readonly retrieval: { readonly text: readonly string[]; readonly keys: readonly RetrievalKey[] };
  /** Said before the retention items, where the source needs explaining. */
  readonly retentionPreamble?: string;
  readonly disposal: string;
  readonly safeguards: readonly string[];
  readonly recordAccessProcedures: string;
  readonly contestingRecordProcedures: string;
  readonly notificationProcedures: string;
  readonly exemptions: string;
  readonly history: string;
  /** In the order of the notice's retention items. */
  readonly recordTypes: readonly RecordType[];
}

export interface PersonalTableDecl {
  readonly personal: true;
  readonly notice: NoticeId | 'staff' | 'system';
  readonly description: string;
  readonly columns: Readonly<Record<string, FieldClass>>;
}

export interface NonPersonalTableDecl {
  readonly personal: false;
  readonly description: string;
  readonly reason: string;
}

export type TableDecl = PersonalTableDecl | NonPersonalTableDecl;
