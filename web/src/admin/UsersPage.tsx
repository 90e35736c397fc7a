import { Link } from 'react-router';
import { listUsers } from '../api/admin.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';
import { UsersTable } from './UsersTable.tsx';

export function UsersPage() {
  const users = useLoad(listUsers, []);
  return (
    <Page title="Users">
      <p className="usa-intro">Staff accounts, their roles and the business areas they may see.</p>
      <p>
        <Link to="/admin/users/new" className="usa-button">
          Create user
        </Link>
      </p>
      {users.error ? (
        <LoadError what="the users" error={users.error} onRetry={users.reload} />
      ) : !users.data ? (
        <Loading />
      ) : (
        <UsersTable users={users.data} />
      )}
    </Page>
  );
}
