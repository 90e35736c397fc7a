import { ImbError } from './imb-error.ts';

const routingLengths = [0, 5, 9, 11];

function nonDigits(text: string): string {
  return text.replace(/[0-9]/g, '');
}

/**
 * Refuses what the USPS encoder refuses, in its order and with its codes and wording, so a
 * rejection here reads the same as one from USPS software (the reference test set checks both).
 */
export function validateImbInput(tracking: string, routing: string): void {
  const lengths = `trackingNo.length = ${tracking.length} routingNo.length = ${routing.length}`;
  // USPS measures the tracking code without surrounding blanks, yet reports its untrimmed length:
  // a blank-padded code is a wrong length (09), not a non-digit (10), in the reference set.
  if (tracking.trim().length !== 20) throw new ImbError('09', `wrong parameter length: ${lengths}`);
  if (nonDigits(tracking) !== '') throw new ImbError('10', `non numeric data found; trackingNo: ${nonDigits(tracking)}`);
  if (tracking.charAt(1) > '4') throw new ImbError('11', 'trackingNo digit 2 must be 0-to-4');
  if (!routingLengths.includes(routing.length)) throw new ImbError('12', `wrong parameter length: ${lengths}`);
  if (nonDigits(routing) !== '') throw new ImbError('13', `non numeric data found;  routingNo: ${nonDigits(routing)}`);
}
