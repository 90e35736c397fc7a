export {
  createPortalAuth,
  InvalidPortalField,
  linkAttempts,
  PortalAlreadyLinked,
  PortalCodeRejected,
  PortalMailFailed,
  PortalMailUnavailable,
  PortalSignInFailed,
  type PortalAuth,
  type PortalAuthDeps,
  type PortalSessionInfo,
  type PortalSessionSummary,
  type PortalStage,
} from './portal-auth.ts';
export { createPortalMailer, type PortalMailer } from './portal-mailer.ts';
export { portalIdleMs, portalLifetimeMs, type IssuedPortalSession } from './portal-sessions.ts';
