import type { HeaderLines } from 'mailparser';

/** Every value of header `name` (any case), unfolded and trimmed, undecoded. */
export function headerValues(lines: HeaderLines, name: string): string[] {
  const key = name.toLowerCase();
  return lines
    .filter((line) => line.key === key)
    .map((line) => {
      const colon = line.line.indexOf(':');
      return line.line
        .slice(colon + 1)
        .replace(/\r?\n[ \t]/g, ' ')
        .trim();
    });
}
