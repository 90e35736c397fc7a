import type { CaseMessage, Sender } from '../api/cases.ts';
import { actorText, formatPhone } from '../customers/fieldText.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { channelLabels } from './caseText.ts';
import { LetterLinks } from './LetterLinks.tsx';

export function senderText(sender: Sender | null | undefined): string {
  if (!sender) return '';
  return [sender.name, sender.email, sender.phone && formatPhone(sender.phone)].filter(Boolean).join(' · ');
}

function heading(message: CaseMessage, selfId: string, customerName: string | null): { title: string; meta: string } {
  const by = message.author ? actorText(message.author, selfId) : null;
  const channel = message.channel === 'internal' ? null : channelLabels[message.channel];
  switch (message.kind) {
    case 'inbound':
      return {
        title: `From ${senderText(message.from) || customerName || 'the customer'}`,
        meta: channel ? `${channel}` : '',
      };
    case 'outbound':
      return {
        title: 'Reply recorded',
        meta: [by && `by ${by === 'You' ? 'you' : by.toLowerCase()}`, message.to.length ? `to ${message.to.join(', ')}` : null]
          .filter(Boolean)
          .join(' · '),
      };
    case 'note':
      return {
        title: 'Note',
        meta: [by && `by ${by === 'You' ? 'you' : by.toLowerCase()}`, 'not sent to the customer'].filter(Boolean).join(' · '),
      };
  }
}

/**
 * The case's correspondence, oldest first as a conversation reads: the customer's messages,
 * the replies recorded, and the internal notes (marked so, on a yellow ground).
 */
export function CaseCorrespondence({
  messages,
  selfId,
  customerName,
  letters,
}: {
  readonly messages: readonly CaseMessage[];
  readonly selfId: string;
  readonly customerName: string | null;
  /** Offer each reply as a letter to print (and as a fax when the case came by fax). */
  readonly letters?: { readonly caseId: string; readonly fax: boolean };
}) {
  if (messages.length === 0) return <p>No messages.</p>;
  return (
    <ol className="caseline-messages" data-testid="case-messages">
      {messages.map((m) => {
        const { title, meta } = heading(m, selfId, customerName);
        return (
          <li key={m.id} className={`caseline-message caseline-message--${m.kind}`} data-kind={m.kind}>
            <div className="caseline-message__head">
              <span className="caseline-message__title">
                {m.kind === 'note' && <span className="usa-tag caseline-tag bg-gold text-ink margin-right-1">Internal</span>}
                {title}
              </span>
              <time dateTime={m.createdAt} className="caseline-message__time">
                {formatDateTime(m.createdAt)}
              </time>
            </div>
            {meta && <div className="caseline-message__meta">{meta}</div>}
            <div className="caseline-message__body">{m.body}</div>
            {letters && m.kind === 'outbound' && <LetterLinks caseId={letters.caseId} messageId={m.id} withFax={letters.fax} />}
          </li>
        );
      })}
    </ol>
  );
}
