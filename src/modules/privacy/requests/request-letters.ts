import type { Notice } from '../../../catalog/index.ts';
import { addressBlock, cleanNameLine, finish, newDocument, page, printable, letterTop, type Letterhead } from '../../letters/index.ts';
import type { DisclosureRecipient } from '../disclosures/index.ts';
import { formatAgencyDate, agencyDateOf } from './deadlines.ts';
import type { LetterKind, PrivacyRequest, Requester } from './request.ts';

// The letters of a Privacy Act request, one per step, from the templates below: the
// requester's name and address in the #10 envelope window (as the reply letter places it),
// the date on the agency's calendar, the request's number, and the step's text. Plain words,
// with the provision each step rests on.

export interface RequestLetter {
  readonly kind: LetterKind;
  readonly letterhead: Letterhead;
  readonly request: PrivacyRequest;
  /** The notice the records are kept under: its procedures are quoted in a denial. */
  readonly notice: Notice;
  readonly date: Date;
  readonly timeZone: string;
  /** For an appeal decision: the number of the request appealed. */
  readonly appealedNumber?: string | null;
  /** For an amendment notice: the earlier recipient being told, and when they received the record. */
  readonly recipient?: { readonly recipient: DisclosureRecipient; readonly disclosedAt: Date } | null;
}

const kindWords: Readonly<Record<PrivacyRequest['kind'], string>> = {
  notification: 'to be told whether we hold records about you',
  access: 'for a copy of the records we hold about you',
  amendment: 'to correct a record we hold about you',
  appeal: 'for review of our decision on your earlier request',
};

const day = (at: Date) => formatAgencyDate(agencyDateOf(at));

/** Quoted from the notice: how to ask, how to see and how to contest a record. */
function procedures(notice: Notice): string[] {
  return [
    `Notification procedures (${notice.designation}): ${notice.notificationProcedures}`,
    `Record access procedures: ${notice.recordAccessProcedures}`,
    `Contesting record procedures: ${notice.contestingRecordProcedures}`,
  ];
}

function body(letter: RequestLetter): { subject: string; paragraphs: string[] } {
  const r = letter.request;
  const received = day(r.receivedAt);
  switch (letter.kind) {
    case 'acknowledgement':
      return {
        subject: 'Acknowledgement of your Privacy Act request',
        paragraphs: [
          `We received on ${received} your request ${kindWords[r.kind]}, under the Privacy Act of 1974 (5 U.S.C. 552a). Its reference number is ${r.number}; please quote it when you write to us.`,
          r.kind === 'amendment'
            ? `We acknowledge it as 5 U.S.C. 552a(d)(2)(A) requires. We will decide it by ${day(r.decideDue)} and write to you with our decision.`
            : `We will answer it by ${day(r.decideDue)}.`,
          r.identity
            ? 'We have verified your identity; no more is needed from you for this request.'
            : 'Before we can release or change any record we must verify your identity (39 CFR 266.6). If we have not already asked you for proof of identity, we will.',
        ],
      };
    case 'grant':
      return {
        subject: 'Decision on your Privacy Act request: granted',
        paragraphs: [
          `We have granted your request ${kindWords[r.kind]} (reference ${r.number}, received ${received}).`,
          r.kind === 'access'
            ? 'Your records are enclosed: a report of every record we hold about you, with the notice each is kept under, and the accounting of the disclosures we have made of them. You may also receive the report through the customer portal, as a PDF and as data a program can read.'
            : r.kind === 'amendment'
              ? `We have corrected the record as you asked${r.target ? ` (the ${r.target.field.replaceAll('_', ' ')})` : ''}. The earlier value stays in the record's history. We are telling every person or agency to whom we disclosed the record of the correction, as 5 U.S.C. 552a(c)(4) requires.`
              : r.kind === 'notification'
                ? 'We hold records about you in this system of records. You may ask for a copy of them by writing to us with your reference number.'
                : 'On review, we have reversed our earlier decision.',
        ],
      };
    case 'denial':
    case 'appeal-decision': {
      const isAppeal = letter.kind === 'appeal-decision' || r.kind === 'appeal';
      const granted = r.status === 'granted';
      if (isAppeal && granted)
        return {
          subject: 'Decision on your appeal: granted',
          paragraphs: [
            `We have reviewed, as 5 U.S.C. 552a(d)(3) provides, our decision on your request ${letter.appealedNumber ?? ''}, and we have reversed it (appeal reference ${r.number}).`,
          ],
        };
      const paragraphs = [
        isAppeal
          ? `We have reviewed our decision on your request ${letter.appealedNumber ?? ''} (appeal reference ${r.number}), as 5 U.S.C. 552a(d)(3) provides, and we uphold it${r.status === 'partially_granted' ? ' in part' : ''}.`
          : `We have ${r.status === 'partially_granted' ? 'granted only in part' : 'denied'} your request ${kindWords[r.kind]} (reference ${r.number}, received ${received}).`,
        `Our reasons: ${r.decisionReason ?? 'none given'}`,
      ];
      if (isAppeal)
        paragraphs.push(
          'You may file a concise statement of the reasons you disagree. We will attach it to the record, note the dispute in every later disclosure of it, and send it to those to whom we disclosed the record before (5 U.S.C. 552a(d)(3) and (d)(4)). You may also seek review of this decision in the district courts of the United States (5 U.S.C. 552a(g)(1)).',
        );
      else
        paragraphs.push(
          `You may ask us to review this decision. Write to the system manager named in the notice, quoting reference ${r.number}, by ${r.appealWindowEnds ? day(r.appealWindowEnds) : 'the end of 90 calendar days from the date of this letter'} (90 calendar days from this decision). We will complete the review within 30 working days (5 U.S.C. 552a(d)(3)). The notice under which the records are kept sets out how to ask:`,
          ...procedures(letter.notice),
          ...(letter.notice.systemManagers.length ? [`System manager: ${letter.notice.systemManagers.join(' ')}`] : []),
        );
      return { subject: isAppeal ? 'Decision on your appeal' : 'Decision on your Privacy Act request', paragraphs };
    }
    case 'amendment-notice':
      return {
        subject: 'Notice of a correction to a record disclosed to you',
        paragraphs: [
          `On ${letter.recipient ? day(letter.recipient.disclosedAt) : 'an earlier date'} we disclosed to you a record kept under ${letter.notice.designation}, ${letter.notice.name}.`,
          `On ${r.decidedAt ? day(r.decidedAt) : day(letter.date)} we corrected that record at the request of the individual it is about (our reference ${r.number})${r.target ? `: the ${r.target.field.replaceAll('_', ' ')} now reads "${r.target.requestedValue}"` : ''}.`,
          'We tell you so as the Privacy Act requires (5 U.S.C. 552a(c)(4)). Please correct any copy of the record you hold.',
        ],
      };
  }
}

function addresseeLines(requester: Requester): string[] {
  if (requester.address) return addressBlock({ kind: requester.kind ?? 'person', name: requester.name, address: requester.address });
  return [cleanNameLine(requester.name)];
}

function recipientLines(recipient: DisclosureRecipient): string[] {
  return [
    cleanNameLine(recipient.name),
    ...recipient.address
      .split(/[\n,]/)
      .map((line) => line.trim())
      .filter(Boolean),
  ].slice(0, 5);
}

/** One letter of a request as a PDF. */
export async function renderRequestLetter(letter: RequestLetter): Promise<Buffer> {
  const { subject, paragraphs } = body(letter);
  const doc = newDocument(`${subject}, ${letter.request.number}`, letter.date);
  const width = page.width - 2 * page.inch;
  const lines =
    letter.kind === 'amendment-notice' && letter.recipient
      ? recipientLines(letter.recipient.recipient)
      : addresseeLines(letter.request.requester);
  letterTop(doc, letter.letterhead, lines, letter.date, letter.timeZone);
  doc.moveDown();
  doc.font('Helvetica-Bold').text(printable(`Reference: ${letter.request.number}. ${subject}`), { width });
  doc.font('Helvetica').moveDown();
  const salutation =
    letter.kind === 'amendment-notice' ? (letter.recipient?.recipient.name ?? 'Sir or Madam') : letter.request.requester.name;
  doc.text(`Dear ${printable(salutation).trim() || 'Sir or Madam'},`, { width });
  for (const paragraph of paragraphs) {
    doc.moveDown(0.6);
    doc.text(printable(paragraph), { width });
  }
  doc.moveDown();
  doc.text('Sincerely,', { width });
  doc.moveDown();
  doc.text(printable(`${letter.letterhead.name}, Privacy Office`), { width });
  return finish(doc);
}
