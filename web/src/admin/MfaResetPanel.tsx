import { useRef } from 'react';
import { Button, type ModalRef } from '@trussworks/react-uswds';
import { resetUserMfa, type StaffUser } from '../api/admin.ts';
import { problemMessage } from '../api/problem.ts';
import { ConfirmDialog } from '../frame/ConfirmDialog.tsx';
import { useNotifications } from '../frame/useNotifications.ts';

/** POST /api/admin/users/:id/mfa-reset, for a lost authenticator. */
export function MfaResetPanel({ user, onReset }: { readonly user: StaffUser; readonly onReset: (user: StaffUser) => void }) {
  const { notify } = useNotifications();
  const dialog = useRef<ModalRef>(null);
  const reset = async () => {
    try {
      onReset(await resetUserMfa(user.id));
      notify('success', `The authenticator of ${user.username} was reset. They will set up a new one at their next sign-in.`);
    } catch (error) {
      notify('error', `The authenticator was not reset: ${problemMessage(error)}`);
    }
  };
  return (
    <section aria-labelledby="mfa-heading" className="margin-top-5 border-top border-base-lighter padding-top-2">
      <h2 id="mfa-heading">Authenticator</h2>
      <p>
        {user.totpEnabled ? `${user.username} has an authenticator app enrolled.` : `${user.username} has no authenticator app enrolled.`}
      </p>
      <Button type="button" outline onClick={() => dialog.current?.toggleModal(undefined, true)} disabled={!user.totpEnabled}>
        Reset authenticator
      </Button>
      <ConfirmDialog
        ref={dialog}
        id="mfa-reset"
        heading="Reset this user’s authenticator?"
        confirmLabel="Reset authenticator"
        danger
        onConfirm={reset}
      >
        <p>
          {user.username} will have to set up a new authenticator app the next time they sign in. Do this only when you have confirmed who
          is asking.
        </p>
      </ConfirmDialog>
    </section>
  );
}
