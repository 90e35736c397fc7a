export type {
  AmbiguousArticleNumber,
  ArticleNumber,
  ImpbApplicationId,
  ImpbNumber,
  InvalidArticleNumber,
  Legacy20Number,
  Routing,
  S10Number,
  ValidArticleNumber,
} from './article-number.ts';
export { formatImpb, type ImpbParts } from './format-impb.ts';
export { formatLegacy20, type Legacy20Parts } from './format-legacy20.ts';
export { formatS10, type S10Parts } from './format-s10.ts';
export { impbCheckDigit } from './impb-check-digit.ts';
export { isoCountryCodes } from './iso-country-codes.ts';
export { normaliseArticleNumber } from './normalise-article-number.ts';
export { parseArticleNumber } from './parse-article-number.ts';
export { s10CheckDigit } from './s10-check-digit.ts';
