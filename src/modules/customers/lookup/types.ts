/**
 * What the single "find customer" box can be asked for. Every kind is one of the
 * retrieval keys the notices allow: 000 "By customer name, customer ID(s), mail or e-mail
 * address, phone number, customer account number, case number, article number, pickup
 * number, and last four digits of SSN, ZIP Code, or other customer identifier"; 001 adds
 * "11-digit ZIP Code"; 002 adds retrieval "by Standard Industry Code (SIC) or North
 * American Industry Classification System (NAISC) number, and company name" (a company
 * name is a 'name' here).
 */
export type SimpleKind =
  | 'email'
  | 'phone'
  | 'zip'
  | 'zip4'
  | 'zip11'
  | 'case_number'
  | 'article_number'
  | 'pickup_number'
  | 'customer_id'
  | 'account_number'
  | 'identifier'
  | 'ssn_last4'
  | 'sic_naics'
  | 'name';

/** exact: the format cannot mean anything else; likely: the usual reading; possible: worth offering. */
export type Confidence = 'exact' | 'likely' | 'possible';

export interface SimpleInterpretation {
  readonly kind: SimpleKind;
  /** The value in the form the blind index was built from; never empty. */
  readonly normalised: string;
  readonly confidence: Confidence;
  /**
   * Set on a last-four-of-SSN typed on its own: the caller must refuse to search with it
   * (see SSN_LAST4_ALONE_REFUSAL), because four digits match thousands of people.
   */
  readonly alone?: true;
  /** For 'sic_naics': which classification the code belongs to. */
  readonly scheme?: 'sic' | 'naics';
}

export type Combination = 'name_with_zip' | 'name_with_ssn_last4';

/** A name typed together with a ZIP or an SSN last four, searched as both at once. */
export interface CompoundInterpretation {
  readonly kind: 'compound';
  readonly combination: Combination;
  /** The name first, then the ZIP (zip/zip4) or the ssn_last4 (without `alone`). */
  readonly parts: readonly SimpleInterpretation[];
  /** The parts' normalised values joined with ' + ', so that it too is never empty. */
  readonly normalised: string;
  readonly confidence: Confidence;
}

export type QueryInterpretation = SimpleInterpretation | CompoundInterpretation;
