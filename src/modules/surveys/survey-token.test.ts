import { randomBytes, randomUUID, createSecretKey } from 'node:crypto';
import fc from 'fast-check';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKeyring } from '../../crypto/index.ts';
import { createSurveyTokens, surveyTokenKey } from './survey-token.ts';

const tokens = createSurveyTokens(createSecretKey(randomBytes(32)));
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ %';

describe('survey link tokens', () => {
  it('verify to the invitation they were made for', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const token = tokens.tokenFor(id);
        expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
        expect(tokens.verify(token)).toBe(id.toLowerCase());
      }),
    );
  });

  it('refuse any token with one character changed', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.nat(), fc.constantFrom(...alphabet), (id, at, replacement) => {
        const token = tokens.tokenFor(id);
        const i = at % token.length;
        fc.pre(token[i] !== replacement);
        expect(tokens.verify(token.slice(0, i) + replacement + token.slice(i + 1))).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('refuse truncated, extended, foreign and malformed tokens', () => {
    const token = tokens.tokenFor(randomUUID());
    expect(tokens.verify(token.slice(0, -1))).toBeNull();
    expect(tokens.verify(`${token}A`)).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('not a token')).toBeNull();
    const foreign = createSurveyTokens(createSecretKey(randomBytes(32)));
    expect(tokens.verify(foreign.tokenFor(randomUUID()))).toBeNull();
    expect(() => tokens.tokenFor('not-a-uuid')).toThrow(TypeError);
  });

  it('derive the same key from the same keyring and another from another', async () => {
    const dirs = await Promise.all([1, 2].map(() => fs.mkdtemp(path.join(os.tmpdir(), 'caseline-survey-keys-'))));
    const keyring = (n: 1 | 2) => openKeyring({ dataDir: dirs[n - 1]!, masterKey: null });
    try {
      const id = randomUUID();
      const a = createSurveyTokens(surveyTokenKey(await keyring(1))).tokenFor(id);
      expect(createSurveyTokens(surveyTokenKey(await keyring(1))).tokenFor(id)).toBe(a);
      expect(createSurveyTokens(surveyTokenKey(await keyring(2))).tokenFor(id)).not.toBe(a);
    } finally {
      await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
    }
  });
});
