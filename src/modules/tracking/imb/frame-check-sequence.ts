const generator = 0xf35;

/**
 * The CRC-11 frame check sequence of the 102-bit binary data (USPS-B-3200 2.2.2), bit by bit from
 * the most significant. The spec feeds 13 bytes and skips the top two bits; that is the same thing.
 */
export function frameCheckSequence(data: bigint): number {
  let fcs = 0x7ff;
  for (let bit = 101; bit >= 0; bit--) {
    const dataBit = Number((data >> BigInt(bit)) & 1n);
    fcs = ((fcs >> 10) ^ dataBit) & 1 ? (fcs << 1) ^ generator : fcs << 1;
    fcs &= 0x7ff;
  }
  return fcs;
}
