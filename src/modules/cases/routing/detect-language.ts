/**
 * A rough guess at the language of an inquiry, enough to route Spanish mail to Spanish
 * speakers: the language whose most common words occur most often. Short or mixed text
 * gives null rather than a wrong guess.
 */
const commonWords: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'is', 'to', 'of', 'my', 'was', 'not', 'have', 'it', 'for', 'you', 'with', 'this', 'that', 'please'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'mi', 'no', 'por', 'para', 'con', 'una', 'es', 'paquete', 'gracias'],
  fr: ['le', 'la', 'les', 'de', 'et', 'est', 'je', 'mon', 'pas', 'pour', 'une', 'des', 'que', 'avec', 'colis', 'merci'],
  de: ['der', 'die', 'das', 'und', 'ist', 'ich', 'nicht', 'mein', 'ein', 'eine', 'mit', 'für', 'zu', 'von', 'paket', 'danke'],
  pt: ['o', 'a', 'de', 'que', 'e', 'não', 'meu', 'minha', 'para', 'com', 'uma', 'um', 'os', 'foi', 'pacote', 'obrigado'],
  it: ['il', 'la', 'di', 'che', 'e', 'non', 'mio', 'per', 'con', 'una', 'un', 'sono', 'pacco', 'grazie', 'della', 'gli'],
};
export const detectableLanguages = Object.keys(commonWords);

// Each common word and the languages it is common in: one look-up a word of the text.
const languagesOf = new Map<string, string[]>();
for (const [language, common] of Object.entries(commonWords))
  for (const word of common) languagesOf.set(word, [...(languagesOf.get(word) ?? []), language]);

export function detectLanguage(text: string): string | null {
  const words =
    text
      .toLowerCase()
      .normalize('NFC')
      .match(/\p{L}+/gu) ?? [];
  if (words.length < 4) return null;
  const counts = new Map<string, number>(detectableLanguages.map((language) => [language, 0]));
  for (const word of words) for (const language of languagesOf.get(word) ?? []) counts.set(language, counts.get(language)! + 1);
  const scores = [...counts].map(([language, score]) => ({ language, score })).sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  // At least two common words, and clearly ahead of the runner-up.
  return best!.score >= 2 && best!.score > second!.score * 1.5 ? best!.language : null;
}
