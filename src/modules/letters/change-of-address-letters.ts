import { addressBlock, type Addressee } from './address-block.ts';
import { finish, letterDate, newDocument, page, printable, type Letterhead } from './pdf-output.ts';
import { letterTop } from './letter-top.ts';

/** What the two Change of Address letters say; neither prints the other address (see below). */
export interface ChangeOfAddressLetter {
  /** The name on the request at the address the letter goes to (the old one or the new one). */
  readonly addressee: Addressee;
  readonly moveType: 'individual' | 'family' | 'business';
  readonly duration: 'permanent' | 'temporary';
  /** Calendar dates, 'YYYY-MM-DD'. */
  readonly effectiveDate: string;
  readonly endDate: string | null;
  /** The request's id, for the customer to quote. */
  readonly reference: string;
}

/** A calendar date as the letter prints it: noon UTC of that day keeps it the same day in any zone. */
function calendarDate(date: string): string {
  return letterDate(new Date(`${date}T12:00:00Z`), 'UTC');
}

const whose = { individual: 'your', family: 'your family’s', business: 'your business’s' } as const;

async function render(
  title: string,
  heading: string,
  paragraphs: readonly string[],
  letter: ChangeOfAddressLetter,
  letterhead: Letterhead,
  timeZone: string,
  date: Date,
): Promise<Buffer> {
  const doc = newDocument(title, date);
  const width = page.width - 2 * page.inch;
  letterTop(doc, letterhead, addressBlock(letter.addressee), date, timeZone);
  doc.moveDown();
  doc.font('Helvetica-Bold').text(heading, { width });
  doc.font('Helvetica').text(`Reference: ${letter.reference}`, { width });
  doc.moveDown();
  doc.text(`Dear ${printable(letter.addressee.name).trim() || 'Customer'},`, { width });
  for (const paragraph of paragraphs) {
    doc.moveDown();
    doc.text(paragraph, { width });
  }
  doc.moveDown();
  doc.text('Sincerely,', { width });
  doc.moveDown();
  doc.text(printable(letterhead.name), { width });
  return finish(doc);
}

function forwardingSentence(letter: ChangeOfAddressLetter): string {
  const from = calendarDate(letter.effectiveDate);
  return letter.duration === 'temporary' && letter.endDate
    ? `forward ${whose[letter.moveType]} mail temporarily from ${from} until ${calendarDate(letter.endDate)}`
    : `forward ${whose[letter.moveType]} mail permanently from ${from}`;
}

/**
 * The move validation letter, mailed to the OLD address: if whoever lives there did not
 * ask for the change, this is how they learn their mail is about to leave. It does not
 * print the new address, which would hand a thief's victim's address to a thief and a
 * victim's new address to whoever now lives at the old one.
 */
export function renderMoveValidationLetter(
  letter: ChangeOfAddressLetter,
  letterhead: Letterhead,
  timeZone: string,
  date: Date,
): Promise<Buffer> {
  return render(
    'Change of Address validation letter',
    'We received a request to change your address',
    [
      `We received a request to ${forwardingSentence(letter)} from this address to a new address.`,
      'If you made this request, you need not do anything. If you did not, please contact us right away, quoting the reference above: someone may be trying to take your mail, and we will stop the forwarding and look into it.',
    ],
    letter,
    letterhead,
    timeZone,
    date,
  );
}

/** The confirmation letter, mailed to the NEW address: the forwarding is set up (and reaching the new address proves it is deliverable). */
export function renderMoveConfirmationLetter(
  letter: ChangeOfAddressLetter,
  letterhead: Letterhead,
  timeZone: string,
  date: Date,
): Promise<Buffer> {
  return render(
    'Change of Address confirmation letter',
    'Your change of address is confirmed',
    [
      `Welcome to your new address. As you asked, we will ${forwardingSentence(letter)} to this address.`,
      'Please give your new address to the people and businesses who write to you: forwarding is for a limited time. If you did not ask for mail to be sent here, please contact us, quoting the reference above.',
    ],
    letter,
    letterhead,
    timeZone,
    date,
  );
}
