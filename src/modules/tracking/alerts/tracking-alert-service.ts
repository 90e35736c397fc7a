import { randomUUID } from 'node:crypto';
import { actorOf, authorize, can, carrying, type AuditContext } from '../../../access/index.ts';
import { agencyTimeZone, disposeAfter, getRecordType } from '../../../catalog/index.ts';
import type { Vault } from '../../../crypto/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import type { CustomerService } from '../../customers/index.ts';
import { auditRecord, columnsOf, readableOr, scopeOf } from '../tracking-records.ts';
import { keepDays, trackingClasses, trackingEventKinds, type TrackingEventKind } from '../events/tracking-event.ts';
import { articlePiece, checkTrackingAlert } from './check-tracking-alert.ts';
import {
  insertSubscription,
  selectPieceHistory,
  selectSubscription,
  selectSubscriptionsOf,
  updateCancelled,
  type SubscriptionRow,
} from './tracking-alert-repository.ts';
import { TrackingAlertNotFound, type CellCarrier, type NewTrackingAlert, type PieceEvent, type TrackingAlert } from './tracking-alert.ts';

/**
 * seed 001_517806a0da56fdcf.txt, "Records related to ... Confirmation Services ... are retained for
 * up to 1 year": an alert subscription exists only to report a mailing's delivery status (purpose
 * 3), like the delivery notices of Confirmation Services, and ends with the piece's tracking. The
 * customer account (4 years after the relationship ends) would keep a contact given for one
 * package far longer than its use.
 */
export const trackingAlertRecordType = 'usps-820/confirmation-services';

/** A customer's subscriptions listed at once: more than anyone follows. */
export const maxListed = 200;

export interface TrackingAlertService {
  /** Subscribes the customer to a piece's events by e-mail or text; starts after the events already known. */
  subscribe(
    trx: Tx,
    principal: Principal,
    customerId: string,
    input: NewTrackingAlert,
    ctx: AuditContext,
    now: Date,
  ): Promise<TrackingAlert>;
  /** The customer's subscriptions, newest first, live or not. */
  ofCustomer(trx: Tx, principal: Principal, customerId: string, ctx: AuditContext, now: Date): Promise<TrackingAlert[]>;
  /** Stops a subscription; cancelling one already cancelled changes nothing. */
  cancel(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<TrackingAlert>;
  /** A package's events as its customer may see them (the portal's "Track a package"); the number is not audited. */
  pieceHistory(trx: Tx, principal: Principal, number: string, ctx: AuditContext, now: Date): Promise<PieceEvent[]>;
}

const location = columnsOf('tracking_subscriptions');

export function createTrackingAlertService(
  vault: Vault,
  customers: CustomerService,
  options: { readonly timeZone?: string } = {},
): TrackingAlertService {
  const timeZone = options.timeZone ?? agencyTimeZone;

  async function read(trx: Tx, rows: readonly SubscriptionRow[], now: Date): Promise<TrackingAlert[]> {
    await vault.preloadKeys(
      trx,
      rows.map((r) => r.subject_id),
    );
    return Promise.all(
      rows.map(async (row) => {
        const open = async (column: string, value: Uint8Array) =>
          (await vault.decryptFor(trx, row.subject_id, location(column, row.id), value)).toString('utf8');
        return carrying(row.subject_id, {
          id: row.id,
          customerId: row.customer_id ?? row.subject_id,
          class: row.class,
          piece: row.piece,
          channel: row.channel,
          address: await open('address_ct', row.address_ct),
          carrier: row.carrier_ct === null ? null : ((await open('carrier_ct', row.carrier_ct)) as CellCarrier),
          events: row.events,
          lastEventAt: row.last_event_at,
          alertsSent: row.alerts_sent,
          lastError: row.last_error,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          cancelledAt: row.cancelled_at,
          active: row.cancelled_at === null && row.expires_at > now,
        });
      }),
    );
  }

  async function customerOf(trx: Tx, principal: Principal, customerId: string, ctx: AuditContext, now: Date) {
    const found = await customers.get(trx, principal, customerId, { reveal: [] }, ctx, now);
    if (!('customer' in found)) throw new TrackingAlertNotFound('no such customer');
    return found.customer;
  }

  return {
    async subscribe(trx, principal, customerId, input, ctx, now) {
      const checked = checkTrackingAlert(input);
      const customer = await customerOf(trx, principal, customerId, ctx, now);
      const owner = { subject_id: customer.id, business_area: customer.businessArea };
      authorize(principal, 'record.create', scopeOf(owner));
      const known = await selectPieceHistory(trx, checked.class, [checked.piece]);
      const id = randomUUID();
      await insertSubscription(trx, {
        id,
        ...owner,
        customer_id: customer.id,
        class: checked.class,
        piece: checked.piece,
        channel: checked.channel,
        address_ct: await vault.encryptFor(trx, owner.subject_id, location('address_ct', id), checked.address),
        carrier_ct:
          checked.carrier === null ? null : await vault.encryptFor(trx, owner.subject_id, location('carrier_ct', id), checked.carrier),
        events: checked.events,
        // The customer has just seen these (or can): alerts start after them.
        alerted_events: known.map((e) => e.event_id),
        last_event_at: null,
        claimed_until: null,
        last_error: null,
        created_by: actorOf(principal),
        created_at: now,
        // No event of the piece is kept longer than its class's tracking retention.
        expires_at: new Date(now.getTime() + keepDays[checked.class] * 86_400_000),
        cancelled_at: null,
        dispose_after: disposeAfter(getRecordType(trackingAlertRecordType).retention, { createdAt: now }, { timeZone })!,
      });
      await auditRecord(trx, principal, ctx, now, 'create', trackingAlertRecordType, id, [owner.subject_id], {
        tracking_alert: 'subscribed',
        channel: checked.channel,
        events: checked.events,
        class: checked.class,
      });
      return (await read(trx, [(await selectSubscription(trx, id))!], now))[0]!;
    },

    async ofCustomer(trx, principal, customerId, ctx, now) {
      await customerOf(trx, principal, customerId, ctx, now);
      const rows = (await selectSubscriptionsOf(trx, customerId, maxListed)).filter((r) => can(principal, 'record.read', scopeOf(r)));
      const result = await read(trx, rows, now);
      await auditRecord(trx, principal, ctx, now, 'search', trackingAlertRecordType, null, [...new Set(rows.map((r) => r.subject_id))], {
        tracking_alerts: result.length,
      });
      return result;
    },

    async cancel(trx, principal, id, ctx, now) {
      const row = readableOr(principal, await selectSubscription(trx, id), () => new TrackingAlertNotFound('no such tracking alert'));
      authorize(principal, 'record.update', scopeOf(row));
      const cancelled = await updateCancelled(trx, id, now);
      if (cancelled)
        await auditRecord(trx, principal, ctx, now, 'update', trackingAlertRecordType, id, [row.subject_id], {
          tracking_alert: 'cancelled',
        });
      return (await read(trx, [(await selectSubscription(trx, id))!], now))[0]!;
    },

    async pieceHistory(trx, principal, number, ctx, now) {
      const piece = articlePiece(number);
      const rows = await selectPieceHistory(trx, piece.class, [piece.piece]);
      await auditRecord(trx, principal, ctx, now, 'read', trackingClasses.package, null, [], {
        step: 'tracking_lookup',
        by: 'article',
        events: rows.length,
      });
      return rows.map((r) => ({
        event: r.event as TrackingEventKind,
        description: trackingEventKinds[r.event as TrackingEventKind] ?? r.event,
        at: r.event_at,
        facilityZip: r.facility_zip,
      }));
    },
  };
}
