import type { ImpbApplicationId, ImpbNumber } from './article-number.ts';
import { impbCheckDigit } from './impb-check-digit.ts';

type ImpbPackage = Pick<ImpbNumber, 'applicationId' | 'serviceType' | 'sourceId' | 'mailerId' | 'serial' | 'checkDigit' | 'packageNumber'>;

const applicationIds: readonly string[] = ['91', '92', '93', '94', '95'] satisfies ImpbApplicationId[];
const isApplicationId = (text: string): text is ImpbApplicationId => applicationIds.includes(text);

// Mailer IDs tell their own length: nine-digit ones are 900000000–999999999, six-digit ones 000000–899999.
const mailerIdLength = (firstDigit: string | undefined): 6 | 9 => (firstDigit === '9' ? 9 : 6);

/**
 * Splits a 22- or 26-digit package number (no routing prefix) into its Publication 199 fields, or says why it is not one.
 * The layout is checked before the check digit so that a misread identifier is reported as such.
 */
export function readImpbPackage(digits: string): ImpbPackage | { readonly reason: string } {
  const applicationId = digits.slice(0, 2);
  if (!isApplicationId(applicationId)) {
    return { reason: `application identifier ${applicationId} is not an IMpb channel (91, 92, 93, 94 or 95)` };
  }
  const body = digits.slice(0, -1);
  let fields: Pick<ImpbPackage, 'serviceType' | 'sourceId' | 'mailerId' | 'serial'>;
  if (applicationId === '91') {
    if (digits.length !== 22) return { reason: `application identifier 91 numbers are 22 digits, not ${digits.length}` };
    fields = { serviceType: body.slice(2, 4), mailerId: body.slice(4, 13), serial: body.slice(13) };
  } else if (applicationId === '95') {
    fields = { serviceType: body.slice(2, 5), mailerId: null, serial: body.slice(5) };
  } else {
    const sourceId = applicationId === '94' ? body.slice(5, 7) : undefined;
    const midAt = sourceId === undefined ? 5 : 7;
    const length = mailerIdLength(body[midAt]);
    if (applicationId === '92' && length !== 9) {
      return { reason: `application identifier 92 needs a 9-digit Mailer ID (starting with 9), but it starts with ${body[midAt]}` };
    }
    if (applicationId === '93' && length !== 6) {
      return { reason: 'application identifier 93 needs a 6-digit Mailer ID (000000–899999), but it starts with 9' };
    }
    const mailerId = body.slice(midAt, midAt + length);
    fields = {
      serviceType: body.slice(2, 5),
      ...(sourceId === undefined ? {} : { sourceId }),
      mailerId,
      serial: body.slice(midAt + length),
    };
  }
  const checkDigit = Number(digits.at(-1));
  const expected = impbCheckDigit(body);
  if (checkDigit !== expected) return { reason: `check digit is ${checkDigit}, expected ${expected}` };
  return { applicationId, ...fields, checkDigit, packageNumber: digits };
}
