import { recordTypes, type FieldClass } from '../../../catalog/index.ts';
import { addressBlock, finish, newDocument, page, printable, letterTop, type Addressee, type Letterhead } from '../../letters/index.ts';
import type { AffectedPerson, Incident } from './incident.ts';

// The notification of a breach to a person affected, with the contents OMB M-17-12 (section
// VII.E) asks of it: a brief description of what happened and when, the kinds of data
// involved, the steps the person can take to protect themselves, what the organisation is
// doing, and whom to contact. The same text goes by post (PDF) and by e-mail.

export interface IncidentNotice {
  readonly letterhead: Letterhead;
  readonly incident: Incident;
  readonly person: AffectedPerson;
  /** Name and postal address from the customer registry; null when only an e-mail is sent. */
  readonly addressee: Addressee | null;
  readonly salutationName: string;
  readonly date: Date;
  readonly timeZone: string;
}

/** The headings of the letter, in order: each section M-17-12 asks for. */
export const noticeSections = [
  'What happened',
  'What information was involved',
  'What you can do',
  'What we are doing',
  'For more information',
] as const;

const classWords: Readonly<Record<FieldClass, string>> = {
  identifier: 'information that identifies or contacts you, such as your name, mailing address, e-mail address or phone number',
  sensitive: 'sensitive information, such as the last four digits of a Social Security number or payment details',
  content: 'what you wrote to us or what we wrote about you, such as your inquiries and our notes on them',
  operational: 'reference numbers, dates and the status of your records',
};

const classOrder: readonly FieldClass[] = ['sensitive', 'identifier', 'content', 'operational'];

function recipientWords(recipients: readonly string[]): string {
  const sessions = recipients.some((r) => r.startsWith('portal-session:'));
  const staff = recipients.some((r) => r.startsWith('staff:'));
  if (sessions && staff)
    return 'shown to another customer signed in to our customer portal, and to members of our staff whose work did not require it';
  if (sessions) return 'shown to another customer signed in to our customer portal';
  return 'seen by members of our staff whose work did not require it';
}

function dayAndTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(at);
}

/** The sections of one notice as plain paragraphs: the letter and the e-mail say the same. */
export function noticeParagraphs(notice: IncidentNotice): { heading: (typeof noticeSections)[number]; paragraphs: string[] }[] {
  const { incident, person, timeZone, letterhead } = notice;
  const from = dayAndTime(person.firstExposedAt, timeZone);
  const to = dayAndTime(person.lastExposedAt, timeZone);
  const when = person.firstExposedAt.getTime() === person.lastExposedAt.getTime() ? `on ${from}` : `between ${from} and ${to}`;
  const kinds = person.recordTypes.map((id) => recordTypes.get(id)?.name ?? id);
  const classes = classOrder.filter((c) => person.fieldClasses.includes(c));
  return [
    {
      heading: 'What happened',
      paragraphs: [
        `On ${dayAndTime(incident.discoveredAt, timeZone)} we discovered a privacy incident (our reference ${incident.number}). ${when[0]!.toUpperCase()}${when.slice(1)}, records of yours were ${recipientWords(person.recipients)}.`,
      ],
    },
    {
      heading: 'What information was involved',
      paragraphs: [
        kinds.length > 0
          ? `The records involved: ${kinds.join('; ')}.`
          : 'The records involved were records of yours held in our customer contact system.',
        classes.length > 0
          ? `They hold ${classes.map((c) => classWords[c]).join('; and ')}.`
          : 'We cannot rule out that they included your name and contact details and what you wrote to us.',
      ],
    },
    {
      heading: 'What you can do',
      paragraphs: [
        'Be wary of calls, e-mails and letters that claim to come from us and ask for personal or payment information: we will never ask for your password or a full card number.',
        'Review your account activity and tell us of anything you do not recognise. If you believe your identity is being misused, visit IdentityTheft.gov or call the Federal Trade Commission at 1-877-438-4338.',
        'You may ask us for a copy of the records we hold about you, and for the accounting of their disclosures, under the Privacy Act of 1974 (5 U.S.C. 552a).',
      ],
    },
    {
      heading: 'What we are doing',
      paragraphs: [
        `${incident.containedAt ? `We stopped the cause on ${dayAndTime(incident.containedAt, timeZone)}. ` : 'We are stopping the cause. '}We have reported the incident as federal requirements direct, we are reviewing every access to your records in the period, and we are changing our systems so that it cannot happen again.`,
      ],
    },
    {
      heading: 'For more information',
      paragraphs: [
        `Write to the Privacy Office, ${letterhead.name}, ${letterhead.address.join(', ')}, quoting reference ${incident.number}${letterhead.fax ? `, or fax ${letterhead.fax}` : ''}. If this notice came by e-mail, you may reply to it.`,
      ],
    },
  ];
}

/** The e-mail's subject and plain-text body. */
export function noticeEmail(notice: IncidentNotice): { subject: string; body: string } {
  const sections = noticeParagraphs(notice);
  const body = [
    `Dear ${notice.salutationName},`,
    '',
    `We are writing to tell you of a privacy incident that involved records of yours (reference ${notice.incident.number}).`,
    ...sections.flatMap((s) => ['', s.heading, ...s.paragraphs]),
    '',
    'Sincerely,',
    `${notice.letterhead.name}, Privacy Office`,
  ].join('\n');
  return { subject: `Notice of a privacy incident involving your records (${notice.incident.number})`, body };
}

function writeLetter(doc: PDFKit.PDFDocument, notice: IncidentNotice): void {
  const width = page.width - 2 * page.inch;
  letterTop(doc, notice.letterhead, notice.addressee ? addressBlock(notice.addressee) : [], notice.date, notice.timeZone);
  doc.moveDown();
  doc.font('Helvetica-Bold').text(printable(`Reference: ${notice.incident.number}. Notice of a privacy incident involving your records`), {
    width,
  });
  doc.font('Helvetica').moveDown();
  doc.text(`Dear ${printable(notice.salutationName).trim() || 'Sir or Madam'},`, { width });
  doc.moveDown(0.6);
  doc.text('We are writing to tell you of a privacy incident that involved records of yours, and what you and we can do about it.', {
    width,
  });
  for (const section of noticeParagraphs(notice)) {
    doc.moveDown(0.8);
    doc.font('Helvetica-Bold').text(section.heading, { width });
    doc.font('Helvetica');
    for (const paragraph of section.paragraphs) {
      doc.moveDown(0.3);
      doc.text(printable(paragraph), { width });
    }
  }
  doc.moveDown();
  doc.text('Sincerely,', { width });
  doc.moveDown();
  doc.text(printable(`${notice.letterhead.name}, Privacy Office`), { width });
}

/** The notices as one PDF, each starting on a new page: one letter, or the whole mailing. */
export async function renderIncidentLetters(incident: Incident, notices: readonly IncidentNotice[], date: Date): Promise<Buffer> {
  const doc = newDocument(`Privacy incident notification, ${incident.number}`, date);
  notices.forEach((notice, i) => {
    if (i > 0) doc.addPage();
    writeLetter(doc, notice);
  });
  if (notices.length === 0) doc.font('Helvetica').fontSize(11).text('No letters: nobody affected has a mailing address on record.');
  return finish(doc);
}
