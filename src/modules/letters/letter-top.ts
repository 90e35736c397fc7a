import { letterDate, page, printable, type Letterhead } from './pdf-output.ts';

/**
 * Where the address block sits for a standard #10 window envelope (9 1/2 × 4 1/8 in, window
 * 4 1/2 × 1 1/8 in, 7/8 in from the left and 1/2 in from the bottom): the window shows the
 * band 2 1/2 to 3 5/8 in below the top of a letter tri-folded with its top panel 3 2/3 in
 * high. The block starts 2 5/8 in from the top and 1 in from the left, so its five lines at
 * most (12 pt apart, ending near 3 1/2 in) stay inside the window with 1/8 in of play
 * every way. Nothing else is printed in that band.
 */
export const windowBlock = { x: page.inch, y: page.inch * 2.625, lineHeight: 12, fontSize: 10 } as const;

/**
 * The top of every letter: the letterhead, the address lines in the envelope window, and the
 * date below the window band, where the letter's own text then continues.
 */
export function letterTop(
  doc: PDFKit.PDFDocument,
  letterhead: Letterhead,
  windowLines: readonly string[],
  date: Date,
  timeZone: string,
): void {
  const width = page.width - 2 * page.inch;
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(printable(letterhead.name), page.inch, page.inch / 2, { width });
  doc.font('Helvetica').fontSize(9);
  for (const line of letterhead.address) doc.text(printable(line), { width });
  doc.font('Helvetica').fontSize(windowBlock.fontSize);
  windowLines.forEach((line, i) => {
    doc.text(printable(line), windowBlock.x, windowBlock.y + i * windowBlock.lineHeight, { lineBreak: false });
  });
  doc.fontSize(11).text(letterDate(date, timeZone), page.inch, page.inch * 4, { width });
}
