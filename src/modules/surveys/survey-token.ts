import { createHmac, createSecretKey, hkdfSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { LocalKeyring } from '../../crypto/index.ts';

/**
 * Signs and checks the tokens of survey links. A token is the invitation's random id and
 * an HMAC-SHA-256 of it, both base64url: `<22 characters>.<43 characters>`. Only the
 * holder of the key can make one, so the id alone (in the database, in a log) opens
 * nothing, and the server can compute a link again for a letter printed later.
 */
export interface SurveyTokens {
  tokenFor(invitationId: string): string;
  /** The invitation id a token was made for, or null when it is not one of ours (altered, truncated, foreign). */
  verify(token: string): string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tokenPattern = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;
const domain = 'caseline/survey-invitation/v1\0';

function idBytes(invitationId: string): Buffer {
  if (!uuidPattern.test(invitationId)) throw new TypeError('a survey invitation id is a uuid');
  return Buffer.from(invitationId.replaceAll('-', ''), 'hex');
}

function idOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createSurveyTokens(key: KeyObject): SurveyTokens {
  const sign = (bytes: Buffer) => createHmac('sha256', key).update(domain, 'utf8').update(bytes).digest();
  const tokenOf = (bytes: Buffer) => `${bytes.toString('base64url')}.${sign(bytes).toString('base64url')}`;
  return {
    tokenFor: (invitationId) => tokenOf(idBytes(invitationId)),
    verify(token) {
      if (!tokenPattern.test(token)) return null;
      const bytes = Buffer.from(token.slice(0, 22), 'base64url');
      if (bytes.length !== 16) return null;
      // Comparing the whole token, not just the signature, also refuses another spelling
      // of the same bytes (base64url's unused low bits in the last character).
      const expected = Buffer.from(tokenOf(bytes), 'utf8');
      const given = Buffer.from(token, 'utf8');
      return given.length === expected.length && timingSafeEqual(given, expected) ? idOf(bytes) : null;
    },
  };
}

/**
 * The survey-link key, derived from the keyring with HKDF like crypto/'s own keys. The
 * keyring's root secret is private to crypto/, so the input keying material is the
 * blind-index HMAC of a fixed label that no normalised identifier can equal (identifiers
 * are upper-cased; the label is not): a secret only the keyring's holder can compute,
 * stable across restarts and master-key rotations. TODO(lead): a crypto/ export such as
 * `deriveMacKey(keyring, purpose)` from the root would make this indirection unnecessary.
 */
export function surveyTokenKey(keyring: Pick<LocalKeyring, 'blindIndex'>): KeyObject {
  const material = keyring.blindIndex.digest('identifier', 'caseline/survey-link/v1');
  return createSecretKey(Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'caseline/survey-link/v1', 32)));
}
