import { addressBlock, type Addressee } from './address-block.ts';
import { finish, footers, letterDate, newDocument, page, printable, type Letterhead } from './pdf-output.ts';

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

/**
 * Where the address block sits for a standard #10 window envelope (9 1/2 × 4 1/8 in, window
 * 4 1/2 × 1 1/8 in, 7/8 in from the left and 1/2 in from the bottom): the window shows the
 * band 2 1/2 to 3 5/8 in below the top of a letter tri-folded with its top panel 3 2/3 in
 * high. The block starts 2 5/8 in from the top and 1 in from the left, so its five lines at
 * most (12 pt apart, ending near 3 1/2 in) stay inside the window with 1/8 in of play
 * every way. Nothing else is printed in that band.
 */
export const windowBlock = { x: page.inch, y: page.inch * 2.625, lineHeight: 12, fontSize: 10 } as const;

export const surveySentence = 'We would value your opinion of how we handled your inquiry. Please tell us at:';

/** The reply letter as a PDF: letterhead, address block in the envelope window, date, reference, salutation, body. */
export async function renderReplyLetter(letter: ReplyLetter): Promise<Buffer> {
  const doc = newDocument(`Reply letter, case ${letter.caseNumber}`, letter.date);
  const width = page.width - 2 * page.inch;

  // Letterhead (above the window band; a double-window envelope shows it as the return address).
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(printable(letter.letterhead.name), page.inch, page.inch / 2, { width });
  doc.font('Helvetica').fontSize(9);
  for (const line of letter.letterhead.address) doc.text(printable(line), { width });

  doc.font('Helvetica').fontSize(windowBlock.fontSize);
  addressBlock(letter.addressee).forEach((line, i) => {
    doc.text(line, windowBlock.x, windowBlock.y + i * windowBlock.lineHeight, { lineBreak: false });
  });

  // Below the window band: date, reference, salutation, body.
  doc.fontSize(11).text(letterDate(letter.date, letter.timeZone), page.inch, page.inch * 4, { width });
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
