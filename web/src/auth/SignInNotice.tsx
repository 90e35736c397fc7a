import { Alert } from '@trussworks/react-uswds';
import type { SignOutReason } from './AuthContext.ts';

export type SignInNoticeKind = SignOutReason | 'sso' | 'restart';

const notices: Record<SignInNoticeKind, { type: 'info' | 'warning' | 'error' | 'success'; heading: string; text: string }> = {
  'signed-out': { type: 'success', heading: 'You have signed out', text: 'Close the browser if you are on a shared computer.' },
  expired: {
    type: 'warning',
    heading: 'Your session has ended',
    text: 'You were signed out because you were inactive for too long, or because the session reached its time limit. Sign in again to continue.',
  },
  lost: { type: 'warning', heading: 'Your session has ended', text: 'Sign in again to continue.' },
  sso: {
    type: 'error',
    heading: 'Single sign-on did not work',
    text: 'You were not signed in with single sign-on. Try again, or sign in with your Caseline username and password.',
  },
  restart: {
    type: 'warning',
    heading: 'Start again',
    text: 'Your sign-in was not finished in time, or it was ended. Enter your username and password again.',
  },
};

/** Why the user is on the sign-in page. */
export function SignInNotice({ kind }: { readonly kind: SignInNoticeKind }) {
  const notice = notices[kind];
  return (
    <Alert type={notice.type} role={notice.type === 'error' ? 'alert' : 'status'} className="margin-bottom-3" data-testid="sign-in-notice">
      <h2 className="usa-alert__heading">{notice.heading}</h2>
      <p className="usa-alert__text">{notice.text}</p>
    </Alert>
  );
}
