import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../crypto/index.ts';
import { testVault } from '../../../../test/support/vault.ts';
import { createFormTokens, type FormTokens } from './form-token.ts';

let keys: Awaited<ReturnType<typeof testVault>>;
let tokens: FormTokens;
const issued = new Date('2026-11-25T12:00:00Z');
const after = (ms: number) => new Date(issued.getTime() + ms);

beforeAll(async () => {
  keys = await testVault();
  tokens = createFormTokens(createSecretBox(keys.keyring));
});
afterAll(async () => {
  await keys.remove();
});

describe('form tokens', () => {
  it('are accepted from 3 seconds to 2 hours after issue, each with its own nonce', () => {
    const a = tokens.issue(issued);
    const b = tokens.issue(issued);
    expect(a).not.toBe(b);
    const checked = tokens.check(a, after(3_000));
    expect(checked).toMatchObject({ ok: true, issuedAt: issued });
    expect(tokens.check(a, after(2 * 3600_000))).toMatchObject({ ok: true });
    const other = tokens.check(b, after(5_000));
    expect(checked.ok && other.ok && checked.nonce !== other.nonce).toBe(true);
  });

  it('refuse a form sent too fast, too late, without a token or with an altered one', () => {
    const token = tokens.issue(issued);
    expect(tokens.check(token, after(2_999))).toEqual({ ok: false, problem: 'too_fast' });
    expect(tokens.check(token, after(2 * 3600_000 + 1))).toEqual({ ok: false, problem: 'expired' });
    expect(tokens.check('', after(5_000))).toEqual({ ok: false, problem: 'missing' });
    expect(tokens.check(null, after(5_000))).toEqual({ ok: false, problem: 'missing' });
    expect(tokens.check('not a token', after(5_000))).toEqual({ ok: false, problem: 'altered' });
  });

  it('refuse every token with any one character changed', () => {
    const token = tokens.issue(issued);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), (at, char) => {
        fc.pre(token[at] !== char);
        const altered = token.slice(0, at) + char + token.slice(at + 1);
        const checked = tokens.check(altered, after(5_000));
        // The last character carries only some bits of the tag: changing only unused bits may decode to the same bytes.
        if (Buffer.from(altered, 'base64url').equals(Buffer.from(token, 'base64url'))) return;
        expect(checked).toEqual({ ok: false, problem: 'altered' });
      }),
    );
  });

  it('are not accepted by another keyring', async () => {
    const other = await testVault();
    try {
      expect(createFormTokens(createSecretBox(other.keyring)).check(tokens.issue(issued), after(5_000))).toEqual({
        ok: false,
        problem: 'altered',
      });
    } finally {
      await other.remove();
    }
  });
});
