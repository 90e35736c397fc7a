import { useNavigate } from 'react-router';
import { PasswordChangeForm } from '../auth/PasswordChangeForm.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';

/** From the account menu. Changing the password ends the user's other sessions. */
export function ChangePasswordPage() {
  const { notify } = useNotifications();
  const navigate = useNavigate();
  return (
    <Page title="Change password">
      <p className="usa-intro">Choose a new password. Your other signed-in sessions will be signed out.</p>
      <div className="maxw-tablet">
        <PasswordChangeForm
          onChanged={() => {
            notify('success', 'Your password was changed. Your other sessions were signed out.');
            navigate('/');
          }}
        />
      </div>
    </Page>
  );
}
