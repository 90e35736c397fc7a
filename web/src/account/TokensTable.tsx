import { Button, Table, Tag } from '@trussworks/react-uswds';
import { scopeLabels } from '../api/grants.ts';
import type { ApiToken } from '../api/tokens.ts';
import { formatDateTime } from '../util/formatDateTime.ts';

function statusOf(token: ApiToken, now: number): string {
  if (token.revoked) return 'Revoked';
  if (Date.parse(token.expiresAt) <= now) return 'Expired';
  return 'Active';
}

export function TokensTable({ tokens, onRevoke }: { readonly tokens: readonly ApiToken[]; readonly onRevoke: (token: ApiToken) => void }) {
  const now = Date.now();
  if (tokens.length === 0) return <p>You have no API tokens.</p>;
  return (
    <Table caption="Your API tokens" fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Scopes</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="usa-sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => {
          const status = statusOf(token, now);
          return (
            <tr key={token.id}>
              <th scope="row" data-label="Name">
                {token.name}
              </th>
              <td data-label="Scopes">{token.scopes.map((s) => scopeLabels[s] ?? s).join(', ')}</td>
              <td data-label="Created">{formatDateTime(token.createdAt)}</td>
              <td data-label="Expires">{formatDateTime(token.expiresAt)}</td>
              <td data-label="Last used">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
              <td data-label="Status">
                <Tag className={`${status === 'Active' ? 'bg-green' : 'bg-base-dark'} caseline-tag`}>{status}</Tag>
              </td>
              <td data-label="Actions">
                {status === 'Active' && (
                  <Button
                    type="button"
                    outline
                    className="margin-right-0"
                    onClick={() => onRevoke(token)}
                    aria-label={`Revoke token ${token.name}`}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
