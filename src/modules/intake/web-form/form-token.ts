import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../../../crypto/index.ts';

/** Why a form token was not accepted; never told to the sender (see inquiry-to-case.ts). */
export type TokenProblem = 'missing' | 'altered' | 'expired' | 'too_fast';

export type TokenCheck =
  { readonly ok: true; readonly issuedAt: Date; readonly nonce: string } | { readonly ok: false; readonly problem: TokenProblem };

export interface FormTokens {
  issue(now: Date): string;
  check(token: string | null | undefined, now: Date): TokenCheck;
}

export interface FormTokenOptions {
  /** A person reads the form and writes a message: anything sent sooner is a machine. Default 3 s. */
  readonly minimumAgeMs?: number;
  /** A token older than this is stale (a tab left open, or one harvested for reuse). Default 2 h. */
  readonly maximumAgeMs?: number;
}

const context = 'intake.web-form.token';
const tokenPattern = /^[A-Za-z0-9_-]{40,200}$/;

/**
 * Form tokens: the issue time and a random nonce, sealed with the keyring's secret box
 * (AES-256-GCM under a key HKDF-derived from the keyring's root secret, crypto/ holds
 * it): the GCM tag authenticates the issue time as an HMAC would, and every server
 * sharing the keyring accepts the token; no key material leaves crypto/. The nonce makes
 * each form one submission: it becomes the case's message id, so sending the same form
 * twice (a double click) opens one case.
 */
export function createFormTokens(secrets: SecretBox, options: FormTokenOptions = {}): FormTokens {
  const minimumAgeMs = options.minimumAgeMs ?? 3_000;
  const maximumAgeMs = options.maximumAgeMs ?? 2 * 60 * 60_000;
  return {
    issue(now) {
      const payload = JSON.stringify({ iat: now.getTime(), n: randomBytes(12).toString('base64url') });
      return secrets.seal(payload, context).toString('base64url');
    },
    check(token, now) {
      if (!token) return { ok: false, problem: 'missing' };
      if (!tokenPattern.test(token)) return { ok: false, problem: 'altered' };
      let payload: { iat?: unknown; n?: unknown };
      try {
        payload = JSON.parse(secrets.open(Buffer.from(token, 'base64url'), context)) as typeof payload;
      } catch {
        return { ok: false, problem: 'altered' };
      }
      if (typeof payload.iat !== 'number' || typeof payload.n !== 'string') return { ok: false, problem: 'altered' };
      const age = now.getTime() - payload.iat;
      if (age > maximumAgeMs) return { ok: false, problem: 'expired' };
      if (age < minimumAgeMs) return { ok: false, problem: 'too_fast' };
      return { ok: true, issuedAt: new Date(payload.iat), nonce: payload.n };
    },
  };
}
