import { barTable, type CharacterBit } from './bar-table.ts';
import { binaryData } from './binary-data.ts';
import { codewordCharacters } from './codeword-characters.ts';
import { frameCheckSequence } from './frame-check-sequence.ts';
import { validateImbInput } from './validate-imb-input.ts';

/** USPS-B-3200 2.2.3: codeword J in base 636, I–B in base 1365, A takes what is left (0–658). */
function codewords(data: bigint, fcs: number): number[] {
  const j = Number(data % 636n);
  let rest = data / 636n;
  const middle: number[] = [];
  for (let index = 0; index < 8; index++) {
    middle.unshift(Number(rest % 1365n));
    rest /= 1365n;
  }
  // A carries the eleventh FCS bit; J doubled is even only when the barcode is read right side up.
  return [Number(rest) + (fcs & 0x400 ? 659 : 0), ...middle, j * 2];
}

/** USPS-B-3200 2.2.4: each codeword's character, inverted where its FCS bit (0–9) is set. */
function characters(words: readonly number[], fcs: number): number[] {
  return words.map((word, index) => {
    const character = codewordCharacters[word]!;
    return (fcs >> index) & 1 ? character ^ 0x1fff : character;
  });
}

/**
 * The 65 bars of the Intelligent Mail barcode for a 20-digit tracking code and a 0-, 5-, 9- or
 * 11-digit routing code, left to right: F full, A ascender, D descender, T tracker.
 * @throws ImbError with the USPS encoder's code for input it would refuse.
 */
export function encodeImb(tracking: string, routing = ''): string {
  validateImbInput(tracking, routing);
  const data = binaryData(tracking, routing);
  const fcs = frameCheckSequence(data);
  const chars = characters(codewords(data, fcs), fcs);
  const isSet = ({ character, bit }: CharacterBit) => ((chars[character]! >> bit) & 1) === 1;
  return barTable
    .map(({ descender, ascender }) => {
      const down = isSet(descender);
      const up = isSet(ascender);
      return down && up ? 'F' : up ? 'A' : down ? 'D' : 'T';
    })
    .join('');
}
