import PDFDocument from 'pdfkit';
import { letterDate, printable } from '../../letters/index.ts';
import type { Assessment } from './assessment.ts';
import type { PiaBlock } from './pia-sections.ts';

/** Text the standard fonts can show; the backticks that mark commands in Markdown are dropped. */
const shown = (text: string): string => printable(text.replaceAll('`', ''));

const inch = 72;
const pageHeight = 792;
const pageWidth = 612;
const width = pageWidth - 2 * inch;
const ink = '#1b1b1b';
const shade = '#e6e6e6';

/** Starts a new page when less than `needed` points are left, so a heading is not left alone at a page's foot. */
function keepRoom(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > pageHeight - inch) doc.addPage();
}

function heading(doc: PDFKit.PDFDocument, text: string, size: number, room: number): void {
  keepRoom(doc, room);
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor(ink).text(shown(text), inch, doc.y, { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
}

function block(doc: PDFKit.PDFDocument, item: PiaBlock): void {
  switch (item.kind) {
    case 'heading':
      heading(doc, item.text, 11, 60);
      return;
    case 'paragraph':
      doc.font('Helvetica').fontSize(10).text(shown(item.text), inch, doc.y, { width, paragraphGap: 4 });
      return;
    case 'list':
      doc.font('Helvetica').fontSize(10);
      if (item.items.length === 0) doc.text('None.', inch, doc.y, { width });
      else doc.list(item.items.map(shown), inch, doc.y, { width, bulletRadius: 1.8, textIndent: 12, paragraphGap: 2 });
      doc.moveDown(0.4);
      return;
    case 'table':
      keepRoom(doc, 48);
      doc.fontSize(8);
      doc.table({
        position: { x: inch, y: doc.y },
        maxWidth: width,
        defaultStyle: { padding: 3, border: 0.5, borderColor: '#999999' },
        data: [
          item.columns.map((text) => ({
            text: shown(text),
            type: 'TH' as const,
            font: { src: 'Helvetica-Bold' },
            backgroundColor: shade,
          })),
          ...item.rows.map((row) => row.map((text) => ({ text: shown(text), font: { src: 'Helvetica' } }))),
        ],
      });
      doc.x = inch;
      doc.moveDown(0.6).fontSize(10);
      return;
  }
}

/** "Caseline PTA/PIA · Page 2 of 9" at the foot of every page. */
function footers(doc: PDFKit.PDFDocument, label: string): void {
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
      .text(printable(`${label} · Page ${i - start + 1} of ${count}`), inch, pageHeight - inch / 2, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The assessment as a US Letter PDF in pdfkit's standard fonts (text outside WinAnsi shows as '?'). */
export async function renderPiaPdf(assessment: Assessment): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: inch, bottom: inch, left: inch, right: inch },
    bufferPages: true,
    info: { Title: assessment.title, Producer: 'Caseline', Creator: 'Caseline', CreationDate: assessment.generatedAt },
  });
  doc.fillColor(ink).font('Helvetica-Bold').fontSize(18).text(printable(assessment.title), { width });
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  doc.text(printable(`Prepared for: ${assessment.preparedFor}`), { width });
  doc.text(
    `Generated: ${letterDate(assessment.generatedAt, assessment.configuration.timeZone)}, by caseline pia from the catalog and the running configuration.`,
    {
      width,
    },
  );
  doc.moveDown(0.5).font('Helvetica-Bold').text('FOR OFFICIAL USE ONLY', { width });
  for (const [index, part] of assessment.parts.entries()) {
    if (index > 0) doc.addPage();
    heading(doc, part.title, 15, 80);
    for (const question of part.questions) {
      heading(doc, question.number === '' ? question.question : `${question.number}. ${question.question}`, 12, 80);
      for (const item of question.answer) block(doc, item);
    }
  }
  footers(doc, `${assessment.systemName} PTA/PIA`);
  return finish(doc);
}
