import { carrying, type AuditContext } from '../../access/index.ts';
import type { CustomerPrincipal, Tx } from '../../db/index.ts';
import { customerFieldNames, customerFields, type CustomerService, type NormalisedAddress } from '../customers/index.ts';
import type { Disclosure, PrivacyRequest, PrivacyRequestService, RequestAccessReport } from '../privacy/index.ts';
import type { DisclosureService } from '../privacy/index.ts';

/** What the portal shows of a record the registry holds about the customer. */
export interface ProfileValue {
  readonly id: string;
  readonly field: string;
  /** The field's name as the registry gives it ('Mailing address'). */
  readonly fieldName: string;
  readonly label: string | null;
  /** In clear, or masked (•••) where the catalog masks it. */
  readonly value: string;
  readonly masked: boolean;
  readonly primary: boolean;
}

export interface Profile {
  readonly name: string;
  readonly values: readonly ProfileValue[];
}

export interface PortalPrivacyDeps {
  readonly customers: CustomerService;
  readonly requests: PrivacyRequestService;
  readonly disclosures: DisclosureService;
}

const evidence = 'Signed in to the portal account linked to this customer record after proof of identity';

/** A value as one line: an address as its delivery line and last line (Publication 28). */
function shown(value: string | NormalisedAddress): string {
  return typeof value === 'string' ? value : `${value.deliveryLine}, ${value.lastLine}`;
}

// The registry's order of fields (the name first), for a profile that reads like the record.
const fieldOrder: readonly string[] = customerFieldNames;
const rank = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length);

/**
 * The customer's privacy on the portal: what the registry holds about them (as the catalog
 * allows showing it), corrections (each a Privacy Act amendment request), notification and
 * access requests with the records once released, and the accounting of disclosures. Every
 * read runs under the customer's own principal; what is returned is marked with the subject
 * of the record it came from, for the egress guard.
 */
export function createPortalPrivacy(deps: PortalPrivacyDeps) {
  const mark = <T extends { subjectId: string }>(record: T): T => carrying(record.subjectId, record);

  /** The customer as the requester of their own request: the name and e-mail address on their record. */
  async function requesterOf(trx: Tx, principal: CustomerPrincipal, ctx: AuditContext, now: Date) {
    const read = await deps.customers.get(trx, principal, principal.subjectId, { reveal: [] }, ctx, now);
    if (!('customer' in read)) throw new Error('the customer record of a linked account is gone');
    const email =
      read.customer.values.find((v) => v.field === 'email' && v.primary) ?? read.customer.values.find((v) => v.field === 'email');
    return { name: read.customer.name, email: email && typeof email.value === 'string' ? email.value : null };
  }

  return {
    async profile(trx: Tx, principal: CustomerPrincipal, ctx: AuditContext, now: Date): Promise<Profile | null> {
      const read = await deps.customers.get(trx, principal, principal.subjectId, { reveal: [] }, ctx, now);
      if (!('customer' in read)) return null;
      const customer = read.customer;
      return carrying(customer.id, {
        name: customer.name,
        values: [...customer.values]
          .sort((a, b) => rank(a.field) - rank(b.field))
          .map((v) =>
            carrying(customer.id, {
              id: v.id,
              field: v.field,
              fieldName: customerFields[v.field].name,
              label: v.label,
              value: shown(v.value),
              masked: v.masked,
              primary: v.primary,
            }),
          ),
      });
    },

    /** Asks for a value on the record to be corrected: an amendment request (5 U.S.C. 552a(d)(2)). */
    async requestCorrection(
      trx: Tx,
      principal: CustomerPrincipal,
      input: { readonly valueId: string; readonly field: string; readonly value: string; readonly explanation: string },
      ctx: AuditContext,
      now: Date,
    ): Promise<PrivacyRequest> {
      const requester = await requesterOf(trx, principal, ctx, now);
      return mark(
        await deps.requests.open(
          trx,
          principal,
          {
            kind: 'amendment',
            channel: 'portal',
            customerId: principal.subjectId,
            requester,
            details: input.explanation,
            target: { recordTable: 'customer_values', recordId: input.valueId, field: input.field, requestedValue: input.value },
            portalIdentity: evidence,
          },
          ctx,
          now,
        ),
      );
    },

    async open(
      trx: Tx,
      principal: CustomerPrincipal,
      input: { readonly kind: 'notification' | 'access'; readonly details: string },
      ctx: AuditContext,
      now: Date,
    ): Promise<PrivacyRequest> {
      const requester = await requesterOf(trx, principal, ctx, now);
      return mark(
        await deps.requests.open(
          trx,
          principal,
          {
            kind: input.kind,
            channel: 'portal',
            customerId: principal.subjectId,
            requester,
            details: input.details,
            portalIdentity: evidence,
          },
          ctx,
          now,
        ),
      );
    },

    async requests(trx: Tx, principal: CustomerPrincipal, ctx: AuditContext, now: Date): Promise<PrivacyRequest[]> {
      return (await deps.requests.list(trx, principal, { limit: 200 }, ctx, now)).map(mark);
    },

    async accessReport(trx: Tx, principal: CustomerPrincipal, id: string, ctx: AuditContext, now: Date): Promise<RequestAccessReport> {
      const answer = await deps.requests.releasedAccessReport(trx, principal, id, ctx, now);
      return carrying(answer.report.subjectId, { ...answer, request: mark(answer.request), accounting: answer.accounting.map(mark) });
    },

    async disclosures(trx: Tx, principal: CustomerPrincipal, ctx: AuditContext, now: Date): Promise<Disclosure[]> {
      return (await deps.disclosures.listForSubject(trx, principal, principal.subjectId, { forSubject: true }, ctx, now)).map(mark);
    },
  };
}

export type PortalPrivacy = ReturnType<typeof createPortalPrivacy>;
