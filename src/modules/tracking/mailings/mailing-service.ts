import { randomUUID } from 'node:crypto';
import { actorOf, authorize, can, carrying, type AuditContext } from '../../../access/index.ts';
import { agencyTimeZone, disposeAfter, getRecordType } from '../../../catalog/index.ts';
import type { Vault } from '../../../crypto/index.ts';
import type { CustomerPrincipal, Principal, Tx } from '../../../db/index.ts';
import type { CustomerService } from '../../customers/index.ts';
import { auditRecord, columnsOf, readableOr, scopeOf, TrackingConflict, TrackingNotFound } from '../tracking-records.ts';
import { checkMailing, checkProblems, InvalidMailingField } from './check-mailing.ts';
import type { EntryPoint, Mailing, MailingPerformance, MailingStatus, MailingUpdate, NewMailing } from './mailing.ts';
import { mailingStatuses } from './mailing.ts';
import { performanceWindow, summarisePerformance } from './mailing-performance.ts';
import {
  insertMailing,
  selectMailing,
  selectMailingRefTaken,
  selectMailingsOfCustomer,
  selectPerformance,
  updateMailing,
  type MailingRow,
} from './mailing-repository.ts';

/** A mailing or customer this principal may not see, or that does not exist: both look alike. */
export class MailingNotFound extends TrackingNotFound {}

/** What was asked does not fit the mailing or its customer (a person's mailing, a completed mailing rescheduled). */
export class MailingConflict extends TrackingConflict {}

/** seed 001_517806a0da56fdcf.txt: "Special Services and drop ship records are retained 2 years." */
export const dropShipRecordType = 'usps-820/drop-ship';
/** seed 001_517806a0da56fdcf.txt: "Other records are retained 4 years after the relationship ends." */
export const businessMailingRecordType = 'usps-820/business-mailing';

/** A mailing entered at a destination facility is a drop ship record; one entered at origin is not. */
export function mailingRecordType(entry: EntryPoint): typeof dropShipRecordType | typeof businessMailingRecordType {
  return entry === 'origin' ? businessMailingRecordType : dropShipRecordType;
}

/**
 * Where a status may go: a mailing is scheduled, then inducted (accepted at the entry facility),
 * in processing, completed; it may be cancelled until it is inducted. Completed and cancelled are final.
 */
export const nextStatuses: Readonly<Record<MailingStatus, readonly MailingStatus[]>> = {
  scheduled: ['inducted', 'cancelled'],
  inducted: ['in_processing', 'completed'],
  in_processing: ['completed'],
  completed: [],
  cancelled: [],
};

export interface MailingService {
  /** Enters a mailing of an organisation customer from its postage statement. */
  create(trx: Tx, principal: Principal, customerId: string, input: NewMailing, ctx: AuditContext, now: Date): Promise<Mailing>;
  get(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<Mailing>;
  /** The customer's mailings, latest mailing date first. */
  ofCustomer(trx: Tx, principal: Principal, customerId: string, limit: number, ctx: AuditContext, now: Date): Promise<Mailing[]>;
  /** The signed-in customer's own mailings (the portal): the customer is the principal's subject, never a parameter. */
  mine(trx: Tx, principal: CustomerPrincipal, limit: number, ctx: AuditContext, now: Date): Promise<Mailing[]>;
  /** Moves the status on, or replaces the problem notes. */
  update(trx: Tx, principal: Principal, id: string, input: MailingUpdate, ctx: AuditContext, now: Date): Promise<Mailing>;
  /** How the mailing's pieces are doing, from the tracking events of its Mailer ID and serials. */
  performance(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<MailingPerformance>;
}

const location = columnsOf('mailings');

export function createMailingService(
  vault: Vault,
  customers: CustomerService,
  options: { readonly timeZone?: string } = {},
): MailingService {
  const timeZone = options.timeZone ?? agencyTimeZone;

  /** Rows as mailings, each marked with its own subject for the portal's egress guard. */
  async function read(trx: Tx, rows: readonly MailingRow[]): Promise<Mailing[]> {
    await vault.preloadKeys(
      trx,
      rows.map((r) => r.subject_id),
    );
    return Promise.all(
      rows.map(async (row) =>
        carrying(row.subject_id, {
          id: row.id,
          customerId: row.customer_id ?? row.subject_id,
          businessArea: row.business_area,
          recordType: row.record_type,
          mailingId: row.mailing_ref,
          mailerId: row.mailer_id,
          serialFirst: row.serial_first === null ? null : Number(row.serial_first),
          serialLast: row.serial_last === null ? null : Number(row.serial_last),
          postageStatement: row.postage_statement,
          mailingDate: row.mailing_date,
          mailClass: row.mail_class,
          processingCategory: row.processing_category,
          priceCategory: row.price_category,
          presortLevel: row.presort_level,
          pieceCount: row.piece_count,
          weightGrams: Number(row.weight_grams),
          postageCents: Number(row.postage_cents),
          permitNumber: row.permit_number,
          permitType: row.permit_type,
          containerLabels: row.container_labels,
          entry: row.entry,
          dropShipCode: row.drop_ship_code,
          appointmentAt: row.appointment_at,
          reply: row.reply_kind !== null && row.reply_permit !== null ? { kind: row.reply_kind, permitNumber: row.reply_permit } : null,
          status: row.status,
          problems:
            row.problems_ct === null
              ? null
              : (await vault.decryptFor(trx, row.subject_id, location('problems_ct', row.id), row.problems_ct)).toString('utf8'),
          enteredBy: row.entered_by,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          disposeAfter: row.dispose_after,
        } satisfies Mailing),
      ),
    );
  }

  /** The mailing if this principal may read it, else MailingNotFound. */
  const visible = async (trx: Tx, principal: Principal, id: string) =>
    readableOr(principal, await selectMailing(trx, id), () => new MailingNotFound('no such mailing'));

  async function customerOf(trx: Tx, principal: Principal, customerId: string, ctx: AuditContext, now: Date) {
    const found = await customers.get(trx, principal, customerId, { reveal: [] }, ctx, now);
    if (!('customer' in found)) throw new MailingNotFound('no such customer');
    return found.customer;
  }

  async function listed(trx: Tx, principal: Principal, customerId: string, limit: number, ctx: AuditContext, now: Date) {
    const rows = (await selectMailingsOfCustomer(trx, customerId, limit)).filter((r) => can(principal, 'record.read', scopeOf(r)));
    const result = await read(trx, rows);
    await auditRecord(trx, principal, ctx, now, 'search', businessMailingRecordType, null, [customerId], {
      step: 'mailings_of_customer',
      results: rows.length,
    });
    return result;
  }

  return {
    async create(trx, principal, customerId, input, ctx, now) {
      const checked = checkMailing(input, now, timeZone);
      const customer = await customerOf(trx, principal, customerId, ctx, now);
      const owner = { subject_id: customer.id, business_area: customer.businessArea };
      authorize(principal, 'record.create', scopeOf(owner));
      if (customer.kind !== 'organisation') throw new MailingConflict('mailings are entered for organisation customers (business mailers)');
      if (await selectMailingRefTaken(trx, customer.id, checked.mailingId))
        throw new InvalidMailingField('mailingId', 'is the id of another mailing of this customer');

      const id = randomUUID();
      const recordType = mailingRecordType(checked.entry);
      await insertMailing(trx, {
        id,
        subject_id: owner.subject_id,
        customer_id: customer.id,
        business_area: owner.business_area,
        record_type: recordType,
        mailing_ref: checked.mailingId,
        mailer_id: checked.mailerId,
        serial_first: checked.serialFirst,
        serial_last: checked.serialLast,
        postage_statement: checked.postageStatement,
        mailing_date: checked.mailingDate,
        mail_class: checked.mailClass,
        processing_category: checked.processingCategory,
        price_category: checked.priceCategory,
        presort_level: checked.presortLevel,
        piece_count: checked.pieceCount,
        weight_grams: checked.weightGrams,
        postage_cents: checked.postageCents,
        permit_number: checked.permitNumber,
        permit_type: checked.permitType,
        container_labels: [...checked.containerLabels],
        entry: checked.entry,
        drop_ship_code: checked.dropShipCode,
        appointment_at: checked.appointmentAt === null ? null : new Date(checked.appointmentAt),
        reply_kind: checked.reply?.kind ?? null,
        reply_permit: checked.reply?.permitNumber ?? null,
        status: 'scheduled',
        problems_ct:
          checked.problems === null ? null : await vault.encryptFor(trx, owner.subject_id, location('problems_ct', id), checked.problems),
        entered_by: actorOf(principal),
        created_at: now,
        updated_at: now,
        // A drop ship record is kept 2 years from its creation; a business mailing record 4 years
        // after the relationship ends, which is unknown while it lasts (null).
        dispose_after: disposeAfter(getRecordType(recordType).retention, { createdAt: now }, { timeZone }),
      });
      await auditRecord(trx, principal, ctx, now, 'create', recordType, id, [owner.subject_id], {
        mail_class: checked.mailClass,
        entry: checked.entry,
        pieces: checked.pieceCount,
        problems: checked.problems !== null,
      });
      return (await read(trx, [(await selectMailing(trx, id))!]))[0]!;
    },

    async get(trx, principal, id, ctx, now) {
      const row = await visible(trx, principal, id);
      const [mailing] = await read(trx, [row]);
      await auditRecord(trx, principal, ctx, now, 'read', row.record_type, id, [row.subject_id]);
      return mailing!;
    },

    async ofCustomer(trx, principal, customerId, limit, ctx, now) {
      await customerOf(trx, principal, customerId, ctx, now);
      return listed(trx, principal, customerId, limit, ctx, now);
    },

    async mine(trx, principal, limit, ctx, now) {
      return listed(trx, principal, principal.subjectId, limit, ctx, now);
    },

    async update(trx, principal, id, input, ctx, now) {
      const row = await visible(trx, principal, id);
      authorize(principal, 'record.update', scopeOf(row));
      const changes: { status?: MailingStatus; problems_ct?: Buffer | null; updated_at: Date } = { updated_at: now };
      if (input.status !== undefined) {
        if (!(mailingStatuses as readonly string[]).includes(input.status))
          throw new InvalidMailingField('status', `must be one of ${mailingStatuses.join(', ')}`);
        if (input.status !== row.status && !nextStatuses[row.status].includes(input.status))
          throw new MailingConflict(`a ${row.status} mailing cannot become ${input.status}`);
        changes.status = input.status;
      }
      if (input.problems !== undefined) {
        const problems = checkProblems(input.problems);
        changes.problems_ct = problems === null ? null : await vault.encryptFor(trx, row.subject_id, location('problems_ct', id), problems);
      }
      await updateMailing(trx, id, changes);
      await auditRecord(trx, principal, ctx, now, 'update', row.record_type, id, [row.subject_id], {
        fields: [...(input.status !== undefined ? ['status'] : []), ...(input.problems !== undefined ? ['problems'] : [])],
        ...(changes.status !== undefined ? { status: changes.status } : {}),
      });
      return (await read(trx, [(await selectMailing(trx, id))!]))[0]!;
    },

    async performance(trx, principal, id, ctx, now) {
      const row = await visible(trx, principal, id);
      const window = performanceWindow(row.mailing_date, now);
      const tracked = row.serial_first !== null;
      const groups = tracked ? await selectPerformance(trx, id, window.from, window.to) : [];
      const performance = summarisePerformance(id, tracked, row.piece_count, groups, window);
      await auditRecord(trx, principal, ctx, now, 'read', row.record_type, id, [row.subject_id], {
        step: 'mailing_performance',
        pieces_seen: performance.piecesSeen,
      });
      return carrying(row.subject_id, performance);
    },
  };
}
