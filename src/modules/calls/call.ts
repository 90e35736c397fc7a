import type { CasePriority } from '../cases/index.ts';

export const callDirections = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof callDirections)[number];

/** How a call ended, as the agent records it. */
export const callDispositions = [
  'resolved_on_call',
  'case_opened',
  'case_updated',
  'callback_requested',
  'voicemail',
  'wrong_number',
  'dropped',
] as const;
export type CallDisposition = (typeof callDispositions)[number];

/** The longest call that can be logged: a day; more is a typing error. */
export const maxCallSeconds = 86_400;

/** The case a call opens: the call's notes become its first message. */
export interface CaseFromCall {
  readonly category?: string | null;
  readonly title: string;
  readonly priority?: CasePriority;
}

export interface NewCall {
  /** The customer on the line; omitted for a caller not (yet) in the registry. */
  readonly customerId?: string | null;
  readonly direction: CallDirection;
  /** The other party's number in any common format; null when withheld. Stored as E.164. */
  readonly number: string | null;
  readonly durationSeconds: number;
  /** Defaults to case_opened with `openCase`, case_updated with `caseId`; required otherwise. */
  readonly disposition?: CallDisposition;
  readonly notes?: string | null;
  /** When the call began; default: `durationSeconds` before now. */
  readonly startedAt?: Date;
  /** For a caller who is neither a customer nor on a case: the business area the call is kept in. */
  readonly businessArea?: string | null;
  /** Open a phone case from the call… */
  readonly openCase?: CaseFromCall | null;
  /** …or continue this case with the call's notes. */
  readonly caseId?: string | null;
}

export interface Call {
  readonly id: string;
  readonly customerId: string | null;
  readonly caseId: string | null;
  /** The case's number, when the call is linked to a case. */
  readonly caseNumber: string | null;
  readonly businessArea: string | null;
  readonly direction: CallDirection;
  readonly number: string | null;
  readonly durationSeconds: number;
  readonly disposition: CallDisposition;
  readonly notes: string | null;
  readonly agent: string;
  readonly startedAt: Date;
  readonly createdAt: Date;
  readonly disposeAfter: Date;
}
