import type { DeliveryLineParts } from './delivery-line-parts.ts';

/** A mailing address in Pub 28 standard form: its components and the two printed lines they make. */
export interface NormalisedAddress extends DeliveryLineParts {
  readonly city: string;
  /** Pub 28, Appendix B two-letter code. */
  readonly state: string;
  readonly zip5: string;
  readonly zip4: string | null;
  readonly deliveryPoint: string | null;
  /** e.g. '123 N MAIN ST APT 4B', 'PO BOX 12', 'RR 2 BOX 15'. */
  readonly deliveryLine: string;
  /** e.g. 'WASHINGTON DC 20260-0004'. */
  readonly lastLine: string;
}
