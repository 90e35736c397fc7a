/** No such link, or one that has expired, been voided or altered: the answer never says which. */
export class SurveyNotFound extends Error {}

/** The link has been used: a survey is answered once. */
export class SurveyAlreadyAnswered extends Error {}

/** A value the survey cannot take; `field` names it, the message never repeats the value. */
export class InvalidSurveyField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}
