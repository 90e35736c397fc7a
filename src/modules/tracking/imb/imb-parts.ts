/** What an IMb carries, as digit strings (leading zeros matter). */
export interface ImbParts {
  /** All 20 tracking digits: barcodeId + serviceType + mailerId + serial. */
  readonly tracking: string;
  /** The delivery point ZIP code: empty, 5, 9 or 11 digits. */
  readonly routing: string;
  readonly barcodeId: string;
  readonly serviceType: string;
  /** 9 digits when it starts with 9, otherwise 6. */
  readonly mailerId: string;
  /** 6 digits after a 9-digit mailer id, otherwise 9. */
  readonly serial: string;
}

/** Splits valid tracking and routing digits into the IMb's fields. */
export function imbParts(tracking: string, routing: string): ImbParts {
  const mailerIdEnd = tracking[5] === '9' ? 14 : 11;
  return {
    tracking,
    routing,
    barcodeId: tracking.slice(0, 2),
    serviceType: tracking.slice(2, 5),
    mailerId: tracking.slice(5, mailerIdEnd),
    serial: tracking.slice(mailerIdEnd),
  };
}
