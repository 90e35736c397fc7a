import { randomUUID } from 'node:crypto';
import { AccessDenied, actorOf, appendAudit, authorize, can, type AuditContext, type AuditDetail } from '../../../access/index.ts';
import { agencyTimeZone, disposeAfter, getNotice, getRecordType } from '../../../catalog/index.ts';
import type { Vault } from '../../../crypto/index.ts';
import type { CustomerPrincipal, Principal, Tx } from '../../../db/index.ts';
import {
  CustomerConflict,
  CustomerNotFound,
  InvalidCustomerField,
  type CustomerField,
  type CustomerService,
} from '../../customers/index.ts';
import type { Letterhead } from '../../letters/index.ts';
import { buildAccessReport, type AccessReport, type ReportSection } from '../access-report/index.ts';
import type { Disclosure, DisclosureService, RecordRecipient } from '../disclosures/index.ts';
import { agencyDateOf, appealWindowEnd, deadlineStatus, privacyActDeadlines } from './deadlines.ts';
import {
  checkAppeal,
  checkDecision,
  checkIdentity,
  checkRequest,
  checkText,
  checkUuid,
  InvalidRequestField,
  maxStatementLength,
  RequestConflict,
} from './check-request.ts';
import {
  insertEvent,
  insertRequest,
  nextRequestSerial,
  selectCustomerScope,
  selectCustomerValue,
  selectEvents,
  selectRequest,
  selectRequests,
  statementExists,
  updateRequest,
  type RequestRow,
} from './request-repository.ts';
import { renderRequestLetter } from './request-letters.ts';
import {
  statusTransitions,
  type AmendmentTarget,
  type Decision,
  type DecisionResult,
  type IdentityVerification,
  type LetterKind,
  type NewAppeal,
  type NewPrivacyRequest,
  type PrivacyRequest,
  type PrivacyRequestStatus,
  type RequestDeadline,
  type RequestEvent,
  type RequestFilter,
  type Requester,
  type StatementOfDisagreement,
} from './request.ts';

/** A request this principal may not see, or that does not exist: both look alike. */
export class PrivacyRequestNotFound extends Error {
  constructor() {
    super('no such Privacy Act request');
    this.name = 'PrivacyRequestNotFound';
  }
}

/** The access report of an access request, with the accounting of disclosures as the subject may see it (552a(c)(3)). */
export interface RequestAccessReport {
  readonly request: PrivacyRequest;
  readonly report: AccessReport;
  readonly accounting: readonly Disclosure[];
}

export interface PrivacyRequestService {
  /** Records a request received from the portal, by letter, e-mail, fax or in person, and starts its clocks. */
  open(trx: Tx, principal: Principal, input: NewPrivacyRequest, ctx: AuditContext, now: Date): Promise<PrivacyRequest>;
  get(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<PrivacyRequest>;
  /** The requests worked by the privacy office: by status, or the open ones overdue or due soon. */
  list(trx: Tx, principal: Principal, filter: RequestFilter, ctx: AuditContext, now: Date): Promise<PrivacyRequest[]>;
  /** The request's history, oldest first. */
  events(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<RequestEvent[]>;
  /** Records how the requester's identity was verified, on what evidence, and by whom (39 CFR 266.6). */
  verifyIdentity(
    trx: Tx,
    principal: Principal,
    id: string,
    input: IdentityVerification,
    ctx: AuditContext,
    now: Date,
  ): Promise<PrivacyRequest>;
  /** Acknowledges receipt (for an amendment within 10 business days, 552a(d)(2)(A)); the request moves to review. */
  acknowledge(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<PrivacyRequest>;
  /** The requester withdrew an open request: its clocks stop and its retention starts. */
  withdraw(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<PrivacyRequest>;
  /** Files a decided request away (the letters were sent, the appeal window is the requester's). */
  close(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<PrivacyRequest>;
  /**
   * Grants, partly grants or denies. An accepted amendment corrects the customer value (the
   * old one kept in its history) and lists the record's earlier recipients to be told
   * (552a(c)(4)); a denial of access or amendment opens a 90-day appeal window.
   */
  decide(trx: Tx, principal: Principal, id: string, input: Decision, ctx: AuditContext, now: Date): Promise<DecisionResult>;
  /** Opens an appeal of a denied request, if received within its window. */
  appeal(trx: Tx, principal: Principal, id: string, input: NewAppeal, ctx: AuditContext, now: Date): Promise<PrivacyRequest>;
  /** Files the subject's statement of disagreement with a refused amendment; it attaches to the disputed record. */
  fileStatementOfDisagreement(
    trx: Tx,
    principal: Principal,
    id: string,
    statement: string,
    ctx: AuditContext,
    now: Date,
  ): Promise<StatementOfDisagreement>;
  /** Everything held about the subject of an access request; refused until the requester's identity is verified. */
  accessReportFor(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<RequestAccessReport>;
  /**
   * The records of a decided access request, for its requester on the portal: compiled under
   * the customer's own principal (row-level security shows nothing of anyone else), refused
   * until the privacy office has granted the request.
   */
  releasedAccessReport(trx: Tx, principal: CustomerPrincipal, id: string, ctx: AuditContext, now: Date): Promise<RequestAccessReport>;
  /** A letter of the request as a PDF; `recipient` picks the earlier recipient of an amendment notice (0-based). */
  letter(
    trx: Tx,
    principal: Principal,
    id: string,
    kind: LetterKind,
    options: { readonly recipient?: number },
    ctx: AuditContext,
    now: Date,
  ): Promise<Buffer>;
}

export interface PrivacyRequestServiceOptions {
  readonly customers: CustomerService;
  readonly disclosures: DisclosureService;
  readonly letterhead: Letterhead;
  /** The agency's IANA time zone, for letter dates and retention. */
  readonly timeZone?: string;
}

/**
 * The catalog has no record type for Privacy Act request files. They are kept as the
 * closest existing one: 880.000's customer inquiry ("Service inquiries and correspondence",
 * 2 years after resolution); a request is resolved when it is decided, withdrawn or closed.
 * GRS 4.2 item 020 would keep them 3 years after final action; a record type for it is the
 * catalog's to add, with the notice's text.
 */
export const privacyRequestRecordType = 'usps-880/inquiry';
const recordType = privacyRequestRecordType;
const table = 'privacy_requests';
const location = (column: string, rowId: string) => ({ table, column, rowId });
const scopeOf = (row: { subject_id: string; business_area: string | null }) => ({
  subjectId: row.subject_id,
  businessArea: row.business_area,
});

/** Amendments are made through the customers module: only customer values can be corrected here. */
const amendableTables = new Set(['customer_values']);
const openStatuses: readonly PrivacyRequestStatus[] = ['received', 'in_review'];

/** Tells of one is-there-a-deadline-running: acknowledgement first while it is unmet, then the decision. */
export function nextDeadline(row: RequestRow, now: Date): RequestDeadline | null {
  if (!openStatuses.includes(row.status)) return null;
  const running: RequestDeadline['name'] = row.acknowledge_due && !row.acknowledged_at ? 'acknowledge' : 'decide';
  const dueAt = running === 'acknowledge' ? row.acknowledge_due! : row.decide_due;
  return { name: running, dueAt, status: deadlineStatus({ due: agencyDateOf(dueAt) }, now) };
}

export function createPrivacyRequestService(vault: Vault, options: PrivacyRequestServiceOptions): PrivacyRequestService {
  const timeZone = options.timeZone ?? agencyTimeZone;
  const retention = getRecordType(recordType).retention;

  async function audit(
    trx: Tx,
    principal: Principal,
    ctx: AuditContext,
    now: Date,
    action: 'create' | 'read' | 'update' | 'search' | 'export',
    recordId: string | null,
    subjects: readonly string[],
    detail: AuditDetail = {},
    outcome: 'ok' | 'denied' = 'ok',
  ): Promise<void> {
    await appendAudit(trx, { at: now, actor: principal, action, recordType, recordId, subjects: [...subjects], ...ctx, outcome, detail });
  }

  const encrypt = (trx: Tx, subjectId: string, column: string, rowId: string, text: string) =>
    vault.encryptFor(trx, subjectId, location(column, rowId), text);
  const decrypt = async (trx: Tx, row: RequestRow, column: string, value: Uint8Array | null) =>
    value === null ? null : (await vault.decryptFor(trx, row.subject_id, location(column, row.id), value)).toString('utf8');

  async function toRequest(trx: Tx, row: RequestRow, now: Date): Promise<PrivacyRequest> {
    const requester = JSON.parse((await decrypt(trx, row, 'requester_ct', row.requester_ct))!) as Requester;
    const requested = await decrypt(trx, row, 'requested_value_ct', row.requested_value_ct);
    const target: AmendmentTarget | null =
      row.record_table && row.record_id && row.field && requested !== null
        ? { recordTable: row.record_table, recordId: row.record_id, field: row.field, requestedValue: requested }
        : null;
    return {
      id: row.id,
      number: row.number,
      subjectId: row.subject_id,
      businessArea: row.business_area,
      kind: row.kind,
      channel: row.channel,
      status: row.status,
      requester,
      details: (await decrypt(trx, row, 'details_ct', row.details_ct))!,
      receivedAt: row.received_at,
      identity:
        row.identity_method && row.identity_verified_by && row.identity_verified_at
          ? { method: row.identity_method, verifiedBy: row.identity_verified_by, verifiedAt: row.identity_verified_at }
          : null,
      acknowledgeDue: row.acknowledge_due,
      decideDue: row.decide_due,
      acknowledgedAt: row.acknowledged_at,
      decidedAt: row.decided_at,
      decisionReason: await decrypt(trx, row, 'decision_reason_ct', row.decision_reason_ct),
      appealOf: row.appeal_of,
      appealWindowEnds: row.appeal_window_ends,
      target,
      recordType: row.record_type,
      disposeAfter: row.dispose_after,
      createdBy: row.created_by,
      createdAt: row.created_at,
      nextDeadline: nextDeadline(row, now),
    };
  }

  /** The request if the principal may see it; PrivacyRequestNotFound (audited) otherwise. */
  async function requestFor(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<RequestRow> {
    const row = uuidOrNull(id) === null ? undefined : await selectRequest(trx, id);
    if (!row || !can(principal, 'record.read', scopeOf(row))) {
      await audit(trx, principal, ctx, now, 'read', null, [], { privacy_request_id: uuidOrNull(id) ?? 'invalid' }, 'denied');
      throw new PrivacyRequestNotFound();
    }
    return row;
  }

  /**
   * Working a request (verifying, acknowledging, deciding, reporting) is the privacy
   * office's: read, update and export of the subject's records, which the matrix gives the
   * privacy officer in every area (and a supervisor in their own); an agent, who lacks
   * export, may open a request but not work it.
   */
  function authorizeWork(principal: Principal, row: RequestRow): void {
    for (const action of ['record.read', 'record.update', 'record.export'] as const) authorize(principal, action, scopeOf(row));
  }

  function move(row: RequestRow, to: PrivacyRequestStatus): void {
    if (!statusTransitions[row.status].includes(to))
      throw new RequestConflict('status', `a request that is ${row.status.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`);
  }

  async function event(trx: Tx, principal: Principal, row: RequestRow, kind: string, now: Date, detail: Record<string, unknown> = {}) {
    await insertEvent(trx, { id: randomUUID(), request: row, kind, actor: actorOf(principal), at: now, detail });
  }

  async function reload(trx: Tx, id: string): Promise<RequestRow> {
    return (await selectRequest(trx, id))!;
  }

  async function insertNew(
    trx: Tx,
    principal: Principal,
    owner: { subject_id: string; business_area: string | null },
    fields: {
      kind: RequestRow['kind'];
      channel: RequestRow['channel'];
      requester: Requester;
      details: string;
      receivedAt: Date;
      appealOf: string | null;
      target: AmendmentTarget | null;
    },
    now: Date,
  ): Promise<RequestRow> {
    const id = randomUUID();
    const clocks = privacyActDeadlines(fields.kind, fields.receivedAt);
    const due = (name: string) => clocks.deadlines.find((d) => d.name === name)?.dueAt ?? null;
    const serial = await nextRequestSerial(trx);
    const year = agencyDateOf(fields.receivedAt).year;
    const enc = (column: string, text: string) => encrypt(trx, owner.subject_id, column, id, text);
    await insertRequest(trx, {
      id,
      number: `PA-${year}-${String(serial).padStart(6, '0')}`,
      subject_id: owner.subject_id,
      business_area: owner.business_area,
      kind: fields.kind,
      channel: fields.channel,
      status: 'received',
      requester_ct: await enc('requester_ct', JSON.stringify(fields.requester)),
      details_ct: await enc('details_ct', fields.details),
      received_at: fields.receivedAt,
      acknowledge_due: due('acknowledge'),
      decide_due: (due('decide') ?? due('answer'))!,
      appeal_of: fields.appealOf,
      record_table: fields.target?.recordTable ?? null,
      record_id: fields.target?.recordId ?? null,
      field: fields.target?.field ?? null,
      requested_value_ct: fields.target ? await enc('requested_value_ct', fields.target.requestedValue) : null,
      record_type: recordType,
      dispose_after: null,
      created_by: actorOf(principal),
      created_at: now,
    });
    const row = await reload(trx, id);
    await event(trx, principal, row, 'received', now, {
      kind: fields.kind,
      channel: fields.channel,
      ...(fields.appealOf ? { appeal_of: fields.appealOf } : {}),
    });
    return row;
  }

  /** An accepted amendment: the customer value replaced through the customers module, its history kept there. */
  async function correctCustomerValue(
    trx: Tx,
    principal: Principal,
    row: RequestRow,
    target: AmendmentTarget,
    ctx: AuditContext,
    now: Date,
  ): Promise<string> {
    const current = await selectCustomerValue(trx, target.recordId);
    if (!current || current.subject_id !== row.subject_id || current.removed_at !== null)
      throw new RequestConflict('target', 'the value to correct is no longer current: it was changed since the request was made');
    // The privacy officer may update every area but creates no records (the matrix); the
    // corrected value is a new row of customer_values, so it needs record.create as well.
    if (!can(principal, 'record.create', scopeOf(row))) throw new AccessDenied('record.create');
    try {
      const [added] = await options.customers.addValues(
        trx,
        principal,
        row.subject_id,
        [{ field: target.field as CustomerField, value: target.requestedValue, label: current.label, primary: current.is_primary }],
        'customer',
        ctx,
        now,
      );
      await options.customers.removeValue(trx, principal, row.subject_id, current.id, ctx, now);
      return added!.id;
    } catch (error) {
      if (error instanceof InvalidCustomerField) throw new InvalidRequestField('target/requestedValue', error.message);
      if (error instanceof CustomerNotFound || error instanceof CustomerConflict)
        throw new RequestConflict('target', 'the customer record cannot take the correction');
      throw error;
    }
  }

  /** Everyone the record was disclosed to: the value itself, and the customer record it is part of. */
  async function recipientsOfTarget(trx: Tx, principal: Principal, row: RequestRow, ctx: AuditContext, now: Date) {
    const ofValue = await options.disclosures.recipientsOf(trx, principal, 'customer_values', row.record_id!, ctx, now);
    const ofCustomer = await options.disclosures.recipientsOf(trx, principal, 'customers', row.subject_id, ctx, now);
    return [...ofValue, ...ofCustomer].sort((a, b) => a.disclosedAt.getTime() - b.disclosedAt.getTime());
  }

  return {
    async open(trx, principal, input, ctx, now) {
      const checked = checkRequest(input, now);
      let owner: { subject_id: string; business_area: string | null };
      if (checked.customerId) {
        const found = await selectCustomerScope(trx, checked.customerId);
        if (!found || found.merged_into !== null || !can(principal, 'record.read', scopeOf(found)))
          throw new InvalidRequestField('customerId', 'is not a customer you can see');
        owner = found;
        if (!can(principal, 'record.create', scopeOf(owner))) authorize(principal, 'record.update', scopeOf(owner));
      } else {
        // A requester not in the registry: a data subject of its own, as for an unknown sender's case.
        owner = { subject_id: randomUUID(), business_area: checked.businessArea };
        authorize(principal, 'record.create', scopeOf(owner));
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
      if (checked.target) {
        if (!amendableTables.has(checked.target.recordTable))
          throw new InvalidRequestField('target', 'only a customer value (recordTable customer_values) can be amended here');
        const value = await selectCustomerValue(trx, checked.target.recordId);
        if (!value || value.subject_id !== owner.subject_id || value.removed_at !== null)
          throw new InvalidRequestField('target/recordId', 'is not a current value of this customer');
        if (value.field !== checked.target.field) throw new InvalidRequestField('target/field', 'is not the field of that value');
      }
      if (input.portalIdentity !== undefined && input.portalIdentity !== null) {
        if (principal.kind !== 'customer' || checked.channel !== 'portal' || principal.subjectId !== owner.subject_id)
          throw new InvalidRequestField('portalIdentity', 'only a customer’s own request from the portal is verified by its account');
      }
      let row = await insertNew(trx, principal, owner, { ...checked, appealOf: null, target: checked.target ?? null }, now);
      if (input.portalIdentity) {
        await updateRequest(trx, row.id, {
          identity_method: 'portal_account',
          identity_evidence_ct: await encrypt(trx, row.subject_id, 'identity_evidence_ct', row.id, input.portalIdentity.slice(0, 1000)),
          identity_verified_by: 'system:portal-identity-proofing',
          identity_verified_at: now,
        });
        await event(trx, principal, row, 'identity_verified', now, { method: 'portal_account' });
        row = await reload(trx, row.id);
      }
      await audit(trx, principal, ctx, now, 'create', row.id, [owner.subject_id], {
        kind: row.kind,
        channel: row.channel,
        number: row.number,
      });
      return toRequest(trx, row, now);
    },

    async get(trx, principal, id, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      const request = await toRequest(trx, row, now);
      await audit(trx, principal, ctx, now, 'read', row.id, [row.subject_id]);
      return request;
    },

    async list(trx, principal, filter, ctx, now) {
      const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
      const clockFilter = filter.overdue || filter.dueSoon;
      const rows = (
        await selectRequests(trx, { ...(filter.status ? { status: filter.status } : {}), openOnly: Boolean(clockFilter) }, 5000)
      )
        .filter((row) => can(principal, 'record.read', scopeOf(row)))
        .filter((row) => {
          if (!clockFilter) return true;
          const status = nextDeadline(row, now)?.status;
          return (filter.overdue && status === 'overdue') || (filter.dueSoon && status === 'due_soon');
        })
        .slice(0, limit);
      await vault.preloadKeys(trx, [...new Set(rows.map((r) => r.subject_id))]);
      const requests: PrivacyRequest[] = [];
      for (const row of rows) requests.push(await toRequest(trx, row, now));
      await audit(trx, principal, ctx, now, 'search', null, [...new Set(rows.map((r) => r.subject_id))], {
        privacy_requests: requests.length,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.overdue ? { overdue: true } : {}),
        ...(filter.dueSoon ? { due_soon: true } : {}),
      });
      return requests;
    },

    async events(trx, principal, id, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      const events = (await selectEvents(trx, row.id)).map((e) => ({ kind: e.kind, actor: e.actor, at: e.at, detail: e.detail }));
      await audit(trx, principal, ctx, now, 'read', row.id, [row.subject_id], { events: events.length });
      return events;
    },

    async verifyIdentity(trx, principal, id, input, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      authorizeWork(principal, row);
      const checked = checkIdentity(input);
      if (!openStatuses.includes(row.status)) throw new RequestConflict('status', 'the request is no longer open');
      await updateRequest(trx, row.id, {
        identity_method: checked.method,
        identity_evidence_ct: await encrypt(trx, row.subject_id, 'identity_evidence_ct', row.id, checked.evidence),
        identity_verified_by: actorOf(principal),
        identity_verified_at: now,
      });
      await event(trx, principal, row, 'identity_verified', now, { method: checked.method });
      await audit(trx, principal, ctx, now, 'update', row.id, [row.subject_id], { identity_method: checked.method });
      return toRequest(trx, await reload(trx, row.id), now);
    },

    async acknowledge(trx, principal, id, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      authorizeWork(principal, row);
      if (row.acknowledged_at !== null) throw new RequestConflict('status', 'the request was acknowledged already');
      move(row, 'in_review');
      await updateRequest(trx, row.id, { acknowledged_at: now, status: 'in_review' });
      await event(trx, principal, row, 'acknowledged', now, {
        ...(row.acknowledge_due ? { on_time: now.getTime() <= row.acknowledge_due.getTime() } : {}),
      });
      await audit(trx, principal, ctx, now, 'update', row.id, [row.subject_id], { status: 'in_review' });
      return toRequest(trx, await reload(trx, row.id), now);
    },

    async withdraw(trx, principal, id, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      authorizeWork(principal, row);
      move(row, 'withdrawn');
      await updateRequest(trx, row.id, {
        status: 'withdrawn',
        decided_at: now,
        dispose_after: disposeAfter(retention, { createdAt: row.created_at, resolvedAt: now }, { timeZone }),
      });
      await event(trx, principal, row, 'withdrawn', now);
      await audit(trx, principal, ctx, now, 'update', row.id, [row.subject_id], { status: 'withdrawn' });
      return toRequest(trx, await reload(trx, row.id), now);
    },

    async close(trx, principal, id, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      authorizeWork(principal, row);
      move(row, 'closed');
      await updateRequest(trx, row.id, { status: 'closed' });
      await event(trx, principal, row, 'closed', now);
      await audit(trx, principal, ctx, now, 'update', row.id, [row.subject_id], { status: 'closed' });
      return toRequest(trx, await reload(trx, row.id), now);
    },

    async decide(trx, principal, id, input, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      authorizeWork(principal, row);
      const checked = checkDecision(input);
      move(row, checked.outcome);
      if (row.identity_method === null && checked.outcome !== 'denied')
        throw new RequestConflict('identity', 'the requester’s identity must be verified before a record is released or changed');
      let recipients: RecordRecipient[] = [];
      const request = await toRequest(trx, row, now);
      const amendmentAccepted =
        checked.outcome !== 'denied' && (row.kind === 'amendment' || (row.kind === 'appeal' && row.record_table !== null));
      if (amendmentAccepted && request.target) {
        const newValueId = await correctCustomerValue(trx, principal, row, request.target, ctx, now);
        await event(trx, principal, row, 'value_corrected', now, {
          record_table: row.record_table,
          old_value_id: row.record_id,
          new_value_id: newValueId,
          field: row.field,
        });
        recipients = await recipientsOfTarget(trx, principal, row, ctx, now);
        await event(trx, principal, row, 'recipients_to_notify', now, { disclosure_ids: recipients.map((r) => r.disclosureId) });
      }
      const denied = checked.outcome !== 'granted';
      const appealable = denied && (row.kind === 'access' || row.kind === 'amendment');
      await updateRequest(trx, row.id, {
        status: checked.outcome,
        decided_at: now,
        decision_reason_ct: checked.reason ? await encrypt(trx, row.subject_id, 'decision_reason_ct', row.id, checked.reason) : null,
        appeal_window_ends: appealable ? appealWindowEnd(now).endsAt : null,
        // An amendment decided without acknowledgement is acknowledged by the decision.
        acknowledged_at: row.acknowledged_at ?? now,
        dispose_after: disposeAfter(retention, { createdAt: row.created_at, resolvedAt: now }, { timeZone }),
      });
      await event(trx, principal, row, 'decided', now, {
        outcome: checked.outcome,
        on_time: now.getTime() <= row.decide_due.getTime(),
        ...(appealable ? { appeal_window: true } : {}),
      });
      await audit(trx, principal, ctx, now, 'update', row.id, [row.subject_id], {
        outcome: checked.outcome,
        ...(recipients.length ? { recipients_to_notify: recipients.length } : {}),
      });
      return { request: await toRequest(trx, await reload(trx, row.id), now), recipientsToNotify: recipients };
    },

    async appeal(trx, principal, id, input, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      const checked = checkAppeal(input, now);
      if (row.status !== 'denied' && row.status !== 'partially_granted')
        throw new RequestConflict('status', 'only a denied or partly granted request can be appealed');
      if (row.appeal_window_ends === null) throw new RequestConflict('status', 'this decision is not one that can be appealed');
      if (checked.receivedAt.getTime() > row.appeal_window_ends.getTime())
        throw new InvalidRequestField('receivedAt', `is after the appeal window closed (90 calendar days after the decision)`);
      if (!can(principal, 'record.create', scopeOf(row))) authorize(principal, 'record.update', scopeOf(row));
      const original = await toRequest(trx, row, now);
      const appeal = await insertNew(
        trx,
        principal,
        row,
        {
          kind: 'appeal',
          channel: checked.channel,
          requester: original.requester,
          details: checked.details,
          receivedAt: checked.receivedAt,
          appealOf: row.id,
          target: original.target,
        },
        now,
      );
      // The appeal rests on the identity already verified for the request it contests.
      if (row.identity_method !== null)
        await updateRequest(trx, appeal.id, {
          identity_method: row.identity_method,
          identity_evidence_ct: row.identity_evidence_ct
            ? await encrypt(
                trx,
                row.subject_id,
                'identity_evidence_ct',
                appeal.id,
                (await decrypt(trx, row, 'identity_evidence_ct', row.identity_evidence_ct))!,
              )
            : null,
          identity_verified_by: row.identity_verified_by,
          identity_verified_at: row.identity_verified_at,
        });
      await event(trx, principal, row, 'appealed', now, { appeal_id: appeal.id });
      await audit(trx, principal, ctx, now, 'create', appeal.id, [row.subject_id], {
        kind: 'appeal',
        appeal_of: row.id,
        number: appeal.number,
      });
      return toRequest(trx, await reload(trx, appeal.id), now);
    },

    async fileStatementOfDisagreement(trx, principal, id, statement, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      const text = checkText('statement', statement, maxStatementLength);
      if (row.record_table === null || row.record_id === null)
        throw new RequestConflict('status', 'a statement of disagreement follows a refused amendment');
      if (row.status !== 'denied' && row.status !== 'partially_granted')
        throw new RequestConflict('status', 'a statement of disagreement follows a refused amendment or appeal');
      if (!can(principal, 'record.create', scopeOf(row))) authorize(principal, 'record.update', scopeOf(row));
      const statementId = randomUUID();
      await trx
        .insertInto('statements_of_disagreement')
        .values({
          id: statementId,
          subject_id: row.subject_id,
          business_area: row.business_area,
          request_id: row.id,
          record_table: row.record_table,
          record_id: row.record_id,
          statement_ct: await vault.encryptFor(
            trx,
            row.subject_id,
            { table: 'statements_of_disagreement', column: 'statement_ct', rowId: statementId },
            text,
          ),
          filed_by: actorOf(principal),
          filed_at: now,
          dispose_after: null,
        })
        .execute();
      await event(trx, principal, row, 'statement_filed', now, { statement_id: statementId });
      await audit(trx, principal, ctx, now, 'create', row.id, [row.subject_id], { statement_of_disagreement: statementId });
      return { id: statementId, requestId: row.id, recordTable: row.record_table, recordId: row.record_id, filedAt: now };
    },

    async accessReportFor(trx, principal, id, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      authorizeWork(principal, row);
      if (row.kind !== 'access') throw new RequestConflict('kind', 'only an access request is answered with the records');
      if (row.identity_method === null) {
        await audit(trx, principal, ctx, now, 'export', row.id, [], { refused: 'identity_not_verified' }, 'denied');
        throw new RequestConflict('identity', 'the requester’s identity must be verified before the records are released (39 CFR 266.6)');
      }
      const report = await buildAccessReport(trx, vault, principal, row.subject_id, now);
      const accounting = await options.disclosures.listForSubject(trx, principal, row.subject_id, { forSubject: true }, ctx, now);
      await event(trx, principal, row, 'records_compiled', now, { sections: report.sections.length, disclosures: accounting.length });
      await audit(trx, principal, ctx, now, 'export', row.id, [row.subject_id], {
        sections: report.sections.length,
        disclosures: accounting.length,
      });
      return { request: await toRequest(trx, row, now), report: withAccounting(report, accounting), accounting };
    },

    async releasedAccessReport(trx, principal, id, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      if (row.kind !== 'access' || row.subject_id !== principal.subjectId)
        throw new RequestConflict('kind', 'only your own access request is answered with your records');
      if (row.decided_at === null || !['granted', 'partially_granted', 'closed'].includes(row.status))
        throw new RequestConflict('status', 'the privacy office has not answered this request yet');
      const report = await buildAccessReport(trx, vault, principal, row.subject_id, now);
      const accounting = await options.disclosures.listForSubject(trx, principal, row.subject_id, { forSubject: true }, ctx, now);
      await audit(trx, principal, ctx, now, 'export', row.id, [row.subject_id], {
        sections: report.sections.length,
        disclosures: accounting.length,
      });
      return { request: await toRequest(trx, row, now), report: withAccounting(report, accounting), accounting };
    },

    async letter(trx, principal, id, kind, letterOptions, ctx, now) {
      const row = await requestFor(trx, principal, id, ctx, now);
      authorizeWork(principal, row);
      const request = await toRequest(trx, row, now);
      const notice = getNotice(getRecordType(row.record_type).notice);
      let appealedNumber: string | null = null;
      let recipient: { recipient: RecordRecipient['recipient']; disclosedAt: Date } | null = null;
      const decided = ['granted', 'partially_granted', 'denied', 'closed'].includes(row.status) && row.decided_at !== null;
      if (kind === 'grant' && !(decided && row.status === 'granted'))
        throw new RequestConflict('status', 'the request has not been granted');
      if (kind === 'denial' && !(decided && row.status !== 'granted'))
        throw new RequestConflict('status', 'the request has not been denied');
      if (kind === 'appeal-decision') {
        if (row.kind !== 'appeal' || !decided) throw new RequestConflict('status', 'the request is not a decided appeal');
        appealedNumber = row.appeal_of ? ((await selectRequest(trx, row.appeal_of))?.number ?? null) : null;
      }
      if (kind === 'amendment-notice') {
        const notified = (await selectEvents(trx, row.id)).find((e) => e.kind === 'recipients_to_notify');
        const ids = (notified?.detail.disclosure_ids as string[] | undefined) ?? [];
        const index = letterOptions.recipient ?? 0;
        if (!Number.isInteger(index) || index < 0 || index >= ids.length)
          throw new InvalidRequestField('recipient', `must be from 0 to ${Math.max(ids.length - 1, 0)}: the earlier recipients to be told`);
        const all = await recipientsOfTarget(trx, principal, row, ctx, now);
        const found = all.find((r) => r.disclosureId === ids[index]);
        if (!found) throw new RequestConflict('recipient', 'that disclosure is no longer in the accounting');
        recipient = { recipient: found.recipient, disclosedAt: found.disclosedAt };
      }
      const pdf = await renderRequestLetter({
        kind,
        letterhead: options.letterhead,
        request,
        notice,
        date: now,
        timeZone,
        appealedNumber,
        recipient,
      });
      await audit(trx, principal, ctx, now, 'export', row.id, [row.subject_id], { letter: kind });
      return pdf;
    },
  };
}

function uuidOrNull(id: string): string | null {
  try {
    return checkUuid('id', id);
  } catch {
    return null;
  }
}

/**
 * The report with the accounting of disclosures as the subject is given it (552a(c)(3):
 * no law-enforcement requests) in place of the raw rows of the accounting's table, in
 * words a reader can follow.
 */
function withAccounting(report: AccessReport, accounting: readonly Disclosure[]): AccessReport {
  const section: ReportSection = {
    table: 'disclosures',
    description:
      'Accounting of disclosures: to whom we have disclosed records about you, when, why and under which routine use (5 U.S.C. 552a(c)(3))',
    notice: 'Privacy Act 5 U.S.C. 552a(c)',
    noticeName: 'Accounting of certain disclosures',
    records: accounting.map((d) => ({
      id: d.id,
      fields: [
        { column: 'disclosed_at', class: 'operational', value: d.disclosedAt.toISOString() },
        { column: 'record_table', class: 'operational', value: d.recordTable },
        { column: 'nature', class: 'operational', value: d.nature },
        { column: 'purpose', class: 'content', value: d.purpose },
        { column: 'recipient_name', class: 'identifier', value: d.recipient.name },
        { column: 'recipient_address', class: 'identifier', value: d.recipient.address },
        { column: 'routine_use', class: 'operational', value: d.routineUse },
      ],
    })),
  };
  return { ...report, sections: [...report.sections.filter((s) => s.table !== 'disclosures'), section] };
}

/**
 * Whether a record is disputed: a statement of disagreement is attached to it. The
 * disclosure flow must note the dispute and send the statement with every disclosure of
 * such a record (5 U.S.C. 552a(d)(4)). Row-level security applies: ask as the discloser.
 */
export async function hasStatementOfDisagreement(trx: Tx, recordTable: string, recordId: string): Promise<boolean> {
  return statementExists(trx, recordTable, recordId);
}
