export { buildAccessReport, type AccessReport, type ReportField, type ReportRecord, type ReportSection } from './access-report.ts';
export { accessReportJson, renderAccessReportPdf } from './render-access-report.ts';
