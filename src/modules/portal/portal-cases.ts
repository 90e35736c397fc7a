import { carryOver, type AuditContext } from '../../access/index.ts';
import type { CustomerPrincipal, Tx } from '../../db/index.ts';
import type { CaseDetail, CaseService, CaseSummary } from '../cases/index.ts';

/** What a customer may ask on the portal: a new inquiry, or a message on one of theirs. */
export interface PortalInquiry {
  readonly title: string;
  readonly body: string;
}

// An inquiry made on the portal is a usps.com customer care record (880.000).
const portalRecordType = 'usps-880/usps-com-care';
const listLimit = 200;

/**
 * A customer's own cases as the portal shows them. Each read asks for the principal's own
 * cases and runs under its row-level security; what comes back is still marked with the
 * subject of each row (case-service), so a wrong filter here is caught twice, by the database
 * and by the egress guard.
 */
export function createPortalCases(cases: CaseService) {
  return {
    list(trx: Tx, principal: CustomerPrincipal, ctx: AuditContext, now: Date): Promise<CaseSummary[]> {
      return cases.list(trx, principal, { customerIds: [principal.subjectId], limit: listLimit }, ctx, now);
    },

    /** The case without what is internal to the agency: notes, history, staff, tags. Null when it is not theirs. */
    async get(trx: Tx, principal: CustomerPrincipal, id: string, ctx: AuditContext, now: Date): Promise<CaseDetail | null> {
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
      });
    },

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
  };
}

export type PortalCases = ReturnType<typeof createPortalCases>;
