import { randomUUID } from 'node:crypto';

// "Re:", "Fwd:", "AW:", "SV:", "Re[2]:" … however many a subject has collected.
const replyPrefixes = /^(?:\s*(?:re|fw|fwd|aw|sv|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+/iu;

/**
 * The subject of an e-mail about a case: `[C-2026-000123] Re: <title>`. The number in brackets
 * is what the intake finds in the customer's answer (case-number threading); line breaks are
 * flattened so the title cannot start a header of its own.
 */
export function subjectLine(caseNumber: string, title: string): string {
  const flat = title.replace(/[\r\n\t\u0000-\u001f\u007f]+/gu, ' ');
  const clean = flat.replace(replyPrefixes, '').replaceAll(`[${caseNumber}]`, '').replace(/\s+/gu, ' ').trim();
  return `[${caseNumber}] Re: ${clean || '(no subject)'}`;
}

/** What a new case's sender is told: that the message arrived, and the number to quote. */
export function acknowledgementText(caseNumber: string): string {
  return [
    'Thank you for contacting us.',
    '',
    `We have received your message and opened case ${caseNumber}. We will answer it as soon as we can.`,
    '',
    'If you write to us again about this matter, please reply to this message or keep the case number in the subject line, so that it reaches the people working on your case.',
    '',
    'This message was sent automatically.',
  ].join('\n');
}

/** A new Message-ID for one of our messages (without angle brackets): random, naming no one. */
export function newMessageId(domain: string): string {
  return `${randomUUID()}@${domain}`;
}
