/** The input field an address problem was found in. */
export type AddressField = 'lines' | 'city' | 'state' | 'zip';

/**
 * A rejected address. The message names the field and the problem but never repeats the value:
 * addresses are personal data, and error messages travel into logs and responses.
 */
export class AddressError extends Error {
  readonly field: AddressField;
  readonly reason: string;

  constructor(field: AddressField, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'AddressError';
    this.field = field;
    this.reason = reason;
  }
}
