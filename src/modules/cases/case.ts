import type { CaseChannel, CasePriority, CaseRecordType, CaseStatus, ResolutionCode } from './case-kinds.ts';

/** Who wrote in when no customer is known yet: kept encrypted with the case until matched. */
export interface Sender {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
}

export interface NewCase {
  /** The customer the inquiry is from; omitted for an unknown sender (give `sender`). */
  readonly customerId?: string | null;
  readonly sender?: Sender | null;
  readonly channel: CaseChannel;
  readonly recordType: CaseRecordType;
  readonly businessArea?: string | null;
  readonly category?: string | null;
  readonly priority?: CasePriority;
  readonly title: string;
  /** The inquiry itself: the e-mail's text, the agent's notes of the call, the letter's transcript. */
  readonly body: string;
  readonly tags?: readonly string[];
  /** For e-mail: the Message-ID, so that a redelivered message does not open a second case. */
  readonly messageId?: string | null;
}

export interface CaseSummary {
  readonly id: string;
  readonly number: string;
  readonly customerId: string | null;
  readonly title: string;
  readonly channel: CaseChannel;
  readonly recordType: CaseRecordType;
  readonly businessArea: string | null;
  readonly category: string | null;
  readonly priority: CasePriority;
  readonly status: CaseStatus;
  readonly assignee: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface CaseMessage {
  readonly id: string;
  readonly kind: 'inbound' | 'outbound' | 'note';
  readonly channel: CaseChannel | 'internal';
  readonly author: string | null;
  readonly from: Sender | null;
  /** Recipients of an outbound message. */
  readonly to: readonly string[];
  readonly body: string;
  readonly createdAt: Date;
}

export interface CaseEvent {
  readonly id: string;
  readonly at: Date;
  readonly actor: string;
  readonly kind: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface CaseLink {
  readonly id: string;
  readonly kind: 'article' | 'order' | 'pickup';
  readonly number: string;
}

/** A case's links alone, by its id and number (CaseService.linksOf). */
export interface CaseLinks {
  readonly id: string;
  readonly number: string;
  readonly links: readonly CaseLink[];
}

export interface CaseDetail extends CaseSummary {
  readonly sender: Sender | null;
  readonly tags: readonly string[];
  readonly resolutionCode: ResolutionCode | null;
  readonly resolution: string | null;
  readonly firstResponseAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly closedAt: Date | null;
  readonly disposeAfter: Date | null;
  readonly messages: readonly CaseMessage[];
  readonly events: readonly CaseEvent[];
  /** The assignee and every staff member who acted on the case; a null name is an account that no longer exists. */
  readonly personnel: readonly CasePerson[];
  readonly links: readonly CaseLink[];
}

export interface CasePerson {
  readonly id: string;
  readonly displayName: string | null;
}
