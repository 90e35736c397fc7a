/** What every audited unit of work knows about the request that caused it. */
export interface AuditContext {
  readonly requestId: string | null;
  readonly clientAddr: string | null;
  /** Why the data is being touched, in the words of a notice's purposes or a duty. */
  readonly purpose: string;
}
