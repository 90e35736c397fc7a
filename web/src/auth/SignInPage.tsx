import { useCallback, useState } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { logout, type SessionStage } from '../api/auth.ts';
import { PublicFrame } from '../frame/PublicFrame.tsx';
import { Loading } from '../frame/Loading.tsx';
import type { SignOutReason } from './AuthContext.ts';
import { CredentialsStep } from './CredentialsStep.tsx';
import { MfaStep } from './MfaStep.tsx';
import { PasswordChangeStep } from './PasswordChangeStep.tsx';
import { SignInNotice, type SignInNoticeKind } from './SignInNotice.tsx';
import { TotpEnrolmentStep } from './TotpEnrolmentStep.tsx';
import { useAuth } from './useAuth.ts';

type Step = 'credentials' | Exclude<SessionStage, 'full'>;

interface SignInState {
  readonly from?: string;
  readonly notice?: SignOutReason;
}

const reasons: readonly string[] = ['signed-out', 'expired', 'lost'];

/**
 * Sign-in, one step at a time as the API asks: password, then a TOTP code, an
 * authenticator enrolment or a new password, until the session is 'full'.
 */
export function SignInPage() {
  const { status, session, refresh, reset } = useAuth();
  const location = useLocation();
  const [params] = useSearchParams();
  const state = (location.state ?? {}) as SignInState;
  const [step, setStep] = useState<Step | null>(null);
  const [moved, setMoved] = useState(false);
  const [notice, setNotice] = useState<SignInNoticeKind | null>(() =>
    params.get('error') === 'sso' ? 'sso' : state.notice && reasons.includes(state.notice) ? state.notice : null,
  );

  const current: Step = step ?? (status === 'signing-in' && session && session.stage !== 'full' ? session.stage : 'credentials');

  const onStage = useCallback(
    (stage: SessionStage) => {
      setNotice(null);
      setMoved(true);
      if (stage === 'full') {
        void refresh().catch(() => setStep('credentials'));
        return;
      }
      setStep(stage);
    },
    [refresh],
  );

  const restart = useCallback(() => {
    reset();
    setMoved(true);
    setStep('credentials');
  }, [reset]);

  const onGone = useCallback(() => {
    restart();
    setNotice('restart');
  }, [restart]);

  const onCancel = useCallback(() => {
    void logout().finally(() => {
      restart();
      setNotice(null);
    });
  }, [restart]);

  if (status === 'signed-in') {
    const to =
      state.from && state.from.startsWith('/') && !state.from.startsWith('//') && !state.from.startsWith('/sign-in') ? state.from : '/';
    return <Navigate to={to} replace />;
  }

  const shown = notice ? <SignInNotice kind={notice} /> : undefined;
  const steps = { onStage, onGone, onCancel, focus: moved, notice: shown };
  return (
    <PublicFrame>
      <div className="caseline-sign-in">
        {status === 'loading' ? (
          <Loading label="Loading Caseline…" />
        ) : current === 'credentials' ? (
          <CredentialsStep onStage={onStage} focus={moved} notice={shown} />
        ) : current === 'mfa' ? (
          <MfaStep {...steps} />
        ) : current === 'mfa_enrolment' ? (
          <TotpEnrolmentStep {...steps} />
        ) : (
          <PasswordChangeStep {...steps} />
        )}
      </div>
    </PublicFrame>
  );
}
