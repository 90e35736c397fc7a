import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { systemPrincipal } from '../../../access/index.ts';
import { InvalidIndexValueError, normaliseEmail, normalisePhone } from '../../../crypto/index.ts';
import { withPrincipal, type Database } from '../../../db/index.ts';
import type { CaseRecordType, CaseService } from '../../cases/index.ts';
import type { CustomerFinder } from '../../customers/index.ts';
import type { FormTokens, TokenProblem } from './form-token.ts';
import { scoreSpam, type SpamVerdict } from './spam-score.ts';

/*
 * How the public form answers, and why (spam versus people):
 *
 * - Every accepted inquiry becomes a real case and the answer is 202
 *   { received: true, caseNumber } — nothing else, whoever sent it. A known e-mail address
 *   and an unknown one get the same status, the same keys and a response held to the same
 *   minimum time, so the form cannot be used to learn whether an address is a customer's.
 * - What only a machine does — fill the field hidden from people and assistive technology,
 *   send no token or an altered one, send within 3 s of loading the form — and a token past
 *   its 2 hours all get one and the same answer: 422 naming `token`, "This form has
 *   expired: reload it and send your message again". That is the answer a person who left
 *   the tab open overnight needs (the page fetches a new token and keeps what they wrote),
 *   and to a bot it looks like an ordinary stale form: it does not say which check failed,
 *   that a honeypot or a timer exists, or that anything was judged spam. No case is opened.
 * - What a person might also write — many links, phrases of bulk advertising — is not
 *   rejected: the case is opened like any other, answered with its real number, and only
 *   tagged `suspected-spam` at low priority for an agent to resolve with the code `spam`.
 *   A bot that passes the structural checks therefore learns nothing from the content
 *   check either, and a person misjudged by it still has a case and its number.
 * - A fake case number is never given: a number must mean a case an agent can find.
 */

export const webInquiryCategories = [
  { id: 'tracking', label: 'Tracking and delivery' },
  { id: 'missing-mail', label: 'Missing mail or package' },
  { id: 'delivery-complaint', label: 'Complaint about delivery or service' },
  { id: 'hold-mail', label: 'Hold mail or redelivery' },
  { id: 'change-of-address', label: 'Change of address' },
  { id: 'products', label: 'Stamps, products and orders' },
  { id: 'privacy', label: 'Privacy and your records' },
  { id: 'other', label: 'Something else' },
] as const;
export type WebInquiryCategory = (typeof webInquiryCategories)[number]['id'];

export interface WebInquiry {
  readonly token: string | null;
  readonly name: string;
  readonly email: string;
  readonly phone?: string | null;
  readonly category: string;
  readonly subject: string;
  readonly message: string;
  /** The honeypot: hidden from people, so anything in it was typed by a machine. */
  readonly website?: string | null;
}

/** What the sender is told; `stale_form` carries the reason for the server's log only. */
export type InquiryOutcome =
  | { readonly kind: 'received'; readonly caseNumber: string; readonly spam: SpamVerdict }
  | { readonly kind: 'stale_form'; readonly reason: TokenProblem | 'honeypot' };

/** A field the sender must correct; `field` names it, the message never repeats the value. */
export class InvalidInquiryField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

export interface WebInquiryOptions {
  readonly database: Database;
  readonly cases: CaseService;
  readonly finder: CustomerFinder;
  readonly tokens: FormTokens;
  readonly clock: () => Date;
  /** The record type of a web inquiry; default usps-880/usps-com-care (usps.com customer care, 90 days). */
  readonly recordType?: CaseRecordType;
  /**
   * Every answer to a submission waits until at least this long after it arrived, so that
   * matching a known customer and registering an unknown sender take the same time as seen
   * from outside. Default 400 ms.
   */
  readonly minimumResponseMs?: number;
}

export interface WebInquiryIntake {
  /** A new form: its token and the categories to choose from. */
  form(): { token: string; categories: readonly { id: string; label: string }[] };
  submit(inquiry: WebInquiry, request: { requestId: string | null; clientAddr: string | null }): Promise<InquiryOutcome>;
}

const principal = systemPrincipal('web-form');
const purpose = 'customer service: record an inquiry received through the public web form (880.000)';

function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new InvalidInquiryField(field, 'must not be empty');
  if (trimmed.length > max) throw new InvalidInquiryField(field, `must be at most ${max} characters`);
  return trimmed;
}

function checked(inquiry: WebInquiry) {
  const name = text('name', inquiry.name, 200);
  const email = text('email', inquiry.email, 320);
  let normalisedEmail: string;
  try {
    normalisedEmail = normaliseEmail(email);
  } catch (error) {
    if (error instanceof InvalidIndexValueError) throw new InvalidInquiryField('email', 'is not a valid e-mail address');
    throw error;
  }
  let phone: string | null = null;
  if (inquiry.phone && inquiry.phone.trim() !== '') {
    try {
      phone = normalisePhone(inquiry.phone);
    } catch (error) {
      if (error instanceof InvalidIndexValueError) throw new InvalidInquiryField('phone', 'is not a valid phone number');
      throw error;
    }
  }
  if (!webInquiryCategories.some((c) => c.id === inquiry.category))
    throw new InvalidInquiryField('category', `must be one of ${webInquiryCategories.map((c) => c.id).join(', ')}`);
  return {
    name,
    email,
    normalisedEmail,
    phone,
    category: inquiry.category,
    subject: text('subject', inquiry.subject, 300),
    message: text('message', inquiry.message, 20_000),
  };
}

export function createWebInquiryIntake(options: WebInquiryOptions): WebInquiryIntake {
  const { database, cases, finder, tokens, clock } = options;
  const recordType = options.recordType ?? 'usps-880/usps-com-care';
  const minimumResponseMs = options.minimumResponseMs ?? 400;

  async function held<T>(started: number, outcome: T): Promise<T> {
    const wait = minimumResponseMs - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    return outcome;
  }

  return {
    form: () => ({ token: tokens.issue(clock()), categories: webInquiryCategories.map((c) => ({ ...c })) }),

    async submit(inquiry, request) {
      const started = performance.now();
      const fields = checked(inquiry);
      if (inquiry.website && inquiry.website.trim() !== '') return held(started, { kind: 'stale_form', reason: 'honeypot' } as const);
      const token = tokens.check(inquiry.token, clock());
      if (!token.ok) return held(started, { kind: 'stale_form', reason: token.problem } as const);
      const spam = scoreSpam(fields);
      const ctx = { requestId: request.requestId, clientAddr: request.clientAddr, purpose };
      const opened = await withPrincipal(database.db, principal, async (trx) => {
        const found = await finder.search(trx, principal, { email: fields.normalisedEmail }, ctx, clock()).catch(() => []);
        const customerId = found.length === 1 ? found[0]!.id : null;
        // A known customer's case carries no sender; what they typed besides the address stays with their message.
        const given = customerId ? `\n\n(Given on the web form: name ${fields.name}${fields.phone ? `, phone ${fields.phone}` : ''}.)` : '';
        return cases.open(
          trx,
          principal,
          {
            ...(customerId ? { customerId } : { sender: { name: fields.name, email: fields.email, phone: fields.phone } }),
            channel: 'web',
            recordType,
            category: fields.category,
            title: fields.subject,
            body: fields.message + given,
            ...(spam.suspected ? { priority: 'low' as const, tags: ['suspected-spam'] } : {}),
            // One form, one case: a second send of the same form (a double click) finds the first.
            messageId: `<web-form.${token.nonce}@caseline.invalid>`,
          },
          ctx,
          clock(),
        );
      });
      return held(started, { kind: 'received', caseNumber: opened.case.number, spam } as const);
    },
  };
}
