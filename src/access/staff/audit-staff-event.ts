import type { Principal, Tx } from '../../db/index.ts';
import type { AuditContext } from '../audit-context.ts';
import { appendAudit, type AuditAction, type AuditDetail, type AuditOutcome } from '../audit/index.ts';

/** An audit entry about a staff account (sign-in steps, password, MFA): it carries no data subject. */
export async function auditStaffEvent(
  trx: Tx,
  event: {
    readonly at: Date;
    readonly actor: Principal;
    readonly ctx: AuditContext;
    readonly action: AuditAction;
    readonly userId: string | null;
    readonly outcome: AuditOutcome;
    readonly detail?: AuditDetail;
  },
): Promise<void> {
  await appendAudit(trx, {
    at: event.at,
    actor: event.actor,
    action: event.action,
    recordType: 'staff_user',
    recordId: event.userId,
    subjects: [],
    ...event.ctx,
    outcome: event.outcome,
    detail: event.detail ?? {},
  });
}
