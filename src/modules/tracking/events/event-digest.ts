import { createHash } from 'node:crypto';

/**
 * The identity of an event: what happened to which piece, when and where. A feed that sends
 * the same scan twice (a retry, an overlapping file) gives the same digest, and the unique key
 * stores it once. 64 bits: at 20 million events a day, two different events of one day share
 * a digest with odds of about one in 90,000 a day.
 */
export function eventDigest(parts: {
  readonly class: string;
  readonly piece: string;
  readonly event: string;
  readonly at: Date;
  readonly facilityZip: string | null;
}): string {
  const digest = createHash('sha256')
    .update(`${parts.class}|${parts.piece}|${parts.event}|${parts.at.toISOString()}|${parts.facilityZip ?? ''}`)
    .digest();
  return digest.readBigInt64BE(0).toString();
}
