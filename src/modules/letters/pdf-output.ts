import PDFDocument from 'pdfkit';

/** The agency's letterhead as configuration gives it (src/config.ts, CASELINE_AGENCY_*). */
export interface Letterhead {
  readonly name: string;
  readonly address: readonly string[];
  readonly fax: string | null;
}

/** US Letter in PostScript points (72 to the inch). */
export const page = { width: 612, height: 792, inch: 72 } as const;

// The 14 standard PDF fonts are WinAnsi-encoded: Latin-1 and these few more.
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the built-in fonts can show: characters outside WinAnsi (Greek, Cyrillic, CJK, emoji)
 * become '?' rather than wrong glyphs. Embedding a Unicode font would lift this.
 */
export function printable(text: string): string {
  return [...text.normalize('NFC').replace(/\r\n?/g, '\n')]
    .map((c) =>
      c === '\n' || c === '\t' || (c >= ' ' && c <= '\u00ff' && !(c >= '\u007f' && c < '\u00a0')) || winAnsiExtras.has(c) ? c : '?',
    )
    .join('');
}

/** One formatter per time zone (in practice the agency's one), built on first use. */
const letterDateFormats = new Map<string, Intl.DateTimeFormat>();

/** A long date in the agency's time zone: the day the letter is dated where it is sent from. */
export function letterDate(at: Date, timeZone: string): string {
  let format = letterDateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'long', day: 'numeric' });
    letterDateFormats.set(timeZone, format);
  }
  return format.format(at);
}

/**
 * A new document whose pages are kept until the end (so page numbers can be written once
 * the count is known), with metadata that names no person: only the document and its case.
 */
export function newDocument(title: string, at: Date): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'LETTER',
    margins: { top: page.inch, bottom: page.inch, left: page.inch, right: page.inch },
    bufferPages: true,
    info: { Title: title, Producer: 'Caseline', Creator: 'Caseline', CreationDate: at },
  });
}

/** Ends the document and resolves with its bytes. */
export function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** "Case C-2026-000123 · Page 2 of 3" at the foot of every page. */
export function footers(doc: PDFKit.PDFDocument, caseNumber: string): number {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(`Case ${caseNumber} · Page ${i - start + 1} of ${count}`, page.inch, page.height - page.inch / 2, {
        width: page.width - 2 * page.inch,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
  return count;
}
