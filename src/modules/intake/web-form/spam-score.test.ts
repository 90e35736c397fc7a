import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxLinks, scoreSpam, spamPhrases } from './spam-score.ts';

// Words a person writes to a postal contact center: no links, no advertising.
const plainWord = fc.constantFrom(
  'my',
  'parcel',
  'was',
  'not',
  'delivered',
  'the',
  'letter',
  'carrier',
  'left',
  'it',
  'at',
  'door',
  'please',
  'help',
  'tracking',
  'number',
  'order',
  'stamps',
  'casino',
  'free',
  'money',
);
const plainText = fc.array(plainWord, { maxLength: 60 }).map((w) => w.join(' '));
const link = fc.webUrl({ validSchemes: ['http', 'https'] });

describe('scoreSpam', () => {
  it('passes an ordinary inquiry', () => {
    expect(
      scoreSpam({
        subject: 'Missing package',
        message: 'My parcel 9400 1000 0000 0000 0000 00 has not arrived. See https://tools.usps.com.',
      }),
    ).toEqual({
      suspected: false,
      reasons: [],
      links: 1,
    });
  });

  it('never suspects text without links or listed phrases', () => {
    fc.assert(fc.property(plainText, plainText, (subject, message) => !scoreSpam({ subject, message }).suspected));
  });

  it(`suspects any text with more than ${maxLinks} links, wherever they sit`, () => {
    fc.assert(
      fc.property(plainText, fc.array(link, { minLength: maxLinks + 1, maxLength: 8 }), plainText, (before, links, after) => {
        const verdict = scoreSpam({ subject: 'Hello', message: `${before} ${links.join(' and ')} ${after}` });
        expect(verdict.links).toBe(links.length);
        expect(verdict.reasons).toContain('links');
      }),
    );
  });

  it('finds a listed phrase in any case, spacing and punctuation, but not inside other words', () => {
    fc.assert(
      fc.property(plainText, fc.constantFrom(...spamPhrases), fc.boolean(), plainText, (before, phrase, shout, after) => {
        const written = phrase.split(' ').join(shout ? '  -  ' : '\n');
        const message = `${before} ${shout ? written.toUpperCase() : written}! ${after}`;
        expect(scoreSpam({ subject: 'x', message }).reasons).toEqual(['phrase']);
      }),
    );
    expect(scoreSpam({ subject: 'x', message: 'unviagrable' }).suspected).toBe(false);
  });

  it('is monotone: adding text to a suspected inquiry keeps it suspected', () => {
    fc.assert(
      fc.property(fc.constantFrom(...spamPhrases), plainText, (phrase, more) => {
        expect(scoreSpam({ subject: phrase, message: more }).suspected).toBe(true);
        expect(scoreSpam({ subject: `${more} ${phrase}`, message: `${more} ${more}` }).suspected).toBe(true);
      }),
    );
  });
});
