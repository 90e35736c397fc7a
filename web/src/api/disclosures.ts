import { api } from './client.ts';

/** Shapes of src/http/routes/disclosures.ts (the accounting of disclosures, 5 U.S.C. 552a(c)). */
export const disclosureNatures = ['copy', 'extract', 'summary', 'inspection', 'verbal'] as const;
export type DisclosureNature = (typeof disclosureNatures)[number];

export const recipientKinds = ['contractor', 'agency', 'law_enforcement', 'congress', 'court', 'other'] as const;
export type RecipientKind = (typeof recipientKinds)[number];

export interface DisclosureRecipient {
  readonly name: string;
  readonly address: string;
}

export interface Disclosure {
  readonly id: string;
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly recordTable: string;
  readonly recordId: string;
  readonly recordType: string;
  readonly disclosedAt: string;
  readonly nature: DisclosureNature;
  readonly purpose: string;
  readonly recipient: DisclosureRecipient;
  readonly recipientKind: RecipientKind;
  /** '880.000:3' or 'standard:3' */
  readonly routineUse: string;
  /** An agency's written law-enforcement request (552a(b)(7)): left out of the subject's own copy. */
  readonly lawEnforcementRequest: boolean;
  /** A statement of disagreement was on file and went with the record (552a(d)(4)). */
  readonly disputed: boolean;
  readonly enteredBy: string;
  readonly enteredAt: string;
  readonly disposeAfter: string;
}

export interface NewDisclosure {
  readonly recordTable: string;
  readonly recordId: string;
  readonly recordType?: string | null;
  /** ISO instant; default: now. */
  readonly disclosedAt?: string;
  readonly nature: DisclosureNature;
  readonly purpose: string;
  readonly recipient: DisclosureRecipient;
  readonly recipientKind: RecipientKind;
  readonly routineUse: string;
  readonly lawEnforcementRequest?: boolean;
}

export interface RoutineUse {
  /** '880.000:3' */
  readonly reference: string;
  /** 'standard:3' */
  readonly standardReference: string;
  readonly notice: string;
  readonly designation: string;
  readonly number: number;
  /** The notice's routine uses section, in its words. */
  readonly noticeText: string;
}

export const listDisclosures = (subjectId: string, forSubject = false) =>
  api.get<Disclosure[]>('/api/disclosures', { query: { subjectId, forSubject: forSubject ? 'true' : undefined } });
export const recordDisclosure = (input: NewDisclosure) => api.post<Disclosure>('/api/disclosures', input);
export const listRoutineUses = (recordType?: string) => api.get<RoutineUse[]>('/api/disclosures/routine-uses', { query: { recordType } });
