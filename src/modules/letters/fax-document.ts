import { finish, footers, letterDate, newDocument, page, printable, type Letterhead } from './pdf-output.ts';

export interface OutboundFax {
  readonly letterhead: Letterhead;
  readonly to: { readonly name: string; readonly fax: string };
  readonly caseNumber: string;
  readonly body: string;
  readonly date: Date;
  readonly timeZone: string;
}

export interface RenderedFax {
  readonly pdf: Buffer;
  /** Every page sent, the cover sheet included. */
  readonly pages: number;
}

export const confidentialityNotice =
  'This transmission may contain information protected by the Privacy Act of 1974. If you are not the intended recipient, ' +
  'do not read, copy or distribute it: notify the sender by telephone or fax and destroy every copy.';

/** A fax: a cover sheet (to, from, date, page count, case number), then the message on the following pages. */
export async function renderFax(fax: OutboundFax): Promise<RenderedFax> {
  const doc = newDocument(`Fax, case ${fax.caseNumber}`, fax.date);
  const width = page.width - 2 * page.inch;
  const label = 110;

  doc.font('Helvetica-Bold').fontSize(28).text('FAX', page.inch, page.inch, { width });
  doc.moveDown(0.5);
  const row = (name: string, value: string) => {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(12).text(name, page.inch, y, { width: label });
    doc.font('Helvetica').text(value, page.inch + label, y, { width: width - label });
    doc.moveDown(0.4);
  };
  row('To:', printable(fax.to.name));
  row('Fax number:', printable(fax.to.fax));
  row('From:', printable(fax.letterhead.name));
  if (fax.letterhead.fax) row('Sender fax:', printable(fax.letterhead.fax));
  row('Date:', letterDate(fax.date, fax.timeZone));
  // Written once the message has been laid out and the count is known.
  const pagesAt = doc.y;
  row('Pages:', '');
  row('Reference:', `Case ${fax.caseNumber}`);
  doc.moveDown();
  doc.font('Helvetica-Oblique').fontSize(9).text(confidentialityNotice, page.inch, doc.y, { width });

  doc.addPage();
  doc.font('Helvetica').fontSize(11).text(printable(fax.body), page.inch, page.inch, { width, paragraphGap: 4 });

  const pages = doc.bufferedPageRange().count;
  doc.switchToPage(0);
  doc
    .font('Helvetica')
    .fontSize(12)
    .text(`${pages} (including this cover sheet)`, page.inch + label, pagesAt, { width: width - label });
  footers(doc, fax.caseNumber);
  return { pdf: await finish(doc), pages };
}
