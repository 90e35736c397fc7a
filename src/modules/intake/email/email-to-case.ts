import { systemPrincipal } from '../../../access/index.ts';
import { withPrincipal, type Database, type Tx } from '../../../db/index.ts';
import type { CaseRecordType, CaseService, OpenedCase } from '../../cases/index.ts';
import type { CustomerFinder } from '../../customers/index.ts';
import type { AttachmentService } from '../../attachments/index.ts';
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
  /** Keeps what arrives attached (a fax's PDF or TIFF, an e-mail's documents) with the case; without it attachments are dropped. */
  readonly attachments?: AttachmentService;
}

/** What became of one message: a case opened or continued, or nothing for a machine's mail. */
export type IntakeOutcome = { readonly kind: 'case'; readonly opened: OpenedCase } | { readonly kind: 'ignored'; readonly reason: string };

const principal = systemPrincipal('email-intake');
type IntakeContext = { readonly requestId: null; readonly clientAddr: null; readonly purpose: string };
const purpose = 'customer service: record an inquiry received by e-mail (880.000)';

/**
 * The handler both e-mail channels call: it resolves only once the message is committed to
 * a case, so the SMTP 250 (or the IMAP \Seen) follows the commit and a crash loses nothing.
 * A message redelivered after a lost acknowledgement is recognised by its Message-ID.
 */
export function createEmailIntake(options: EmailIntakeOptions): (raw: Buffer, envelopeSender?: string) => Promise<IntakeOutcome> {
  const { database, cases, finder, clock } = options;

  /** The one readable customer holding the sender's address; none when unknown or ambiguous. */
  async function customerOf(trx: Tx, mail: InboundEmail, ctx: IntakeContext): Promise<string | null> {
    if (!mail.from) return null;
    const found = await finder.search(trx, principal, { email: mail.from.address }, ctx, clock()).catch(() => []);
    return found.length === 1 ? found[0]!.id : null;
  }

  /**
   * The sender of a message that opened a new case (not a redelivery, not an answer on an open
   * case, not a fax gateway) is told its number by e-mail. Machines' mail never gets this far.
   */
  async function acknowledged(
    trx: Tx,
    mail: InboundEmail,
    opened: OpenedCase,
    continued: string | null,
    ctx: IntakeContext,
  ): Promise<OpenedCase> {
    if (opened.duplicate || opened.case.id === continued || !mail.from || mail.isFax) return opened;
    // A synthesised Message-ID (the message had none) is ours alone: nothing to answer "in reply to".
    const inReplyTo = mail.messageId.endsWith('.caseline.invalid') ? null : mail.messageId;
    await cases.acknowledge(
      trx,
      principal,
      opened.case.id,
      { to: mail.from.address, inReplyTo, references: mail.references },
      ctx,
      clock(),
    );
    return opened;
  }

  /** Keeps the message's files with the case it landed on (not again for a redelivery). */
  async function withAttachments(trx: Tx, mail: InboundEmail, opened: OpenedCase, ctx: IntakeContext) {
    if (options.attachments && !opened.duplicate && mail.attachments.length > 0)
      await options.attachments.keepInbound(trx, principal, opened.case.id, mail, ctx, clock());
    return opened;
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
      /** The message added to an existing case. */
      const continueCase = async (id: string) => {
        const continued = await cases.receive(trx, principal, id, { channel, from: sender, body, messageId: mail.messageId }, ctx, clock());
        return acknowledged(trx, mail, await withAttachments(trx, mail, continued, ctx), id, ctx);
      };
      // An answer to one of our e-mails names it in In-Reply-To or References, even when its subject lost the case number.
      const answered = await cases.caseOfOwnMessage(trx, principal, [...mail.references, ...(mail.inReplyTo ? [mail.inReplyTo] : [])]);
      if (answered) return continueCase(answered);
      for (const number of mail.caseNumbers) {
        const id = await cases.idOfNumber(trx, principal, number);
        if (id) return continueCase(id);
      }
      const customerId = await customerOf(trx, mail, ctx);
      const created = await cases.open(
        trx,
        principal,
        {
          // The address it came from is kept with the message either way: replies go back to it.
          ...(customerId ? { customerId, ...(sender ? { sender } : {}) } : { sender: sender ?? { name: 'Unknown sender' } }),
          channel,
          recordType: options.recordType,
          title: mail.subject.trim().slice(0, 300) || '(no subject)',
          body,
          messageId: mail.messageId,
        },
        ctx,
        clock(),
      );
      return acknowledged(trx, mail, await withAttachments(trx, mail, created, ctx), null, ctx);
    }).catch(async (error: unknown) => {
      // Rolled back: the files stored for the message go too.
      await options.attachments?.discardInbound(mail);
      throw error;
    });
    return { kind: 'case', opened };
  };
}
