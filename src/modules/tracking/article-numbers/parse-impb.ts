import type { ArticleNumber, ImpbNumber, Routing } from './article-number.ts';
import { readImpbPackage } from './read-impb-package.ts';

interface Layout {
  readonly routingLength: 0 | 8 | 12;
  readonly packageLength: 22 | 26;
  readonly description: string;
}

// 420 + ZIP is 8 digits and 420 + ZIP+4 is 12; package numbers are 22 or 26 digits. Only 34 digits can be read two ways.
const layouts: readonly Layout[] = [
  { routingLength: 0, packageLength: 22, description: 'a 22-digit package number' },
  { routingLength: 0, packageLength: 26, description: 'a 26-digit package number' },
  { routingLength: 8, packageLength: 22, description: '420 + ZIP + a 22-digit package number' },
  { routingLength: 12, packageLength: 22, description: '420 + ZIP+4 + a 22-digit package number' },
  { routingLength: 8, packageLength: 26, description: '420 + ZIP + a 26-digit package number' },
  { routingLength: 12, packageLength: 26, description: '420 + ZIP+4 + a 26-digit package number' },
];

/** The IMpb lengths, routing prefix included. */
export const impbLengths: readonly number[] = [...new Set(layouts.map((l) => l.routingLength + l.packageLength))];

function routingOf(digits: string, length: 8 | 12): Routing {
  return length === 8 ? { zip: digits.slice(3, 8) } : { zip: digits.slice(3, 8), plus4: digits.slice(8, 12) };
}

function readAs(digits: string, layout: Layout): ImpbNumber | { readonly reason: string } {
  const { routingLength } = layout;
  if (routingLength !== 0 && !digits.startsWith('420')) {
    return { reason: `a ${digits.length}-digit IMpb starts with the routing prefix 420, not ${digits.slice(0, 3)}` };
  }
  const found = readImpbPackage(digits.slice(routingLength));
  if ('reason' in found) return found;
  const form = digits.length as ImpbNumber['form'];
  return {
    kind: 'impb',
    ...found,
    ...(routingLength === 0 ? {} : { routing: routingOf(digits, routingLength) }),
    form,
    normalised: digits,
  };
}

/** Reads an all-digit number of one of the IMpb lengths every way its length allows; two valid readings are not guessed between. */
export function parseImpb(digits: string): ArticleNumber {
  const valid: ImpbNumber[] = [];
  const reasons: string[] = [];
  const candidates = layouts.filter((l) => l.routingLength + l.packageLength === digits.length);
  for (const layout of candidates) {
    const result = readAs(digits, layout);
    if ('reason' in result) reasons.push(candidates.length === 1 ? result.reason : `read as ${layout.description}, ${result.reason}`);
    else valid.push(result);
  }
  const [first] = valid;
  if (first === undefined) return { kind: 'invalid', reason: reasons.join('; '), normalised: digits };
  return valid.length === 1 ? first : { kind: 'ambiguous', readings: valid, normalised: digits };
}
