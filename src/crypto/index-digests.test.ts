import { generateKeySync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBlindIndexKeys } from './blind-index-keys.ts';
import { digestsToQuery, digestsToStore } from './index-digests.ts';
import { normalisePhone } from './normalise-phone.ts';
import { indexKinds, termsToQuery, termsToStore, type IndexKind } from './index-terms.ts';

const keys = createBlindIndexKeys(generateKeySync('hmac', { length: 256 }));
const hex = (digests: readonly Buffer[]) => digests.map((digest) => digest.toString('hex'));

function isPhone(value: string): boolean {
  try {
    normalisePhone(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether a record indexed with `stored` is found by the query groups, as findByIndex decides. */
function matches(stored: readonly Buffer[], query: readonly (readonly Buffer[])[]): boolean {
  const have = new Set(hex(stored));
  return query.every((group) => group.some((digest) => have.has(digest.toString('hex'))));
}

describe('blind-index digests', () => {
  it('are keyed: another root secret gives other digests', () => {
    const other = createBlindIndexKeys(generateKeySync('hmac', { length: 256 }));
    expect(hex(digestsToStore(other, 'email', 'jane@example.org'))).not.toEqual(hex(digestsToStore(keys, 'email', 'jane@example.org')));
  });

  it('give every spelling of one Gmail mailbox the same digest', () => {
    const name = fc.stringMatching(/^[a-z]{2,12}$/);
    const dots = fc.array(fc.nat(), { maxLength: 4 });
    const tag = fc.option(fc.stringMatching(/^[a-z0-9]{1,8}$/));
    fc.assert(
      fc.property(name, dots, tag, fc.boolean(), fc.boolean(), (name, dots, tag, googlemail, upper) => {
        let local = name;
        for (const at of dots) {
          const position = 1 + (at % local.length);
          local = `${local.slice(0, position)}.${local.slice(position)}`;
        }
        const spelled = `${local}${tag === null ? '' : `+${tag}`}@${googlemail ? 'googlemail.com' : 'gmail.com'}`;
        expect(hex(digestsToStore(keys, 'email', upper ? spelled.toUpperCase() : spelled))).toEqual(
          hex(digestsToStore(keys, 'email', `${name}@gmail.com`)),
        );
      }),
    );
  });

  it('give a phone number the same digest in every common format', () => {
    const area = fc.constantFrom('202', '212', '303', '415', '617', '713', '907');
    const exchange = fc.integer({ min: 200, max: 999 }).map(String);
    const line = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
    fc.assert(
      fc.property(area, exchange, line, (area, exchange, last) => {
        const e164 = `+1${area}${exchange}${last}`;
        fc.pre(isPhone(e164));
        const canonical = digestsToStore(keys, 'phone', e164);
        const formats = [
          `(${area}) ${exchange}-${last}`,
          `${area}.${exchange}.${last}`,
          `+1 ${area} ${exchange} ${last}`,
          `${area}${exchange}${last}`,
        ];
        for (const format of formats) expect(hex(digestsToStore(keys, 'phone', format))).toEqual(hex(canonical));
      }),
    );
  });

  it('never collide across kinds for the same text (domain separation)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...indexKinds), fc.constantFrom(...indexKinds), fc.string({ minLength: 1 }), (a, b, term) => {
        fc.pre(a !== b);
        expect(keys.digest(a, term).equals(keys.digest(b, term))).toBe(false);
      }),
    );
    expect(hex(digestsToStore(keys, 'zip', '12345'))).not.toEqual(hex(digestsToStore(keys, 'identifier', '12345')));
  });

  it('index a ZIP+4 under its ZIP too, so a ZIP query finds it and a ZIP+4 query stays exact', () => {
    expect(termsToStore('zip', '20260-0004')).toEqual(['20260', '202600004']);
    const stored = digestsToStore(keys, 'zip', '20260-0004');
    expect(matches(stored, digestsToQuery(keys, 'zip', '20260'))).toBe(true);
    expect(matches(stored, digestsToQuery(keys, 'zip', '202600004'))).toBe(true);
    expect(matches(stored, digestsToQuery(keys, 'zip', '20260-0005'))).toBe(false);
    expect(matches(digestsToStore(keys, 'zip', '20260'), digestsToQuery(keys, 'zip', '20260-0004'))).toBe(false);
  });

  it('find names by sound, part by part', () => {
    const johnSmith = digestsToStore(keys, 'name', 'John Smith');
    expect(matches(johnSmith, digestsToQuery(keys, 'name', 'Jon Smyth'))).toBe(true);
    expect(matches(johnSmith, digestsToQuery(keys, 'name', 'SMITH, JOHN'))).toBe(true);
    expect(matches(johnSmith, digestsToQuery(keys, 'name', 'Smith'))).toBe(true);
    expect(matches(johnSmith, digestsToQuery(keys, 'name', 'Jon Jones'))).toBe(false);
    expect(matches(johnSmith, digestsToQuery(keys, 'name', 'Mary Smith'))).toBe(false);
  });

  it('query a full name by pairs of parts, in any order, every part still required', () => {
    const maryAnn = digestsToStore(keys, 'name', 'Mary Ann Whitcombe');
    expect(matches(maryAnn, digestsToQuery(keys, 'name', 'Mary Whitcombe'))).toBe(true);
    expect(matches(maryAnn, digestsToQuery(keys, 'name', 'Ann Whitcomb'))).toBe(true);
    expect(matches(maryAnn, digestsToQuery(keys, 'name', 'Whitcombe Marie Ann'))).toBe(true);
    expect(matches(maryAnn, digestsToQuery(keys, 'name', 'Mary Ann Wilson'))).toBe(false);
    expect(matches(digestsToStore(keys, 'name', 'Mary Whitcombe'), digestsToQuery(keys, 'name', 'Mary Ann Whitcombe'))).toBe(false);
    // Each group of a full-name query is one pair of parts: as selective as an exact key.
    expect(termsToQuery('name', 'Mary Ann Whitcombe').every((group) => group.every((term) => term.startsWith('pair:')))).toBe(true);
  });

  it('find any name by any two of its first six parts', () => {
    const designators = ['co', 'inc', 'lp', 'llc', 'llp', 'ltd', 'plc', 'corp'];
    const part = fc.stringMatching(/^[a-z]{2,9}$/).filter((p) => !designators.includes(p));
    fc.assert(
      fc.property(fc.uniqueArray(part, { minLength: 2, maxLength: 8 }), fc.nat(), fc.nat(), (parts, i, j) => {
        const first = i % Math.min(parts.length, 6);
        const second = j % Math.min(parts.length, 6);
        fc.pre(first !== second);
        const stored = digestsToStore(keys, 'name', parts.join(' '));
        return matches(stored, digestsToQuery(keys, 'name', `${parts[second]} ${parts[first]}`));
      }),
    );
  });

  it('find a company whatever designator it is typed with, but not by the designator alone', () => {
    const globex = digestsToStore(keys, 'name', 'Globex Fulfilment Corporation');
    expect(matches(globex, digestsToQuery(keys, 'name', 'Globex Fulfillment Corp.'))).toBe(true);
    expect(matches(globex, digestsToQuery(keys, 'name', 'globex inc'))).toBe(true);
    expect(matches(globex, digestsToQuery(keys, 'name', 'Initech Corporation'))).toBe(false);
    // A name that is nothing but designators keeps them: 'The Company' is still findable.
    expect(matches(digestsToStore(keys, 'name', 'Company'), digestsToQuery(keys, 'name', 'company'))).toBe(true);
  });

  it('fall back to the spelled part when a name part has no phonetic code', () => {
    expect(termsToStore('name', '李 Wei')).toEqual([
      'word:李',
      'phonetic:A',
      'phonetic:F',
      'pair:phonetic:A|word:李',
      'pair:phonetic:F|word:李',
    ]);
    expect(termsToQuery('name', '李')).toEqual([['word:李']]);
  });

  it('query exact kinds with one group of one digest', () => {
    for (const [kind, value] of [
      ['email', 'a@b.org'],
      ['phone', '2022682000'],
      ['ssn_last4', '1234'],
      ['identifier', 'ab-12'],
    ] as const) {
      const query = digestsToQuery(keys, kind satisfies IndexKind, value);
      expect(query).toHaveLength(1);
      expect(hex(query[0]!)).toEqual(hex(digestsToStore(keys, kind, value)));
    }
  });
});
