export {
  createPortalLinking,
  IdentityNotProven,
  LinkingLocked,
  maskedAddress,
  type PortalLinking,
  type PortalLinkingDeps,
} from './portal-linking.ts';
export { createPortalCases, type PortalCases, type PortalInquiry } from './portal-cases.ts';
export { createPortalPrivacy, type PortalPrivacy, type PortalPrivacyDeps, type Profile, type ProfileValue } from './portal-privacy.ts';
