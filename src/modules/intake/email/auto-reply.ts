import type { HeaderLines } from 'mailparser';
import { headerValues } from './header-lines.ts';
import type { AutoReplyReason } from './inbound-email.ts';

/** The header Caseline puts on every message it sends (value: the case number). */
export const outboundMarkerHeader = 'X-Caseline-Case';

const bulkPrecedence = new Set(['bulk', 'junk', 'list', 'auto_reply']);
const systemSenders = new Set(['mailer-daemon', 'postmaster']);

/**
 * Why a message was sent by a machine rather than a person, or null. The first signal found
 * wins, most specific first:
 * - `own-outbound`: it carries our own outbound marker. Mail programs do not copy X- headers
 *   into a reply, so this is one of our messages coming back (a forwarding loop, an
 *   auto-responder echoing headers, a bounce quoting them), never a person answering.
 * - `auto-submitted`: RFC 3834 `Auto-Submitted` other than `no`.
 * - `x-autoreply`: the de-facto `X-Autoreply` / `X-Autorespond` headers.
 * - `precedence`: `Precedence: bulk | junk | list | auto_reply`.
 * - `auto-response-suppress`: Exchange's `X-Auto-Response-Suppress` (other than `None`), which it
 *   puts on its own out-of-office and system mail.
 * - `mailing-list`: `List-Id` or `List-Unsubscribe` (RFC 2369/2919).
 * - `mailer-daemon`: a MAILER-DAEMON or postmaster sender (bounces).
 * - `null-sender`: an empty envelope sender, seen in `Return-Path: <>` or passed in from SMTP.
 */
export function autoReplyReason(headers: HeaderLines, fromAddress: string | null, envelopeSender?: string): AutoReplyReason | null {
  const values = (name: string) => headerValues(headers, name);
  const lower = (name: string) => values(name).map((v) => v.toLowerCase());

  if (values(outboundMarkerHeader).length > 0) return 'own-outbound';
  if (lower('Auto-Submitted').some((v) => v !== '' && !/^no\b/.test(v))) return 'auto-submitted';
  if ([...lower('X-Autoreply'), ...lower('X-Autorespond')].some((v) => v !== 'no')) return 'x-autoreply';
  if (lower('Precedence').some((v) => bulkPrecedence.has(v))) return 'precedence';
  if (lower('X-Auto-Response-Suppress').some((v) => v !== '' && v !== 'none')) return 'auto-response-suppress';
  if (values('List-Id').length > 0 || values('List-Unsubscribe').length > 0) return 'mailing-list';
  if (systemSenders.has((fromAddress ?? '').split('@')[0]!.toLowerCase())) return 'mailer-daemon';
  if (envelopeSender === '' || values('Return-Path').some((v) => /^<\s*>$/.test(v))) return 'null-sender';
  return null;
}
