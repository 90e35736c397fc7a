import { randomUUID } from 'node:crypto';
import {
  AccessDenied,
  actorOf,
  allowedRelations,
  appendAudit,
  can,
  staffRoles,
  type AuditContext,
  type AuditDetail,
} from '../../../access/index.ts';
import { agencyTimeZone, recordTypes, type FieldClass } from '../../../catalog/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import type { CaseService } from '../../cases/index.ts';
import { primaryValue, type Customer, type CustomerService } from '../../customers/index.ts';
import type { Addressee, Letterhead, MailingAddress } from '../../letters/index.ts';
import { cisaClock } from './cisa-clock.ts';
import { checkIncident, checkStepTime, IncidentConflict, IncidentNotFound, InvalidIncidentField, isUuid } from './check-incident.ts';
import type {
  AffectedPerson,
  BlastRadius,
  EmailOutcome,
  Incident,
  IncidentDetail,
  IncidentEvent,
  IncidentStep,
  NewIncident,
} from './incident.ts';
import { noticeEmail, renderIncidentLetters, type IncidentNotice } from './incident-letters.ts';
import {
  countBlocked,
  insertIncident,
  insertIncidentEvent,
  markAffected,
  nextIncidentSerial,
  replaceAffected,
  selectAffected,
  selectExposures,
  selectIncident,
  selectIncidentEvents,
  selectIncidents,
  updateIncident,
  type AffectedRow,
  type IncidentRow,
} from './incident-repository.ts';

export interface IncidentService {
  /** Declares an incident and computes its blast radius at once. */
  declare(trx: Tx, principal: Principal, input: NewIncident, ctx: AuditContext, now: Date): Promise<IncidentDetail>;
  list(trx: Tx, principal: Principal, options: { readonly limit?: number }, ctx: AuditContext, now: Date): Promise<Incident[]>;
  /** The incident with its affected people and the CISA clock at `now`. */
  get(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<IncidentDetail>;
  events(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<IncidentEvent[]>;
  /** Reads the audit log over the incident's window again and rewrites the affected list. */
  computeBlastRadius(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<BlastRadius>;
  /** Records a step of the timeline, at `at` (default now); each step once. */
  recordStep(
    trx: Tx,
    principal: Principal,
    id: string,
    step: IncidentStep,
    at: Date | null,
    ctx: AuditContext,
    now: Date,
  ): Promise<IncidentDetail>;
  /**
   * The notification letters as one PDF: every affected person with a mailing address on
   * record, or one person (`subjectId`). IncidentConflict when that person has no address.
   */
  letters(trx: Tx, principal: Principal, id: string, subjectId: string | null, ctx: AuditContext, now: Date): Promise<Buffer>;
  /** Queues the notification by e-mail to each affected person whose preferred means of contact is e-mail. */
  queueEmails(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<EmailOutcome>;
}

export interface IncidentServiceOptions {
  readonly customers: CustomerService;
  /** The e-mail goes out as a reply in a case of the person's, so that their answer threads into it. */
  readonly cases: Pick<CaseService, 'open' | 'reply'>;
  readonly letterhead: Letterhead;
  readonly timeZone?: string;
}

/** The incident file's record type for the audit log: Caseline's own, as the catalog declares the tables. */
const auditRecordType = 'privacy_incident';
const notificationRecordType = 'usps-880/inquiry';

/** Roles whose need-to-know spans every business area: their reads in another area are their work, not exposure. */
const everyAreaRoles = staffRoles.filter((role) => allowedRelations(role, 'record.read').includes('other_area'));

function fieldClassesOf(types: readonly string[]): FieldClass[] {
  const classes = new Set<FieldClass>();
  for (const id of types) for (const c of Object.values(recordTypes.get(id)?.fields ?? {})) classes.add(c);
  return [...classes].sort();
}

function toAffected(row: AffectedRow): AffectedPerson {
  return {
    subjectId: row.subject_id,
    businessArea: row.business_area,
    recordTypes: row.record_types,
    fieldClasses: row.field_classes,
    routes: row.routes,
    recipients: row.recipients,
    responses: row.responses,
    firstExposedAt: row.first_exposed_at,
    lastExposedAt: row.last_exposed_at,
    letterGeneratedAt: row.letter_generated_at,
    emailQueuedAt: row.email_queued_at,
    noticeCaseId: row.notice_case_id,
  };
}

function toIncident(row: IncidentRow, now: Date): Incident {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    suspectedRoutes: row.suspected_routes,
    suspectedRelease: row.suspected_release,
    status: row.status,
    declaredBy: row.declared_by,
    declaredAt: row.declared_at,
    discoveredAt: row.discovered_at,
    containedAt: row.contained_at,
    confirmedAt: row.confirmed_at,
    reportedToCisaAt: row.reported_to_cisa_at,
    notificationCompletedAt: row.notification_completed_at,
    radiusComputedAt: row.radius_computed_at,
    blockedResponses: row.blocked_responses,
    affectedCount: row.affected_count,
    cisaClock: cisaClock({ confirmedAt: row.confirmed_at, reportedToCisaAt: row.reported_to_cisa_at }, now),
  };
}

const yearFormats = new Map<string, Intl.DateTimeFormat>();
function localYear(at: Date, timeZone: string): number {
  let format = yearFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' });
    yearFormats.set(timeZone, format);
  }
  return Number(format.format(at));
}

export function createIncidentService(options: IncidentServiceOptions): IncidentService {
  const timeZone = options.timeZone ?? agencyTimeZone;
  const { customers, cases, letterhead } = options;

  /** Reading the register: the privacy office and auditors (audit.read). */
  function authorizeRead(principal: Principal): void {
    if (principal.kind === 'customer' || !can(principal, 'audit.read')) throw new AccessDenied('audit.read');
  }

  /** Working an incident: the privacy office, which reads the log and updates records in every area. */
  function authorizeWork(principal: Principal): void {
    authorizeRead(principal);
    if (!can(principal, 'record.update', { subjectId: null, businessArea: null })) throw new AccessDenied('record.update');
  }

  async function audit(
    trx: Tx,
    principal: Principal,
    ctx: AuditContext,
    now: Date,
    action: 'create' | 'read' | 'update' | 'search' | 'print' | 'export',
    recordId: string | null,
    subjects: readonly string[],
    detail: AuditDetail = {},
    outcome: 'ok' | 'denied' = 'ok',
  ): Promise<void> {
    await appendAudit(trx, {
      at: now,
      actor: principal,
      action,
      recordType: auditRecordType,
      recordId,
      subjects: [...subjects],
      ...ctx,
      outcome,
      detail,
    });
  }

  async function incidentFor(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<IncidentRow> {
    const row = isUuid(id) ? await selectIncident(trx, id) : undefined;
    if (!row) {
      await audit(trx, principal, ctx, now, 'read', null, [], { incident_id: isUuid(id) ? id : 'invalid' }, 'denied');
      throw new IncidentNotFound();
    }
    return row;
  }

  async function event(trx: Tx, principal: Principal, incidentId: string, kind: string, at: Date, detail: Record<string, unknown> = {}) {
    await insertIncidentEvent(trx, {
      id: randomUUID(),
      incident_id: incidentId,
      kind,
      actor: actorOf(principal),
      at,
      detail: JSON.stringify(detail),
    });
  }

  async function detailOf(trx: Tx, row: IncidentRow, now: Date): Promise<IncidentDetail> {
    return { incident: toIncident(row, now), affected: (await selectAffected(trx, row.id)).map(toAffected) };
  }

  async function compute(trx: Tx, principal: Principal, row: IncidentRow, now: Date): Promise<BlastRadius> {
    const exposures = await selectExposures(trx, {
      windowStart: row.window_start,
      windowEnd: row.window_end,
      suspectedRoutes: row.suspected_routes,
      everyAreaRoles,
    });
    const removed = await replaceAffected(
      trx,
      row.id,
      exposures.map((x) => ({
        id: randomUUID(),
        incident_id: row.id,
        subject_id: x.subject_id,
        business_area: x.business_area,
        record_types: x.record_types,
        field_classes: fieldClassesOf(x.record_types),
        routes: x.routes,
        recipients: x.recipients,
        responses: x.responses,
        first_exposed_at: x.first_exposed_at,
        last_exposed_at: x.last_exposed_at,
      })),
    );
    const blocked = await countBlocked(trx, row.window_start, row.window_end);
    await updateIncident(trx, row.id, { radius_computed_at: now, blocked_responses: blocked });
    await event(trx, principal, row.id, 'radius_computed', now, { affected: exposures.length, removed, blocked_responses: blocked });
    return { affected: exposures.length, removed, blockedResponses: blocked };
  }

  /** The person's registry record, if they are a customer the principal may read. */
  async function customerOf(trx: Tx, principal: Principal, subjectId: string, ctx: AuditContext, now: Date): Promise<Customer | null> {
    const read = await customers.get(trx, principal, subjectId, { reveal: [] }, ctx, now);
    return 'customer' in read ? read.customer : null;
  }

  function notice(row: IncidentRow, person: AffectedPerson, customer: Customer, addressee: Addressee | null, now: Date): IncidentNotice {
    return { letterhead, incident: toIncident(row, now), person, addressee, salutationName: customer.name, date: now, timeZone };
  }

  return {
    async declare(trx, principal, input, ctx, now) {
      authorizeWork(principal);
      const checked = checkIncident(input, now);
      const id = randomUUID();
      const serial = await nextIncidentSerial(trx);
      await insertIncident(trx, {
        id,
        number: `PI-${localYear(now, timeZone)}-${String(serial).padStart(6, '0')}`,
        title: checked.title,
        description: checked.description,
        window_start: checked.windowStart,
        window_end: checked.windowEnd,
        suspected_routes: checked.suspectedRoutes,
        suspected_release: checked.suspectedRelease,
        status: 'open',
        declared_by: actorOf(principal),
        declared_at: now,
        discovered_at: checked.discoveredAt,
      });
      await event(trx, principal, id, 'declared', now, { discovered_at: checked.discoveredAt.toISOString() });
      const radius = await compute(trx, principal, (await selectIncident(trx, id))!, now);
      const detail = await detailOf(trx, (await selectIncident(trx, id))!, now);
      // The answer lists the people affected: their ids go in the entry like a read's.
      await audit(
        trx,
        principal,
        ctx,
        now,
        'create',
        id,
        detail.affected.map((a) => a.subjectId),
        { affected: radius.affected, routes: checked.suspectedRoutes.length },
      );
      return detail;
    },

    async list(trx, principal, listOptions, ctx, now) {
      authorizeRead(principal);
      const rows = await selectIncidents(trx, Math.min(Math.max(listOptions.limit ?? 200, 1), 1000));
      await audit(trx, principal, ctx, now, 'search', null, [], { incidents: rows.length });
      return rows.map((row) => toIncident(row, now));
    },

    async get(trx, principal, id, ctx, now) {
      authorizeRead(principal);
      const row = await incidentFor(trx, principal, id, ctx, now);
      const detail = await detailOf(trx, row, now);
      await audit(
        trx,
        principal,
        ctx,
        now,
        'read',
        row.id,
        detail.affected.map((a) => a.subjectId),
        { affected: detail.affected.length },
      );
      return detail;
    },

    async events(trx, principal, id, ctx, now) {
      authorizeRead(principal);
      const row = await incidentFor(trx, principal, id, ctx, now);
      const events = await selectIncidentEvents(trx, row.id);
      return events.map((e) => ({ kind: e.kind, actor: e.actor, at: e.at, detail: e.detail }));
    },

    async computeBlastRadius(trx, principal, id, ctx, now) {
      authorizeWork(principal);
      const row = await incidentFor(trx, principal, id, ctx, now);
      const radius = await compute(trx, principal, row, now);
      await audit(trx, principal, ctx, now, 'update', row.id, [], { radius: radius.affected, removed: radius.removed });
      return radius;
    },

    async recordStep(trx, principal, id, step, at, ctx, now) {
      authorizeWork(principal);
      const row = await incidentFor(trx, principal, id, ctx, now);
      const when = checkStepTime('at', at ?? now, now);
      if (when.getTime() < row.window_start.getTime()) throw new InvalidIncidentField('at', 'must not be before the start of the window');
      const column = {
        contained: 'contained_at',
        confirmed: 'confirmed_at',
        reported_to_cisa: 'reported_to_cisa_at',
        notification_completed: 'notification_completed_at',
      } as const satisfies Record<IncidentStep, keyof IncidentRow>;
      if (row[column[step]] !== null) throw new IncidentConflict('step', `${step.replaceAll('_', ' ')} is already recorded`);
      if ((step === 'reported_to_cisa' || step === 'notification_completed') && row.confirmed_at === null)
        throw new IncidentConflict('step', 'the breach must be confirmed first');
      if (row.confirmed_at !== null && (step === 'reported_to_cisa' || step === 'notification_completed') && when < row.confirmed_at)
        throw new InvalidIncidentField('at', 'must not be before the breach was confirmed');
      const status = step === 'confirmed' ? 'confirmed' : step === 'notification_completed' ? 'closed' : row.status;
      await updateIncident(trx, row.id, { [column[step]]: when, status });
      await event(trx, principal, row.id, step, when, {
        ...(step === 'reported_to_cisa'
          ? { cisa_clock: cisaClock({ confirmedAt: row.confirmed_at, reportedToCisaAt: when }, now).status }
          : {}),
      });
      await audit(trx, principal, ctx, now, 'update', row.id, [], { step });
      return detailOf(trx, (await selectIncident(trx, row.id))!, now);
    },

    async letters(trx, principal, id, subjectId, ctx, now) {
      authorizeWork(principal);
      const row = await incidentFor(trx, principal, id, ctx, now);
      if (subjectId !== null && !isUuid(subjectId)) throw new InvalidIncidentField('subjectId', 'must be a UUID');
      const people = (await selectAffected(trx, row.id, subjectId ?? undefined)).map(toAffected);
      if (subjectId !== null && people.length === 0) throw new IncidentNotFound();
      const notices: IncidentNotice[] = [];
      for (const person of people) {
        const customer = await customerOf(trx, principal, person.subjectId, ctx, now);
        const address = customer && primaryValue(customer, 'mailing_address')?.value;
        if (!customer || !address || typeof address === 'string') continue;
        notices.push(notice(row, person, customer, { kind: customer.kind, name: customer.name, address: address as MailingAddress }, now));
      }
      if (subjectId !== null && notices.length === 0)
        throw new IncidentConflict('subjectId', 'this person has no mailing address on record');
      const pdf = await renderIncidentLetters(toIncident(row, now), notices, now);
      for (const n of notices) await markAffected(trx, row.id, n.person.subjectId, { letter_generated_at: now });
      await event(trx, principal, row.id, 'letters_generated', now, { letters: notices.length, skipped: people.length - notices.length });
      await audit(
        trx,
        principal,
        ctx,
        now,
        'print',
        row.id,
        notices.map((n) => n.person.subjectId),
        { document: 'incident_letter', fields: ['customer_name', 'mailing_address'], letters: notices.length },
      );
      return pdf;
    },

    async queueEmails(trx, principal, id, ctx, now) {
      authorizeWork(principal);
      const row = await incidentFor(trx, principal, id, ctx, now);
      if (row.confirmed_at === null) throw new IncidentConflict('step', 'the breach must be confirmed before people are notified');
      let queued = 0;
      let alreadyQueued = 0;
      let notByEmail = 0;
      for (const person of (await selectAffected(trx, row.id)).map(toAffected)) {
        if (person.emailQueuedAt !== null) {
          alreadyQueued++;
          continue;
        }
        const customer = await customerOf(trx, principal, person.subjectId, ctx, now);
        const email = customer && primaryValue(customer, 'email')?.value;
        if (!customer || primaryValue(customer, 'preferred_contact')?.value !== 'email' || typeof email !== 'string') {
          notByEmail++;
          continue;
        }
        const mail = noticeEmail(notice(row, person, customer, null, now));
        const opened = await cases.open(
          trx,
          principal,
          {
            customerId: customer.id,
            channel: 'email',
            recordType: notificationRecordType,
            title: mail.subject,
            body: `Privacy incident ${row.number}: notification sent by the privacy office.`,
          },
          ctx,
          now,
        );
        await cases.reply(trx, principal, opened.case.id, { to: [email], body: mail.body }, ctx, now);
        await markAffected(trx, row.id, person.subjectId, { email_queued_at: now, notice_case_id: opened.case.id });
        queued++;
      }
      await event(trx, principal, row.id, 'emails_queued', now, { queued, already_queued: alreadyQueued, not_by_email: notByEmail });
      await audit(trx, principal, ctx, now, 'update', row.id, [], { emails_queued: queued });
      return { queued, alreadyQueued, notByEmail };
    },
  };
}
