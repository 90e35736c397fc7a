import { Link, useNavigate, useParams } from 'react-router';
import { listBusinessAreas, listUsers } from '../api/admin.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { EditUserForm } from './EditUserForm.tsx';
import { MfaResetPanel } from './MfaResetPanel.tsx';

export function EditUserPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const users = useLoad(() => Promise.all([listUsers(), listBusinessAreas()]), []);
  const user = users.data?.[0].find((u) => u.id === id);

  return (
    <Page title="Edit user" heading={user ? `Edit user ${user.username}` : 'Edit user'}>
      {users.error ? (
        <LoadError what="the user" error={users.error} onRetry={users.reload} />
      ) : !users.data ? (
        <Loading />
      ) : !user ? (
        <p>
          There is no such user. <Link to="/admin/users">Back to users</Link>
        </p>
      ) : (
        <>
          <EditUserForm
            key={user.id}
            user={user}
            areas={users.data[1]}
            onSaved={(saved) => {
              notify('success', `Changes to ${saved.username} were saved.`);
              navigate('/admin/users');
            }}
          />
          <MfaResetPanel
            user={user}
            onReset={(next) =>
              users.setData((current) => [(current?.[0] ?? []).map((u) => (u.id === next.id ? next : u)), current?.[1] ?? []])
            }
          />
          <p className="margin-top-4">
            <Link to="/admin/users" className="usa-link">
              Back to users
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}
