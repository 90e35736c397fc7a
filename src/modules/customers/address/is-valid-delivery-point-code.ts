/**
 * Whether a 12-digit string (11-digit delivery-point ZIP followed by its check digit) is intact: the digits sum to a
 * multiple of 10 (the DMM barcode check-digit rule). Any single mistyped digit changes the sum by 1 to 9, so it is always caught.
 */
export function isValidDeliveryPointCode(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  return [...value].reduce((total, digit) => total + Number(digit), 0) % 10 === 0;
}
