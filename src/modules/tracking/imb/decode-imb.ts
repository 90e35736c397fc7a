import { barTable } from './bar-table.ts';
import { codewordCharacters } from './codeword-characters.ts';
import { dataDigits } from './data-digits.ts';
import { frameCheckSequence } from './frame-check-sequence.ts';
import { ImbError } from './imb-error.ts';
import { imbParts, type ImbParts } from './imb-parts.ts';

const characterNames = 'ABCDEFGHIJ';
const characterCodewords = new Map(codewordCharacters.map((character, codeword) => [character, codeword]));

// Which bars carry each character's bits, to say where to look when a character is unreadable.
const barsOfCharacter = Array.from({ length: 10 }, (_, character) =>
  barTable.flatMap(({ descender, ascender }, bar) =>
    descender.character === character || ascender.character === character ? [bar + 1] : [],
  ),
);

function readCharacters(bars: string): number[] {
  const chars = new Array<number>(10).fill(0);
  for (const [index, { descender, ascender }] of barTable.entries()) {
    const bar = bars.charAt(index);
    if (bar === 'F' || bar === 'D') chars[descender.character]! |= 1 << descender.bit;
    if (bar === 'F' || bar === 'A') chars[ascender.character]! |= 1 << ascender.bit;
  }
  return chars;
}

/** Codewords and FCS bits 0–9 from the characters: an inverted character marks a set FCS bit. */
function readCodewords(chars: readonly number[]): { words: number[]; fcs: number } {
  let fcs = 0;
  const words = chars.map((character, index) => {
    const plain = characterCodewords.get(character);
    if (plain !== undefined) return plain;
    const inverted = characterCodewords.get(character ^ 0x1fff);
    if (inverted !== undefined) {
      fcs |= 1 << index;
      return inverted;
    }
    throw new ImbError(
      'damaged-bar',
      `character ${characterNames[index]} (bars ${barsOfCharacter[index]!.join(', ')}) is not in the 5-of-13 or 2-of-13 tables, inverted or not: one of those bars is damaged`,
    );
  });
  return { words, fcs };
}

function checkBars(bars: string): void {
  if (bars.length !== 65) throw new ImbError('bar-count', `an IMb has 65 bars, not ${bars.length}`);
  const bad = [...bars].findIndex((bar) => !'FADT'.includes(bar));
  if (bad >= 0) throw new ImbError('bar-letter', `bar ${bad + 1} is ${JSON.stringify(bars[bad])}, not one of F, A, D, T`);
}

/**
 * The tracking and routing digits of 65 bars (F, A, D, T, left to right). Strict: anything that is
 * not a well-formed barcode with a matching frame check sequence is refused, never repaired.
 * @throws ImbError naming the fault.
 */
export function decodeImb(bars: string): ImbParts {
  checkBars(bars);
  const { words, fcs: lowFcs } = readCodewords(readCharacters(bars));
  const a = words[0]!;
  const j = words[9]!;
  // A above 658 carries FCS bit 10; an odd J means the bars were read upside down.
  const fcs = a >= 659 ? lowFcs | 0x400 : lowFcs;
  const first = a >= 659 ? a - 659 : a;
  if (first >= 659) throw new ImbError('codeword', `codeword A is ${a}: above the largest, 1317`);
  if (j % 2 !== 0) throw new ImbError('codeword', `codeword J is odd (${j}): the bars are upside down or damaged`);
  if (j / 2 >= 636) throw new ImbError('codeword', `codeword J is ${j}: above the largest, 1270`);
  let data = BigInt(first);
  for (const word of words.slice(1, 9)) data = data * 1365n + BigInt(word);
  data = data * 636n + BigInt(j / 2);
  const expected = frameCheckSequence(data);
  if (expected !== fcs) {
    throw new ImbError('frame-check', `frame check sequence mismatch: the bars carry ${fcs}, their data gives ${expected}`);
  }
  const { tracking, routing } = dataDigits(data);
  return imbParts(tracking, routing);
}
