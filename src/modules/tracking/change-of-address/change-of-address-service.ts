import { randomUUID } from 'node:crypto';
import { actorOf, authorize, can, carrying, type AuditContext } from '../../../access/index.ts';
import { agencyTimeZone, disposeAfter, getRecordType } from '../../../catalog/index.ts';
import type { Vault } from '../../../crypto/index.ts';
import type { CustomerPrincipal, Principal, Tx } from '../../../db/index.ts';
import {
  AddressError,
  normaliseAddress,
  type AddressInput,
  type Customer,
  type CustomerService,
  type NormalisedAddress,
} from '../../customers/index.ts';
import { renderMoveConfirmationLetter, renderMoveValidationLetter, type Letterhead } from '../../letters/index.ts';
import { auditRecord, columnsOf, isoDay, readableOr, scopeOf, TrackingConflict, TrackingNotFound } from '../tracking-records.ts';
import type {
  ChangeOfAddress,
  ChangeOfAddressStatus,
  MoveDuration,
  MoveType,
  NewChangeOfAddress,
  RequestOrigin,
  Screening,
  ScreeningOutcome,
  ScreeningReason,
} from './change-of-address.ts';
import {
  checkChangeOfAddress,
  checkReviewReason,
  InvalidChangeOfAddressField,
  type CheckedChangeOfAddress,
  type CheckedVerification,
} from './check-change-of-address.ts';
import { velocityWindows } from './fraud-rules.ts';
import { cmraKey, forwardingDestination } from './forwarding-destination.ts';
import { namesMatch } from './names-match.ts';
import {
  deleteCmraAddress,
  insertChangeOfAddress,
  insertCmraAddress,
  insertVerification,
  selectChangeOfAddress,
  selectChangesOfCustomer,
  selectCmraAddresses,
  selectReviewQueue,
  selectScreeningCounts,
  updateDecision,
  type ChangeOfAddressWithVerification,
} from './change-of-address-repository.ts';
import { screenChangeOfAddress } from './screen-change-of-address.ts';

/** A request or customer this principal may not see, or that does not exist: both look alike. */
export class ChangeOfAddressNotFound extends TrackingNotFound {}

/** The request is not in a state that allows what was asked (a decision on one no longer held, a letter for a refused one). */
export class ChangeOfAddressConflict extends TrackingConflict {}

/** A listed CMRA address, as the administrator entered it (Publication 28 form). */
export interface CmraAddress {
  readonly id: string;
  readonly streetLine: string;
  readonly city: string;
  readonly state: string;
  readonly zip5: string;
  readonly addedBy: string;
  readonly addedAt: Date;
}

export interface ReviewInput {
  readonly decision: 'approve' | 'deny';
  readonly reason: string;
}

/** One of the customer's addresses of record, as the portal offers it for the old address. */
export interface AddressOfRecord {
  /** The id of the customer's value holding it. */
  readonly id: string;
  readonly label: string | null;
  readonly primary: boolean;
  readonly address: NormalisedAddress;
}

/**
 * A request a signed-in customer, linked to their record, files on the portal for
 * themselves: the name is the one on their record, the old address one of their addresses
 * of record, the verification their linked account; the origin is the HTTP request's.
 */
export interface PortalChangeOfAddress {
  readonly moveType: MoveType;
  readonly duration: MoveDuration;
  readonly effectiveDate: string;
  readonly endDate?: string | null;
  /** The AddressOfRecord id of the address moved out of. */
  readonly oldAddressId: string;
  readonly newAddress: AddressInput;
  readonly origin: RequestOrigin;
}

export interface ChangeOfAddressService {
  /** Enters a request for the customer with its identity verification, screens it for fraud and stores both. */
  request(
    trx: Tx,
    principal: Principal,
    customerId: string,
    input: NewChangeOfAddress,
    ctx: AuditContext,
    now: Date,
  ): Promise<ChangeOfAddress>;
  /** The customer's own request from the portal, screened like any other (device and network counted). */
  requestFromPortal(
    trx: Tx,
    principal: CustomerPrincipal,
    input: PortalChangeOfAddress,
    ctx: AuditContext,
    now: Date,
  ): Promise<ChangeOfAddress>;
  /** The signed-in customer's addresses of record: what a portal request may move out of. */
  addressesOfRecord(trx: Tx, principal: CustomerPrincipal, ctx: AuditContext, now: Date): Promise<AddressOfRecord[]>;
  get(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<ChangeOfAddress>;
  /** The customer's requests, newest first. */
  ofCustomer(trx: Tx, principal: Principal, customerId: string, limit: number, ctx: AuditContext, now: Date): Promise<ChangeOfAddress[]>;
  /** Requests held by the screen, oldest first, in the areas the reviewer works in. Needs fraud.review. */
  reviewQueue(trx: Tx, principal: Principal, limit: number, ctx: AuditContext, now: Date): Promise<ChangeOfAddress[]>;
  /** Approves (it then forwards from its effective date) or denies a held request; the reason is required. Needs fraud.review. */
  decide(trx: Tx, principal: Principal, id: string, input: ReviewInput, ctx: AuditContext, now: Date): Promise<ChangeOfAddress>;
  /** The move validation letter (to the old address) or the confirmation letter (to the new one), as a PDF. */
  letter(trx: Tx, principal: Principal, id: string, which: 'old' | 'new', ctx: AuditContext, now: Date): Promise<Buffer>;
  listCmras(trx: Tx, principal: Principal): Promise<CmraAddress[]>;
  addCmra(trx: Tx, principal: Principal, address: AddressInput, ctx: AuditContext, now: Date): Promise<CmraAddress>;
  removeCmra(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<void>;
}

export interface ChangeOfAddressServiceOptions {
  /**
   * A keyed digest (crypto's keyedDigest under a purpose of its own): what the screen
   * stores and compares of addresses, devices and networks, so none is kept in clear.
   */
  readonly digest: (value: string) => Buffer;
  readonly letterhead: Letterhead;
  /** The agency's IANA time zone: "today" for dates and retention. */
  readonly timeZone?: string;
}

/** seed 001_517806a0da56fdcf.txt lists the mail management customer account ("Customer preference data":
 * "delivery options … comments and instructions") and its purposes name COA; no record type of its own. */
export const changeOfAddressRecordType = 'usps-820/customer-account';
/** seed 000_a2cb10f5fedd0542.txt, purpose: "To verify a customer's identity when applying for COA and Hold Mail services." */
export const coaVerificationRecordType = 'usps-880/identity-verification';
/**
 * The purpose of the keyring key whose HMACs are the screens' address, device and network digests:
 * Hold Mail digests addresses under it too, so a hold matches a move away from the same address.
 */
export const screeningDigestPurpose = 'coa-screen/v1';

/** Who verified a portal request's requester: the portal, through the account's link to the record. */
export const coaPortalVerifier = 'portal';

/** The customer's address values (mailing addresses), primary first. */
function addressesOf(customer: Customer): AddressOfRecord[] {
  return customer.values
    .filter((v) => v.field === 'mailing_address' && typeof v.value !== 'string')
    .map((v) =>
      carrying<AddressOfRecord>(customer.id, { id: v.id, label: v.label, primary: v.primary, address: v.value as NormalisedAddress }),
    )
    .sort((a, b) => Number(b.primary) - Number(a.primary));
}

/** A stored address as the request's input: normalising it again gives it back. */
export function addressInputOf(address: NormalisedAddress): AddressInput {
  return {
    lines: address.deliveryLine,
    city: address.city,
    state: address.state,
    zip: address.zip4 ? `${address.zip5}-${address.zip4}` : address.zip5,
  };
}

const location = columnsOf('changes_of_address');

function statusOf(outcome: ScreeningOutcome): ChangeOfAddressStatus {
  return outcome === 'pass' ? 'accepted' : outcome === 'review' ? 'in_review' : 'refused';
}

/**
 * Stores the identity verification a change of address or a hold was entered with (the
 * verifier defaults to whoever enters it) and audits it; answers its id.
 */
export async function storeVerification(
  trx: Tx,
  principal: Principal,
  customer: Pick<Customer, 'id' | 'businessArea'>,
  service: 'change_of_address' | 'hold_mail',
  v: CheckedVerification,
  ctx: AuditContext,
  now: Date,
  timeZone: string,
): Promise<string> {
  const id = randomUUID();
  await insertVerification(trx, {
    id,
    subject_id: customer.id,
    customer_id: customer.id,
    business_area: customer.businessArea,
    service,
    method: v.method,
    outcome: v.outcome,
    verified_by: v.verifiedBy ?? actorOf(principal),
    verified_at: v.verifiedAt,
    created_at: now,
    resolved_at: v.verifiedAt,
    dispose_after: disposeAfter(
      getRecordType(coaVerificationRecordType).retention,
      { createdAt: now, resolvedAt: v.verifiedAt },
      { timeZone },
    )!,
  });
  await auditRecord(trx, principal, ctx, now, 'create', coaVerificationRecordType, id, [customer.id], {
    service,
    method: v.method,
    outcome: v.outcome,
  });
  return id;
}

export function createChangeOfAddressService(
  vault: Vault,
  customers: CustomerService,
  options: ChangeOfAddressServiceOptions,
): ChangeOfAddressService {
  const timeZone = options.timeZone ?? agencyTimeZone;
  const addressKey = (a: NormalisedAddress) => options.digest(`address:${a.deliveryLine}|${a.zip5}`);

  async function read(trx: Tx, rows: readonly ChangeOfAddressWithVerification[], now: Date): Promise<ChangeOfAddress[]> {
    await vault.preloadKeys(
      trx,
      rows.map((r) => r.subject_id),
    );
    const open = async (row: ChangeOfAddressWithVerification, column: string, value: Uint8Array) =>
      (await vault.decryptFor(trx, row.subject_id, location(column, row.id), value)).toString('utf8');
    const today = isoDay(now, timeZone);
    return Promise.all(
      // Each marked with the subject it was read for: the portal's egress guard checks the marks.
      rows.map(async (row): Promise<ChangeOfAddress> =>
        carrying<ChangeOfAddress>(row.subject_id, {
          id: row.id,
          customerId: row.customer_id ?? row.subject_id,
          businessArea: row.business_area,
          moveType: row.move_type,
          duration: row.duration,
          name: await open(row, 'name_ct', row.name_ct),
          effectiveDate: row.effective_on,
          endDate: row.ends_on,
          oldAddress: JSON.parse(await open(row, 'old_address_ct', row.old_address_ct)) as NormalisedAddress,
          newAddress: JSON.parse(await open(row, 'new_address_ct', row.new_address_ct)) as NormalisedAddress,
          forwardsToPoBox: row.forwards_to_po_box,
          forwardsToCmra: row.forwards_to_cmra,
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
          forwarding: row.status === 'accepted' && row.effective_on <= today && (row.ends_on === null || today <= row.ends_on),
          review:
            row.decision !== null
              ? {
                  decision: row.decision,
                  reason: await open(row, 'decision_reason_ct', row.decision_reason_ct!),
                  decidedBy: row.decided_by!,
                  decidedAt: row.decided_at!,
                }
              : null,
          enteredBy: row.entered_by,
          createdAt: row.created_at,
          disposeAfter: row.dispose_after,
        }),
      ),
    );
  }

  /** The request if this principal may read it, else ChangeOfAddressNotFound. */
  const visible = async (trx: Tx, principal: Principal, id: string) =>
    readableOr(principal, await selectChangeOfAddress(trx, id), () => new ChangeOfAddressNotFound('no such change of address'));

  async function knownCmras(trx: Tx): Promise<Set<string>> {
    return new Set((await selectCmraAddresses(trx)).map((r) => cmraKey(r.street_line, r.zip5)));
  }

  /** Screens a checked request for the customer and stores it with its verification. */
  async function file(
    trx: Tx,
    principal: Principal,
    customer: Customer,
    input: NewChangeOfAddress,
    checked: CheckedChangeOfAddress,
    ctx: AuditContext,
    now: Date,
  ): Promise<ChangeOfAddress> {
    const owner = { subject_id: customer.id, business_area: customer.businessArea };
    authorize(principal, 'record.create', scopeOf(owner));
    if (input.moveType === 'business' && customer.kind !== 'organisation')
      throw new InvalidChangeOfAddressField('moveType', 'a business move is for an organisation customer');
    if (input.moveType !== 'business' && customer.kind === 'organisation')
      throw new InvalidChangeOfAddressField('moveType', 'an organisation customer files a business move');

    const destination = forwardingDestination(checked.newAddress, await knownCmras(trx));
    const keys = {
      customerId: customer.id,
      oldAddressKey: addressKey(checked.oldAddress),
      newAddressKey: addressKey(checked.newAddress),
      deviceKey: checked.deviceFingerprint === null ? null : options.digest(`device:${checked.deviceFingerprint}`),
      networkKey: checked.ipAddress === null ? null : options.digest(`ip:${checked.ipAddress}`),
    };
    const counts = await selectScreeningCounts(trx, { ...keys, at: now, ...velocityWindows });
    const screening: Screening = screenChangeOfAddress({
      verificationOutcome: checked.verification.outcome,
      recentFailedVerifications: counts.failedVerifications,
      accountRequests: counts.accountRequests,
      deviceRequests: keys.deviceKey === null ? null : counts.deviceRequests,
      networkRequests: keys.networkKey === null ? null : counts.networkRequests,
      newAddressRequests: counts.newAddressRequests,
      oldAddressRequests: counts.oldAddressRequests,
      forwardsToPoBox: destination.poBox,
      forwardsToCmra: destination.cmra,
      nameMatches: namesMatch(input.moveType, checked.name, customer.name),
    });

    const v = checked.verification;
    const verificationId = await storeVerification(trx, principal, customer, 'change_of_address', v, ctx, now, timeZone);

    const id = randomUUID();
    const status = statusOf(screening.outcome);
    await insertChangeOfAddress(trx, {
      id,
      subject_id: owner.subject_id,
      customer_id: customer.id,
      business_area: owner.business_area,
      move_type: input.moveType,
      duration: input.duration,
      effective_on: checked.effectiveDate,
      ends_on: checked.endDate,
      name_ct: await vault.encryptFor(trx, owner.subject_id, location('name_ct', id), checked.name),
      old_address_ct: await vault.encryptFor(trx, owner.subject_id, location('old_address_ct', id), JSON.stringify(checked.oldAddress)),
      new_address_ct: await vault.encryptFor(trx, owner.subject_id, location('new_address_ct', id), JSON.stringify(checked.newAddress)),
      old_address_key: keys.oldAddressKey,
      new_address_key: keys.newAddressKey,
      device_key: keys.deviceKey,
      network_key: keys.networkKey,
      forwards_to_po_box: destination.poBox,
      forwards_to_cmra: destination.cmra,
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
      // From the end of the customer relationship: unknown while it lasts (seed 001: "Other
      // records are retained 4 years after the relationship ends.").
      dispose_after: disposeAfter(getRecordType(changeOfAddressRecordType).retention, { createdAt: now }, { timeZone }),
    });
    await auditRecord(trx, principal, ctx, now, 'create', changeOfAddressRecordType, id, [owner.subject_id], {
      move_type: input.moveType,
      duration: input.duration,
      verification_id: verificationId,
      screening: screening.outcome,
      risk_score: screening.score,
      rules: screening.reasons.map((r) => r.rule),
      status,
    });
    const row = await selectChangeOfAddress(trx, id);
    return (await read(trx, [row!], now))[0]!;
  }

  return {
    async request(trx, principal, customerId, input, ctx, now) {
      const checked = checkChangeOfAddress(input, now, timeZone);
      const found = await customers.get(trx, principal, customerId, { reveal: [] }, ctx, now);
      if (!('customer' in found)) throw new ChangeOfAddressNotFound('no such customer');
      return file(trx, principal, found.customer, input, checked, ctx, now);
    },

    async requestFromPortal(trx, principal, input, ctx, now) {
      const found = await customers.get(trx, principal, principal.subjectId, { reveal: [] }, ctx, now);
      if (!('customer' in found)) throw new ChangeOfAddressNotFound('no such customer');
      const customer = found.customer;
      const old = addressesOf(customer).find((a) => a.id === input.oldAddressId);
      if (!old) throw new InvalidChangeOfAddressField('oldAddressId', 'must be one of your addresses of record');
      const request: NewChangeOfAddress = {
        moveType: input.moveType,
        duration: input.duration,
        // Filing for themselves: the name on the request is the name on their record.
        name: customer.name,
        effectiveDate: input.effectiveDate,
        endDate: input.endDate ?? null,
        oldAddress: addressInputOf(old.address),
        newAddress: input.newAddress,
        // The portal vouches for its signed-in, linked account: linking proved the person holds the record.
        verification: { method: 'portal_account', outcome: 'passed', verifiedBy: coaPortalVerifier, verifiedAt: now },
        origin: input.origin,
      };
      return file(trx, principal, customer, request, checkChangeOfAddress(request, now, timeZone), ctx, now);
    },

    async addressesOfRecord(trx, principal, ctx, now) {
      const found = await customers.get(trx, principal, principal.subjectId, { reveal: [] }, ctx, now);
      if (!('customer' in found)) throw new ChangeOfAddressNotFound('no such customer');
      return addressesOf(found.customer);
    },

    async get(trx, principal, id, ctx, now) {
      const row = await visible(trx, principal, id);
      const [result] = await read(trx, [row], now);
      await auditRecord(trx, principal, ctx, now, 'read', changeOfAddressRecordType, id, [row.subject_id]);
      return result!;
    },

    async ofCustomer(trx, principal, customerId, limit, ctx, now) {
      const found = await customers.get(trx, principal, customerId, { reveal: [] }, ctx, now);
      if (!('customer' in found)) throw new ChangeOfAddressNotFound('no such customer');
      const rows = (await selectChangesOfCustomer(trx, customerId, limit)).filter((r) => can(principal, 'record.read', scopeOf(r)));
      const result = await read(trx, rows, now);
      await auditRecord(trx, principal, ctx, now, 'search', changeOfAddressRecordType, null, [...new Set(rows.map((r) => r.subject_id))], {
        customer_changes_of_address: result.length,
      });
      return result;
    },

    async reviewQueue(trx, principal, limit, ctx, now) {
      authorize(principal, 'fraud.review');
      const rows = (await selectReviewQueue(trx, limit)).filter((r) => can(principal, 'record.read', scopeOf(r)));
      const result = await read(trx, rows, now);
      await auditRecord(trx, principal, ctx, now, 'search', changeOfAddressRecordType, null, [...new Set(rows.map((r) => r.subject_id))], {
        review_queue: result.length,
      });
      return result;
    },

    async decide(trx, principal, id, input, ctx, now) {
      authorize(principal, 'fraud.review');
      const reason = checkReviewReason(InvalidChangeOfAddressField, input);
      const row = await visible(trx, principal, id);
      authorize(principal, 'record.update', scopeOf(row));
      if (row.status !== 'in_review') throw new ChangeOfAddressConflict('the request is not held for review');
      const status = input.decision === 'approve' ? 'accepted' : 'refused';
      const updated = await updateDecision(trx, id, {
        status,
        decision: input.decision,
        decision_reason_ct: await vault.encryptFor(trx, row.subject_id, location('decision_reason_ct', id), reason),
        decided_by: actorOf(principal),
        decided_at: now,
      });
      if (!updated) throw new ChangeOfAddressConflict('the request is not held for review');
      await auditRecord(trx, principal, ctx, now, 'update', changeOfAddressRecordType, id, [row.subject_id], {
        review_decision: input.decision,
        from_status: row.status,
        to_status: status,
        risk_score: row.risk_score,
      });
      const [result] = await read(trx, [(await selectChangeOfAddress(trx, id))!], now);
      return result!;
    },

    async letter(trx, principal, id, which, ctx, now) {
      const row = await visible(trx, principal, id);
      // The validation letter goes out as soon as a request is entered, held or not, so
      // that whoever lives at the old address can object; the confirmation only once the
      // forwarding is set up. A refused request sends neither.
      if (row.status === 'refused' || (which === 'new' && row.status !== 'accepted'))
        throw new ChangeOfAddressConflict(which === 'new' ? 'only an accepted request is confirmed' : 'a refused request sends no letter');
      const [coa] = await read(trx, [row], now);
      const letter = {
        addressee: {
          kind: coa!.moveType === 'business' ? ('organisation' as const) : ('person' as const),
          name: coa!.name,
          address: which === 'old' ? coa!.oldAddress : coa!.newAddress,
        },
        moveType: coa!.moveType,
        duration: coa!.duration,
        effectiveDate: coa!.effectiveDate,
        endDate: coa!.endDate,
        reference: coa!.id,
      };
      const pdf =
        which === 'old'
          ? await renderMoveValidationLetter(letter, options.letterhead, timeZone, now)
          : await renderMoveConfirmationLetter(letter, options.letterhead, timeZone, now);
      await auditRecord(trx, principal, ctx, now, 'print', changeOfAddressRecordType, id, [row.subject_id], {
        letter: which === 'old' ? 'move_validation' : 'move_confirmation',
        fields: ['name', which === 'old' ? 'old_address' : 'new_address'],
      });
      return pdf;
    },

    async listCmras(trx, principal) {
      authorize(principal, 'settings.manage');
      return (await selectCmraAddresses(trx)).map((r) => ({
        id: r.id,
        streetLine: r.street_line,
        city: r.city,
        state: r.state,
        zip5: r.zip5,
        addedBy: r.added_by,
        addedAt: r.added_at,
      }));
    },

    async addCmra(trx, principal, address, ctx, now) {
      authorize(principal, 'settings.manage');
      let normalised: NormalisedAddress;
      try {
        normalised = normaliseAddress(address);
      } catch (error) {
        if (error instanceof AddressError) throw new InvalidChangeOfAddressField(error.field, error.reason);
        throw error;
      }
      if (normalised.kind !== 'street') throw new InvalidChangeOfAddressField('lines', 'must be a street address');
      // The CMRA's own address: a private mailbox given with it is not part of it.
      const words = normalised.deliveryLine.split(' ');
      const pmb = words.indexOf('PMB');
      const streetLine = pmb > 0 ? words.slice(0, pmb).join(' ') : normalised.deliveryLine;
      const row = {
        id: randomUUID(),
        street_line: streetLine,
        city: normalised.city,
        state: normalised.state,
        zip5: normalised.zip5,
        added_by: actorOf(principal),
        added_at: now,
      };
      if (!(await insertCmraAddress(trx, row))) throw new ChangeOfAddressConflict('that CMRA address is listed already');
      await auditRecord(trx, principal, ctx, now, 'settings_change', null, row.id, [], { coa_cmra_address: 'added' });
      return { id: row.id, streetLine, city: row.city, state: row.state, zip5: row.zip5, addedBy: row.added_by, addedAt: now };
    },

    async removeCmra(trx, principal, id, ctx, now) {
      authorize(principal, 'settings.manage');
      if (!(await deleteCmraAddress(trx, id))) throw new ChangeOfAddressNotFound('no such CMRA address');
      await auditRecord(trx, principal, ctx, now, 'settings_change', null, id, [], { coa_cmra_address: 'removed' });
    },
  };
}
