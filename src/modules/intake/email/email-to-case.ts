import { systemPrincipal } from '../../../access/index.ts';
import { withPrincipal, type Database, type Tx } from '../../../db/index.ts';
import type { CaseRecordType, CaseService, OpenedCase } from '../../cases/index.ts';
import type { CustomerFinder } from '../../customers/index.ts';
import type { InboundEmail } from './inbound-email.ts';
import { parseInbound } from './parse-inbound.ts';

export interface EmailIntakeOptions {
  readonly database: Database;
  readonly cases: CaseService;
  readonly finder: CustomerFinder;
  readonly clock: () => Date;
  /** The record type of a new e-mail case, e.g. usps-880/usps-com-care for a usps.com mailbox. */
  readonly recordType: CaseRecordType;
  readonly faxGateways?: readonly string[];
}

/** What became of one message: a case opened or continued, or nothing for a machine's mail. */
export type IntakeOutcome = { readonly kind: 'case'; readonly opened: OpenedCase } | { readonly kind: 'ignored'; readonly reason: string };

const principal = systemPrincipal('email-intake');
const purpose = 'customer service: record an inquiry received by e-mail (880.000)';

/**
 * The handler both e-mail channels call: it resolves only once the message is committed to
 * a case, so the SMTP 250 (or the IMAP \Seen) follows the commit and a crash loses nothing.
 * A message redelivered after a lost acknowledgement is recognised by its Message-ID.
 */
export function createEmailIntake(options: EmailIntakeOptions): (raw: Buffer, envelopeSender?: string) => Promise<IntakeOutcome> {
  const { database, cases, finder, clock } = options;

  /** The one readable customer holding the sender's address; none when unknown or ambiguous. */
  async function customerOf(
    trx: Tx,
    mail: InboundEmail,
    ctx: { requestId: null; clientAddr: null; purpose: string },
  ): Promise<string | null> {
    if (!mail.from) return null;
    const found = await finder.search(trx, principal, { email: mail.from.address }, ctx, clock()).catch(() => []);
    return found.length === 1 ? found[0]!.id : null;
  }

  return async (raw, envelopeSender) => {
    const mail = await parseInbound(raw, {
      ...(options.faxGateways ? { faxGateways: options.faxGateways } : {}),
      ...(envelopeSender !== undefined ? { envelopeSender } : {}),
    });
    // Answering an auto-reply or a bounce is how mail loops start: keep nothing, answer nothing.
    if (mail.autoReply) return { kind: 'ignored', reason: mail.autoReply };
    const ctx = { requestId: null, clientAddr: null, purpose };
    const channel = mail.isFax ? 'fax' : 'email';
    const body = mail.text.trim() || '(no text)';
    const sender = mail.from ? { name: mail.from.name || null, email: mail.from.address } : null;
    const opened = await withPrincipal(database.db, principal, async (trx) => {
      for (const number of mail.caseNumbers) {
        const id = await cases.idOfNumber(trx, principal, number);
        if (id) return cases.receive(trx, principal, id, { channel, from: sender, body, messageId: mail.messageId }, ctx, clock());
      }
      const customerId = await customerOf(trx, mail, ctx);
      return cases.open(
        trx,
        principal,
        {
          ...(customerId ? { customerId } : { sender: sender ?? { name: 'Unknown sender' } }),
          channel,
          recordType: options.recordType,
          title: mail.subject.trim().slice(0, 300) || '(no subject)',
          body,
          messageId: mail.messageId,
        },
        ctx,
        clock(),
      );
    });
    return { kind: 'case', opened };
  };
}
