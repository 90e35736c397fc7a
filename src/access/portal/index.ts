export {
  createPortalAuth,
  InvalidPortalField,
  PortalAlreadyLinked,
  PortalCodeRejected,
  PortalMailFailed,
  PortalMailUnavailable,
  PortalSignInFailed,
  requireMailer,
  sendPortalMail,
  type PortalAuth,
  type LetterToPrint,
  type PortalAuthDeps,
  type PortalSessionInfo,
  type PortalSessionSummary,
  type PortalStage,
} from './portal-auth.ts';
export { codeLifetimeMs } from './portal-codes.ts';
export { createPortalMailer, type PortalMailer } from './portal-mailer.ts';
export { portalIdleMs, type IssuedPortalSession } from './portal-sessions.ts';
