// Numbers arrive read aloud, pasted from labels or typed in groups of four: the separators carry no meaning.
// Uppercasing comes first so that nothing it produces escapes the stripping, which keeps the function idempotent.
const separators = /[\s\-\u2010-\u2015]/gu;

/** The article number with spaces and hyphens removed and letters upper-cased. */
export function normaliseArticleNumber(text: string): string {
  return text.toUpperCase().replace(separators, '');
}
