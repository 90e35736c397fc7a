import type { ImpbNumber } from './article-number.ts';
import { impbCheckDigit } from './impb-check-digit.ts';
import { readImpbPackage } from './read-impb-package.ts';

export type ImpbParts = Pick<ImpbNumber, 'applicationId' | 'serviceType' | 'sourceId' | 'routing'> & {
  readonly mailerId?: string | null;
  readonly serial: string;
};

/**
 * Builds an IMpb from its parts, computing the check digit over the package number only, with the 420 routing
 * prefix in front when routing is given. For tests and fixtures: parts that do not make a Publication 199 number throw.
 */
export function formatImpb(parts: ImpbParts): string {
  const { applicationId, serviceType, sourceId, mailerId, serial, routing } = parts;
  const body = `${applicationId}${serviceType}${sourceId ?? ''}${mailerId ?? ''}${serial}`;
  if (body.length !== 21 && body.length !== 25)
    throw new RangeError(`a package number is 22 or 26 digits, these parts make ${body.length + 1}`);
  const packageNumber = `${body}${impbCheckDigit(body)}`;
  const read = readImpbPackage(packageNumber);
  if ('reason' in read) throw new RangeError(read.reason);
  if (read.serviceType !== serviceType || read.sourceId !== sourceId || read.mailerId !== (mailerId ?? null) || read.serial !== serial) {
    throw new RangeError(`the parts do not fit the application identifier ${applicationId} layout`);
  }
  if (routing === undefined) return packageNumber;
  if (!/^\d{5}$/.test(routing.zip) || (routing.plus4 !== undefined && !/^\d{4}$/.test(routing.plus4))) {
    throw new RangeError(`routing needs a 5-digit ZIP and an optional 4-digit +4, got ${routing.zip}-${routing.plus4 ?? ''}`);
  }
  return `420${routing.zip}${routing.plus4 ?? ''}${packageNumber}`;
}
