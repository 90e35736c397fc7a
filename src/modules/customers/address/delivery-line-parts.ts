/**
 * The components of a standardised delivery address line, in Pub 28, 231 order.
 * For non-street kinds the street-name slot holds the route or box designation so the line still reads left to right:
 * 'PO BOX' with the box as primary number (Pub 28, 281), or 'RR 2' / 'HC 68' / 'PSC 802' with the box as primary
 * number (Pub 28, 241, 251 and 238).
 */
export interface DeliveryLineParts {
  readonly kind: 'street' | 'po-box' | 'rural-route' | 'highway-contract' | 'military';
  readonly primaryNumber: string;
  readonly preDirectional: string | null;
  readonly streetName: string;
  readonly suffix: string | null;
  readonly postDirectional: string | null;
  readonly unitDesignator: string | null;
  readonly unitNumber: string | null;
}
