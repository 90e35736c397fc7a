import { foldWords } from '../../cases/index.ts';

/** What the content check found; codes only, safe to log. */
export interface SpamVerdict {
  readonly suspected: boolean;
  readonly reasons: readonly ('links' | 'phrase')[];
  readonly links: number;
}

/** More links than a person writing about a parcel or an order needs. */
export const maxLinks = 2;

/**
 * Phrases of the bulk advertising that reaches public contact forms. Matched on whole
 * words, case- and spacing-insensitively; kept short and specific, because a match only
 * tags the case (a person can write "casino" in a complaint about a lost parcel).
 */
export const spamPhrases = [
  'buy followers',
  'seo services',
  'search engine optimization',
  'rank your website',
  'first page of google',
  'guest post',
  'backlinks',
  'crypto investment',
  'bitcoin investment',
  'forex signals',
  'online casino',
  'viagra',
  'cialis',
  'payday loan',
  'work from home and earn',
  'make money fast',
  'limited time offer',
  'click here to claim',
  'you have won',
  'adult dating',
] as const;

const linkPattern = /\b(?:https?:\/\/|www\.)\S+|\[url[=\]]|<a\s+href/giu;

const phraseWords = spamPhrases.map((phrase) => ` ${phrase} `);

/** Counts links and looks for known spam phrases in what the sender wrote. Pure: the same text, the same verdict. */
export function scoreSpam(fields: { readonly subject: string; readonly message: string; readonly name?: string }): SpamVerdict {
  const text = [fields.name ?? '', fields.subject, fields.message].join('\n');
  const links = text.match(linkPattern)?.length ?? 0;
  const normalised = foldWords(text);
  const reasons: ('links' | 'phrase')[] = [];
  if (links > maxLinks) reasons.push('links');
  if (phraseWords.some((phrase) => normalised.includes(phrase))) reasons.push('phrase');
  return { suspected: reasons.length > 0, reasons, links };
}
