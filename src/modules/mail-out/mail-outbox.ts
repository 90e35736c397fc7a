import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/index.ts';
import type { Vault } from '../../crypto/index.ts';
import type { CaseMail, CaseMailer } from '../cases/index.ts';
import { domainOf, parseMailbox } from './mailbox.ts';
import { acknowledgementText, newMessageId, subjectLine } from './mail-text.ts';
import { insertOutbox, selectThread } from './outbox-repository.ts';

export interface MailOutboxOptions {
  /** The From of our mail (CASELINE_MAIL_FROM); its domain ends our Message-IDs. Null while outbound mail is not set up. */
  readonly from: string | null;
}

/** In-Reply-To and References, kept encrypted: the customer's Message-IDs can name their host. */
export interface Threading {
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

// Long threads keep the first message and the most recent ones (RFC 5322 §3.6.4 allows trimming).
const maxReferences = 20;

// A Message-ID we can write back between angle brackets: no spaces, line breaks or brackets.
const writableId = /^[^\s<>]{1,250}$/u;

function trimmed(ids: readonly string[]): string[] {
  const unique = [...new Set(ids.filter((id) => writableId.test(id)))];
  return unique.length <= maxReferences ? unique : [unique[0]!, ...unique.slice(-(maxReferences - 1))];
}

const location = (column: string, rowId: string) => ({ table: 'mail_outbox', column, rowId });

/**
 * The outbox the cases module writes into (its CaseMailer): each message is queued, encrypted
 * under the case's data subject, in the transaction that records it in the case.
 */
export function createMailOutbox(vault: Vault, options: MailOutboxOptions): CaseMailer {
  const from = options.from === null ? null : parseMailbox(options.from);
  const domain = from ? domainOf(from.address) : 'caseline.invalid';
  const ownAddress = from?.address.toLowerCase() ?? null;

  /** A reply continues the thread of the case's earlier e-mails, back to the customer's first message when we know it. */
  async function replyThreading(trx: Tx, caseId: string): Promise<Threading> {
    const earlier = await selectThread(trx, caseId);
    if (earlier.length === 0) return { inReplyTo: null, references: [] };
    const first = earlier[0]!;
    const root: Threading = first.threading_ct
      ? (JSON.parse(
          (await vault.decryptFor(trx, first.subject_id, location('threading_ct', first.id), first.threading_ct)).toString('utf8'),
        ) as Threading)
      : { inReplyTo: null, references: [] };
    const ours = earlier.map((row) => row.message_id);
    return {
      inReplyTo: ours.at(-1)!,
      references: trimmed([...root.references, ...(root.inReplyTo ? [root.inReplyTo] : []), ...ours]),
    };
  }

  return {
    newMessageId: () => newMessageId(domain),

    acknowledgement: (caseNumber, to) =>
      ownAddress !== null && to.trim().toLowerCase() === ownAddress ? null : acknowledgementText(caseNumber),

    async outboxInsert(trx: Tx, mail: CaseMail, now: Date) {
      const id = randomUUID();
      const threading: Threading =
        mail.inReplyTo !== null && writableId.test(mail.inReplyTo)
          ? { inReplyTo: mail.inReplyTo, references: trimmed([...mail.references, mail.inReplyTo]) }
          : mail.kind === 'reply'
            ? await replyThreading(trx, mail.caseId)
            : { inReplyTo: null, references: trimmed([...mail.references]) };
      const encrypt = (column: string, value: string) => vault.encryptFor(trx, mail.subjectId, location(column, id), value);
      return insertOutbox(trx, {
        id,
        case_id: mail.caseId,
        case_message_id: mail.caseMessageId,
        case_number: mail.caseNumber,
        subject_id: mail.subjectId,
        business_area: mail.businessArea,
        kind: mail.kind,
        to_ct: await encrypt('to_ct', JSON.stringify(mail.to)),
        subject_ct: await encrypt('subject_ct', subjectLine(mail.caseNumber, mail.caseTitle)),
        body_ct: await encrypt('body_ct', mail.body),
        threading_ct:
          threading.inReplyTo !== null || threading.references.length > 0 ? await encrypt('threading_ct', JSON.stringify(threading)) : null,
        message_id: mail.messageId,
        next_attempt_at: now,
        last_error: null,
        sent_at: null,
        created_at: now,
      });
    },
  };
}
