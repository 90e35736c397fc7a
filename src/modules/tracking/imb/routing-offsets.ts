/**
 * USPS-B-3200 table 4: each routing length gets its own range of the routing value, so a 5-digit
 * ZIP and the same digits zero-padded to 9 encode differently. Value = digits + offset; 0 means none.
 */
export const routingOffsets: readonly { readonly length: 5 | 9 | 11; readonly offset: bigint }[] = [
  { length: 5, offset: 1n },
  { length: 9, offset: 100_001n },
  { length: 11, offset: 1_000_100_001n },
];
