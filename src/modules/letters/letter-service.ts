import { appendAudit, type AuditContext } from '../../access/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import type { CaseDetail, CaseMessage, CaseService } from '../cases/index.ts';
import { primaryValue, type Customer, type CustomerService, type KeyContact } from '../customers/index.ts';
import type { Addressee, MailingAddress } from './address-block.ts';
import { renderFax, type RenderedFax } from './fax-document.ts';
import type { Letterhead } from './pdf-output.ts';
import { renderReplyLetter } from './reply-letter.ts';

/**
 * Why no document was made. `field` is the request part at fault ('id' for the case,
 * 'messageId'); the reason never repeats personal data.
 */
export type LetterRefusal =
  | { readonly refused: 'not_found'; readonly what: 'case' | 'message' }
  | { readonly refused: 'unprintable'; readonly field: 'id' | 'messageId'; readonly reason: string };

export type LetterResult<T> = { readonly document: T } | LetterRefusal;

export interface LetterService {
  /** The reply letter of an outbound message, addressed to the case's customer's primary mailing address. */
  letter(
    trx: Tx,
    principal: Principal,
    caseId: string,
    messageId: string,
    options: { readonly surveyUrl?: string },
    ctx: AuditContext,
    now: Date,
  ): Promise<LetterResult<Buffer>>;
  /** An outbound message as a fax to the customer's primary fax number, with a cover sheet. */
  fax(trx: Tx, principal: Principal, caseId: string, messageId: string, ctx: AuditContext, now: Date): Promise<LetterResult<RenderedFax>>;
}

export interface LetterServiceOptions {
  readonly cases: CaseService;
  readonly customers: CustomerService;
  readonly letterhead: Letterhead;
  readonly timeZone: string;
}

type Loaded = { readonly detail: CaseDetail; readonly message: CaseMessage; readonly customer: Customer } | LetterRefusal;

/** An organisation's letters go to its primary key contact, else to its first. */
function contactOf(customer: Customer): KeyContact | null {
  if (customer.kind !== 'organisation' || customer.contacts.length === 0) return null;
  return customer.contacts.find((c) => c.relationship === 'primary') ?? customer.contacts[0]!;
}

export function createLetterService(options: LetterServiceOptions): LetterService {
  const { cases, customers, letterhead, timeZone } = options;

  async function load(trx: Tx, principal: Principal, caseId: string, messageId: string, ctx: AuditContext, now: Date): Promise<Loaded> {
    const read = await cases.get(trx, principal, caseId, ctx, now);
    if ('refused' in read) return { refused: 'not_found', what: 'case' };
    const message = read.case.messages.find((m) => m.id === messageId);
    if (!message) return { refused: 'not_found', what: 'message' };
    if (message.kind !== 'outbound')
      return { refused: 'unprintable', field: 'messageId', reason: 'is not an outbound message: only replies are sent' };
    if (!read.case.customerId)
      return { refused: 'unprintable', field: 'id', reason: 'the case has no customer in the registry, so no address to send to' };
    const customer = await customers.get(trx, principal, read.case.customerId, { reveal: [] }, ctx, now);
    if (!('customer' in customer)) return { refused: 'unprintable', field: 'id', reason: "the case's customer is not one you can see" };
    return { detail: read.case, message, customer: customer.customer };
  }

  /** A printed or faxed copy of personal data leaves the system: audited apart from the reads that gathered it. */
  async function auditOutput(
    trx: Tx,
    principal: Principal,
    loaded: Exclude<Loaded, LetterRefusal>,
    contact: KeyContact | null,
    document: 'letter' | 'fax',
    ctx: AuditContext,
    now: Date,
  ): Promise<void> {
    const nameField = loaded.customer.kind === 'person' ? 'customer_name' : 'company_name';
    await appendAudit(trx, {
      at: now,
      actor: principal,
      action: 'print',
      recordType: 'usps-880/customer',
      recordId: loaded.customer.id,
      // The key contact named in an ATTN line or on the cover sheet is printed too.
      subjects: [loaded.customer.id, ...(contact ? [contact.customerId] : [])],
      ...ctx,
      outcome: 'ok',
      detail: {
        document,
        fields: [nameField, document === 'letter' ? 'mailing_address' : 'fax'],
        case_id: loaded.detail.id,
        message_id: loaded.message.id,
      },
    });
  }

  return {
    async letter(trx, principal, caseId, messageId, letterOptions, ctx, now) {
      const loaded = await load(trx, principal, caseId, messageId, ctx, now);
      if ('refused' in loaded) return loaded;
      const address = primaryValue(loaded.customer, 'mailing_address')?.value;
      if (!address || typeof address === 'string')
        return { refused: 'unprintable', field: 'id', reason: "the case's customer has no mailing address" };
      const contact = contactOf(loaded.customer);
      const attention = contact?.name ?? null;
      const addressee: Addressee = {
        kind: loaded.customer.kind,
        name: loaded.customer.name,
        attention,
        address: address as MailingAddress,
      };
      const pdf = await renderReplyLetter({
        letterhead,
        addressee,
        salutationName: attention ?? loaded.customer.name,
        caseNumber: loaded.detail.number,
        body: loaded.message.body,
        date: now,
        timeZone,
        ...(letterOptions.surveyUrl ? { surveyUrl: letterOptions.surveyUrl } : {}),
      });
      await auditOutput(trx, principal, loaded, contact, 'letter', ctx, now);
      return { document: pdf };
    },

    async fax(trx, principal, caseId, messageId, ctx, now) {
      const loaded = await load(trx, principal, caseId, messageId, ctx, now);
      if ('refused' in loaded) return loaded;
      const number = primaryValue(loaded.customer, 'fax')?.value;
      if (typeof number !== 'string') return { refused: 'unprintable', field: 'id', reason: "the case's customer has no fax number" };
      const contact = contactOf(loaded.customer);
      const attention = contact?.name ?? null;
      const fax = await renderFax({
        letterhead,
        to: { name: attention ? `${attention}, ${loaded.customer.name}` : loaded.customer.name, fax: number },
        caseNumber: loaded.detail.number,
        body: loaded.message.body,
        date: now,
        timeZone,
      });
      await auditOutput(trx, principal, loaded, contact, 'fax', ctx, now);
      return { document: fax };
    },
  };
}
