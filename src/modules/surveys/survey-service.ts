import { randomUUID } from 'node:crypto';
import { appendAudit, authorize, can, type AuditContext, type AuditDetail } from '../../access/index.ts';
import { agencyTimeZone, disposeAfter, getRecordType } from '../../catalog/index.ts';
import type { Vault } from '../../crypto/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import { InvalidSurveyField, SurveyAlreadyAnswered, SurveyNotFound } from './survey-errors.ts';
import {
  insertInvitation,
  insertResponse,
  markInvitationUsed,
  selectInvitation,
  selectLiveInvitation,
  selectResponsesOfCase,
  voidLiveInvitations,
  type InvitationRow,
} from './survey-repository.ts';
import type { SurveyTokens } from './survey-token.ts';
import type { ResolvedCase, SurveyAnswer, SurveyInvitation, SurveyLinkHolder, SurveyPage, SurveyResponse } from './survey.ts';

/**
 * The survey record of seed 002 (USPS 890.000): "Customer insight, market research, and
 * survey records will be retained for 3 years." Its rule, not a number here, dates disposal.
 */
export const surveyRecordType = 'usps-890/customer-insight';

export const commentMaxLength = 2000;

export interface SurveyServiceOptions {
  /** The agency's IANA time zone, for retention dates. */
  readonly timeZone?: string;
  /** How long a link can be answered; 30 days by default. */
  readonly validForDays?: number;
  /** The public origin (https://caseline.example.gov) links are made absolute with; paths without it. */
  readonly publicUrl?: string;
}

export interface SurveyService {
  /** Invites the customer of a case just resolved (in the same transaction); voids an older live invitation. Null when nobody can be asked. */
  invite(trx: Tx, principal: Principal, resolved: ResolvedCase, ctx: AuditContext, now: Date): Promise<SurveyInvitation | null>;
  /** A reopened case's live invitation stops working; returns how many were voided. */
  voidFor(trx: Tx, principal: Principal, caseId: string, ctx: AuditContext, now: Date): Promise<number>;
  /** The link of a case's live invitation, for the closing e-mail or letter; null when there is none (or it expired). */
  linkFor(trx: Tx, caseId: string, now: Date): Promise<string | null>;
  /** The link of an invitation by id (no database access). */
  surveyLinkFor(invitationId: string): string;
  /**
   * Who a link speaks for, run as Caseline itself: null for an altered, expired or voided
   * link (the caller answers 404 for all of them alike). The rest runs as that customer.
   */
  holderOf(trx: Tx, token: string, now: Date): Promise<SurveyLinkHolder | null>;
  show(trx: Tx, principal: Principal, invitationId: string, ctx: AuditContext, now: Date): Promise<SurveyPage>;
  /** Stores the answer and uses up the link in one transaction; a second answer is SurveyAlreadyAnswered. */
  answer(trx: Tx, principal: Principal, invitationId: string, answer: SurveyAnswer, ctx: AuditContext, now: Date): Promise<void>;
  /** The answers about one case, comments decrypted, for those who may read the case. */
  responsesOfCase(trx: Tx, principal: Principal, caseId: string, ctx: AuditContext, now: Date): Promise<SurveyResponse[]>;
}

const dayMs = 86_400_000;

function location(table: string, column: string, rowId: string) {
  return { table, column, rowId };
}

export function createSurveyService(vault: Vault, tokens: SurveyTokens, options: SurveyServiceOptions = {}): SurveyService {
  const timeZone = options.timeZone ?? agencyTimeZone;
  const resolvedDay = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'long' });
  const validForMs = (options.validForDays ?? 30) * dayMs;
  const origin = options.publicUrl?.replace(/\/+$/, '') ?? '';
  const linkOf = (invitationId: string) => `${origin}/survey/${tokens.tokenFor(invitationId)}`;
  const scope = (row: { subject_id: string; business_area: string | null }) => ({
    subjectId: row.subject_id,
    businessArea: row.business_area,
  });
  const isLive = (row: InvitationRow, now: Date) => row.voided_at === null && row.expires_at.getTime() > now.getTime();

  async function audit(
    trx: Tx,
    principal: Principal,
    ctx: AuditContext,
    now: Date,
    action: 'create' | 'read' | 'update',
    recordId: string | null,
    subjects: readonly string[],
    detail: AuditDetail,
  ): Promise<void> {
    await appendAudit(trx, {
      at: now,
      actor: principal,
      action,
      recordType: surveyRecordType,
      recordId,
      subjects: [...subjects],
      ...ctx,
      outcome: 'ok',
      detail,
    });
  }

  async function invitationFor(trx: Tx, principal: Principal, invitationId: string, now: Date, lock: boolean): Promise<InvitationRow> {
    const row = await selectInvitation(trx, invitationId, lock);
    if (!row || !isLive(row, now) || !can(principal, 'record.read', scope(row))) throw new SurveyNotFound('no such survey');
    return row;
  }

  function checkAnswer(answer: SurveyAnswer): { rating: number; comment: string | null } {
    if (!Number.isInteger(answer.rating) || answer.rating < 1 || answer.rating > 5)
      throw new InvalidSurveyField('rating', 'must be a whole number from 1 to 5');
    const comment = answer.comment?.trim() ?? '';
    if (comment.length > commentMaxLength) throw new InvalidSurveyField('comment', `must be at most ${commentMaxLength} characters`);
    return { rating: answer.rating, comment: comment === '' ? null : comment };
  }

  return {
    async invite(trx, principal, resolved, ctx, now) {
      const voided = await voidLiveInvitations(trx, resolved.caseId, now);
      // Whoever may resolve a case may update it, but not every such role may create records
      // (a privacy officer): the case is then resolved without an invitation rather than refused.
      const mayInvite = can(principal, 'record.create', { subjectId: resolved.subjectId, businessArea: resolved.businessArea });
      if (!resolved.reachable || !mayInvite) {
        if (voided.length > 0)
          await audit(trx, principal, ctx, now, 'update', voided[0]!, [resolved.subjectId], {
            survey_invitation: 'voided',
            case_id: resolved.caseId,
          });
        return null;
      }
      const id = randomUUID();
      const expiresAt = new Date(now.getTime() + validForMs);
      await insertInvitation(trx, {
        id,
        case_id: resolved.caseId,
        case_number: resolved.number,
        subject_id: resolved.subjectId,
        business_area: resolved.businessArea,
        agent_id: resolved.assignee,
        channel: resolved.channel,
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
        voided_at: null,
      });
      await audit(trx, principal, ctx, now, 'create', id, [resolved.subjectId], {
        survey_invitation: true,
        case_id: resolved.caseId,
        voided: voided.length,
      });
      return { id, caseId: resolved.caseId, link: linkOf(id), expiresAt };
    },

    async voidFor(trx, principal, caseId, ctx, now) {
      const live = await selectLiveInvitation(trx, caseId);
      if (!live) return 0;
      authorize(principal, 'record.update', scope(live));
      const voided = await voidLiveInvitations(trx, caseId, now);
      await audit(trx, principal, ctx, now, 'update', live.id, [live.subject_id], { survey_invitation: 'voided', case_id: caseId });
      return voided.length;
    },

    async linkFor(trx, caseId, now) {
      const live = await selectLiveInvitation(trx, caseId);
      return live && isLive(live, now) ? linkOf(live.id) : null;
    },

    surveyLinkFor: linkOf,

    async holderOf(trx, token, now) {
      const id = tokens.verify(token);
      if (id === null) return null;
      const row = await selectInvitation(trx, id);
      return row && isLive(row, now) ? { invitationId: row.id, subjectId: row.subject_id } : null;
    },

    async show(trx, principal, invitationId, ctx, now) {
      const row = await invitationFor(trx, principal, invitationId, now, false);
      await audit(trx, principal, ctx, now, 'read', row.id, [row.subject_id], { survey_invitation: true });
      const day = resolvedDay.format(row.created_at);
      return {
        caseNumber: row.case_number,
        description: `A survey about how we handled case ${row.case_number}, resolved on ${day}.`,
        resolvedAt: row.created_at,
        expiresAt: row.expires_at,
        answered: row.used_at !== null,
      };
    },

    async answer(trx, principal, invitationId, answer, ctx, now) {
      const row = await invitationFor(trx, principal, invitationId, now, true);
      if (row.used_at !== null) throw new SurveyAlreadyAnswered('this survey has been answered');
      const { rating, comment } = checkAnswer(answer);
      authorize(principal, 'record.create', scope(row));
      const id = randomUUID();
      const rule = getRecordType(surveyRecordType).retention;
      await insertResponse(trx, {
        id,
        invitation_id: row.id,
        case_id: row.case_id,
        subject_id: row.subject_id,
        business_area: row.business_area,
        record_type: surveyRecordType,
        agent_id: row.agent_id,
        channel: row.channel,
        rating,
        comment_ct:
          comment === null ? null : await vault.encryptFor(trx, row.subject_id, location('survey_responses', 'comment_ct', id), comment),
        answered_at: now,
        dispose_after: disposeAfter(rule, { createdAt: now }, { timeZone })!,
      });
      await markInvitationUsed(trx, row.id, now);
      await audit(trx, principal, ctx, now, 'create', id, [row.subject_id], { survey_response: true, comment: comment !== null });
    },

    async responsesOfCase(trx, principal, caseId, ctx, now) {
      const rows = (await selectResponsesOfCase(trx, caseId)).filter((row) => can(principal, 'record.read', scope(row)));
      const responses = await Promise.all(
        rows.map(async (row) => ({
          id: row.id,
          caseId: row.case_id,
          rating: row.rating,
          comment:
            row.comment_ct === null
              ? null
              : (await vault.decryptFor(trx, row.subject_id, location('survey_responses', 'comment_ct', row.id), row.comment_ct)).toString(
                  'utf8',
                ),
          agentId: row.agent_id,
          businessArea: row.business_area,
          channel: row.channel,
          answeredAt: row.answered_at,
          disposeAfter: row.dispose_after,
        })),
      );
      for (const row of rows)
        await audit(trx, principal, ctx, now, 'read', row.id, [row.subject_id], { survey_response: true, case_id: caseId });
      return responses;
    },
  };
}
