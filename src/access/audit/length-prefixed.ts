/** A value of a length-prefixed encoding: text, an absent value, or a list of texts. */
export type EncodedValue = string | null | readonly string[];

const NULL = 0x00;
const TEXT = 0x01;
const LIST = 0x02;

function header(tag: number, length: number): Buffer {
  const bytes = Buffer.alloc(5);
  bytes[0] = tag;
  bytes.writeUInt32BE(length, 1);
  return bytes;
}

function text(value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8');
  return [header(TEXT, bytes.length), bytes];
}

/**
 * Encodes values so that no two different sequences share an encoding, whatever bytes
 * the texts hold, and any language can reproduce it without a JSON library:
 *
 *   null          → 0x00
 *   text          → 0x01 ‖ uint32 big-endian byte length ‖ UTF-8 bytes
 *   list of texts → 0x02 ‖ uint32 big-endian element count ‖ each element as text
 */
export function lengthPrefixed(values: readonly EncodedValue[]): Buffer {
  const parts: Buffer[] = [];
  for (const value of values) {
    if (value === null) parts.push(Buffer.of(NULL));
    else if (typeof value === 'string') parts.push(...text(value));
    else {
      parts.push(header(LIST, value.length));
      for (const element of value) parts.push(...text(element));
    }
  }
  return Buffer.concat(parts);
}
