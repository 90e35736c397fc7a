/** Why a message looks machine-sent; such mail must never get an automatic answer (mail loops). */
export type AutoReplyReason =
  | 'auto-submitted'
  | 'precedence'
  | 'auto-response-suppress'
  | 'x-autoreply'
  | 'mailing-list'
  | 'mailer-daemon'
  | 'null-sender'
  | 'own-outbound';

export interface MailAddress {
  readonly address: string;
  /** The display name; empty when the header gave none. */
  readonly name: string;
}

export interface InboundAttachment {
  /** Safe to use as a file name: no path, no control or reserved characters. */
  readonly filename: string;
  readonly contentType: string;
  /** Decoded size in bytes. */
  readonly size: number;
  readonly content: Buffer;
}

/** One inbound e-mail, as the intake channel hands it to the cases service. */
export interface InboundEmail {
  /** Without angle brackets; synthesised from the message's SHA-256 when it has none, so retries dedupe. */
  readonly messageId: string;
  readonly from: MailAddress | null;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  /** Plain text; derived from the HTML part when there is no text part. */
  readonly text: string;
  readonly html: string | null;
  /** Null when the Date header is missing or unreadable (never "now": that would fake a send time). */
  readonly date: Date | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** Case numbers in the subject, normalised to `C-YYYY-NNNNNN`, first mention first. */
  readonly caseNumbers: readonly string[];
  readonly autoReply: AutoReplyReason | null;
  readonly attachments: readonly InboundAttachment[];
  /** Sent by a configured fax-to-e-mail gateway and carrying the fax as a PDF or TIFF. */
  readonly isFax: boolean;
}
