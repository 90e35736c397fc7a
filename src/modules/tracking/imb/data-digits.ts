import { ImbError } from './imb-error.ts';
import { routingOffsets } from './routing-offsets.ts';

/** The inverse of binaryData: the tracking and routing digits, or an error if the routing value fits no length. */
export function dataDigits(data: bigint): { tracking: string; routing: string } {
  let rest = data;
  const tracking: string[] = [];
  for (let index = 19; index >= 0; index--) {
    const base = index === 1 ? 5n : 10n;
    tracking.unshift(String(rest % base));
    rest /= base;
  }
  return { tracking: tracking.join(''), routing: routingDigits(rest) };
}

function routingDigits(value: bigint): string {
  if (value === 0n) return '';
  const range = routingOffsets.find((r) => value >= r.offset && value < r.offset + 10n ** BigInt(r.length));
  if (range === undefined) throw new ImbError('routing-range', `routing value ${value} is beyond the largest 11-digit routing code`);
  return String(value - range.offset).padStart(range.length, '0');
}
