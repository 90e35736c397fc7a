import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { purposeKey, type LocalKeyring } from '../../crypto/index.ts';

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

/** The survey-link key: one of the keyring's purpose keys, so links stay valid across restarts and master-key rotations. */
export function surveyTokenKey(keyring: LocalKeyring): KeyObject {
  return purposeKey(keyring, 'survey-link/v1');
}
