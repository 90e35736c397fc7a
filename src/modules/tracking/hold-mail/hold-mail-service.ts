import { randomUUID } from 'node:crypto';
import { AccessDenied, actorOf, authorize, can, carrying, type AuditContext } from '../../../access/index.ts';
import { agencyTimeZone, disposeAfter, getRecordType } from '../../../catalog/index.ts';
import type { Vault } from '../../../crypto/index.ts';
import type { CustomerPrincipal, Principal, Tx } from '../../../db/index.ts';
import type { CustomerService, NormalisedAddress } from '../../customers/index.ts';
import {
  addressInputOf,
  checkReviewReason,
  storeVerification,
  type ReviewInput,
  type ScreeningReason,
} from '../change-of-address/index.ts';
import { parseIsoDate } from '../check-fields.ts';
import { auditRecord, columnsOf, isoDay, readableOr, scopeOf, TrackingConflict, TrackingNotFound } from '../tracking-records.ts';
import { checkHoldMail, InvalidHoldMailField } from './check-hold-mail.ts';
import type {
  HeldDelivery,
  HoldMail,
  HoldMailPhase,
  HoldMailStatus,
  HoldScreeningOutcome,
  NewHoldMail,
  NewOwnHoldMail,
} from './hold-mail.ts';
import { holdMailWindows } from './hold-mail-rules.ts';
import {
  insertHoldMail,
  selectHoldMail,
  selectHoldReviewQueue,
  selectHoldScreeningCounts,
  selectHoldsOfCustomer,
  selectHoldsOnDay,
  updateHoldCancelled,
  updateHoldDecision,
  type HoldMailRow,
  type HoldMailWithVerification,
} from './hold-mail-repository.ts';
import { screenHoldMail } from './screen-hold-mail.ts';

/** A hold or customer this principal may not see, or that does not exist: both look alike. */
export class HoldMailNotFound extends TrackingNotFound {}

/** The hold is not in a state that allows what was asked (cancelling one that ended, deciding one no longer held). */
export class HoldMailConflict extends TrackingConflict {}

export interface HoldMailService {
  /** Enters a hold for the customer with its identity verification, screens it for fraud and stores both. */
  request(trx: Tx, principal: Principal, customerId: string, input: NewHoldMail, ctx: AuditContext, now: Date): Promise<HoldMail>;
  /**
   * The signed-in customer's own hold at one of the addresses of their record, under the name on
   * it; their identity is the portal account's, linked to the record by a code mailed to it.
   */
  requestOwn(trx: Tx, principal: CustomerPrincipal, input: NewOwnHoldMail, ctx: AuditContext, now: Date): Promise<HoldMail>;
  get(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<HoldMail>;
  /** The customer's holds, newest first. */
  ofCustomer(trx: Tx, principal: Principal, customerId: string, limit: number, ctx: AuditContext, now: Date): Promise<HoldMail[]>;
  /** Withdraws a hold that has not ended: before it begins it never holds; once begun it ends today. */
  cancel(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<HoldMail>;
  /** Holds the screen held for review, oldest first, in the areas the reviewer works in. Needs fraud.review. */
  reviewQueue(trx: Tx, principal: Principal, limit: number, ctx: AuditContext, now: Date): Promise<HoldMail[]>;
  /** Approves (it is then scheduled) or denies a held hold; the reason is required. Needs fraud.review. */
  decide(trx: Tx, principal: Principal, id: string, input: ReviewInput, ctx: AuditContext, now: Date): Promise<HoldMail>;
  /** The holds a ZIP Code's carriers keep on `day` ('YYYY-MM-DD'), with the addresses: staff only, audited as a search. */
  deliveryUnitList(trx: Tx, principal: Principal, zip5: string, day: string, ctx: AuditContext, now: Date): Promise<HeldDelivery[]>;
}

export interface HoldMailServiceOptions {
  /**
   * The Change of Address screen's keyed digest (the same purpose key): a hold's address digest
   * then equals the old-address digest of a change of address away from it.
   */
  readonly digest: (value: string) => Buffer;
  /** The agency's IANA time zone: "today" for dates and retention. */
  readonly timeZone?: string;
}

/** seed 001_517806a0da56fdcf.txt: "Records related to ... hold mail services are retained for up to 1 year." */
export const holdMailRecordType = 'usps-820/hold-mail';

/** What the portal records as the verifier of a hold a signed-in customer asks for. */
export const portalVerifier = 'portal';

/** The most lines a delivery unit's list holds: a ZIP Code's holds of one day are far fewer. */
export const deliveryListLimit = 2000;

const zip5Pattern = /^[0-9]{5}$/;

const location = columnsOf('hold_mail_requests');

function statusOf(outcome: HoldScreeningOutcome): HoldMailStatus {
  return outcome === 'pass' ? 'scheduled' : outcome === 'review' ? 'in_review' : 'refused';
}

/** Where a scheduled hold stands on `today`; the dates compare as 'YYYY-MM-DD' strings. */
export function phaseOf(row: Pick<HoldMailRow, 'status' | 'begin_on' | 'ends_on'>, today: string): HoldMailPhase | null {
  if (row.status !== 'scheduled') return null;
  return today < row.begin_on ? 'upcoming' : today <= row.ends_on ? 'active' : 'ended';
}

/**
 * The address as the Change of Address screen digests it (change-of-address-service.ts
 * addressKey): the normalised delivery line at its 5-digit ZIP Code. The two must agree,
 * or no hold would ever match a move; test/http-hold-mail.test.ts holds them to it.
 */
function addressDigestInput(address: Pick<NormalisedAddress, 'deliveryLine' | 'zip5'>): string {
  return `address:${address.deliveryLine}|${address.zip5}`;
}

export function createHoldMailService(vault: Vault, customers: CustomerService, options: HoldMailServiceOptions): HoldMailService {
  const timeZone = options.timeZone ?? agencyTimeZone;
  const open = async (trx: Tx, row: HoldMailRow, column: string, value: Uint8Array) =>
    (await vault.decryptFor(trx, row.subject_id, location(column, row.id), value)).toString('utf8');

  /** Rows as holds, each marked with its own subject for the portal's egress guard. */
  async function read(trx: Tx, rows: readonly HoldMailWithVerification[], now: Date): Promise<HoldMail[]> {
    await vault.preloadKeys(
      trx,
      rows.map((r) => r.subject_id),
    );
    const today = isoDay(now, timeZone);
    return Promise.all(
      rows.map(async (row) =>
        carrying<HoldMail>(row.subject_id, {
          id: row.id,
          customerId: row.customer_id ?? row.subject_id,
          businessArea: row.business_area,
          name: await open(trx, row, 'name_ct', row.name_ct),
          beginDate: row.begin_on,
          endDate: row.ends_on,
          address: JSON.parse(await open(trx, row, 'address_ct', row.address_ct)) as NormalisedAddress,
          endAction: row.end_action,
          instructions: row.instructions_ct === null ? null : await open(trx, row, 'instructions_ct', row.instructions_ct),
          verification:
            row.verification_id !== null && row.v_method !== null
              ? {
                  id: row.verification_id,
                  method: row.v_method,
                  outcome: row.v_outcome!,
                  verifiedBy: row.v_verified_by!,
                  verifiedAt: row.v_verified_at!,
                  disposeAfter: row.v_dispose_after!,
                }
              : null,
          screening: { score: row.risk_score, outcome: row.screening, reasons: row.reasons as ScreeningReason[] },
          status: row.status,
          phase: phaseOf(row, today),
          review:
            row.decision !== null
              ? {
                  decision: row.decision,
                  reason: await open(trx, row, 'decision_reason_ct', row.decision_reason_ct!),
                  decidedBy: row.decided_by!,
                  decidedAt: row.decided_at!,
                }
              : null,
          enteredBy: row.entered_by,
          createdAt: row.created_at,
          cancelledAt: row.cancelled_at,
          cancelledBy: row.cancelled_by,
          disposeAfter: row.dispose_after,
        }),
      ),
    );
  }

  /** The hold if this principal may read it, else HoldMailNotFound. */
  const visible = async (trx: Tx, principal: Principal, id: string) =>
    readableOr(principal, await selectHoldMail(trx, id), () => new HoldMailNotFound('no such hold'));

  async function reread(trx: Tx, id: string, now: Date): Promise<HoldMail> {
    const [result] = await read(trx, [(await selectHoldMail(trx, id))!], now);
    return result!;
  }

  const service: HoldMailService = {
    async request(trx, principal, customerId, input, ctx, now) {
      const checked = checkHoldMail(input, now, timeZone);
      const found = await customers.get(trx, principal, customerId, { reveal: [] }, ctx, now);
      if (!('customer' in found)) throw new HoldMailNotFound('no such customer');
      const customer = found.customer;
      const owner = { subject_id: customer.id, business_area: customer.businessArea };
      authorize(principal, 'record.create', scopeOf(owner));

      const addressKey = options.digest(addressDigestInput(checked.address));
      const addressOfRecord = customer.values.some(
        (v) =>
          v.field === 'mailing_address' &&
          typeof v.value === 'object' &&
          v.value.deliveryLine === checked.address.deliveryLine &&
          v.value.zip5 === checked.address.zip5,
      );
      const counts = await selectHoldScreeningCounts(trx, { customerId: customer.id, addressKey, at: now, ...holdMailWindows });
      const screening = screenHoldMail({
        verificationOutcome: checked.verification.outcome,
        addressOfRecord,
        movedAway: counts.movedAway,
        otherHolds: counts.otherHolds,
      });

      const v = checked.verification;
      const verificationId = await storeVerification(trx, principal, customer, 'hold_mail', v, ctx, now, timeZone);

      const id = randomUUID();
      const status = statusOf(screening.outcome);
      await insertHoldMail(trx, {
        id,
        subject_id: owner.subject_id,
        customer_id: customer.id,
        business_area: owner.business_area,
        begin_on: checked.beginDate,
        ends_on: checked.endDate,
        name_ct: await vault.encryptFor(trx, owner.subject_id, location('name_ct', id), checked.name),
        address_ct: await vault.encryptFor(trx, owner.subject_id, location('address_ct', id), JSON.stringify(checked.address)),
        address_key: addressKey,
        zip5: checked.address.zip5,
        end_action: checked.endAction,
        instructions_ct:
          checked.instructions === null
            ? null
            : await vault.encryptFor(trx, owner.subject_id, location('instructions_ct', id), checked.instructions),
        verification_id: verificationId,
        risk_score: screening.score,
        screening: screening.outcome,
        reasons: JSON.stringify(screening.reasons),
        status,
        decision: null,
        decision_reason_ct: null,
        decided_by: null,
        decided_at: null,
        entered_by: actorOf(principal),
        created_at: now,
        cancelled_at: null,
        cancelled_by: null,
        dispose_after: disposeAfter(getRecordType(holdMailRecordType).retention, { createdAt: now }, { timeZone })!,
      });
      await auditRecord(trx, principal, ctx, now, 'create', holdMailRecordType, id, [owner.subject_id], {
        verification_id: verificationId,
        end_action: checked.endAction,
        screening: screening.outcome,
        risk_score: screening.score,
        rules: screening.reasons.map((r) => r.rule),
        status,
      });
      return reread(trx, id, now);
    },

    async requestOwn(trx, principal, input, ctx, now) {
      const found = await customers.get(trx, principal, principal.subjectId, { reveal: [] }, ctx, now);
      if (!('customer' in found)) throw new HoldMailNotFound('no such customer');
      const customer = found.customer;
      const value = customer.values.find((v) => v.id === input.addressId && v.field === 'mailing_address');
      if (!value || typeof value.value !== 'object') throw new InvalidHoldMailField('addressId', 'is not an address of your record');
      return service.request(
        trx,
        principal,
        customer.id,
        {
          name: customer.name,
          beginDate: input.beginDate,
          endDate: input.endDate,
          address: addressInputOf(value.value),
          endAction: input.endAction,
          instructions: input.instructions ?? null,
          verification: { method: 'portal_account', outcome: 'passed', verifiedBy: portalVerifier, verifiedAt: now },
        },
        ctx,
        now,
      );
    },

    async get(trx, principal, id, ctx, now) {
      const row = await visible(trx, principal, id);
      const [result] = await read(trx, [row], now);
      await auditRecord(trx, principal, ctx, now, 'read', holdMailRecordType, id, [row.subject_id]);
      return result!;
    },

    async ofCustomer(trx, principal, customerId, limit, ctx, now) {
      const found = await customers.get(trx, principal, customerId, { reveal: [] }, ctx, now);
      if (!('customer' in found)) throw new HoldMailNotFound('no such customer');
      const rows = (await selectHoldsOfCustomer(trx, customerId, limit)).filter((r) => can(principal, 'record.read', scopeOf(r)));
      const result = await read(trx, rows, now);
      await auditRecord(trx, principal, ctx, now, 'search', holdMailRecordType, null, [...new Set(rows.map((r) => r.subject_id))], {
        customer_holds: result.length,
      });
      return result;
    },

    async cancel(trx, principal, id, ctx, now) {
      const row = await visible(trx, principal, id);
      authorize(principal, 'record.update', scopeOf(row));
      const today = isoDay(now, timeZone);
      if (row.status === 'refused') throw new HoldMailConflict('a refused hold holds nothing to cancel');
      if (row.status === 'cancelled' || row.cancelled_at !== null) throw new HoldMailConflict('the hold is cancelled already');
      if (row.status === 'scheduled' && row.ends_on < today) throw new HoldMailConflict('the hold has ended');
      // Begun: the mail held so far is delivered or collected as asked, from today.
      const begun = row.status === 'scheduled' && row.begin_on <= today;
      const change = begun
        ? { status: 'scheduled' as const, ends_on: today, cancelled_at: now, cancelled_by: actorOf(principal) }
        : { status: 'cancelled' as const, ends_on: row.ends_on, cancelled_at: now, cancelled_by: actorOf(principal) };
      if (!(await updateHoldCancelled(trx, id, row, change))) throw new HoldMailConflict('the hold changed meanwhile; read it again');
      await auditRecord(trx, principal, ctx, now, 'update', holdMailRecordType, id, [row.subject_id], {
        cancelled: true,
        from_status: row.status,
        to_status: change.status,
        ended_early: begun,
      });
      return reread(trx, id, now);
    },

    async reviewQueue(trx, principal, limit, ctx, now) {
      authorize(principal, 'fraud.review');
      const rows = (await selectHoldReviewQueue(trx, limit)).filter((r) => can(principal, 'record.read', scopeOf(r)));
      const result = await read(trx, rows, now);
      await auditRecord(trx, principal, ctx, now, 'search', holdMailRecordType, null, [...new Set(rows.map((r) => r.subject_id))], {
        review_queue: result.length,
      });
      return result;
    },

    async decide(trx, principal, id, input, ctx, now) {
      authorize(principal, 'fraud.review');
      const reason = checkReviewReason(InvalidHoldMailField, input);
      const row = await visible(trx, principal, id);
      authorize(principal, 'record.update', scopeOf(row));
      if (row.status !== 'in_review') throw new HoldMailConflict('the hold is not held for review');
      if (input.decision === 'approve' && row.ends_on < isoDay(now, timeZone))
        throw new HoldMailConflict('the hold’s dates have passed: it can only be denied');
      const status = input.decision === 'approve' ? 'scheduled' : 'refused';
      const updated = await updateHoldDecision(trx, id, {
        status,
        decision: input.decision,
        decision_reason_ct: await vault.encryptFor(trx, row.subject_id, location('decision_reason_ct', id), reason),
        decided_by: actorOf(principal),
        decided_at: now,
      });
      if (!updated) throw new HoldMailConflict('the hold is not held for review');
      await auditRecord(trx, principal, ctx, now, 'update', holdMailRecordType, id, [row.subject_id], {
        review_decision: input.decision,
        from_status: row.status,
        to_status: status,
        risk_score: row.risk_score,
      });
      return reread(trx, id, now);
    },

    async deliveryUnitList(trx, principal, zip5, day, ctx, now) {
      // A delivery unit's list names many customers: it is for staff, never for a customer.
      if (principal.kind === 'customer') throw new AccessDenied('record.read');
      if (!zip5Pattern.test(zip5)) throw new InvalidHoldMailField('zip', 'must be a 5-digit ZIP Code');
      parseIsoDate(InvalidHoldMailField, 'date', day);
      const rows = (await selectHoldsOnDay(trx, zip5, day, deliveryListLimit)).filter((r) => can(principal, 'record.read', scopeOf(r)));
      await vault.preloadKeys(
        trx,
        rows.map((r) => r.subject_id),
      );
      const list = await Promise.all(
        rows.map(async (row) =>
          carrying<HeldDelivery>(row.subject_id, {
            id: row.id,
            name: await open(trx, row, 'name_ct', row.name_ct),
            address: JSON.parse(await open(trx, row, 'address_ct', row.address_ct)) as NormalisedAddress,
            beginDate: row.begin_on,
            endDate: row.ends_on,
            endAction: row.end_action,
            instructions: row.instructions_ct === null ? null : await open(trx, row, 'instructions_ct', row.instructions_ct),
          }),
        ),
      );
      await auditRecord(trx, principal, ctx, now, 'search', holdMailRecordType, null, [...new Set(rows.map((r) => r.subject_id))], {
        delivery_unit_list: list.length,
        zip5,
        day,
      });
      return list;
    },
  };
  return service;
}
