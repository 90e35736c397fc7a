import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, isLikelyDuplicate, scoreDuplicate, type CandidateRecord } from './index.ts';

const fields = ['givenName', 'surname', 'fullName', 'email', 'phone', 'zip', 'addressLine', 'dateOfBirth', 'identifier'] as const;

const word = fc.string({ unit: fc.constantFrom(...'abcdeghiklmnorstuy'), minLength: 1, maxLength: 9 });
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const record: fc.Arbitrary<CandidateRecord> = fc.record(
  {
    givenName: word,
    surname: word,
    fullName: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
    email: fc.tuple(word, fc.constantFrom('example.org', 'gmail.com', 'mail.test')).map(([local, domain]) => `${local}@${domain}`),
    phone: fc.constantFrom('(212) 555-0123', '+1 415 555 0199', '202-555-0147', '0412 345 678'),
    zip: digits(4, 5),
    addressLine: fc.tuple(digits(1, 3), word, fc.constantFrom('street', 'road', 'avenue')).map((parts) => parts.join(' ')),
    dateOfBirth: digits(8, 8),
    identifier: digits(6, 9),
  },
  { requiredKeys: [] },
);
const nonEmpty = record.filter((candidate) => Object.values(candidate).some((value) => value !== undefined));

/** One typo (substitution, deletion, insertion or transposition) in one present field. */
function withTypo(candidate: CandidateRecord, fieldSeed: number, position: number, kind: number): CandidateRecord {
  const present = fields.filter((field) => candidate[field] !== undefined);
  const field = present[fieldSeed % present.length]!;
  const value = candidate[field]!;
  const at = position % value.length;
  const typoed = [
    value.slice(0, at) + (value[at] === 'x' ? 'q' : 'x') + value.slice(at + 1),
    value.slice(0, at) + value.slice(at + 1),
    value.slice(0, at) + 'z' + value.slice(at),
    at + 1 < value.length ? value.slice(0, at) + value[at + 1] + value[at] + value.slice(at + 2) : value + 'z',
  ][kind % 4]!;
  return { ...candidate, [field]: typoed };
}

describe('scoreDuplicate', () => {
  const alice: CandidateRecord = {
    givenName: 'Alice',
    surname: 'Smith',
    email: 'Alice.Smith+promo@Gmail.com',
    phone: '(212) 555-0123',
    zip: '10001',
    addressLine: '12 Main Street',
    dateOfBirth: '1980-04-02',
  };

  it('treats an exact normalised e-mail as strong evidence on its own', () => {
    const result = scoreDuplicate({ email: 'alicesmith@gmail.com' }, { email: 'Alice.Smith+promo@googlemail.com' });
    expect(isLikelyDuplicate(result.score)).toBe(true);
    expect(result.reasons).toEqual(['email']);
  });

  it('treats an exact normalised phone as strong evidence on its own', () => {
    const result = scoreDuplicate({ phone: '212.555.0123' }, { phone: '+1 (212) 555-0123' });
    expect(isLikelyDuplicate(result.score)).toBe(true);
    expect(result.reasons).toEqual(['phone']);
  });

  it('matches misspelled, phonetic and swapped names with supporting fields', () => {
    const variant: CandidateRecord = { givenName: 'Smyth', surname: 'Alyce', zip: '10001', dateOfBirth: '19800402' };
    const result = scoreDuplicate(alice, variant);
    expect(isLikelyDuplicate(result.score)).toBe(true);
    expect(result.reasons).toEqual(expect.arrayContaining(['dateOfBirth', 'zip', 'surname', 'givenName']));
  });

  it('uses fullName when the parts are missing', () => {
    const result = scoreDuplicate(
      { fullName: 'Alice M. Smith', zip: '10001' },
      { givenName: 'alice m', surname: 'smith', zip: '10001-1234' },
    );
    expect(result.reasons).toEqual(expect.arrayContaining(['givenName', 'surname', 'zip']));
    expect(isLikelyDuplicate(result.score)).toBe(true);
  });

  it('does not call different people with a common surname duplicates', () => {
    const bob: CandidateRecord = { givenName: 'Bob', surname: 'Smith', email: 'bob@example.org', zip: '94110', dateOfBirth: '1975-11-30' };
    const result = scoreDuplicate(alice, bob);
    expect(isLikelyDuplicate(result.score)).toBe(false);
    expect(result.score).toBeLessThan(0.05);
  });

  it('reports field names, never values', () => {
    const { reasons } = scoreDuplicate(alice, { ...alice, phone: '(415) 555-0199' });
    for (const reason of reasons) expect(fields).toContain(reason);
    expect(reasons).not.toContain('phone');
    expect(reasons[0]).toBe('email');
  });

  it('scores 0 when there is nothing to compare', () => {
    expect(scoreDuplicate({}, alice)).toEqual({ score: 0, reasons: [] });
    expect(isLikelyDuplicate(0)).toBe(false);
    expect(DUPLICATE_THRESHOLD).toBe(0.5);
  });

  describe('properties', () => {
    it('is symmetric, score and reasons alike', () => {
      fc.assert(
        fc.property(record, record, (a, b) => {
          expect(scoreDuplicate(a, b)).toEqual(scoreDuplicate(b, a));
        }),
        { numRuns: 500 },
      );
    });

    it('stays within [0, 1]', () => {
      fc.assert(
        fc.property(record, record, (a, b) => {
          const { score } = scoreDuplicate(a, b);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }),
        { numRuns: 500 },
      );
    });

    it('scores a non-empty record against itself at least as high as against any other record', () => {
      fc.assert(
        fc.property(nonEmpty, record, (a, b) => {
          const self = scoreDuplicate(a, a).score;
          expect(self).toBeGreaterThan(0);
          expect(scoreDuplicate(a, b).score).toBeLessThanOrEqual(self);
        }),
        { numRuns: 500 },
      );
    });

    it('never scores a record higher against a typo-ed copy than against itself', () => {
      fc.assert(
        fc.property(nonEmpty, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (a, fieldSeed, position, kind, second) => {
          const once = withTypo(a, fieldSeed, position, kind);
          const twice = withTypo(once, fieldSeed + second, position + second, kind + second);
          const self = scoreDuplicate(a, a).score;
          expect(scoreDuplicate(a, once).score).toBeLessThanOrEqual(self);
          expect(scoreDuplicate(a, twice).score).toBeLessThanOrEqual(self);
        }),
        { numRuns: 500 },
      );
    });

    it('lowers the score when a typo lands in a name of an otherwise identical record', () => {
      fc.assert(
        fc.property(
          word.filter((w) => w.length >= 3),
          word.filter((w) => w.length >= 3),
          digits(4, 4),
          fc.nat(),
          (given, surname, zip, position) => {
            const a: CandidateRecord = { givenName: given, surname, zip };
            const typoed = withTypo(a, 1, position, 0);
            expect(scoreDuplicate(a, typoed).score).toBeLessThan(scoreDuplicate(a, a).score);
          },
        ),
      );
    });
  });
});
