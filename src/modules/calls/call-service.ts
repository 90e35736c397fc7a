import { randomUUID } from 'node:crypto';
import { actorOf, appendAudit, authorize, can, type AuditContext, type AuditDetail } from '../../access/index.ts';
import { agencyTimeZone, disposeAfter, getRecordType } from '../../catalog/index.ts';
import type { Vault } from '../../crypto/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import { CaseNotFound, InvalidCaseField, type CaseService, type OpenedCase } from '../cases/index.ts';
import { recordContact } from '../customers/index.ts';
import type { Call, CallDisposition, NewCall } from './call.ts';
import { checkCall, InvalidCallField, type CheckedCall } from './check-call.ts';
import { insertCall, selectCalls, selectCaseScope, selectCustomerScope, type CallListRow } from './call-repository.ts';

/** A call, customer or case this principal may not see, or that does not exist: both look alike. */
export class CallNotFound extends Error {}

export interface CallService {
  /**
   * Logs a call. With `openCase` it opens a phone case for the caller (the notes are its
   * first message); with `caseId` the notes continue that case (an inbound call as the
   * customer's message, which reopens a resolved case; an outbound one as an agent's note).
   * The call is linked to the case and appears in the customer's contact history.
   */
  logCall(trx: Tx, principal: Principal, input: NewCall, ctx: AuditContext, now: Date): Promise<Call>;
  get(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<Call>;
  /** The customer's calls, newest first. CallNotFound when the customer is not one the principal sees. */
  callsOfCustomer(trx: Tx, principal: Principal, customerId: string, limit: number, ctx: AuditContext, now: Date): Promise<Call[]>;
  /** The calls linked to a case, newest first. CallNotFound when the case is not one the principal sees. */
  callsOfCase(trx: Tx, principal: Principal, caseId: string, limit: number, ctx: AuditContext, now: Date): Promise<Call[]>;
}

export interface CallServiceOptions {
  /** The agency's IANA time zone, for retention dates. */
  readonly timeZone?: string;
}

export const callRecordType = 'usps-880/call-center-contact';
const recordType = callRecordType;

function location(column: string, rowId: string) {
  return { table: 'calls', column, rowId };
}

function describeDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes === 0 ? `${rest} s` : rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** Codes and numbers only: what the contact history and a note-less case message say about a call. */
function describeCall(direction: NewCall['direction'], seconds: number, disposition: CallDisposition): string {
  return `${direction === 'inbound' ? 'Inbound' : 'Outbound'} call, ${describeDuration(seconds)}, ${disposition.replaceAll('_', ' ')}`;
}

export function createCallService(vault: Vault, cases: CaseService, options: CallServiceOptions = {}): CallService {
  const timeZone = options.timeZone ?? agencyTimeZone;
  const scope = (row: { subject_id: string; business_area: string | null }) => ({
    subjectId: row.subject_id,
    businessArea: row.business_area,
  });

  async function audit(
    trx: Tx,
    principal: Principal,
    ctx: AuditContext,
    now: Date,
    action: 'create' | 'read' | 'search',
    recordId: string | null,
    subjects: readonly string[],
    detail: AuditDetail = {},
    outcome: 'ok' | 'denied' = 'ok',
  ): Promise<void> {
    await appendAudit(trx, { at: now, actor: principal, action, recordType, recordId, subjects: [...subjects], ...ctx, outcome, detail });
  }

  async function read(trx: Tx, rows: readonly CallListRow[]): Promise<Call[]> {
    await vault.preloadKeys(
      trx,
      rows.map((r) => r.subject_id),
    );
    const open = async (row: CallListRow, column: string, value: Uint8Array | null) =>
      value === null ? null : (await vault.decryptFor(trx, row.subject_id, location(column, row.id), value)).toString('utf8');
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        customerId: row.customer_id,
        caseId: row.case_id,
        caseNumber: row.case_number,
        businessArea: row.business_area,
        direction: row.direction,
        number: await open(row, 'number_ct', row.number_ct),
        durationSeconds: row.duration_seconds,
        disposition: row.disposition,
        notes: await open(row, 'notes_ct', row.notes_ct),
        agent: row.agent,
        startedAt: row.started_at,
        createdAt: row.created_at,
        disposeAfter: row.dispose_after,
      })),
    );
  }

  /** Opens or continues the case the call is about; returns the case the call belongs to. */
  async function caseOfCall(
    trx: Tx,
    principal: Principal,
    input: NewCall,
    checked: CheckedCall,
    customerId: string | null,
    ctx: AuditContext,
    now: Date,
  ): Promise<OpenedCase | null> {
    const body = checked.notes ?? `${describeCall(input.direction, input.durationSeconds, checked.disposition)}.`;
    const caller = checked.number ? { phone: checked.number } : { name: 'Unknown caller' };
    try {
      if (input.openCase) {
        return await cases.open(
          trx,
          principal,
          {
            ...(customerId ? { customerId } : { sender: caller }),
            channel: 'phone',
            recordType,
            ...(input.businessArea !== undefined && !customerId ? { businessArea: input.businessArea } : {}),
            category: input.openCase.category ?? null,
            ...(input.openCase.priority ? { priority: input.openCase.priority } : {}),
            title: input.openCase.title,
            body,
          },
          ctx,
          now,
        );
      }
      if (input.caseId) {
        const target = await selectCaseScope(trx, input.caseId);
        if (!target || !can(principal, 'record.read', scope(target))) throw new InvalidCallField('caseId', 'is not a case you can see');
        if (customerId && target.customer_id !== customerId) throw new InvalidCallField('caseId', 'is not a case of this customer');
        if (input.direction === 'inbound')
          return await cases.receive(
            trx,
            principal,
            input.caseId,
            { channel: 'phone', from: target.customer_id ? null : caller, body },
            ctx,
            now,
          );
        await cases.addNote(trx, principal, input.caseId, body, ctx, now);
        return null;
      }
      return null;
    } catch (error) {
      if (error instanceof InvalidCaseField)
        throw new InvalidCallField(
          ['title', 'category', 'priority'].includes(error.field) ? `openCase/${error.field}` : error.field,
          error.reason,
        );
      if (error instanceof CaseNotFound) throw new InvalidCallField('caseId', 'is not a case you can see');
      throw error;
    }
  }

  return {
    async logCall(trx, principal, input, ctx, now) {
      const checked = checkCall(input, now);
      let customer: { subject_id: string; business_area: string | null } | null = null;
      if (input.customerId) {
        const found = await selectCustomerScope(trx, input.customerId);
        if (!found || found.merged_into !== null || !can(principal, 'record.read', scope(found)))
          throw new InvalidCallField('customerId', 'is not a customer you can see');
        customer = found;
      }
      const opened = await caseOfCall(trx, principal, input, checked, input.customerId ?? null, ctx, now);
      const caseId = opened?.case.id ?? input.caseId ?? null;
      const onCase = caseId ? await selectCaseScope(trx, caseId) : undefined;
      const customerId = input.customerId ?? onCase?.customer_id ?? null;
      let owner: { subject_id: string; business_area: string | null };
      if (onCase) owner = onCase;
      else if (customer) owner = customer;
      else {
        // A caller neither known nor given a case: a data subject of its own, as for an unknown sender's case.
        owner = { subject_id: randomUUID(), business_area: input.businessArea ?? null };
        authorize(principal, 'record.create', scope(owner));
        await trx
          .insertInto('data_subjects')
          .values({
            id: owner.subject_id,
            kind: 'person',
            business_area: owner.business_area,
            record_type: recordType,
            created_at: now,
            dispose_after: null,
          })
          .execute();
        await vault.createSubjectKey(trx, owner.subject_id, owner.business_area);
      }
      authorize(principal, 'record.create', scope(owner));
      const id = randomUUID();
      const row = {
        id,
        subject_id: owner.subject_id,
        customer_id: customerId,
        case_id: caseId,
        business_area: owner.business_area,
        direction: input.direction,
        number_ct: checked.number ? await vault.encryptFor(trx, owner.subject_id, location('number_ct', id), checked.number) : null,
        duration_seconds: input.durationSeconds,
        disposition: checked.disposition,
        notes_ct: checked.notes ? await vault.encryptFor(trx, owner.subject_id, location('notes_ct', id), checked.notes) : null,
        agent: actorOf(principal),
        started_at: checked.startedAt,
        created_at: now,
        dispose_after: disposeAfter(getRecordType(recordType).retention, { createdAt: now }, { timeZone })!,
      };
      await insertCall(trx, row);
      if (customerId)
        await recordContact(trx, {
          customerId,
          at: now,
          kind: 'call_logged',
          channel: 'phone',
          summary: describeCall(input.direction, input.durationSeconds, checked.disposition) + (onCase ? ` (case ${onCase.number})` : ''),
          sourceTable: 'calls',
          sourceId: id,
          actor: actorOf(principal),
        });
      await audit(trx, principal, ctx, now, 'create', id, [owner.subject_id], {
        direction: input.direction,
        disposition: checked.disposition,
        ...(caseId ? { case_id: caseId } : {}),
        ...(opened && !opened.duplicate && input.openCase ? { case_opened: true } : {}),
      });
      return (await read(trx, [{ ...row, case_number: onCase?.number ?? null }]))[0]!;
    },

    async get(trx, principal, id, ctx, now) {
      const row = await trx
        .selectFrom('calls')
        .leftJoin('cases', 'cases.id', 'calls.case_id')
        .selectAll('calls')
        .select('cases.number as case_number')
        .where('calls.id', '=', id)
        .executeTakeFirst();
      if (!row || !can(principal, 'record.read', scope(row))) {
        await audit(trx, principal, ctx, now, 'read', null, [], { call_id: id }, 'denied');
        throw new CallNotFound('no such call');
      }
      const [call] = await read(trx, [row]);
      await audit(trx, principal, ctx, now, 'read', id, [row.subject_id]);
      return call!;
    },

    async callsOfCustomer(trx, principal, customerId, limit, ctx, now) {
      const customer = await selectCustomerScope(trx, customerId);
      if (!customer || !can(principal, 'record.read', scope(customer))) throw new CallNotFound('no such customer');
      const rows = (await selectCalls(trx, { customerId }, limit)).filter((r) => can(principal, 'record.read', scope(r)));
      const calls = await read(trx, rows);
      await audit(trx, principal, ctx, now, 'search', null, [...new Set(rows.map((r) => r.subject_id))], { customer_calls: calls.length });
      return calls;
    },

    async callsOfCase(trx, principal, caseId, limit, ctx, now) {
      const target = await selectCaseScope(trx, caseId);
      if (!target || !can(principal, 'record.read', scope(target))) throw new CallNotFound('no such case');
      const rows = (await selectCalls(trx, { caseId }, limit)).filter((r) => can(principal, 'record.read', scope(r)));
      const calls = await read(trx, rows);
      await audit(trx, principal, ctx, now, 'search', null, [...new Set(rows.map((r) => r.subject_id))], { case_calls: calls.length });
      return calls;
    },
  };
}
