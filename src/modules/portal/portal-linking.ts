import {
  codeLifetimeMs,
  InvalidPortalField,
  PortalAlreadyLinked,
  requireMailer,
  customerPrincipal,
  sendPortalMail,
  systemPrincipal,
  type AuditContext,
  type IssuedPortalSession,
  type PortalAuth,
  type PortalMailer,
  type PortalSessionInfo,
} from '../../access/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  InvalidCustomerField,
  primaryValue,
  WeakLookup,
  type Customer,
  type CustomerFinder,
  type CustomerService,
} from '../customers/index.ts';
import { TextNotSent, type TextGateway } from '../text-messages/index.ts';

/** Proof of identity refused; the same words whether no record, several records or the wrong details matched. */
export class IdentityNotProven extends Error {}
/** Too many failed proofs: linking is refused for a day. */
export class LinkingLocked extends Error {}
/** No text gateway is set up on this server, or it did not take the message. */
export class TextUnavailable extends Error {}

export interface PortalLinkingDeps {
  readonly database: Database;
  readonly portalAuth: PortalAuth;
  readonly finder: CustomerFinder;
  readonly customers: CustomerService;
  readonly mailer: PortalMailer | null;
  readonly texts: TextGateway | null;
  readonly clock: () => Date;
}

// Identity proofing reads the registry as the job it is (880.000: "to verify a customer's identity").
const proofJob = systemPrincipal('portal-identity-proofing');
const notProven = 'we could not confirm that a customer record with those details is yours';

function text(field: string, value: unknown, max = 100): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidPortalField(field, 'is required');
  if (value.length > max) throw new InvalidPortalField(field, `must be at most ${max} characters`);
  return value.trim();
}

/**
 * "j•••@e•••.org": enough for the person to recognise their own address, too little to learn
 * anything of someone else's (the account is not yet proven to be the record's).
 */
export function maskedAddress(address: string): string {
  const [local, domain] = address.split('@') as [string, string];
  const dot = domain.lastIndexOf('.');
  return `${local.slice(0, 1)}•••@${domain.slice(0, 1)}•••${dot > 0 ? domain.slice(dot) : ''}`;
}

/** "•••-•••-0123": the last four digits, which the person knows and which say little to anyone else. */
export function maskedPhone(e164: string): string {
  return `•••-•••-${e164.slice(-4)}`;
}

/** Where a text can reach the person: a number labelled mobile, else the primary one. */
function textableNumber(customer: Customer): string | null {
  const number = primaryValue(customer, 'phone', 'mobile')?.value;
  return typeof number === 'string' ? number : null;
}

/**
 * Links a portal account to its customer record only after the person proves the record is
 * theirs: knowledge of identifiers on file (surname, ZIP Code and the last four digits of the
 * SSN, all matching one record), or a one-time code sent to the e-mail address or phone on the
 * record, or mailed to its address (a letter the print room sends).
 * Someone with no record yet starts one. Every failure counts; five lock linking for a day.
 */
export function createPortalLinking(deps: PortalLinkingDeps) {
  const { database, portalAuth, finder } = deps;

  /** The one person whose record holds all of `query`, or null (none, or more than one). */
  const onlyMatch = async (query: { name: string; zip: string; ssnLast4?: string }, ctx: AuditContext) => {
    let found;
    try {
      found = await withPrincipal(database.db, proofJob, (trx) => finder.search(trx, proofJob, query, ctx, deps.clock()));
    } catch (error) {
      // Details that cannot be a ZIP Code or a name match no record: the same answer as any mismatch.
      if (error instanceof WeakLookup || error instanceof InvalidCustomerField) return null;
      throw error;
    }
    const people = found.filter((customer) => customer.kind === 'person');
    return people.length === 1 ? people[0]! : null;
  };

  const guard = async (info: PortalSessionInfo) => {
    if (info.linked) throw new PortalAlreadyLinked('this account is already linked to its customer record');
    if (!(await portalAuth.mayTryLink(info))) throw new LinkingLocked('too many attempts: try again tomorrow');
  };

  /** The full record of a match, read as the proofing job: the contact details a code may go to. */
  const recordOf = async (id: string, ctx: AuditContext): Promise<Customer | null> => {
    const read = await withPrincipal(database.db, proofJob, (trx) =>
      deps.customers.get(trx, proofJob, id, { reveal: [] }, ctx, deps.clock()),
    );
    return 'customer' in read ? read.customer : null;
  };

  /**
   * The one record a code may be sent for: the surname and ZIP Code checked, the account allowed
   * to try, the channel ready (`ready` throws if not), then the match (null: none, or several).
   */
  const codeRecipient = async (
    info: PortalSessionInfo,
    input: { surname: unknown; zip: unknown },
    ctx: AuditContext,
    ready: () => void,
  ) => {
    const query = { name: text('surname', input.surname), zip: text('zip', input.zip, 10) };
    await guard(info);
    ready();
    return onlyMatch(query, ctx);
  };

  const refuse = async (
    info: PortalSessionInfo,
    ctx: AuditContext,
    method: 'knowledge' | 'email_code' | 'phone_code' | 'letter_code',
  ): Promise<never> => {
    const mayRetry = await portalAuth.linkFailed(info, ctx, method);
    if (!mayRetry) throw new LinkingLocked('too many attempts: try again tomorrow');
    throw new IdentityNotProven(notProven);
  };

  return {
    async byKnowledge(
      info: PortalSessionInfo,
      input: { surname: unknown; zip: unknown; ssnLast4: unknown },
      ctx: AuditContext,
      userAgent?: string,
    ): Promise<IssuedPortalSession> {
      const query = {
        name: text('surname', input.surname),
        zip: text('zip', input.zip, 10),
        ssnLast4: text('ssnLast4', input.ssnLast4, 4),
      };
      if (!/^\d{4}$/.test(query.ssnLast4)) throw new InvalidPortalField('ssnLast4', 'must be four digits');
      await guard(info);
      const match = await onlyMatch(query, ctx);
      if (!match) return refuse(info, ctx, 'knowledge');
      return portalAuth.linkAccount(info, match.id, 'knowledge', ctx, userAgent);
    },

    /** Sends a code to the e-mail address on the one record matching surname and ZIP Code; answers the masked address. */
    async sendEmailCode(
      info: PortalSessionInfo,
      input: { surname: unknown; zip: unknown },
      ctx: AuditContext,
    ): Promise<{ sentTo: string }> {
      const match = await codeRecipient(info, input, ctx, () => requireMailer(deps.mailer));
      if (!match?.email) return refuse(info, ctx, 'email_code');
      const code = await portalAuth.issueLinkCode(info, match.id, 'email');
      await sendPortalMail(
        deps.mailer,
        match.email,
        'Your code to connect your online account',
        `Your code to connect your online account to your customer record is ${code}.\n\nIt works for 30 minutes. If you did not ask for it, someone may be trying to reach your record: do not share the code, and tell us.`,
      );
      return { sentTo: maskedAddress(match.email) };
    },

    /** Texts a code to the mobile (else primary) phone on the one record matching surname and ZIP Code; answers the masked number. */
    async sendPhoneCode(
      info: PortalSessionInfo,
      input: { surname: unknown; zip: unknown },
      ctx: AuditContext,
    ): Promise<{ sentTo: string }> {
      const texts = deps.texts;
      const match = await codeRecipient(info, input, ctx, () => {
        if (!texts) throw new TextUnavailable('text messages are not set up on this server (CASELINE_TEXT_GATEWAY_URL)');
      });
      const record = match?.phone ? await recordOf(match.id, ctx) : null;
      const number = record ? textableNumber(record) : null;
      if (!match || !number) return refuse(info, ctx, 'phone_code');
      const code = await portalAuth.issueLinkCode(info, match.id, 'phone');
      try {
        await texts!.send(number, `Your code to connect your online account is ${code}. It works for 15 minutes. Do not share it.`);
      } catch (error) {
        if (error instanceof TextNotSent)
          throw new TextUnavailable(`the text message could not be sent (${error.message}); try again in a few minutes`);
        throw error;
      }
      return { sentTo: maskedPhone(number) };
    },

    /**
     * Queues a letter with a code to the mailing address on the one record matching surname and
     * ZIP Code: the slowest proof, and the one a stolen e-mail account or phone cannot pass.
     */
    async sendLetterCode(
      info: PortalSessionInfo,
      input: { surname: unknown; zip: unknown },
      ctx: AuditContext,
    ): Promise<{ expiresAt: Date }> {
      const match = await codeRecipient(info, input, ctx, () => undefined);
      const record = match?.address ? await recordOf(match.id, ctx) : null;
      if (!match || !record || primaryValue(record, 'mailing_address') === undefined) return refuse(info, ctx, 'letter_code');
      await portalAuth.issueLinkCode(info, match.id, 'letter');
      return { expiresAt: new Date(deps.clock().getTime() + codeLifetimeMs.link_letter) };
    },

    async confirmCode(info: PortalSessionInfo, code: unknown, ctx: AuditContext, userAgent?: string): Promise<IssuedPortalSession> {
      await guard(info);
      const proven = await portalAuth.redeemLinkCode(info, code);
      if (!proven) return refuse(info, ctx, 'email_code');
      return portalAuth.linkAccount(
        info,
        proven.subjectId,
        proven.channel === 'email' ? 'email_code' : proven.channel === 'phone' ? 'phone_code' : 'letter_code',
        ctx,
        userAgent,
      );
    },

    /** For someone we hold no record of: a new customer record with the name given and the account's verified address. */
    async asNewCustomer(
      info: PortalSessionInfo,
      input: { name: unknown },
      ctx: AuditContext,
      userAgent?: string,
    ): Promise<IssuedPortalSession> {
      const name = text('name', input.name, 200);
      if (info.linked) throw new PortalAlreadyLinked('this account is already linked to its customer record');
      const { email } = await withPrincipal(database.db, customerPrincipal(info.subjectId), (trx) => portalAuth.account(trx, info));
      const customer = await withPrincipal(database.db, proofJob, (trx) =>
        deps.customers.create(
          trx,
          proofJob,
          {
            kind: 'person',
            businessArea: null,
            recordSource: 'customer',
            values: [
              { field: 'customer_name', value: name },
              { field: 'email', value: email, primary: true },
            ],
          },
          ctx,
          deps.clock(),
        ),
      );
      return portalAuth.linkAccount(info, customer.id, 'new_customer', ctx, userAgent);
    },
  };
}

export type PortalLinking = ReturnType<typeof createPortalLinking>;
