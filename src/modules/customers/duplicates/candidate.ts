import { namePhoneticCodes, normaliseEmail, normaliseName, normalisePhone, normaliseZip } from '../../../crypto/index.ts';

/** The fields a duplicate check looks at. Every field is optional; absent and blank are the same. */
export type CandidateRecord = {
  givenName?: string;
  surname?: string;
  /** Used only when neither givenName nor surname is given: the last word is taken as the surname. */
  fullName?: string;
  email?: string;
  phone?: string;
  zip?: string;
  addressLine?: string;
  dateOfBirth?: string;
  identifier?: string;
};

/** One name part, normalised, with its Double Metaphone codes. */
export type PreparedName = { readonly text: string; readonly codes: readonly string[] };

/** A CandidateRecord normalised once, so that scoring many pairs does not normalise again. */
export type PreparedCandidate = {
  readonly givenName: PreparedName | undefined;
  readonly surname: PreparedName | undefined;
  readonly email: string | undefined;
  readonly phone: string | undefined;
  readonly zip: string | undefined;
  readonly addressTokens: readonly string[] | undefined;
  readonly dateOfBirth: string | undefined;
  readonly identifier: string | undefined;
};

export function prepareCandidate(record: CandidateRecord): PreparedCandidate {
  let givenName = prepareName(record.givenName);
  let surname = prepareName(record.surname);
  if (givenName === undefined && surname === undefined) {
    const words = (safe(normaliseName, record.fullName) ?? '').split(' ').filter((word) => word !== '');
    if (words.length === 1) surname = prepareName(words[0]);
    if (words.length > 1) {
      surname = prepareName(words.at(-1));
      givenName = prepareName(words.slice(0, -1).join(' '));
    }
  }
  const addressTokens = blank(record.addressLine) ? undefined : safe(normaliseName, record.addressLine)?.split(' ');
  return {
    givenName,
    surname,
    email: safe(normaliseEmail, record.email) ?? fallbackLower(record.email),
    phone: safe(normalisePhone, record.phone) ?? fallbackDigits(record.phone),
    // normaliseZip knows US ZIP codes only: ZIP+4 is cut to the five-digit ZIP so that 10001 and
    // 10001-1234 agree. Other postcodes (Febrl's are Australian) fall back to their letters and digits.
    zip: safe(normaliseZip, record.zip)?.slice(0, 5) ?? fallbackAlnum(record.zip),
    addressTokens,
    dateOfBirth: normaliseDate(record.dateOfBirth),
    identifier: fallbackAlnum(record.identifier),
  };
}

function prepareName(value: string | undefined): PreparedName | undefined {
  const normalised = safe(normaliseName, value);
  if (normalised === undefined) return undefined;
  // Multi-word parts ('van der berg', 'mary ann') are compared as one string.
  const text = normalised.replaceAll(' ', '');
  return { text, codes: namePhoneticCodes(text) };
}

/** Dates as eight digits YYYYMMDD when they look like one (YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD), else their digits. */
function normaliseDate(value: string | undefined): string | undefined {
  if (blank(value)) return undefined;
  const parts = /^\s*(\d{4})\D(\d{1,2})\D(\d{1,2})\s*$/u.exec(value);
  if (parts) return `${parts[1]}${parts[2]!.padStart(2, '0')}${parts[3]!.padStart(2, '0')}`;
  return fallbackDigits(value);
}

function safe(normalise: (value: string) => string, value: string | undefined): string | undefined {
  if (blank(value)) return undefined;
  try {
    return normalise(value);
  } catch {
    return undefined;
  }
}

function blank(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === '';
}

function fallbackLower(value: string | undefined): string | undefined {
  if (blank(value)) return undefined;
  const lowered = value.trim().toLowerCase().replace(/\s+/gu, '');
  return lowered === '' ? undefined : lowered;
}

function fallbackDigits(value: string | undefined): string | undefined {
  if (blank(value)) return undefined;
  const digits = value.replace(/\D/gu, '');
  return digits === '' ? undefined : digits;
}

function fallbackAlnum(value: string | undefined): string | undefined {
  if (blank(value)) return undefined;
  const folded = value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  return folded === '' ? undefined : folded;
}
