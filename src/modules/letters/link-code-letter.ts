import { addressBlock, type Addressee } from './address-block.ts';
import { finish, letterDate, newDocument, page, printable, type Letterhead } from './pdf-output.ts';
import { letterTop } from './letter-top.ts';

export interface LinkCodeLetter {
  readonly addressee: Addressee;
  readonly code: string;
  /** The last moment the code works. */
  readonly expiresAt: Date;
}

/**
 * A print-room batch of identity letters: one page each, the address block in the #10
 * envelope window, the code and what to do with it. The letter goes only to the address
 * already on the record, so whoever opened the online account must also get this mail.
 */
export async function renderLinkCodeLetters(
  letters: readonly LinkCodeLetter[],
  letterhead: Letterhead,
  timeZone: string,
  date: Date,
): Promise<Buffer> {
  const doc = newDocument('Online account verification letters', date);
  const width = page.width - 2 * page.inch;
  letters.forEach((letter, i) => {
    if (i > 0) doc.addPage();
    letterTop(doc, letterhead, addressBlock(letter.addressee), date, timeZone);
    doc.moveDown();
    doc.font('Helvetica-Bold').text('Your code to connect your online account', { width });
    doc.font('Helvetica').moveDown();
    doc.text(`Dear ${printable(letter.addressee.name).trim() || 'Customer'},`, { width });
    doc.moveDown();
    doc.text(
      `Someone asked to connect an online account to the customer record we hold for you at this address. To confirm it was you, sign in to that account and enter this code:`,
      { width },
    );
    doc.moveDown();
    doc.font('Courier-Bold').fontSize(24).text(letter.code.split('').join(' '), { width, align: 'center' });
    doc.font('Helvetica').fontSize(11).moveDown();
    doc.text(`The code works until ${letterDate(letter.expiresAt, timeZone)}, once.`, { width });
    doc.moveDown();
    doc.text(
      'If you did not ask for this, do not use the code and do not share it: someone may be trying to reach your record. Please tell us, and we will look into it.',
      { width },
    );
    doc.moveDown();
    doc.text('Sincerely,', { width });
    doc.moveDown();
    doc.text(printable(letterhead.name), { width });
  });
  return finish(doc);
}
