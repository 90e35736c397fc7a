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
export { createPortalCases, type PortalCases, type PortalInquiry } from './portal-cases.ts';
export { createPortalPrivacy, type PortalPrivacy, type PortalPrivacyDeps, type Profile, type ProfileValue } from './portal-privacy.ts';
export { createLinkLetters, maxBatch, type LinkLetters, type QueuedLetter } from './link-letters.ts';
