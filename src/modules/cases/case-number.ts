/** Human-readable case numbers: C-YYYY-NNNNNN, the year the case was opened and a serial. */
const pattern = /^C-(\d{4})-(\d{6,})$/u;

export function formatCaseNumber(year: number, serial: number): string {
  return `C-${year}-${String(serial).padStart(6, '0')}`;
}

export function isCaseNumber(text: string): boolean {
  return pattern.test(text);
}
