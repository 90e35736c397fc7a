import type { DisclosureNature, DisclosureRecipientKind } from '../../../db/index.ts';

/** 552a(c)(1) "the nature of each disclosure": what the recipient was given. */
export const disclosureNatures = ['copy', 'extract', 'summary', 'inspection', 'verbal'] as const satisfies readonly DisclosureNature[];
export type { DisclosureNature, DisclosureRecipientKind };

/** Who received it. An agency's written law-enforcement request (552a(b)(7)) comes from 'law_enforcement' or 'agency'. */
export const recipientKinds = [
  'contractor',
  'agency',
  'law_enforcement',
  'congress',
  'court',
  'other',
] as const satisfies readonly DisclosureRecipientKind[];

/** 552a(c)(1) "the name and address of the person or agency to whom the disclosure is made". */
export interface DisclosureRecipient {
  readonly name: string;
  readonly address: string;
}

export interface NewDisclosure {
  /** The catalog table of the record disclosed ('cases', 'calls', 'customers', …). */
  readonly recordTable: string;
  /** The record's id (for 'customers', the customer's id). */
  readonly recordId: string;
  /** The record's catalog record type; by default the record's own, for tables that store one (cases, survey responses). */
  readonly recordType?: string | null;
  /** When the record left the organisation; default: now. */
  readonly disclosedAt?: Date;
  readonly nature: DisclosureNature;
  /** Why it was disclosed, in words (encrypted: it may say what the record was about). */
  readonly purpose: string;
  readonly recipient: DisclosureRecipient;
  readonly recipientKind: DisclosureRecipientKind;
  /** The routine use it was made under: '880.000:3' (routine use 3 of notice 880.000) or 'standard:3'. */
  readonly routineUse: string;
  /**
   * Made at an agency's written request for a law-enforcement activity (552a(b)(7)): accounted
   * for but never shown to the subject (552a(c)(3)). Default: true for a law-enforcement recipient.
   */
  readonly lawEnforcementRequest?: boolean;
}

/** One entry of the accounting. */
export interface Disclosure {
  readonly id: string;
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly recordTable: string;
  readonly recordId: string;
  readonly recordType: string;
  readonly disclosedAt: Date;
  readonly nature: DisclosureNature;
  readonly purpose: string;
  readonly recipient: DisclosureRecipient;
  readonly recipientKind: DisclosureRecipientKind;
  /** As stored: '<notice id>:<n>' or 'standard:<n>'. */
  readonly routineUse: string;
  readonly lawEnforcementRequest: boolean;
  /** The subject disputes the record (a statement of disagreement was on file when it was disclosed). */
  readonly disputed: boolean;
  /** 'staff:<uuid>', 'system:…'. */
  readonly enteredBy: string;
  readonly enteredAt: Date;
  /** 5 years after the disclosure, or the record's own due date when later (552a(c)(2)). */
  readonly disposeAfter: Date;
}

/** Who received one record, to be told of its amendment or of a dispute (552a(c)(4)). */
export interface RecordRecipient {
  readonly disclosureId: string;
  readonly subjectId: string;
  readonly disclosedAt: Date;
  readonly nature: DisclosureNature;
  readonly recipient: DisclosureRecipient;
  readonly recipientKind: DisclosureRecipientKind;
  readonly routineUse: string;
  readonly lawEnforcementRequest: boolean;
}

export interface ListOptions {
  /**
   * The accounting as the subject is given it (the portal, an access request): without the
   * entries of law-enforcement requests (552a(c)(3)). Always so for a customer.
   */
  readonly forSubject: boolean;
}
