/** The destination carried by the GS1 application identifier 420 in front of an IMpb package number. */
export interface Routing {
  readonly zip: string;
  readonly plus4?: string;
}

/** The channel application identifiers of Publication 199; 91 is the pre-IMpb Confirmation Services construct. */
export type ImpbApplicationId = '91' | '92' | '93' | '94' | '95';

export interface ImpbNumber {
  readonly kind: 'impb';
  readonly applicationId: ImpbApplicationId;
  /** Three digits; two for application identifier 91, whose construct predates the three-digit code. */
  readonly serviceType: string;
  /** The online channel's (94) two-digit source identifier. */
  readonly sourceId?: string;
  /** Null for USPS retail numbers (95), which carry a USPS device rather than a mailer. */
  readonly mailerId: string | null;
  readonly serial: string;
  readonly checkDigit: number;
  readonly routing?: Routing;
  /** The total length in digits, routing prefix included. */
  readonly form: 22 | 26 | 30 | 34 | 38;
  /** The number the check digit covers: the normalised number without its routing prefix. */
  readonly packageNumber: string;
  readonly normalised: string;
}

/** A 20-digit Confirmation Services number (Publications 91 and 109): the application identifier 91 is implied. */
export interface Legacy20Number {
  readonly kind: 'legacy20';
  readonly impliedApplicationId: '91';
  readonly serviceType: string;
  readonly mailerId: string;
  readonly serial: string;
  readonly checkDigit: number;
  readonly normalised: string;
}

export interface S10Number {
  readonly kind: 's10';
  readonly serviceIndicator: string;
  readonly serial: string;
  readonly checkDigit: number;
  readonly country: string;
  readonly normalised: string;
}

/** Two or more valid IMpb readings of the same digits; which one was printed cannot be told from the digits. */
export interface AmbiguousArticleNumber {
  readonly kind: 'ambiguous';
  readonly readings: readonly ImpbNumber[];
  readonly normalised: string;
}

export interface InvalidArticleNumber {
  readonly kind: 'invalid';
  readonly reason: string;
  readonly normalised: string;
}

export type ValidArticleNumber = ImpbNumber | Legacy20Number | S10Number;

export type ArticleNumber = ValidArticleNumber | AmbiguousArticleNumber | InvalidArticleNumber;
