import { Button } from '@trussworks/react-uswds';
import { Page } from '../frame/Page.tsx';
import type { StepProps } from './MfaStep.tsx';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';
import { signInGone, wrongStep } from './signInErrors.ts';

/** First sign-in with a one-time password: the user must choose their own. */
export function PasswordChangeStep({ onStage, onGone, onCancel, focus, notice }: StepProps) {
  return (
    <Page title="Choose a new password" focusOnMount={focus}>
      {notice}
      <p className="usa-intro">You signed in with a one-time password. Choose your own password to continue.</p>
      <PasswordChangeForm
        onChanged={onStage}
        currentHint="The one-time password you were given."
        submitLabel="Change password and continue"
        onFailure={(error) => {
          if (!signInGone(error) && !wrongStep(error)) return false;
          onGone(error);
          return true;
        }}
      />
      <Button type="button" unstyled className="margin-top-2" onClick={onCancel}>
        Cancel and start over
      </Button>
    </Page>
  );
}
