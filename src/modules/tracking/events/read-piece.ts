import type { ValidArticleNumber } from '../article-numbers/index.ts';
import { decodeImb, imbParts, validateImbInput, type ImbParts } from '../imb/index.ts';

/**
 * An IMb as its 65 bars, or as its digits (the 20-digit tracking code and a 0-, 5-, 9- or
 * 11-digit routing code; spaces and hyphens ignored). Throws ImbError with the reason.
 */
export function readImb(value: string): ImbParts {
  const compact = value.replace(/[\s-]/g, '');
  if (/^[FADT]{65}$/i.test(compact)) return decodeImb(compact.toUpperCase());
  validateImbInput(compact.slice(0, 20), compact.slice(20));
  return imbParts(compact.slice(0, 20), compact.slice(20));
}

/** What a package is stored and found by: an IMpb without its routing prefix, other numbers as normalised. */
export function storedPiece(article: ValidArticleNumber): string {
  return article.kind === 'impb' ? article.packageNumber : article.normalised;
}
