import { randomUUID } from 'node:crypto';
import { AccessDenied, actorOf, authorize, can, carrying, type AuditContext } from '../../../access/index.ts';
import { agencyTimeZone, disposeAfter, getRecordType } from '../../../catalog/index.ts';
import type { Vault } from '../../../crypto/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import type { Customer, CustomerService, NormalisedAddress } from '../../customers/index.ts';
import { auditRecord, columnsOf, readableOr, scopeOf, TrackingConflict, TrackingNotFound } from '../tracking-records.ts';
import { checkPickup, checkPreferences, checkRedelivery, InvalidDeliveryField } from './check-delivery-request.ts';
import type {
  DeliveryDay,
  DeliveryPreferences,
  DeliveryPreferencesInput,
  DeliveryRequest,
  DeliveryRequestKind,
  NewPickup,
  NewRedelivery,
} from './delivery-services.ts';
import {
  insertDeliveryRequest,
  insertPreferences,
  selectCustomersByPickupNumber,
  selectDeliveryRequest,
  selectPreferences,
  selectRequestsOfCustomer,
  updatePreferences,
  updateStatus,
  type DeliveryRequestRow,
} from './delivery-services-repository.ts';
import { checkPickupNumber, newPickupNumber } from './pickup-number.ts';

/** A request or customer this principal may not see, or that does not exist: both look alike. */
export class DeliveryRequestNotFound extends TrackingNotFound {}

/** The request is no longer requested (cancelled or completed already), so it cannot be cancelled or completed. */
export class DeliveryRequestConflict extends TrackingConflict {}

/** seed 001_517806a0da56fdcf.txt, category 5 "Customer preference data: … redelivery date, delivery options, shipping and pickup preferences". */
export const deliveryRequestRecordType = 'usps-820/delivery-request';
/**
 * Standing preferences are part of the customer's mail management account (the same record
 * type as a change of address: "comments and instructions, … preferred delivery dates, and
 * preferred means of contact"); the drop-ship codes among them are the mailer's settings,
 * not the per-mailing drop ship records (usps-820/drop-ship) that are kept 2 years.
 */
export const deliveryPreferencesRecordType = 'usps-820/customer-account';

export interface DeliveryServices {
  requestRedelivery(
    trx: Tx,
    principal: Principal,
    customerId: string,
    input: NewRedelivery,
    ctx: AuditContext,
    now: Date,
  ): Promise<DeliveryRequest>;
  schedulePickup(
    trx: Tx,
    principal: Principal,
    customerId: string,
    input: NewPickup,
    ctx: AuditContext,
    now: Date,
  ): Promise<DeliveryRequest>;
  /** The customer's requests of a kind (null: both), newest first. */
  ofCustomer(
    trx: Tx,
    principal: Principal,
    customerId: string,
    kind: DeliveryRequestKind | null,
    limit: number,
    ctx: AuditContext,
    now: Date,
  ): Promise<DeliveryRequest[]>;
  get(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<DeliveryRequest>;
  /** The customer or an agent calls it off; only a request still requested. */
  cancel(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<DeliveryRequest>;
  /** Staff record that the carrier redelivered or picked up. */
  complete(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<DeliveryRequest>;
  preferences(trx: Tx, principal: Principal, customerId: string, ctx: AuditContext, now: Date): Promise<DeliveryPreferences>;
  /** Replaces the customer's preferences with these. */
  setPreferences(
    trx: Tx,
    principal: Principal,
    customerId: string,
    input: DeliveryPreferencesInput,
    ctx: AuditContext,
    now: Date,
  ): Promise<DeliveryPreferences>;
  /** The customers with a pickup of this confirmation number, for the find-customer box; the finder checks who may read them. */
  customersByPickupNumber(trx: Tx, number: string): Promise<string[]>;
}

export interface DeliveryServicesOptions {
  /** The agency's IANA time zone: "today" for dates and retention. */
  readonly timeZone?: string;
}

const pickupNumberAttempts = 5;

const requestColumn = columnsOf('delivery_requests');
const preferencesColumn = columnsOf('delivery_preferences');

/** The customer's primary mailing address of record (any, failing a primary), or null when there is none. */
function addressOfRecord(customer: Customer): NormalisedAddress | null {
  const addresses = customer.values.filter((v) => v.field === 'mailing_address' && typeof v.value !== 'string');
  const chosen = addresses.find((v) => v.primary) ?? addresses[0];
  return chosen ? (chosen.value as NormalisedAddress) : null;
}

export function createDeliveryServices(vault: Vault, customers: CustomerService, options: DeliveryServicesOptions = {}): DeliveryServices {
  const timeZone = options.timeZone ?? agencyTimeZone;

  async function customerOf(trx: Tx, principal: Principal, customerId: string, ctx: AuditContext, now: Date): Promise<Customer> {
    const found = await customers.get(trx, principal, customerId, { reveal: [] }, ctx, now);
    if (!('customer' in found)) throw new DeliveryRequestNotFound('no such customer');
    return found.customer;
  }

  async function read(trx: Tx, rows: readonly DeliveryRequestRow[]): Promise<DeliveryRequest[]> {
    await vault.preloadKeys(
      trx,
      rows.map((r) => r.subject_id),
    );
    const open = async (row: DeliveryRequestRow, column: string, value: Uint8Array) =>
      (await vault.decryptFor(trx, row.subject_id, requestColumn(column, row.id), value)).toString('utf8');
    return Promise.all(
      rows.map(async (row) =>
        // Marked with the row's own subject, for the portal's egress guard.
        carrying(row.subject_id, {
          id: row.id,
          customerId: row.customer_id ?? row.subject_id,
          businessArea: row.business_area,
          kind: row.kind,
          articleNumbers: row.article_numbers,
          address: JSON.parse(await open(row, 'address_ct', row.address_ct)) as NormalisedAddress,
          date: row.requested_on,
          option: row.redelivery_option,
          pickupNumber: row.pickup_number,
          packageCount: row.package_count,
          totalWeightLb: row.total_weight_lb,
          location: row.location,
          instructions: row.instructions_ct === null ? null : await open(row, 'instructions_ct', row.instructions_ct),
          status: row.status,
          statusBy: row.status_by,
          statusAt: row.status_at,
          enteredBy: row.entered_by,
          createdAt: row.created_at,
          disposeAfter: row.dispose_after,
        } satisfies DeliveryRequest),
      ),
    );
  }

  /** The request if this principal may read it, else DeliveryRequestNotFound. */
  const visible = async (trx: Tx, principal: Principal, id: string) =>
    readableOr(principal, await selectDeliveryRequest(trx, id), () => new DeliveryRequestNotFound('no such delivery request'));

  /** Stores a new request of the customer (encrypting its address and instructions), drawing pickup numbers until one is free. */
  async function store(
    trx: Tx,
    principal: Principal,
    customer: Customer,
    request: {
      kind: DeliveryRequestKind;
      articleNumbers: readonly string[];
      address: NormalisedAddress | null;
      date: string;
      option: DeliveryRequest['option'];
      packageCount: number | null;
      totalWeightLb: number | null;
      location: DeliveryRequest['location'];
      instructions: string | null;
    },
    ctx: AuditContext,
    now: Date,
  ): Promise<DeliveryRequest> {
    const owner = { subject_id: customer.id, business_area: customer.businessArea };
    authorize(principal, 'record.create', scopeOf(owner));
    const address = request.address ?? addressOfRecord(customer);
    if (address === null) throw new InvalidDeliveryField('address', 'is required: the customer has no mailing address of record');
    const id = randomUUID();
    const row = {
      id,
      subject_id: owner.subject_id,
      customer_id: customer.id,
      business_area: owner.business_area,
      kind: request.kind,
      article_numbers: [...request.articleNumbers],
      address_ct: await vault.encryptFor(trx, owner.subject_id, requestColumn('address_ct', id), JSON.stringify(address)),
      requested_on: request.date,
      redelivery_option: request.option,
      package_count: request.packageCount,
      total_weight_lb: request.totalWeightLb,
      location: request.location,
      instructions_ct:
        request.instructions === null
          ? null
          : await vault.encryptFor(trx, owner.subject_id, requestColumn('instructions_ct', id), request.instructions),
      status: 'requested' as const,
      status_by: null,
      status_at: null,
      entered_by: actorOf(principal),
      created_at: now,
      // From the end of the customer relationship: unknown while it lasts (seed 001: "Other
      // records are retained 4 years after the relationship ends.").
      dispose_after: disposeAfter(getRecordType(deliveryRequestRecordType).retention, { createdAt: now }, { timeZone }),
    };
    let stored = false;
    for (let attempt = 0; !stored && attempt < pickupNumberAttempts; attempt++)
      stored = await insertDeliveryRequest(trx, { ...row, pickup_number: request.kind === 'pickup' ? newPickupNumber() : null });
    if (!stored) throw new Error('no free pickup number after several draws');
    await auditRecord(trx, principal, ctx, now, 'create', deliveryRequestRecordType, id, [owner.subject_id], {
      kind: request.kind,
      option: request.option,
      article_numbers: request.articleNumbers.length,
      package_count: request.packageCount,
      address_of_record: request.address === null,
    });
    return (await read(trx, [(await selectDeliveryRequest(trx, id))!]))[0]!;
  }

  async function changeStatus(
    trx: Tx,
    principal: Principal,
    id: string,
    status: 'cancelled' | 'completed',
    ctx: AuditContext,
    now: Date,
  ): Promise<DeliveryRequest> {
    const row = await visible(trx, principal, id);
    authorize(principal, 'record.update', scopeOf(row));
    // The customer may call a request off; only the delivery unit's staff know it was done.
    if (status === 'completed' && principal.kind !== 'staff') throw new AccessDenied('record.update');
    if (!(await updateStatus(trx, id, { status, status_by: actorOf(principal), status_at: now })))
      throw new DeliveryRequestConflict(`the request is ${row.status} already`);
    await auditRecord(trx, principal, ctx, now, 'update', deliveryRequestRecordType, id, [row.subject_id], {
      kind: row.kind,
      from_status: row.status,
      to_status: status,
    });
    return (await read(trx, [(await selectDeliveryRequest(trx, id))!]))[0]!;
  }

  async function preferencesOf(trx: Tx, customer: Customer): Promise<{ view: DeliveryPreferences; rowId: string | null }> {
    const row = await selectPreferences(trx, customer.id);
    if (!row)
      return {
        rowId: null,
        view: carrying(customer.id, {
          customerId: customer.id,
          whenAbsent: null,
          deliveryDays: [],
          preferredContact: null,
          dropShipCodes: [],
          instructions: null,
          updatedBy: null,
          updatedAt: null,
        }),
      };
    const instructions =
      row.instructions_ct === null
        ? null
        : (await vault.decryptFor(trx, row.subject_id, preferencesColumn('instructions_ct', row.id), row.instructions_ct)).toString('utf8');
    return {
      rowId: row.id,
      view: carrying(row.subject_id, {
        customerId: customer.id,
        whenAbsent: row.when_absent,
        deliveryDays: row.delivery_days.map(Number) as DeliveryDay[],
        preferredContact: row.preferred_contact,
        dropShipCodes: row.drop_ship_codes,
        instructions,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }),
    };
  }

  return {
    async requestRedelivery(trx, principal, customerId, input, ctx, now) {
      const checked = checkRedelivery(input, now, timeZone);
      const customer = await customerOf(trx, principal, customerId, ctx, now);
      return store(trx, principal, customer, { kind: 'redelivery', ...checked, packageCount: null, totalWeightLb: null }, ctx, now);
    },

    async schedulePickup(trx, principal, customerId, input, ctx, now) {
      const checked = checkPickup(input, now, timeZone);
      const customer = await customerOf(trx, principal, customerId, ctx, now);
      return store(trx, principal, customer, { kind: 'pickup', ...checked, option: null }, ctx, now);
    },

    async ofCustomer(trx, principal, customerId, kind, limit, ctx, now) {
      await customerOf(trx, principal, customerId, ctx, now);
      const rows = (await selectRequestsOfCustomer(trx, customerId, kind, limit)).filter((r) => can(principal, 'record.read', scopeOf(r)));
      const result = await read(trx, rows);
      await auditRecord(trx, principal, ctx, now, 'search', deliveryRequestRecordType, null, [...new Set(rows.map((r) => r.subject_id))], {
        kind,
        customer_delivery_requests: result.length,
      });
      return result;
    },

    async get(trx, principal, id, ctx, now) {
      const row = await visible(trx, principal, id);
      const [result] = await read(trx, [row]);
      await auditRecord(trx, principal, ctx, now, 'read', deliveryRequestRecordType, id, [row.subject_id], { kind: row.kind });
      return result!;
    },

    cancel: (trx, principal, id, ctx, now) => changeStatus(trx, principal, id, 'cancelled', ctx, now),
    complete: (trx, principal, id, ctx, now) => changeStatus(trx, principal, id, 'completed', ctx, now),

    async preferences(trx, principal, customerId, ctx, now) {
      const customer = await customerOf(trx, principal, customerId, ctx, now);
      authorize(principal, 'record.read', { subjectId: customer.id, businessArea: customer.businessArea });
      const { view, rowId } = await preferencesOf(trx, customer);
      await auditRecord(trx, principal, ctx, now, 'read', deliveryPreferencesRecordType, rowId, [customer.id], {
        delivery_preferences: rowId !== null,
      });
      return view;
    },

    async setPreferences(trx, principal, customerId, input, ctx, now) {
      const checked = checkPreferences(input);
      const customer = await customerOf(trx, principal, customerId, ctx, now);
      const owner = { subject_id: customer.id, business_area: customer.businessArea };
      const existing = await selectPreferences(trx, customer.id);
      authorize(principal, existing ? 'record.update' : 'record.create', scopeOf(existing ?? owner));
      const id = existing?.id ?? randomUUID();
      const subjectId = existing?.subject_id ?? owner.subject_id;
      const values = {
        when_absent: checked.whenAbsent,
        delivery_days: [...checked.deliveryDays],
        preferred_contact: checked.preferredContact,
        drop_ship_codes: [...checked.dropShipCodes],
        instructions_ct:
          checked.instructions === null
            ? null
            : await vault.encryptFor(trx, subjectId, preferencesColumn('instructions_ct', id), checked.instructions),
        updated_by: actorOf(principal),
        updated_at: now,
      };
      if (existing) await updatePreferences(trx, id, values);
      else
        await insertPreferences(trx, {
          id,
          ...owner,
          customer_id: customer.id,
          ...values,
          dispose_after: disposeAfter(getRecordType(deliveryPreferencesRecordType).retention, { createdAt: now }, { timeZone }),
        });
      await auditRecord(trx, principal, ctx, now, existing ? 'update' : 'create', deliveryPreferencesRecordType, id, [subjectId], {
        delivery_preferences: existing ? 'replaced' : 'set',
        when_absent: checked.whenAbsent,
        delivery_days: checked.deliveryDays.length,
        drop_ship_codes: checked.dropShipCodes.length,
      });
      return (await preferencesOf(trx, customer)).view;
    },

    async customersByPickupNumber(trx, number) {
      const compact = checkPickupNumber(number);
      return compact === null ? [] : selectCustomersByPickupNumber(trx, compact);
    },
  };
}
