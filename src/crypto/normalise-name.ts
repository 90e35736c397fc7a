import { InvalidIndexValueError } from './errors.ts';

/** Latin letters that Unicode does not decompose into a base letter and a mark. */
const letterFolds: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * A personal or organisation name as comparable text: lower case, accents removed
 * (NFKD, then combining marks dropped), apostrophes dropped (O'Brien = OBrien), other
 * punctuation and runs of whitespace turned into single spaces.
 */
export function normaliseName(value: string): string {
  const normalised = value
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/gu, (letter) => letterFolds[letter]!)
    .replace(/['’ʼ`´]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (normalised === '') throw new InvalidIndexValueError('name', 'a name needs at least one letter or digit');
  return normalised;
}
