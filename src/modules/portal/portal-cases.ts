import { carryOver, type AuditContext } from '../../access/index.ts';
import type { CustomerPrincipal, Tx } from '../../db/index.ts';
import type { CaseDetail, CaseService, CaseSummary } from '../cases/index.ts';
import { SurveyAlreadyAnswered, type SurveyAnswer, type SurveyService } from '../surveys/index.ts';

/** What a customer may ask on the portal: a new inquiry, or a message on one of theirs. */
export interface PortalInquiry {
  readonly title: string;
  readonly body: string;
}

/** A case as the portal shows it: with whether the customer rated how it was handled, and whether they still can. */
export interface PortalCaseDetail extends CaseDetail {
  /** A satisfaction survey answer is on record for the case (given on the portal or by the e-mailed link). */
  readonly rated: boolean;
  /** Resolved, not rated, and its survey invitation is still open: the portal offers the rating form. */
  readonly ratable: boolean;
}

/**
 * Why a rating was not taken: 'not_resolved' (only a resolved case is rated), 'answered' (a
 * case is rated once, on the portal or by the e-mailed link) or 'no_survey' (the case's survey
 * invitation expired, or the case was resolved without one).
 */
export class RatingRefused extends Error {
  readonly reason: 'not_resolved' | 'answered' | 'no_survey';
  constructor(reason: RatingRefused['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

// A case closed after its resolution keeps its survey; one closed unresolved has none.
const isResolved = (detail: CaseDetail) => (detail.status === 'resolved' || detail.status === 'closed') && detail.resolvedAt !== null;

// An inquiry made on the portal is a usps.com customer care record (880.000).
const portalRecordType = 'usps-880/usps-com-care';
const listLimit = 200;

/**
 * A customer's own cases as the portal shows them. Each read asks for the principal's own
 * cases and runs under its row-level security; what comes back is still marked with the
 * subject of each row (case-service), so a wrong filter here is caught twice, by the database
 * and by the egress guard.
 */
export function createPortalCases(cases: CaseService, surveys: SurveyService | null = null) {
  /** Rated and ratable, from the survey module's own records; a server without surveys (a benchmark's bare routes) rates nothing. */
  async function ratingOf(trx: Tx, principal: CustomerPrincipal, detail: CaseDetail, ctx: AuditContext, now: Date) {
    if (!surveys) return { rated: false, ratable: false };
    const rated = (await surveys.responsesOfCase(trx, principal, detail.id, ctx, now)).length > 0;
    const ratable = !rated && isResolved(detail) && (await surveys.linkFor(trx, detail.id, now)) !== null;
    return { rated, ratable };
  }

  async function get(trx: Tx, principal: CustomerPrincipal, id: string, ctx: AuditContext, now: Date): Promise<PortalCaseDetail | null> {
    const read = await cases.get(trx, principal, id, ctx, now);
    if ('refused' in read) return null;
    const detail = read.case;
    return carryOver(detail, {
      ...detail,
      assignee: null,
      tags: [],
      events: [],
      personnel: [],
      messages: detail.messages
        .filter((message) => message.kind !== 'note')
        .map((message) => carryOver(message, { ...message, author: null })),
      ...(await ratingOf(trx, principal, detail, ctx, now)),
    });
  }

  return {
    list(trx: Tx, principal: CustomerPrincipal, ctx: AuditContext, now: Date): Promise<CaseSummary[]> {
      return cases.list(trx, principal, { customerIds: [principal.subjectId], limit: listLimit }, ctx, now);
    },

    /** The case without what is internal to the agency: notes, history, staff, tags. Null when it is not theirs. */
    get,

    async open(trx: Tx, principal: CustomerPrincipal, inquiry: PortalInquiry, ctx: AuditContext, now: Date): Promise<CaseSummary> {
      const opened = await cases.open(
        trx,
        principal,
        { customerId: principal.subjectId, channel: 'web', recordType: portalRecordType, title: inquiry.title, body: inquiry.body },
        ctx,
        now,
      );
      return opened.case;
    },

    async reply(trx: Tx, principal: CustomerPrincipal, id: string, body: string, ctx: AuditContext, now: Date): Promise<void> {
      await cases.receive(trx, principal, id, { channel: 'web', from: null, body }, ctx, now);
    },

    /**
     * Rates how a resolved case was handled: the same survey response the e-mailed survey link
     * stores, given through the case's live invitation (which it uses up), so a case is rated
     * once whichever way the customer answers. Null when the case is not theirs.
     */
    async rate(
      trx: Tx,
      principal: CustomerPrincipal,
      id: string,
      answer: SurveyAnswer,
      ctx: AuditContext,
      now: Date,
    ): Promise<PortalCaseDetail | null> {
      const detail = await get(trx, principal, id, ctx, now);
      if (!detail) return null;
      if (!isResolved(detail)) throw new RatingRefused('not_resolved', 'the case is not resolved: a case is rated once it is resolved');
      if (detail.rated) throw new RatingRefused('answered', 'the case has been rated already');
      const closed = () =>
        new RatingRefused('no_survey', 'the survey of this case has closed: it stays open for a time after the resolution');
      if (!surveys) throw closed();
      // The survey module hands an invitation out only as its link, whose last segment is the signed token.
      const link = await surveys.linkFor(trx, id, now);
      const holder = link === null ? null : await surveys.holderOf(trx, link.slice(link.lastIndexOf('/') + 1), now);
      if (!holder || holder.subjectId !== principal.subjectId) throw closed();
      try {
        await surveys.answer(trx, principal, holder.invitationId, answer, ctx, now);
      } catch (error) {
        if (error instanceof SurveyAlreadyAnswered) throw new RatingRefused('answered', 'the case has been rated already');
        throw error;
      }
      return get(trx, principal, id, ctx, now);
    },
  };
}

export type PortalCases = ReturnType<typeof createPortalCases>;
