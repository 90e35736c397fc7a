import type { QueryInterpretation, SimpleInterpretation, SimpleKind } from './types.ts';

const labels: Readonly<Record<SimpleKind, string>> = {
  email: 'e-mail address',
  phone: 'phone number',
  zip: 'ZIP Code',
  zip4: 'ZIP+4 Code',
  zip11: '11-digit ZIP Code',
  case_number: 'case number',
  article_number: 'article (tracking) number',
  pickup_number: 'pickup confirmation number',
  customer_id: 'customer ID',
  account_number: 'customer account number',
  identifier: 'other customer identifier',
  ssn_last4: 'last four digits of SSN',
  sic_naics: 'industry code',
  name: 'name',
};

/** The message the UI shows, and the caller returns, when an SSN last four comes alone. */
export const SSN_LAST4_ALONE_REFUSAL = 'Last four of SSN alone never retrieves anyone: it must come with a name or ZIP';

/** A short English label for the UI ('phone number', 'name and ZIP Code'); never contains the value. */
export function describeInterpretation(interpretation: QueryInterpretation): string {
  if (interpretation.kind === 'compound') return interpretation.parts.map(describeSimple).join(' and ');
  return describeSimple(interpretation);
}

function describeSimple(interpretation: SimpleInterpretation): string {
  if (interpretation.kind === 'sic_naics') return interpretation.scheme === 'sic' ? 'SIC code' : 'NAICS code';
  return labels[interpretation.kind];
}

/** Why the caller must not search with this interpretation, or undefined when it may. */
export function refusalReason(interpretation: QueryInterpretation): string | undefined {
  return interpretation.kind !== 'compound' && interpretation.alone === true ? SSN_LAST4_ALONE_REFUSAL : undefined;
}
