export { createMailOutbox, type MailOutboxOptions } from './mail-outbox.ts';
export { createMailSender, type MailLogger, type MailSender, type MailSenderOptions, type SendRound } from './mail-sender.ts';
export { parseMailbox, type Mailbox } from './mailbox.ts';
export { acknowledgementText, subjectLine } from './mail-text.ts';
export { defaultMaxAttempts, nextAttemptAt, retryDelaysMs, sendFailureOf, type SendFailure } from './retry-policy.ts';
