import { finish, letterDate, newDocument, page, printable } from '../../letters/index.ts';
import type { AccessReport } from './access-report.ts';

/** 'first_response_at' → 'First response at': column names as a reader would say them. */
function label(column: string): string {
  const words = column.replace(/_ct$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The report as JSON: what a program of the subject's choosing can read (dates ISO 8601). */
export function accessReportJson(report: AccessReport): string {
  return JSON.stringify(report, null, 2);
}

/**
 * The report as a PDF a person can read: one heading per kind of record with the notice it
 * is kept under, then each record's fields as label and value. Empty fields are left out
 * of the PDF (the JSON keeps them).
 */
export async function renderAccessReportPdf(
  report: AccessReport,
  options: { readonly agency: string; readonly timeZone: string },
): Promise<Buffer> {
  const doc = newDocument('Privacy Act access report', report.generatedAt);
  const width = page.width - 2 * page.inch;
  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(printable(`${options.agency}: records about you`), { width });
  doc.moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      printable(
        `Prepared ${letterDate(report.generatedAt, options.timeZone)} under the Privacy Act of 1974, 5 U.S.C. 552a(d)(1). ` +
          `It lists every record we hold about you (reference ${report.subjectId}), each with the notice it is kept under.`,
      ),
      { width },
    );
  const total = report.sections.reduce((n, section) => n + section.records.length, 0);
  doc
    .moveDown(0.5)
    .text(
      `${total} record${total === 1 ? '' : 's'} in ${report.sections.length} kind${report.sections.length === 1 ? '' : 's'} of record.`,
    );
  for (const section of report.sections) {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(12).text(printable(section.description), { width });
    doc
      .font('Helvetica-Oblique')
      .fontSize(9)
      .text(printable(`Kept under ${section.notice}, ${section.noticeName}.`), { width });
    for (const [i, record] of section.records.entries()) {
      doc
        .moveDown(0.4)
        .font('Helvetica-Bold')
        .fontSize(9)
        .text(`Record ${i + 1} of ${section.records.length}`, { width });
      for (const field of record.fields) {
        const value = field.value ?? (field.note ? `(${field.note})` : null);
        if (value === null) continue;
        doc
          .font('Helvetica-Bold')
          .fontSize(9)
          .text(`${label(field.column)}: `, { continued: true, width });
        doc.font('Helvetica').text(printable(value), { width });
      }
    }
  }
  doc.moveDown(1).font('Helvetica-Bold').fontSize(12).text('Exemptions');
  doc.font('Helvetica').fontSize(9);
  if (report.exemptions.length === 0) doc.text('No notice applies to the records above, so none exempts any of them.', { width });
  for (const exemption of report.exemptions) doc.text(printable(`${exemption.notice}: ${exemption.text}`), { width });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`Page ${i + 1} of ${range.count}`, page.inch, page.height - page.inch / 2, { width, align: 'center', lineBreak: false });
  }
  return finish(doc);
}
