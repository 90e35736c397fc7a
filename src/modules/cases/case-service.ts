import { randomUUID } from 'node:crypto';
import { type Insertable, type Selectable } from 'kysely';
import {
  actorOf,
  appendAudit,
  auditInsert,
  authorize,
  can,
  carrying,
  type AuditContext,
  type AuditDetail,
  type AuditEntry,
} from '../../access/index.ts';
import { agencyTimeZone, disposeAfter, getRecordType } from '../../catalog/index.ts';
import { InvalidIndexValueError, type ItemKind, type Vault } from '../../crypto/index.ts';
import {
  insertTogether,
  type CaseEventsTable,
  type CaseLinksTable,
  type CustomersTable,
  type PendingInsert,
  type Principal,
  type Tx,
} from '../../db/index.ts';
import { contactInsert, recordContact } from '../customers/index.ts';
import {
  caseChannels,
  caseRecordTypes,
  isCaseRecordType,
  openStatuses,
  resolutionCodes,
  statusTransitions,
  type CaseChannel,
  type CaseRecordType,
  type CasePriority,
  type CaseStatus,
  type ResolutionCode,
} from './case-kinds.ts';
import { formatCaseNumber } from './case-number.ts';
import { holdCustomerRetention, refreshCustomerRetention } from './customer-retention.ts';
import { staffDisplayNames } from './staff-display-names.ts';
import {
  caseOfMessage,
  insertEvent,
  messageIdHash,
  openingReads,
  selectCase,
  selectCaseByNumber,
  selectCases,
  type CaseFilter,
  type CaseRow,
} from './case-repository.ts';
import type { CaseDetail, CaseEvent, CaseLink, CaseLinks, CaseMessage, CasePerson, CaseSummary, NewCase, Sender } from './case.ts';
import type { Routing, RoutingDecision } from './routing/index.ts';

export class CaseNotFound extends Error {}

/** A value the case cannot take; `field` names it (a path in the input), the message never repeats it. */
export class InvalidCaseField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/** A change the case's state does not allow (resolving a closed case, …). */
export class CaseConflict extends Error {}

export type CaseRead = { readonly case: CaseDetail } | { readonly refused: 'not_found' };

export interface OpenedCase {
  readonly case: CaseSummary;
  /** True when the message had already opened this case (a redelivered e-mail): nothing new was written. */
  readonly duplicate: boolean;
}

export interface InboundMessage {
  readonly channel: CaseChannel;
  readonly from: Sender | null;
  readonly body: string;
  readonly messageId?: string | null;
}

/** An e-mail about a case, handed to the outbox inside the transaction that records it (ids, never logged). */
export interface CaseMail {
  readonly kind: 'reply' | 'acknowledgement';
  readonly caseId: string;
  readonly caseNumber: string;
  readonly caseTitle: string;
  /** The outbound copy in the case's correspondence. */
  readonly caseMessageId: string;
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly to: readonly string[];
  readonly body: string;
  /** Ours, without angle brackets; its hash is the case message's message_id_hash, so an answer to it threads back. */
  readonly messageId: string;
  /** The customer's message this answers, when known (an acknowledgement answers the message that opened the case). */
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

/**
 * Outbound e-mail, as the cases module needs it: the mail-out module implements it and is
 * injected through CaseServiceOptions, so cases depends on no mail code.
 */
export interface CaseMailer {
  /** A new, globally unique Message-ID (without angle brackets) for a message about to be queued. */
  newMessageId(): string;
  /** The text acknowledging a new case to `to`, or null when that address gets none (our own). */
  acknowledgement(caseNumber: string, to: string): string | null;
  /**
   * The message's outbox row, for the caller to send in its transaction with the case message
   * it copies (insertTogether): a rolled-back reply sends nothing.
   */
  outboxInsert(trx: Tx, mail: CaseMail, now: Date): Promise<PendingInsert>;
}

export interface CaseService {
  open(trx: Tx, principal: Principal, input: NewCase, ctx: AuditContext, now: Date): Promise<OpenedCase>;
  get(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<CaseRead>;
  /** A case by its number, for people who read it off a letter or an e-mail subject. */
  idOfNumber(trx: Tx, principal: Principal, number: string): Promise<string | null>;
  list(trx: Tx, principal: Principal, filter: CaseFilter, ctx: AuditContext, now: Date): Promise<CaseSummary[]>;
  /** The customers' cases still being worked, newest first: what a screen-pop shows. */
  openCasesOf(trx: Tx, principal: Principal, customerIds: readonly string[], ctx: AuditContext, now: Date): Promise<CaseSummary[]>;
  changeStatus(
    trx: Tx,
    principal: Principal,
    id: string,
    change: { status: CaseStatus; resolutionCode?: ResolutionCode; resolution?: string },
    ctx: AuditContext,
    now: Date,
  ): Promise<CaseSummary>;
  assign(trx: Tx, principal: Principal, id: string, assignee: string | null, ctx: AuditContext, now: Date): Promise<CaseSummary>;
  /** Changes a case's priority and tags (a macro's canned actions, or an agent's triage). */
  classify(
    trx: Tx,
    principal: Principal,
    id: string,
    change: { priority?: CasePriority; addTags?: readonly string[]; removeTags?: readonly string[] },
    ctx: AuditContext,
    now: Date,
  ): Promise<CaseSummary>;
  addNote(trx: Tx, principal: Principal, id: string, body: string, ctx: AuditContext, now: Date): Promise<CaseMessage>;
  /** An agent's reply: kept in the case as outbound correspondence; the first one is the first response. */
  reply(
    trx: Tx,
    principal: Principal,
    id: string,
    message: { to: readonly string[]; body: string },
    ctx: AuditContext,
    now: Date,
  ): Promise<CaseMessage>;
  /**
   * A message from the customer on an existing case (an e-mail reply, a second letter). A
   * resolved case reopens; a closed one gets a new follow-up case, whose summary is returned.
   */
  receive(trx: Tx, principal: Principal, id: string, message: InboundMessage, ctx: AuditContext, now: Date): Promise<OpenedCase>;
  /**
   * Acknowledges a new case to the address that opened it, by e-mail, with its number: kept as
   * outbound correspondence but not a first response. Null (nothing written) without a mailer,
   * for an address that is not an e-mail address, or for one of our own.
   */
  acknowledge(
    trx: Tx,
    principal: Principal,
    id: string,
    message: { to: string; inReplyTo: string | null; references: readonly string[] },
    ctx: AuditContext,
    now: Date,
  ): Promise<CaseMessage | null>;
  /** The case one of our own outbound e-mails (by Message-ID, e.g. an answer's In-Reply-To or References) belongs to. */
  caseOfOwnMessage(trx: Tx, principal: Principal, messageIds: readonly string[]): Promise<string | null>;
  /** Records in the case's history that an e-mail it sent could not be delivered (codes only). */
  recordMailFailure(
    trx: Tx,
    principal: Principal,
    id: string,
    failure: { caseMessageId: string; error: string; attempts: number },
    now: Date,
  ): Promise<void>;
  link(trx: Tx, principal: Principal, id: string, kind: CaseLink['kind'], number: string, ctx: AuditContext, now: Date): Promise<CaseLink>;
  /**
   * The links (articles, orders, pickups) of the cases the principal may read, without their
   * messages: what a page that only needs the numbers reads. Audited as a read of each case's
   * links; a case the principal may not read is left out and audited as refused.
   */
  linksOf(trx: Tx, principal: Principal, ids: readonly string[], ctx: AuditContext, now: Date): Promise<CaseLinks[]>;
  /** Customers with cases about an article, order or pickup by that number (the find-customer box). */
  customersByItem(trx: Tx, kind: CaseLink['kind'], number: string): Promise<string[]>;
  /** The customer of the case with this number, if it has one. */
  customerOfCase(trx: Tx, number: string): Promise<string[]>;
}

const itemKinds: Readonly<Record<CaseLink['kind'], ItemKind>> = {
  article: 'article_number',
  order: 'order_number',
  pickup: 'pickup_number',
};

function location(table: string, column: string, rowId: string) {
  return { table, column, rowId };
}

function checkText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (text === '') throw new InvalidCaseField(field, 'must not be empty');
  if (text.length > max) throw new InvalidCaseField(field, `must be at most ${max} characters`);
  return text;
}

const yearFormats = new Map<string, Intl.DateTimeFormat>();

/** The local year of an instant in the agency's time zone: case numbers follow the calendar people use. */
function localYear(at: Date, timeZone: string): number {
  // Building a formatter costs more than using one: one per zone, kept for the process.
  let format = yearFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' });
    yearFormats.set(timeZone, format);
  }
  return Number(format.format(at));
}

/** A case's resolution or reopening as other modules learn of it: ids and codes, never its text. */
export interface CaseOutcome {
  readonly caseId: string;
  readonly number: string;
  readonly subjectId: string;
  readonly customerId: string | null;
  readonly businessArea: string | null;
  readonly channel: CaseChannel;
  readonly assignee: string | null;
  /** Someone can be asked about it: the case names a customer, or its sender gave an e-mail address. */
  readonly reachable: boolean;
}

/** Runs in the transaction that changed the case; a failure undoes the change. */
export type CaseOutcomeHook = (trx: Tx, principal: Principal, outcome: CaseOutcome, ctx: AuditContext, now: Date) => Promise<void>;

export interface CaseServiceOptions {
  /** The agency's IANA time zone, for case-number years and retention dates. */
  readonly timeZone?: string;
  /** Routes cases opened without a business area; without it they stay in the shared queue. */
  readonly routing?: Routing;
  /** Sends replies and acknowledgements by e-mail; without it they are only recorded. */
  readonly mailer?: CaseMailer;
  /** Told that a case was resolved (the surveys module invites its customer), in the same transaction. */
  readonly onResolved?: CaseOutcomeHook;
  /** Told that a case was reopened (the surveys module voids the invitation), in the same transaction. */
  readonly onReopened?: CaseOutcomeHook;
  /** The satisfaction survey link of a resolved case (after onResolved), for the resolution e-mail. */
  readonly surveyLink?: (trx: Tx, caseId: string) => Promise<string | null>;
}

// An address a relay can be handed: no spaces, brackets, quotes or list separators, a dotted domain.
const mailAddress = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u;

export function createCaseService(vault: Vault, options: CaseServiceOptions = {}): CaseService {
  const timeZone = options.timeZone ?? agencyTimeZone;
  const encrypt = (trx: Tx, row: Pick<CaseRow, 'subject_id'>, table: string, column: string, rowId: string, value: string) =>
    vault.encryptFor(trx, row.subject_id, location(table, column, rowId), value);
  const decrypt = async (trx: Tx, subjectId: string, table: string, column: string, rowId: string, value: Uint8Array) =>
    (await vault.decryptFor(trx, subjectId, location(table, column, rowId), value)).toString('utf8');

  const readLink = async (trx: Tx, subjectId: string, l: Selectable<CaseLinksTable>): Promise<CaseLink> => ({
    id: l.id,
    kind: l.kind,
    number: (await decrypt(trx, subjectId, 'case_links', 'number_ct', l.id, l.number_ct))!,
  });

  async function audit(
    trx: Tx,
    principal: Principal,
    ctx: AuditContext,
    now: Date,
    action: 'create' | 'read' | 'update' | 'search',
    row: CaseRow | null,
    subjects: readonly string[],
    detail: AuditDetail = {},
    outcome: 'ok' | 'denied' = 'ok',
  ): Promise<void> {
    await appendAudit(trx, auditEntry(principal, ctx, now, action, row, subjects, detail, outcome));
  }

  function auditEntry(
    principal: Principal,
    ctx: AuditContext,
    now: Date,
    action: 'create' | 'read' | 'update' | 'search',
    row: CaseRow | null,
    subjects: readonly string[],
    detail: AuditDetail = {},
    outcome: 'ok' | 'denied' = 'ok',
  ): AuditEntry {
    return {
      at: now,
      actor: principal,
      action,
      recordType: row?.record_type ?? 'usps-880/inquiry',
      recordId: row?.id ?? null,
      subjects: [...subjects],
      ...ctx,
      outcome,
      detail,
    };
  }

  function eventRow(row: CaseRow, principal: Principal, kind: string, now: Date, detail: Record<string, unknown> = {}) {
    return {
      id: randomUUID(),
      case_id: row.id,
      subject_id: row.subject_id,
      business_area: row.business_area,
      at: now,
      actor: actorOf(principal),
      kind,
      detail: JSON.stringify(detail),
    } satisfies Insertable<CaseEventsTable>;
  }

  async function event(trx: Tx, row: CaseRow, principal: Principal, kind: string, now: Date, detail: Record<string, unknown> = {}) {
    await insertEvent(trx, eventRow(row, principal, kind, now, detail));
  }

  const scope = (row: CaseRow) => ({ subjectId: row.subject_id, businessArea: row.business_area });

  /** What the outcome hooks are told; a sender's e-mail is only looked at (never passed on) when the case has no customer. */
  async function outcomeOf(trx: Tx, row: CaseRow): Promise<CaseOutcome> {
    let reachable = row.customer_id !== null;
    if (!reachable) {
      const first = await trx
        .selectFrom('case_messages')
        .select(['id', 'from_ct'])
        .where('case_id', '=', row.id)
        .where('kind', '=', 'inbound')
        .where('from_ct', 'is not', null)
        .orderBy('seq')
        .executeTakeFirst();
      if (first?.from_ct) {
        const from = JSON.parse(await decrypt(trx, row.subject_id, 'case_messages', 'from_ct', first.id, first.from_ct)) as Sender;
        reachable = Boolean(from.email?.trim());
      }
    }
    return {
      caseId: row.id,
      number: row.number,
      subjectId: row.subject_id,
      customerId: row.customer_id,
      businessArea: row.business_area,
      channel: row.channel,
      assignee: row.assignee,
      reachable,
    };
  }

  /** The case if this principal may see it, else CaseNotFound: a hidden case and a missing one look alike. */
  async function caseFor(trx: Tx, principal: Principal, id: string, action: 'record.read' | 'record.update'): Promise<CaseRow> {
    const row = await selectCase(trx, id);
    if (!row || !can(principal, 'record.read', scope(row))) throw new CaseNotFound('no such case');
    authorize(principal, action, scope(row));
    return row;
  }

  async function summarise(trx: Tx, rows: readonly CaseRow[]): Promise<CaseSummary[]> {
    await vault.preloadKeys(
      trx,
      rows.map((row) => row.subject_id),
    );
    return Promise.all(
      rows.map(async (row) => summaryOf(row, await decrypt(trx, row.subject_id, 'cases', 'title_ct', row.id, row.title_ct))),
    );
  }

  // Each view is marked with the subject of the row it was made from (access/egress.ts): the
  // portal's egress guard refuses to send a case or message of anyone but the session's customer.
  function summaryOf(row: CaseRow, title: string): CaseSummary {
    return carrying(row.subject_id, {
      id: row.id,
      number: row.number,
      customerId: row.customer_id,
      title,
      channel: row.channel,
      recordType: row.record_type as CaseRecordType,
      businessArea: row.business_area,
      category: row.category,
      priority: row.priority,
      status: row.status,
      assignee: row.assignee,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }

  interface MessageInput {
    readonly kind: 'inbound' | 'outbound' | 'note';
    readonly channel: CaseMessage['channel'];
    readonly author: string | null;
    readonly from: Sender | null;
    readonly to: readonly string[];
    readonly body: string;
    readonly messageId?: string | null | undefined;
  }

  async function writeMessage(trx: Tx, row: CaseRow, message: MessageInput, now: Date): Promise<CaseMessage> {
    const { insert, written } = await messageInsert(trx, row, message, now);
    await insert.execute();
    return written;
  }

  /** The encrypted message row's INSERT, not sent yet, and the message as written. */
  async function messageInsert(
    trx: Tx,
    row: CaseRow,
    message: MessageInput,
    now: Date,
  ): Promise<{ insert: PendingInsert; written: CaseMessage }> {
    const id = randomUUID();
    const insert = trx.insertInto('case_messages').values({
      id,
      case_id: row.id,
      subject_id: row.subject_id,
      business_area: row.business_area,
      kind: message.kind,
      channel: message.channel,
      author: message.author,
      from_ct: message.from ? await encrypt(trx, row, 'case_messages', 'from_ct', id, JSON.stringify(message.from)) : null,
      to_ct: message.to.length > 0 ? await encrypt(trx, row, 'case_messages', 'to_ct', id, JSON.stringify(message.to)) : null,
      body_ct: await encrypt(trx, row, 'case_messages', 'body_ct', id, message.body),
      message_id_hash: message.messageId ? messageIdHash(message.messageId) : null,
      created_at: now,
    });
    const written: CaseMessage = {
      id,
      kind: message.kind,
      channel: message.channel,
      author: message.author,
      from: message.from,
      to: message.to,
      body: message.body,
      createdAt: now,
    };
    return { insert, written };
  }

  /**
   * Who an agent's reply is e-mailed to, or null when it is only recorded (no mailer; notes of a
   * call). Cases that came in by e-mail or web form are answered by e-mail, to the sender when no
   * recipient is named; on other channels a reply is e-mailed when its recipients are addresses.
   */
  async function mailRecipients(trx: Tx, row: CaseRow, to: readonly string[]): Promise<string[] | null> {
    if (!options.mailer) return null;
    const byMail = row.channel === 'email' || row.channel === 'web';
    if (to.length === 0) {
      if (!byMail) return null;
      const first = await trx
        .selectFrom('case_messages')
        .select(['id', 'from_ct'])
        .where('case_id', '=', row.id)
        .where('kind', '=', 'inbound')
        .where('from_ct', 'is not', null)
        .orderBy('seq')
        .executeTakeFirst();
      const sender = first?.from_ct
        ? (JSON.parse(await decrypt(trx, row.subject_id, 'case_messages', 'from_ct', first.id, first.from_ct)) as Sender)
        : null;
      return sender?.email && mailAddress.test(sender.email.trim()) ? [sender.email.trim()] : null;
    }
    const addresses = to.map((address) => address.trim());
    const wrong = addresses.findIndex((address) => !mailAddress.test(address));
    if (wrong < 0) return addresses;
    if (byMail) throw new InvalidCaseField(`to/${wrong}`, 'must be an e-mail address');
    return null;
  }

  /**
   * The staff involved in a case (seed 000: "USPS personnel involved"): its assignee and
   * whoever acted on it, by the names staff know each other by.
   */
  async function personnelOf(trx: Tx, row: CaseRow, events: readonly { actor: string }[]): Promise<CasePerson[]> {
    const ids = [
      ...new Set([row.assignee, ...events.map((e) => /^staff:(.+)$/.exec(e.actor)?.[1] ?? null)].filter((id): id is string => id !== null)),
    ];
    if (ids.length === 0) return [];
    const names = await staffDisplayNames(trx, ids);
    return ids.map((id) => ({ id, displayName: names.get(id) ?? null }));
  }

  /** Tells a customer who wrote by e-mail that the case is resolved, with the survey link when there is one. */
  async function mailResolution(trx: Tx, row: CaseRow, principal: Principal, resolution: string, now: Date): Promise<void> {
    const to = await mailRecipients(trx, row, []);
    if (!to) return;
    const link = options.surveyLink ? await options.surveyLink(trx, row.id) : null;
    const body = [
      `Your case ${row.number} is resolved.`,
      resolution,
      ...(link ? [`How did we do? Rate our answer, no sign-in needed: ${link}\nThe link works once.`] : []),
      'If you need more help, reply to this e-mail and the case will reopen.',
    ].join('\n\n');
    const messageId = options.mailer!.newMessageId();
    const sent = await messageInsert(
      trx,
      row,
      { kind: 'outbound', channel: row.channel, author: actorOf(principal), from: null, to, body, messageId },
      now,
    );
    await insertTogether(trx, [
      sent.insert,
      await mailOut(trx, row, 'reply', sent.written, messageId, null, [], now),
      trx
        .insertInto('case_events')
        .values(eventRow(row, principal, 'resolution_mailed', now, { message_id: sent.written.id, survey: link !== null })),
    ]);
  }

  /** The outbox row that e-mails a case message, not sent yet. */
  async function mailOut(
    trx: Tx,
    row: CaseRow,
    kind: CaseMail['kind'],
    sent: CaseMessage,
    messageId: string,
    inReplyTo: string | null,
    references: readonly string[],
    now: Date,
  ): Promise<PendingInsert> {
    return options.mailer!.outboxInsert(
      trx,
      {
        kind,
        caseId: row.id,
        caseNumber: row.number,
        caseTitle: await decrypt(trx, row.subject_id, 'cases', 'title_ct', row.id, row.title_ct),
        caseMessageId: sent.id,
        subjectId: row.subject_id,
        businessArea: row.business_area,
        to: sent.to,
        body: sent.body,
        messageId,
        inReplyTo,
        references,
      },
      now,
    );
  }

  /** Writes the row's changed columns and recomputes its disposal date from its record type's rule. */
  async function update(trx: Tx, row: CaseRow, changes: Partial<CaseRow>, now: Date): Promise<CaseRow> {
    const next = { ...row, ...changes, updated_at: now };
    const rule = getRecordType(next.record_type as CaseRecordType).retention;
    next.dispose_after = disposeAfter(
      rule,
      { createdAt: next.created_at, resolvedAt: next.resolved_at, reopenedAt: next.reopened_at },
      { timeZone },
    );
    const { id, ...columns } = next;
    await trx.updateTable('cases').set(columns).where('id', '=', id).execute();
    return next;
  }

  async function openCase(
    trx: Tx,
    principal: Principal,
    input: NewCase,
    ctx: AuditContext,
    now: Date,
    followUpOf?: CaseRow,
  ): Promise<OpenedCase> {
    if (!isCaseRecordType(input.recordType))
      throw new InvalidCaseField('recordType', `must be one of ${Object.keys(caseRecordTypes).join(', ')}`);
    if (!(caseChannels as readonly string[]).includes(input.channel))
      throw new InvalidCaseField('channel', `must be one of ${caseChannels.join(', ')}`);
    const title = checkText('title', input.title, 300);
    const body = checkText('body', input.body, 100_000);
    if (input.messageId) {
      const existing = await caseOfMessage(trx, input.messageId);
      if (existing) {
        const row = await caseFor(trx, principal, existing, 'record.read');
        return { case: (await summarise(trx, [row]))[0]!, duplicate: true };
      }
    }
    let businessArea = input.businessArea ?? null;
    let subjectId: string;
    let customerType: 'person' | 'organisation' | 'unknown' = 'unknown';
    let customer: Pick<Selectable<CustomersTable>, 'subject_id' | 'business_area' | 'merged_into' | 'kind'> | undefined;
    if (input.customerId) {
      customer = await trx
        .selectFrom('customers')
        .select(['subject_id', 'business_area', 'merged_into', 'kind'])
        .where('subject_id', '=', input.customerId)
        .executeTakeFirst();
      if (
        !customer ||
        customer.merged_into !== null ||
        !can(principal, 'record.read', { subjectId: customer.subject_id, businessArea: customer.business_area })
      )
        throw new InvalidCaseField('customerId', 'is not a customer you can see');
      // The case's text is encrypted under the customer's key, which only the customer's area (or everyone, for the shared registry) may use.
      if (customer.business_area !== null && businessArea !== customer.business_area) {
        if (input.businessArea !== undefined && input.businessArea !== null)
          throw new InvalidCaseField('businessArea', "must be the customer's business area");
        businessArea = customer.business_area;
      }
      subjectId = customer.subject_id;
      customerType = customer.kind;
    } else {
      if (!input.sender || !(input.sender.name || input.sender.email || input.sender.phone))
        throw new InvalidCaseField('sender', 'name the customer (customerId) or the sender (a name, e-mail or phone)');
      subjectId = randomUUID();
    }
    // Routing decides what the opener left open: the area (unless the customer's key fixes it), the priority, tags, assignment.
    const routed = options.routing !== undefined && input.businessArea === undefined && !(input.customerId && businessArea !== null);
    const reads = () => openingReads(trx, routed);
    const { serial, rules } = input.customerId ? await reads() : await vault.lockingForNewKeys(trx, reads);
    const decision: (RoutingDecision & { language: string | null }) | null = routed
      ? options.routing!.decide(rules, { channel: input.channel, category: input.category?.trim() || null, customerType, title, body })
      : null;
    if (decision?.rule && decision.actions.businessArea !== undefined) {
      businessArea = decision.actions.businessArea;
      if (!can(principal, 'record.create', { subjectId, businessArea }))
        throw new CaseConflict(
          `routing rule "${decision.rule.name}" sends this case to an area you cannot open cases in: choose its business area`,
        );
    }
    const id = randomUUID();
    authorize(principal, 'record.create', { subjectId, businessArea });
    // The rows of a new case go to the database together, in one statement after the reads
    // (which took the lock a new data key needs): one round trip instead of one per row.
    const inserts: PendingInsert[] = [];
    if (!input.customerId) {
      inserts.push(
        trx.insertInto('data_subjects').values({
          id: subjectId,
          kind: 'person',
          business_area: businessArea,
          record_type: input.recordType,
          created_at: now,
          dispose_after: null,
        }),
        await vault.newSubjectKey(trx, subjectId, businessArea),
      );
    }
    const number = formatCaseNumber(localYear(now, timeZone), serial);
    // Whom routing assigns the case to is known before it is stored: it is stored assigned.
    const assignee = decision?.rule ? await options.routing!.pickAssignee(trx, businessArea, decision.actions.assignment) : null;
    const row: CaseRow = {
      id,
      number,
      subject_id: subjectId,
      customer_id: input.customerId ?? null,
      business_area: businessArea,
      record_type: input.recordType,
      channel: input.channel,
      category: input.category?.trim() || null,
      priority: input.priority ?? decision?.actions.priority ?? 'normal',
      status: assignee ? 'open' : 'new',
      assignee,
      title_ct: await vault.encryptFor(trx, subjectId, location('cases', 'title_ct', id), title),
      resolution_code: null,
      resolution_ct: null,
      tags: [...new Set([...(input.tags ?? []), ...(decision?.actions.tags ?? [])])],
      created_at: now,
      updated_at: now,
      first_response_at: null,
      resolved_at: null,
      reopened_at: null,
      closed_at: null,
      dispose_after: disposeAfter(getRecordType(input.recordType).retention, { createdAt: now }, { timeZone }),
    };
    inserts.push(trx.insertInto('cases').values(row));
    const message = await messageInsert(
      trx,
      row,
      {
        kind: 'inbound',
        channel: input.channel,
        author: null,
        from: input.sender ?? null,
        to: [],
        body,
        messageId: input.messageId,
      },
      now,
    );
    inserts.push(message.insert);
    const events = [
      eventRow(row, principal, 'created', now, {
        channel: input.channel,
        record_type: input.recordType,
        ...(followUpOf ? { follow_up_of: followUpOf.id } : {}),
      }),
    ];
    if (decision?.rule) {
      events.push(
        eventRow(row, principal, 'routed', now, {
          rule_id: decision.rule.id,
          rule: decision.rule.name,
          business_area: businessArea,
          language: decision.language,
        }),
      );
      if (assignee)
        events.push(
          eventRow(row, principal, 'assigned', now, {
            from: null,
            to: assignee,
            strategy: decision.actions.assignment ?? 'manual',
          }),
        );
    }
    // One multi-row INSERT: the events keep their order in the case's history (seq).
    inserts.push(trx.insertInto('case_events').values(events));
    if (customer)
      inserts.push(
        contactInsert(trx, customer, {
          customerId: customer.subject_id,
          at: now,
          kind: 'case_opened',
          channel: row.channel,
          summary: `Case ${number} opened (${caseRecordTypes[input.recordType]})`,
          sourceTable: 'cases',
          sourceId: id,
          actor: actorOf(principal),
        }),
      );
    inserts.push(
      auditInsert(
        trx,
        auditEntry(principal, ctx, now, 'create', row, [subjectId], {
          channel: input.channel,
          number,
          routed: decision?.rule != null,
        }),
      ),
    );
    await insertTogether(trx, inserts);
    if (input.customerId) await holdCustomerRetention(trx, input.customerId);
    // The title was encrypted a moment ago: no need to read it back.
    return { case: summaryOf(row, title), duplicate: false };
  }

  return {
    open: (trx, principal, input, ctx, now) => openCase(trx, principal, input, ctx, now),

    async get(trx, principal, id, ctx, now) {
      const row = await selectCase(trx, id);
      if (!row || !can(principal, 'record.read', scope(row))) {
        await audit(trx, principal, ctx, now, 'read', null, [], { case_id: id }, 'denied');
        return { refused: 'not_found' };
      }
      const messages = await trx.selectFrom('case_messages').selectAll().where('case_id', '=', id).orderBy('seq').execute();
      const events = await trx.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute();
      const links = await trx.selectFrom('case_links').selectAll().where('case_id', '=', id).orderBy('created_at').execute();
      const open = (table: string, column: string, rowId: string, value: Uint8Array | null) =>
        value === null ? Promise.resolve(null) : decrypt(trx, row.subject_id, table, column, rowId, value);
      const readMessages: CaseMessage[] = await Promise.all(
        messages.map(async (m) => {
          const from = await open('case_messages', 'from_ct', m.id, m.from_ct);
          const to = await open('case_messages', 'to_ct', m.id, m.to_ct);
          return carrying(m.subject_id, {
            id: m.id,
            kind: m.kind,
            channel: m.channel,
            author: m.author,
            from: from === null ? null : (JSON.parse(from) as Sender),
            to: to === null ? [] : (JSON.parse(to) as string[]),
            body: (await open('case_messages', 'body_ct', m.id, m.body_ct))!,
            createdAt: m.created_at,
          });
        }),
      );
      const [summary] = await summarise(trx, [row]);
      const detail: CaseDetail = carrying(row.subject_id, {
        ...summary!,
        sender: readMessages.find((m) => m.kind === 'inbound' && m.from !== null)?.from ?? null,
        tags: row.tags,
        resolutionCode: row.resolution_code as ResolutionCode | null,
        resolution: await open('cases', 'resolution_ct', row.id, row.resolution_ct),
        firstResponseAt: row.first_response_at,
        resolvedAt: row.resolved_at,
        closedAt: row.closed_at,
        disposeAfter: row.dispose_after,
        messages: readMessages,
        events: events.map((e): CaseEvent => ({ id: e.id, at: e.at, actor: e.actor, kind: e.kind, detail: e.detail })),
        personnel: await personnelOf(trx, row, events),
        links: await Promise.all(links.map((l) => readLink(trx, row.subject_id, l))),
      });
      await audit(trx, principal, ctx, now, 'read', row, [row.subject_id]);
      return { case: detail };
    },

    async linksOf(trx, principal, ids, ctx, now) {
      if (ids.length === 0) return [];
      const rows = await trx.selectFrom('cases').selectAll().where('id', 'in', ids).execute();
      const visible = rows.filter((row) => can(principal, 'record.read', scope(row)));
      const visibleIds = new Set(visible.map((row) => row.id));
      const refused = ids.filter((id) => !visibleIds.has(id));
      const links =
        visible.length === 0
          ? []
          : await trx
              .selectFrom('case_links')
              .selectAll()
              .where('case_id', 'in', [...visibleIds])
              .orderBy('created_at')
              .execute();
      const answer = await Promise.all(
        visible.map(async (row) => ({
          id: row.id,
          number: row.number,
          links: await Promise.all(links.filter((l) => l.case_id === row.id).map((l) => readLink(trx, row.subject_id, l))),
        })),
      );
      await insertTogether(trx, [
        ...visible.map((row) => auditInsert(trx, auditEntry(principal, ctx, now, 'read', row, [row.subject_id], { part: 'links' }))),
        ...(refused.length > 0
          ? [auditInsert(trx, auditEntry(principal, ctx, now, 'read', null, [], { case_ids: refused, part: 'links' }, 'denied'))]
          : []),
      ]);
      const byId = new Map(answer.map((c) => [c.id, c]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    async idOfNumber(trx, principal, number) {
      const row = await selectCaseByNumber(trx, number);
      return row && can(principal, 'record.read', scope(row)) ? row.id : null;
    },

    async list(trx, principal, filter, ctx, now) {
      const rows = (await selectCases(trx, filter)).filter((row) => can(principal, 'record.read', scope(row)));
      const cases = await summarise(trx, rows);
      await audit(trx, principal, ctx, now, 'search', null, [...new Set(rows.map((r) => r.subject_id))], { cases: cases.length });
      return cases;
    },

    async openCasesOf(trx, principal, customerIds, ctx, now) {
      const rows = (await selectCases(trx, { customerIds, statuses: openStatuses, limit: 50 })).filter((row) =>
        can(principal, 'record.read', scope(row)),
      );
      const cases = await summarise(trx, rows);
      if (cases.length > 0)
        await audit(trx, principal, ctx, now, 'search', null, [...new Set(rows.map((r) => r.subject_id))], { open_cases: cases.length });
      return cases;
    },

    async changeStatus(trx, principal, id, change, ctx, now) {
      const row = await caseFor(trx, principal, id, 'record.update');
      if (!statusTransitions[row.status].includes(change.status))
        throw new CaseConflict(`a case that is ${row.status.replace('_', ' ')} cannot become ${change.status.replace('_', ' ')}`);
      const changes: Partial<CaseRow> = { status: change.status };
      if (change.status === 'resolved') {
        if (!change.resolutionCode || !resolutionCodes.includes(change.resolutionCode))
          throw new InvalidCaseField('resolutionCode', `must be one of ${resolutionCodes.join(', ')}`);
        const resolution = checkText('resolution', change.resolution ?? '', 20_000);
        changes.resolution_code = change.resolutionCode;
        changes.resolution_ct = await encrypt(trx, row, 'cases', 'resolution_ct', row.id, resolution);
        changes.resolved_at = now;
      }
      if (change.status === 'reopened') changes.reopened_at = now;
      if (change.status === 'closed') changes.closed_at = now;
      const next = await update(trx, row, changes, now);
      await event(trx, next, principal, 'status', now, {
        from: row.status,
        to: change.status,
        ...(changes.resolution_code ? { resolution_code: changes.resolution_code } : {}),
      });
      if (next.customer_id && (change.status === 'resolved' || change.status === 'reopened'))
        await recordContact(trx, {
          customerId: next.customer_id,
          at: now,
          kind: change.status === 'resolved' ? 'case_resolved' : 'case_reopened',
          channel: next.channel,
          summary: `Case ${next.number} ${change.status}`,
          sourceTable: 'cases',
          sourceId: next.id,
          actor: actorOf(principal),
        });
      if (next.customer_id && (change.status === 'resolved' || change.status === 'reopened' || change.status === 'closed'))
        await refreshCustomerRetention(trx, next.customer_id, timeZone);
      const hook = change.status === 'resolved' ? options.onResolved : change.status === 'reopened' ? options.onReopened : undefined;
      if (hook) await hook(trx, principal, await outcomeOf(trx, next), ctx, now);
      if (change.status === 'resolved') await mailResolution(trx, next, principal, change.resolution!.trim(), now);
      await audit(trx, principal, ctx, now, 'update', next, [next.subject_id], { status: change.status });
      return (await summarise(trx, [next]))[0]!;
    },

    async assign(trx, principal, id, assignee, ctx, now) {
      const row = await caseFor(trx, principal, id, 'record.update');
      if (assignee !== null) {
        const user = await trx.selectFrom('staff_users').select(['id', 'disabled_at']).where('id', '=', assignee).executeTakeFirst();
        if (!user || user.disabled_at !== null) throw new InvalidCaseField('assignee', 'is not an active staff member');
      }
      const next = await update(
        trx,
        row,
        { assignee, ...(row.status === 'new' && assignee !== null ? { status: 'open' as const } : {}) },
        now,
      );
      await event(trx, next, principal, 'assigned', now, { from: row.assignee, to: assignee });
      await audit(trx, principal, ctx, now, 'update', next, [next.subject_id], { assigned: assignee !== null });
      return (await summarise(trx, [next]))[0]!;
    },

    async classify(trx, principal, id, change, ctx, now) {
      const row = await caseFor(trx, principal, id, 'record.update');
      const removed = new Set(change.removeTags ?? []);
      const tags = [...new Set([...row.tags.filter((tag) => !removed.has(tag)), ...(change.addTags ?? [])])];
      if (tags.length > 20) throw new InvalidCaseField('addTags', 'a case has at most 20 tags');
      const priority = change.priority ?? row.priority;
      if (priority === row.priority && tags.length === row.tags.length && tags.every((tag) => row.tags.includes(tag)))
        return (await summarise(trx, [row]))[0]!;
      const next = await update(trx, row, { priority, tags }, now);
      await event(trx, next, principal, 'classified', now, {
        ...(priority !== row.priority ? { priority: { from: row.priority, to: priority } } : {}),
        tags: { added: tags.filter((tag) => !row.tags.includes(tag)), removed: row.tags.filter((tag) => !tags.includes(tag)) },
      });
      await audit(trx, principal, ctx, now, 'update', next, [next.subject_id], { classified: true });
      return (await summarise(trx, [next]))[0]!;
    },

    async addNote(trx, principal, id, body, ctx, now) {
      const row = await caseFor(trx, principal, id, 'record.update');
      const note = await writeMessage(
        trx,
        row,
        { kind: 'note', channel: 'internal', author: actorOf(principal), from: null, to: [], body: checkText('body', body, 100_000) },
        now,
      );
      await update(trx, row, {}, now);
      await event(trx, row, principal, 'note', now, { message_id: note.id });
      await audit(trx, principal, ctx, now, 'update', row, [row.subject_id], { note: true });
      return note;
    },

    async reply(trx, principal, id, message, ctx, now) {
      const row = await caseFor(trx, principal, id, 'record.update');
      if (message.to.length > 20) throw new InvalidCaseField('to', 'at most 20 recipients');
      const body = checkText('body', message.body, 100_000);
      const mailTo = await mailRecipients(trx, row, message.to);
      const messageId = mailTo ? options.mailer!.newMessageId() : null;
      const { insert, written: sent } = await messageInsert(
        trx,
        row,
        { kind: 'outbound', channel: row.channel, author: actorOf(principal), from: null, to: mailTo ?? message.to, body, messageId },
        now,
      );
      await insertTogether(trx, [
        insert,
        ...(mailTo && messageId ? [await mailOut(trx, row, 'reply', sent, messageId, null, [], now)] : []),
      ]);
      const next = await update(
        trx,
        row,
        { first_response_at: row.first_response_at ?? now, ...(row.status === 'new' ? { status: 'open' as const } : {}) },
        now,
      );
      await event(trx, next, principal, 'reply', now, { message_id: sent.id, recipients: sent.to.length, emailed: mailTo !== null });
      await audit(trx, principal, ctx, now, 'update', next, [next.subject_id], { reply: true });
      return sent;
    },

    async receive(trx, principal, id, message, ctx, now) {
      const row = await caseFor(trx, principal, id, 'record.update');
      if (message.messageId && (await caseOfMessage(trx, message.messageId)))
        return { case: (await summarise(trx, [row]))[0]!, duplicate: true };
      if (row.status === 'closed') {
        const title = await decrypt(trx, row.subject_id, 'cases', 'title_ct', row.id, row.title_ct);
        return openCase(
          trx,
          principal,
          {
            customerId: row.customer_id,
            sender: message.from,
            channel: message.channel,
            recordType: row.record_type as CaseRecordType,
            businessArea: row.business_area,
            category: row.category,
            priority: row.priority,
            title,
            body: message.body,
            messageId: message.messageId ?? null,
          },
          ctx,
          now,
          row,
        );
      }
      const received = await writeMessage(
        trx,
        row,
        {
          kind: 'inbound',
          channel: message.channel,
          author: null,
          from: message.from,
          to: [],
          body: checkText('body', message.body, 100_000),
          messageId: message.messageId,
        },
        now,
      );
      const status: CaseStatus | undefined =
        row.status === 'resolved' ? 'reopened' : row.status === 'pending_customer' ? 'open' : undefined;
      const next = await update(trx, row, status ? { status, ...(status === 'reopened' ? { reopened_at: now } : {}) } : {}, now);
      await event(trx, next, principal, 'received', now, { message_id: received.id, ...(status ? { status } : {}) });
      if (status === 'reopened' && options.onReopened) await options.onReopened(trx, principal, await outcomeOf(trx, next), ctx, now);
      await audit(trx, principal, ctx, now, 'update', next, [next.subject_id], { received: true });
      return { case: (await summarise(trx, [next]))[0]!, duplicate: false };
    },

    async acknowledge(trx, principal, id, message, ctx, now) {
      const mailer = options.mailer;
      if (!mailer) return null;
      const row = await caseFor(trx, principal, id, 'record.update');
      const to = message.to.trim();
      if (!mailAddress.test(to)) return null;
      const body = mailer.acknowledgement(row.number, to);
      if (body === null) return null;
      const messageId = mailer.newMessageId();
      const { insert, written: sent } = await messageInsert(
        trx,
        row,
        { kind: 'outbound', channel: row.channel, author: actorOf(principal), from: null, to: [to], body, messageId },
        now,
      );
      await insertTogether(trx, [
        insert,
        await mailOut(trx, row, 'acknowledgement', sent, messageId, message.inReplyTo, message.references, now),
        trx.insertInto('case_events').values(eventRow(row, principal, 'acknowledged', now, { message_id: sent.id })),
        auditInsert(trx, auditEntry(principal, ctx, now, 'update', row, [row.subject_id], { acknowledged: true })),
      ]);
      return sent;
    },

    async caseOfOwnMessage(trx, principal, messageIds) {
      const hashes = messageIds.slice(-50).map(messageIdHash);
      if (hashes.length === 0) return null;
      const found = await trx
        .selectFrom('case_messages')
        .select('case_id')
        .where('message_id_hash', 'in', hashes)
        .where('kind', '=', 'outbound')
        .orderBy('seq', 'desc')
        .executeTakeFirst();
      const row = found && (await selectCase(trx, found.case_id));
      return row && can(principal, 'record.read', scope(row)) ? row.id : null;
    },

    async recordMailFailure(trx, principal, id, failure, now) {
      const row = await caseFor(trx, principal, id, 'record.update');
      await event(trx, row, principal, 'mail_failed', now, {
        message_id: failure.caseMessageId,
        error: failure.error,
        attempts: failure.attempts,
      });
    },

    async link(trx, principal, id, kind, number, ctx, now) {
      const row = await caseFor(trx, principal, id, 'record.update');
      const linkId = randomUUID();
      const value = checkText('number', number, 64);
      try {
        await vault.indexValues(trx, [
          {
            kind: itemKinds[kind],
            value,
            subjectId: row.subject_id,
            businessArea: row.business_area,
            recordTable: 'case_links',
            recordId: linkId,
          },
        ]);
      } catch (error) {
        if (error instanceof InvalidIndexValueError) throw new InvalidCaseField('number', error.reason);
        throw error;
      }
      await trx
        .insertInto('case_links')
        .values({
          id: linkId,
          case_id: row.id,
          subject_id: row.subject_id,
          business_area: row.business_area,
          kind,
          number_ct: await encrypt(trx, row, 'case_links', 'number_ct', linkId, value),
          created_at: now,
        })
        .execute();
      await update(trx, row, {}, now);
      await event(trx, row, principal, 'linked', now, { kind });
      await audit(trx, principal, ctx, now, 'update', row, [row.subject_id], { linked: kind });
      return { id: linkId, kind, number: value };
    },

    async customersByItem(trx, kind, number) {
      const matches = (await vault.findByIndex(trx, itemKinds[kind], number)).filter((m) => m.recordTable === 'case_links');
      if (matches.length === 0) return [];
      const rows = await trx
        .selectFrom('case_links')
        .innerJoin('cases', 'cases.id', 'case_links.case_id')
        .select('cases.customer_id')
        .where(
          'case_links.id',
          'in',
          matches.map((m) => m.recordId),
        )
        .where('cases.customer_id', 'is not', null)
        .execute();
      return [...new Set(rows.map((r) => r.customer_id!))];
    },

    async customerOfCase(trx, number) {
      const row = await selectCaseByNumber(trx, number);
      return row?.customer_id ? [row.customer_id] : [];
    },
  };
}
