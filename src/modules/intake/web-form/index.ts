// The public web form: form tokens, the content check, and the inquiry as a case.
export { createFormTokens, type FormTokenOptions, type FormTokens, type TokenCheck, type TokenProblem } from './form-token.ts';
export { maxLinks, scoreSpam, spamPhrases, type SpamVerdict } from './spam-score.ts';
export {
  createWebInquiryIntake,
  InvalidInquiryField,
  webInquiryCategories,
  type InquiryOutcome,
  type WebInquiry,
  type WebInquiryCategory,
  type WebInquiryIntake,
  type WebInquiryOptions,
} from './inquiry-to-case.ts';
