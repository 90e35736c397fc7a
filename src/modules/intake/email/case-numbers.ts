// `C-2026-000123` as written by people and their mail programs: any case, with a hyphen, an en
// dash, a space or nothing between the parts, inside brackets or parentheses. Not glued to a
// preceding letter or digit ("ABC-2026-000123"), nor followed by a digit (a longer number).
const caseNumberPattern = /(?<![\p{L}\p{N}_])[Cc][-\u2013 ]?(\d{4})[-\u2013 ]?(\d{6})(?!\p{N})/gu;

/** Case numbers in `text`, normalised to `C-YYYY-NNNNNN`, each once, in order of first mention. */
export function findCaseNumbers(text: string): string[] {
  const found = [...text.matchAll(caseNumberPattern)].map((m) => `C-${m[1]}-${m[2]}`);
  return [...new Set(found)];
}
