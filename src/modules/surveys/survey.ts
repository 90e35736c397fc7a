/** The channels a case can come in by (the same codes as cases'). */
export type SurveyChannel = 'email' | 'phone' | 'fax' | 'web' | 'letter' | 'walk_in';

/**
 * A case at the moment it is resolved, as the cases module hands it over (CaseServiceOptions
 * onResolved): ids and codes only, never its text.
 */
export interface ResolvedCase {
  readonly caseId: string;
  readonly number: string;
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly channel: SurveyChannel;
  /** The assignee at resolution: whose work the customer rates. */
  readonly assignee: string | null;
  /** Someone can be asked: the case names a customer, or its sender gave an e-mail address. */
  readonly reachable: boolean;
}

export interface SurveyInvitation {
  readonly id: string;
  readonly caseId: string;
  /** `/survey/<token>`, absolute when the public URL is known: for the closing e-mail and letter. */
  readonly link: string;
  readonly expiresAt: Date;
}

/** Who a valid survey link speaks for: the invitation and the case's data subject. */
export interface SurveyLinkHolder {
  readonly invitationId: string;
  readonly subjectId: string;
}

/** What the public survey page shows: nothing about the person, only which case is meant. */
export interface SurveyPage {
  readonly caseNumber: string;
  /** A neutral sentence naming the case and its resolution day (agency time zone), nothing about the person or the inquiry. */
  readonly description: string;
  readonly resolvedAt: Date;
  readonly expiresAt: Date;
  readonly answered: boolean;
}

export interface SurveyAnswer {
  readonly rating: number;
  readonly comment?: string | null;
}

export interface SurveyResponse {
  readonly id: string;
  readonly caseId: string;
  readonly rating: number;
  readonly comment: string | null;
  readonly agentId: string | null;
  readonly businessArea: string | null;
  readonly channel: SurveyChannel;
  readonly answeredAt: Date;
  readonly disposeAfter: Date;
}

export const reportDimensions = ['agent', 'area', 'channel'] as const;
export type ReportDimension = (typeof reportDimensions)[number];

export interface SatisfactionQuery {
  /** First and last local day of the period (YYYY-MM-DD), in the agency's time zone. */
  readonly from: string;
  readonly to: string;
  readonly by: ReportDimension;
}

export interface SatisfactionRow {
  /** The agent's staff id, the business area id or the channel code; null: unassigned, or the shared queue. */
  readonly key: string | null;
  readonly label: string;
  /** Invitations sent in the period (resolutions), not counting those voided unanswered by a reopening. */
  readonly invitations: number;
  /** Of those, how many were answered (at any time). */
  readonly answered: number;
  /** answered / invitations; null without invitations. */
  readonly responseRate: number | null;
  /** Responses given in the period, their mean rating and how many gave each rating 1 to 5. */
  readonly responses: number;
  readonly average: number | null;
  readonly distribution: readonly [number, number, number, number, number];
}

export interface SatisfactionReport {
  readonly from: string;
  readonly to: string;
  readonly by: ReportDimension;
  readonly rows: readonly SatisfactionRow[];
  readonly total: SatisfactionRow;
}
