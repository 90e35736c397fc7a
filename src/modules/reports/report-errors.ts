/** A query the report cannot answer; `field` names the query field, the message never repeats its value. */
export class InvalidReportField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}
