import { domainToASCII } from 'node:url';
import { InvalidIndexValueError } from './errors.ts';

const googleDomains = new Set(['gmail.com', 'googlemail.com']);

/**
 * Providers that document plus sub-addressing (user+tag@ delivers to user@): Gmail,
 * Outlook.com and its legacy Hotmail/Live/MSN domains, iCloud (with me.com and mac.com),
 * Fastmail and Proton. Elsewhere '+' may be a literal character of a distinct mailbox
 * (many corporate servers) or the separator may be another one (Yahoo uses '-' for
 * disposable addresses, which also occurs in ordinary names), so stripping there could
 * merge two people's records: a wrong match discloses a record, a missed match only
 * costs the agent another key.
 */
const subAddressingDomains = new Set([
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'fastmail.com',
  'fastmail.fm',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
]);

function invalid(reason: string): never {
  throw new InvalidIndexValueError('email', reason);
}

/**
 * The mailbox an address delivers to, as one canonical string. The local part is
 * lower-cased although RFC 5321 lets it be case-sensitive: no provider in use treats it
 * so, and people type addresses in every case.
 */
export function normaliseEmail(value: string): string {
  const trimmed = value.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) invalid('an e-mail address needs a local part and a domain');
  let local = trimmed.slice(0, at);
  if (/[\s@]/u.test(local)) invalid('the local part may not contain spaces or a second @');
  // domainToASCII folds internationalised domains to their punycode form and rejects malformed ones.
  // One trailing dot is the DNS root (example.org. is example.org); an empty label anywhere else is a typo.
  let domain = domainToASCII(trimmed.slice(at + 1).replace(/\.$/u, ''));
  const labels = domain.split('.');
  if (labels.length < 2 || labels.includes('')) invalid('the domain is not a valid internet domain');
  if (googleDomains.has(domain)) {
    domain = 'gmail.com';
    // Gmail ignores dots in the local part: j.smith and jsmith are one mailbox.
    local = local.replaceAll('.', '');
  }
  if (subAddressingDomains.has(domain)) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  if (local === '') invalid('the local part is empty');
  return `${local}@${domain}`;
}
