import { carrying, type AuditContext } from '../../access/index.ts';
import type { CustomerPrincipal, Tx } from '../../db/index.ts';
import {
  customerFieldNames,
  customerFields,
  InvalidCustomerField,
  type CustomerService,
  type NewValue,
  type NormalisedAddress,
} from '../customers/index.ts';
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

/** A preference as the portal's form shows it: its current value and the values the registry takes. */
export interface Preference {
  readonly name: PreferenceName;
  readonly field: string;
  readonly fieldName: string;
  readonly value: string | null;
  readonly choices: readonly string[];
}

export interface Profile {
  readonly name: string;
  readonly values: readonly ProfileValue[];
  readonly preferences: readonly Preference[];
}

export interface PortalPrivacyDeps {
  readonly customers: CustomerService;
  readonly requests: PrivacyRequestService;
  readonly disclosures: DisclosureService;
}

/** The preferences a customer sets on the portal, each a single-valued field of the registry. */
export const preferenceFields = { preferredContact: 'preferred_contact', mediaPreference: 'media_preference' } as const;
export type PreferenceName = keyof typeof preferenceFields;
export type Preferences = { readonly [name in PreferenceName]?: string };

/** The values the catalog allows for each preference: the registry field's own list. */
export const preferenceChoices: { readonly [name in PreferenceName]: readonly string[] } = {
  preferredContact: customerFields.preferred_contact.choices,
  mediaPreference: customerFields.media_preference.choices,
};

/** A preference the registry does not take; `field` is the preference's name in the request, the message never repeats the value. */
export class InvalidPreference extends Error {
  readonly field: PreferenceName;
  readonly reason: string;
  constructor(field: PreferenceName, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
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

  async function profile(trx: Tx, principal: CustomerPrincipal, ctx: AuditContext, now: Date): Promise<Profile | null> {
    const read = await deps.customers.get(trx, principal, principal.subjectId, { reveal: [] }, ctx, now);
    if (!('customer' in read)) return null;
    const customer = read.customer;
    const current = (field: string) => customer.values.find((v) => v.field === field)?.value;
    return carrying(customer.id, {
      name: customer.name,
      preferences: (Object.keys(preferenceFields) as PreferenceName[]).map((name) => {
        const value = current(preferenceFields[name]);
        return carrying(customer.id, {
          name,
          field: preferenceFields[name],
          fieldName: customerFields[preferenceFields[name]].name,
          value: typeof value === 'string' ? value : null,
          choices: preferenceChoices[name],
        });
      }),
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
  }

  return {
    profile,

    /**
     * Sets how the customer wants to hear from us. Preferences are the customer's to state, not
     * records whose accuracy the agency vouches for, so they change the record directly (as the
     * customer, source 'customer', audited and in the record's history) rather than through an
     * amendment request. A value equal to the current one is left alone. The profile after.
     */
    async updatePreferences(
      trx: Tx,
      principal: CustomerPrincipal,
      input: Preferences,
      ctx: AuditContext,
      now: Date,
    ): Promise<Profile | null> {
      const names = (Object.keys(preferenceFields) as PreferenceName[]).filter((name) => input[name] !== undefined);
      for (const name of names)
        if (!preferenceChoices[name].includes(input[name]!))
          throw new InvalidPreference(name, `must be one of ${preferenceChoices[name].join(', ')}`);
      const read = await deps.customers.get(trx, principal, principal.subjectId, { reveal: [] }, ctx, now);
      if (!('customer' in read)) return null;
      const current = (field: string) => read.customer.values.find((v) => v.field === field)?.value;
      const changed = names.filter((name) => current(preferenceFields[name]) !== input[name]);
      const values: NewValue[] = changed.map((name) => ({ field: preferenceFields[name], value: input[name] }));
      if (values.length > 0)
        await deps.customers.addValues(trx, principal, principal.subjectId, values, 'customer', ctx, now).catch((error: unknown) => {
          // The registry checks the value again; its error names the value by position, the customer named it by preference.
          if (error instanceof InvalidCustomerField) {
            const at = Number(/^values\/(\d+)\//.exec(error.field)?.[1]);
            const name = changed[at];
            if (name) throw new InvalidPreference(name, error.reason);
          }
          throw error;
        });
      return profile(trx, principal, ctx, now);
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
