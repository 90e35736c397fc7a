export {
  createPortalLinking,
  IdentityNotProven,
  LinkingLocked,
  maskedAddress,
  maskedPhone,
  TextUnavailable,
  type PortalLinking,
  type PortalLinkingDeps,
} from './portal-linking.ts';
export { createPortalCases, RatingRefused, type PortalCaseDetail, type PortalCases, type PortalInquiry } from './portal-cases.ts';
export { createPortalAttachments, shownToCustomer, type PortalAttachments } from './portal-attachments.ts';
export {
  createPortalPrivacy,
  InvalidPreference,
  preferenceChoices,
  preferenceFields,
  type PortalPrivacy,
  type PortalPrivacyDeps,
  type Preference,
  type PreferenceName,
  type Preferences,
  type Profile,
  type ProfileValue,
} from './portal-privacy.ts';
export { createLinkLetters, maxBatch, type LinkLetters, type QueuedLetter } from './link-letters.ts';
