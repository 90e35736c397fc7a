import { useRef, useState } from 'react';
import type { ModalRef } from '@trussworks/react-uswds';
import { problemMessage } from '../api/problem.ts';
import { listTokens, revokeToken, type ApiToken, type CreatedApiToken } from '../api/tokens.ts';
import { ConfirmDialog } from '../frame/ConfirmDialog.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { CreateTokenForm } from './CreateTokenForm.tsx';
import { NewTokenAlert } from './NewTokenAlert.tsx';
import { TokensTable } from './TokensTable.tsx';

/** The signed-in user's API tokens: list, create (shown once), revoke. Its headings are at `level`. */
export function ApiTokensPanel({ level = 2 }: { readonly level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const tokens = useLoad(listTokens, []);
  const { notify } = useNotifications();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const dialog = useRef<ModalRef>(null);

  const onCreated = (result: CreatedApiToken) => {
    setCreated(result);
    tokens.setData((current) => [result.apiToken, ...(current ?? [])]);
  };

  const revoke = async () => {
    if (!revoking) return;
    try {
      await revokeToken(revoking.id);
      notify('success', `Token “${revoking.name}” was revoked.`);
      tokens.reload();
    } catch (error) {
      notify('error', `Token “${revoking.name}” was not revoked: ${problemMessage(error)}`);
    }
  };

  return (
    <>
      {created && <NewTokenAlert level={level} name={created.apiToken.name} token={created.token} onDone={() => setCreated(null)} />}
      <section aria-labelledby="tokens-list-heading">
        <Heading id="tokens-list-heading">Your tokens</Heading>
        {tokens.error ? (
          <LoadError what="your API tokens" error={tokens.error} onRetry={tokens.reload} />
        ) : tokens.loading && !tokens.data ? (
          <Loading />
        ) : (
          <TokensTable
            tokens={tokens.data ?? []}
            onRevoke={(token) => {
              setRevoking(token);
              dialog.current?.toggleModal(undefined, true);
            }}
          />
        )}
      </section>
      <section aria-labelledby="tokens-create-heading" className="margin-top-5">
        <Heading id="tokens-create-heading">Create a token</Heading>
        <p>A token lets a script or another system call the Caseline API as you (send it as Authorization: Bearer).</p>
        <CreateTokenForm onCreated={onCreated} />
      </section>
      <ConfirmDialog ref={dialog} id="revoke-token" heading="Revoke this token?" confirmLabel="Revoke token" danger onConfirm={revoke}>
        <p>Anything using the token “{revoking?.name}” will stop working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
