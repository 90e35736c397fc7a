/**
 * The 13-bit character for each codeword 0–1364 (USPS-B-3200 tables 19 and 20): codewords 0–1286
 * are the 5-of-13 characters, 1287–1364 the 2-of-13 ones. Built as the spec builds them rather than
 * pasted, so the 1,365 values cannot carry a typo.
 */
export const codewordCharacters: readonly number[] = [...nOf13(5, 1287), ...nOf13(2, 78)];

function bitCount(value: number): number {
  let count = 0;
  for (let v = value; v !== 0; v >>= 1) count += v & 1;
  return count;
}

function reverse13(value: number): number {
  let reversed = 0;
  for (let bit = 0; bit < 13; bit++) reversed |= ((value >> bit) & 1) << (12 - bit);
  return reversed;
}

// A character and its mirror image fill consecutive slots from the front; palindromes fill from the
// back. Keeping the pairs adjacent is what lets a reader tell a barcode scanned upside down.
function nOf13(bitsSet: number, length: number): number[] {
  const table = new Array<number>(length).fill(0);
  let lower = 0;
  let upper = length - 1;
  for (let value = 0; value < 1 << 13; value++) {
    if (bitCount(value) !== bitsSet) continue;
    const reversed = reverse13(value);
    if (reversed < value) continue;
    if (reversed === value) {
      table[upper--] = value;
    } else {
      table[lower++] = value;
      table[lower++] = reversed;
    }
  }
  return table;
}
