import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type HeaderLines, type ParsedMail } from 'mailparser';
import { sanitiseFilename } from '../../attachments/index.ts';
import { autoReplyReason } from './auto-reply.ts';
import { findCaseNumbers } from './case-numbers.ts';
import { isFaxTransmission } from './fax-gateway.ts';
import { headerValues } from './header-lines.ts';
import { htmlAsText } from './html-as-text.ts';
import type { InboundAttachment, InboundEmail, MailAddress } from './inbound-email.ts';

export interface ParseInboundOptions {
  /** Fax-to-e-mail gateways: sender addresses and/or domains (see matchesAddressList). */
  readonly faxGateways?: readonly string[];
  /** The SMTP envelope sender when known; `''` (a bounce's `MAIL FROM:<>`) marks an auto-reply. */
  readonly envelopeSender?: string;
}

// An HTML part this large is kept as HTML but not converted to text (the conversion is slow).
const maxHtmlToConvert = 5 * 1024 * 1024;

function withoutBrackets(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

/** Message-IDs in a header value such as `<a@x> <b@y>`; a bare id is taken as it is. */
function messageIds(value: string | string[] | undefined): string[] {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values
    .flatMap((v) => v.match(/<[^<>]*>/g) ?? v.split(/\s+/))
    .map(withoutBrackets)
    .filter((id) => id !== '');
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  // Group syntax (`team: a@x, b@y;`) nests the members one level down.
  return objects
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => typeof a.address === 'string' && a.address !== '')
    .map((a) => ({ address: a.address!, name: a.name ?? '' }));
}

function dateOf(headers: HeaderLines): Date | null {
  const value = headerValues(headers, 'Date')[0];
  if (value === undefined) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function attachmentsOf(parsed: ParsedMail): InboundAttachment[] {
  return parsed.attachments.map((a) => ({
    filename: sanitiseFilename(a.filename),
    contentType: (a.contentType || 'application/octet-stream').toLowerCase(),
    size: a.content.length,
    content: a.content,
  }));
}

function syntheticMessageId(raw: Buffer): string {
  return `${createHash('sha256').update(raw).digest('hex')}@sha256.caseline.invalid`;
}

async function parseMail(raw: Buffer): Promise<ParsedMail | null> {
  try {
    return await simpleParser(raw, {
      keepCidLinks: true,
      skipImageLinks: true,
      skipTextLinks: true,
      skipTextToHtml: true,
      maxHtmlLengthToParse: maxHtmlToConvert,
    });
  } catch {
    // Unparseable mail still becomes a case (with empty fields) rather than being lost.
    return null;
  }
}

/**
 * Reads one raw RFC 5322 message. Never throws: whatever cannot be read is left empty, so that
 * no message is refused for being odd.
 */
export async function parseInbound(raw: Buffer, options: ParseInboundOptions = {}): Promise<InboundEmail> {
  const parsed = await parseMail(raw);
  const headers = parsed?.headerLines ?? [];
  const from = addressesOf(parsed?.from)[0] ?? null;
  const subject = parsed?.subject ?? '';
  const attachments = parsed ? attachmentsOf(parsed) : [];
  const html = typeof parsed?.html === 'string' ? parsed.html : null;
  const text = parsed?.text?.trim() || html === null ? (parsed?.text ?? '') : await htmlAsText(html, maxHtmlToConvert);
  return {
    messageId: messageIds(parsed?.messageId)[0] ?? syntheticMessageId(raw),
    from,
    to: addressesOf(parsed?.to).map((a) => a.address),
    cc: addressesOf(parsed?.cc).map((a) => a.address),
    subject,
    text,
    html,
    date: dateOf(headers),
    inReplyTo: messageIds(parsed?.inReplyTo)[0] ?? null,
    references: messageIds(parsed?.references),
    caseNumbers: findCaseNumbers(subject),
    autoReply: autoReplyReason(headers, from?.address ?? null, options.envelopeSender),
    attachments,
    isFax: isFaxTransmission(from?.address ?? null, attachments, options.faxGateways ?? []),
  };
}
