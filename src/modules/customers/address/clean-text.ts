/**
 * Upper-cases text and strips punctuation the way Pub 28, 231 prescribes: punctuation is limited to the periods of
 * decimal grid addresses (39.2 RD), the slashes of fractional addresses (101 1/2 MAIN ST) and the hyphens of
 * hyphenated address ranges (289-01 MONTGOMERY AVE). '#' is kept as a word of its own, because Pub 28, 213 lets it
 * stand in for an unknown secondary unit designator. Diacritics are dropped (USPS files are plain ASCII).
 */
export function cleanText(value: string): string {
  return (
    value
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toUpperCase()
      // Abbreviation periods and apostrophes join their word ("P.O." to "PO", "O'NEIL" to "ONEIL"); a period between digits is a decimal.
      .replace(/(?<!\d)\.|\.(?!\d)|'/g, '')
      .replace(/#/g, ' # ')
      // Slashes survive only inside fractions, hyphens only between letters or digits of one word.
      .replace(/(?<!\d)\/|\/(?!\d)/g, ' ')
      .replace(/(?<![A-Z0-9])-|-(?![A-Z0-9])/g, ' ')
      .replace(/[^A-Z0-9#./-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
