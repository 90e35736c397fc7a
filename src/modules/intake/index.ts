export type { AutoReplyReason, InboundAttachment, InboundEmail, MailAddress } from './email/inbound-email.ts';
export type { IntakeLogger } from './email/intake-logger.ts';
export { MessageRejected } from './email/message-rejected.ts';
export { parseInbound, type ParseInboundOptions } from './email/parse-inbound.ts';
export { findCaseNumbers } from './email/case-numbers.ts';
export { outboundMarkerHeader } from './email/auto-reply.ts';
export { startSmtpListener, type SmtpEnvelope, type SmtpListener, type SmtpListenerOptions } from './email/smtp-listener.ts';
export { rejectedKeyword, startImapPoller, type ImapPoller, type ImapPollerOptions } from './email/imap-poller.ts';
export { createEmailIntake, type EmailIntakeOptions, type IntakeOutcome } from './email/email-to-case.ts';
export {
  defaultIntakeRecordType,
  defaultSmtpMaxBytes,
  emailIntakeSettingsOf,
  type EmailIntakeSettings,
  type ImapIntakeSettings,
  type SmtpIntakeSettings,
} from './intake-config.ts';
export { startEmailIntake, type EmailIntakeDeps, type RunningEmailIntake } from './start-intake.ts';
export * from './web-form/index.ts';
