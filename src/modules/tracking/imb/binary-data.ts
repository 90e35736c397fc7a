import { routingOffsets } from './routing-offsets.ts';

/** USPS-B-3200 2.2.1: the routing value, then the tracking digits (the second one in base 5). */
export function binaryData(tracking: string, routing: string): bigint {
  const offset = routingOffsets.find((r) => r.length === routing.length)?.offset ?? 0n;
  let data = routing === '' ? 0n : BigInt(routing) + offset;
  for (const [index, digit] of [...tracking].entries()) data = data * (index === 1 ? 5n : 10n) + BigInt(digit);
  return data;
}
