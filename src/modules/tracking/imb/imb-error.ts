/**
 * Why an IMb was refused. Encoding uses the numeric codes of the USPS encoder (its reference
 * test set names them), so a rejection can be matched against what USPS software reports;
 * decoding has no USPS codes, so its codes name the fault.
 */
export type ImbErrorCode =
  | '09' // tracking code is not 20 characters
  | '10' // tracking code has a non-digit
  | '11' // second barcode id digit is above 4
  | '12' // routing code is not 0, 5, 9 or 11 characters
  | '13' // routing code has a non-digit
  | 'bar-count'
  | 'bar-letter'
  | 'damaged-bar'
  | 'codeword'
  | 'frame-check'
  | 'routing-range';

export class ImbError extends Error {
  override readonly name = 'ImbError';
  readonly code: ImbErrorCode;
  constructor(code: ImbErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
