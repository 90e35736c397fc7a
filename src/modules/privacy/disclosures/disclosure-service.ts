import { randomUUID } from 'node:crypto';
import { AccessDenied, actorOf, appendAudit, can, type AuditContext, type AuditDetail } from '../../../access/index.ts';
import { agencyTimeZone, disposeAfter, getRecordType, type RetentionRule } from '../../../catalog/index.ts';
import type { Vault } from '../../../crypto/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import {
  checkDisclosure,
  checkRecordTable,
  checkRecordType,
  checkRoutineUse,
  checkUuid,
  InvalidDisclosureField,
} from './check-disclosure.ts';
import { statementExists as hasStatementOfDisagreement } from '../requests/request-repository.ts';
import type { Disclosure, DisclosureRecipient, ListOptions, NewDisclosure, RecordRecipient } from './disclosure.ts';
import {
  insertDisclosure,
  selectDisclosuresOfRecord,
  selectDisclosuresOfSubject,
  selectRecordScope,
  selectSubjectScope,
  type DisclosureRow,
} from './disclosure-repository.ts';
import { catalogRoutineUses, type RoutineUse } from './routine-uses.ts';

/** A data subject this principal may not see, or that does not exist: both look alike. */
export class DisclosureSubjectNotFound extends Error {
  constructor() {
    super('no such data subject');
    this.name = 'DisclosureSubjectNotFound';
  }
}

export interface DisclosureService {
  /**
   * Enters a disclosure in the accounting (5 U.S.C. 552a(c)(1)). The record must be one the
   * principal may read, of a table the catalog declares; the routine use must be one of the
   * record type's notice or a standard one it adopts. The purpose and the recipient are
   * encrypted under the record's subject's key; the audit log gets a 'disclose' entry with
   * codes and ids only.
   */
  record(trx: Tx, principal: Principal, input: NewDisclosure, ctx: AuditContext, now: Date): Promise<Disclosure>;
  /**
   * A subject's accounting, newest first. With `forSubject` (and always for a customer) the
   * entries of law-enforcement requests are left out (552a(c)(3)); the privacy office sees all.
   * DisclosureSubjectNotFound when the subject is not one the principal sees.
   */
  listForSubject(
    trx: Tx,
    principal: Principal,
    subjectId: string,
    options: ListOptions,
    ctx: AuditContext,
    now: Date,
  ): Promise<Disclosure[]>;
  /** Everyone a record was disclosed to, oldest first: whom to tell of its amendment or dispute (552a(c)(4)). */
  recipientsOf(
    trx: Tx,
    principal: Principal,
    recordTable: string,
    recordId: string,
    ctx: AuditContext,
    now: Date,
  ): Promise<RecordRecipient[]>;
  /** The routine uses of the catalog a disclosure may cite, or those of one record type's notice. */
  routineUses(recordType?: string | null): RoutineUse[];
}

export interface DisclosureServiceOptions {
  /** The agency's IANA time zone, for retention dates. */
  readonly timeZone?: string;
}

/** 552a(c)(2): "for at least five years or the life of the record, whichever is longer, after the disclosure". */
export const accountingRetention: RetentionRule = { kind: 'from_creation', period: { amount: 5, unit: 'years' } };

const table = 'disclosures';
const location = (column: string, rowId: string) => ({ table, column, rowId });
const scopeOf = (row: { subject_id: string; business_area: string | null }) => ({
  subjectId: row.subject_id,
  businessArea: row.business_area,
});

export function createDisclosureService(vault: Vault, options: DisclosureServiceOptions = {}): DisclosureService {
  const timeZone = options.timeZone ?? agencyTimeZone;

  async function audit(
    trx: Tx,
    principal: Principal,
    ctx: AuditContext,
    now: Date,
    entry: { action: 'disclose' | 'search'; recordType?: string | null; recordId?: string | null; subjects: readonly string[] },
    detail: AuditDetail,
  ): Promise<void> {
    await appendAudit(trx, { at: now, actor: principal, ...entry, subjects: [...entry.subjects], ...ctx, outcome: 'ok', detail });
  }

  async function open(trx: Tx, row: DisclosureRow): Promise<{ purpose: string; recipient: DisclosureRecipient }> {
    const decrypt = async (column: string, value: Uint8Array) =>
      (await vault.decryptFor(trx, row.subject_id, location(column, row.id), value)).toString('utf8');
    const recipient = JSON.parse(await decrypt('recipient_ct', row.recipient_ct)) as DisclosureRecipient;
    return { purpose: await decrypt('purpose_ct', row.purpose_ct), recipient: { name: recipient.name, address: recipient.address } };
  }

  async function toDisclosure(trx: Tx, row: DisclosureRow): Promise<Disclosure> {
    const { purpose, recipient } = await open(trx, row);
    return {
      id: row.id,
      subjectId: row.subject_id,
      businessArea: row.business_area,
      recordTable: row.record_table,
      recordId: row.record_id,
      recordType: row.record_type,
      disclosedAt: row.disclosed_at,
      nature: row.nature,
      purpose,
      recipient,
      recipientKind: row.recipient_kind,
      routineUse: row.routine_use,
      lawEnforcementRequest: row.law_enforcement_request,
      disputed: row.disputed,
      enteredBy: row.entered_by,
      enteredAt: row.entered_at,
      disposeAfter: row.dispose_after,
    };
  }

  return {
    async record(trx, principal, input, ctx, now) {
      // The subject's own view never holds the accounting's pen.
      if (principal.kind === 'customer') throw new AccessDenied('record.create');
      const checked = checkDisclosure(input, now);
      const target = await selectRecordScope(trx, checked.table, checked.recordId);
      if (!target || !can(principal, 'record.read', scopeOf(target)))
        throw new InvalidDisclosureField('recordId', `is not a record of ${checked.table.table} you can see`);
      let recordType = checked.recordType;
      if (checked.table.hasRecordType) {
        if (recordType && recordType.id !== target.record_type)
          throw new InvalidDisclosureField('recordType', 'is not the type of this record');
        recordType ??= getRecordType(target.record_type!);
      } else {
        if (!recordType) throw new InvalidDisclosureField('recordType', `is required for records of ${checked.table.table}`);
        if (recordType.notice !== checked.table.notice)
          throw new InvalidDisclosureField(
            'recordType',
            `is not a record type of notice ${checked.table.notice}, which ${checked.table.table} records are kept under`,
          );
      }
      const routineUse = checkRoutineUse(checked.routineUse, recordType);

      const id = randomUUID();
      const fiveYears = disposeAfter(accountingRetention, { createdAt: checked.disclosedAt }, { timeZone })!;
      // The life of the record, as far as it is known now; the retention sweep extends it if the record outlives this.
      const due = target.dispose_after && target.dispose_after.getTime() > fiveYears.getTime() ? target.dispose_after : fiveYears;
      const row = {
        id,
        subject_id: target.subject_id,
        business_area: target.business_area,
        record_table: checked.table.table,
        record_id: checked.recordId,
        record_type: recordType.id,
        disclosed_at: checked.disclosedAt,
        nature: checked.nature,
        purpose_ct: await vault.encryptFor(trx, target.subject_id, location('purpose_ct', id), checked.purpose),
        recipient_ct: await vault.encryptFor(trx, target.subject_id, location('recipient_ct', id), JSON.stringify(checked.recipient)),
        recipient_kind: checked.recipientKind,
        routine_use: routineUse,
        law_enforcement_request: checked.lawEnforcementRequest,
        disputed: await hasStatementOfDisagreement(trx, checked.table.table, checked.recordId),
        entered_by: actorOf(principal),
        entered_at: now,
        dispose_after: due,
      };
      await insertDisclosure(trx, row);
      await audit(
        trx,
        principal,
        ctx,
        now,
        { action: 'disclose', recordType: recordType.id, recordId: checked.recordId, subjects: [target.subject_id] },
        {
          disclosure_id: id,
          record_table: checked.table.table,
          routine_use: routineUse,
          nature: checked.nature,
          recipient_kind: checked.recipientKind,
          law_enforcement_request: checked.lawEnforcementRequest,
          disputed: row.disputed,
        },
      );
      return {
        id,
        subjectId: row.subject_id,
        businessArea: row.business_area,
        recordTable: row.record_table,
        recordId: row.record_id,
        recordType: row.record_type,
        disclosedAt: row.disclosed_at,
        nature: row.nature,
        purpose: checked.purpose,
        recipient: checked.recipient,
        recipientKind: row.recipient_kind,
        routineUse,
        lawEnforcementRequest: row.law_enforcement_request,
        disputed: row.disputed,
        enteredBy: row.entered_by,
        enteredAt: now,
        disposeAfter: due,
      };
    },

    async listForSubject(trx, principal, subjectId, options, ctx, now) {
      const id = checkUuid('subjectId', subjectId);
      const subject = await selectSubjectScope(trx, id);
      if (!subject || !can(principal, 'record.read', { subjectId: subject.id, businessArea: subject.business_area }))
        throw new DisclosureSubjectNotFound();
      const forSubject = options.forSubject || principal.kind === 'customer';
      const rows = (await selectDisclosuresOfSubject(trx, id, { withLawEnforcement: !forSubject })).filter((row) =>
        can(principal, 'record.read', scopeOf(row)),
      );
      await vault.preloadKeys(trx, [id]);
      const disclosures: Disclosure[] = [];
      for (const row of rows) disclosures.push(await toDisclosure(trx, row));
      await audit(
        trx,
        principal,
        ctx,
        now,
        { action: 'search', recordType: null, recordId: null, subjects: [id] },
        {
          disclosures: disclosures.length,
          for_subject: forSubject,
        },
      );
      return disclosures;
    },

    async recipientsOf(trx, principal, recordTable, recordId, ctx, now) {
      const accountable = checkRecordTable(recordTable);
      const id = checkUuid('recordId', recordId);
      const rows = (await selectDisclosuresOfRecord(trx, accountable.table, id)).filter(
        (row) => can(principal, 'record.read', scopeOf(row)) && !(principal.kind === 'customer' && row.law_enforcement_request),
      );
      const subjects = [...new Set(rows.map((row) => row.subject_id))];
      await vault.preloadKeys(trx, subjects);
      const recipients: RecordRecipient[] = [];
      for (const row of rows) {
        const { recipient } = await open(trx, row);
        recipients.push({
          disclosureId: row.id,
          subjectId: row.subject_id,
          disclosedAt: row.disclosed_at,
          nature: row.nature,
          recipient,
          recipientKind: row.recipient_kind,
          routineUse: row.routine_use,
          lawEnforcementRequest: row.law_enforcement_request,
        });
      }
      await audit(
        trx,
        principal,
        ctx,
        now,
        { action: 'search', recordType: null, recordId: id, subjects },
        {
          record_table: accountable.table,
          recipients: recipients.length,
        },
      );
      return recipients;
    },

    routineUses(recordType) {
      return catalogRoutineUses(recordType == null ? undefined : checkRecordType(recordType));
    },
  };
}
