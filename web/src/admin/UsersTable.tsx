import { Link } from 'react-router';
import { Table, Tag } from '@trussworks/react-uswds';
import type { StaffUser } from '../api/admin.ts';
import { roleLabel } from '../api/roles.ts';
import { formatDateTime } from '../util/formatDateTime.ts';

function statusOf(user: StaffUser, now: number): { text: string; tone: string } {
  if (user.disabled) return { text: 'Disabled', tone: 'bg-base-dark' };
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now)
    return { text: `Locked until ${formatDateTime(user.lockedUntil)}`, tone: 'bg-secondary-dark' };
  if (user.mustChangePassword) return { text: 'Must change password', tone: 'bg-accent-warm-darker' };
  return { text: 'Active', tone: 'bg-green' };
}

export function UsersTable({ users }: { readonly users: readonly StaffUser[] }) {
  const now = Date.now();
  return (
    <Table caption="Staff accounts" fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Display name</th>
          <th scope="col">Roles</th>
          <th scope="col">Business areas</th>
          <th scope="col">Authenticator</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="usa-sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => {
          const status = statusOf(user, now);
          return (
            <tr key={user.id}>
              <th scope="row" data-label="Username">
                {user.username}
              </th>
              <td data-label="Display name">{user.displayName}</td>
              <td data-label="Roles">{user.roles.map(roleLabel).join(', ') || 'None'}</td>
              <td data-label="Business areas">{user.businessAreas.join(', ') || 'None'}</td>
              <td data-label="Authenticator">{user.totpEnabled ? 'Enrolled' : 'Not enrolled'}</td>
              <td data-label="Status">
                <Tag className={`${status.tone} caseline-tag`}>{status.text}</Tag>
              </td>
              <td data-label="Actions">
                <Link to={`/admin/users/${user.id}`} className="usa-link" aria-label={`Edit ${user.username}`}>
                  Edit
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
