import { addressBlock, type Addressee } from './address-block.ts';
import { letterTop } from './letter-top.ts';
import { finish, footers, newDocument, page, printable, type Letterhead } from './pdf-output.ts';

export interface ReplyLetter {
  readonly letterhead: Letterhead;
  readonly addressee: Addressee;
  /** Who "Dear …" names: the person, or an organisation's key contact. */
  readonly salutationName: string;
  readonly caseNumber: string;
  /** The outbound message's text, as the agent wrote it. */
  readonly body: string;
  readonly date: Date;
  /** The agency's IANA time zone: the letter is dated by its calendar. */
  readonly timeZone: string;
  /** A satisfaction survey's address; when given, the letter closes by inviting the reader to it. */
  readonly surveyUrl?: string;
}

export const surveySentence = 'We would value your opinion of how we handled your inquiry. Please tell us at:';

/** The reply letter as a PDF: letterhead, address block in the envelope window, date, reference, salutation, body. */
export async function renderReplyLetter(letter: ReplyLetter): Promise<Buffer> {
  const doc = newDocument(`Reply letter, case ${letter.caseNumber}`, letter.date);
  const width = page.width - 2 * page.inch;

  // The letterhead above the window band (a double-window envelope shows it as the return address); below it the reference, salutation, body.
  letterTop(doc, letter.letterhead, addressBlock(letter.addressee), letter.date, letter.timeZone);
  doc.moveDown();
  doc.font('Helvetica-Bold').text(`Reference: Case ${letter.caseNumber}`, { width });
  doc.font('Helvetica').moveDown();
  doc.text(`Dear ${printable(letter.salutationName).trim() || 'Customer'},`, { width });
  doc.moveDown();
  doc.text(printable(letter.body), { width, paragraphGap: 4 });
  if (letter.surveyUrl) {
    doc.moveDown();
    doc.text(surveySentence, { width });
    // On a line of its own, so that it is not broken where a reader would have to join it up again.
    doc.fillColor('#1a4480').text(printable(letter.surveyUrl), { width, link: letter.surveyUrl, underline: true });
    doc.fillColor('black');
  }
  doc.moveDown();
  doc.text('Sincerely,', { width });
  doc.moveDown();
  doc.text(printable(letter.letterhead.name), { width });
  footers(doc, letter.caseNumber);
  return finish(doc);
}
