import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Form, Table } from '@trussworks/react-uswds';
import { AuthenticatorSteps } from '../forms/AuthenticatorSteps.tsx';
import { TextField } from '../forms/TextField.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { PortalCodeField } from './PortalFields.tsx';
import { portalApi, type PortalAccount } from './portalApi.ts';
import { usePortalSession } from './PortalSessionContext.ts';
import { checkCode, linkMethodLabels, present } from './portalText.ts';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

/** /portal/account: the sign-in address, the link to the customer record, the authenticator, the signed-in browsers. */
export function AccountPage() {
  const account = useLoad(() => portalApi.account(), []);
  return (
    <Page title="My account">
      {account.error && !account.data ? (
        <LoadError what="your account" error={account.error} onRetry={account.reload} />
      ) : !account.data ? (
        <Loading label="Loading your account…" />
      ) : (
        <>
          <h2>Your account</h2>
          <dl className="caseline-fields caseline-fields--narrow" data-testid="account-details">
            <div className="caseline-fields__row">
              <dt>E-mail address</dt>
              <dd className="caseline-break">{account.data.email}</dd>
            </div>
            <div className="caseline-fields__row">
              <dt>Created</dt>
              <dd>{formatDateTime(account.data.createdAt)}</dd>
            </div>
            <div className="caseline-fields__row">
              <dt>Customer record</dt>
              <dd data-testid="account-link">
                {account.data.linked ? (
                  <>Linked {(account.data.linkMethod && linkMethodLabels[account.data.linkMethod]) ?? ''}</>
                ) : (
                  <>
                    Not linked yet.{' '}
                    <Link to="/portal/link" className="usa-link">
                      Link your record
                    </Link>
                  </>
                )}
              </dd>
            </div>
          </dl>
          <AuthenticatorSection account={account.data} onChange={account.reload} />
          <SessionsSection />
        </>
      )}
    </Page>
  );
}

const totpLabels = { code: 'Authentication code', password: 'Password' };
const totpIds = { code: 'authenticator-code', password: 'authenticator-password' };

function AuthenticatorSection({ account, onChange }: { readonly account: PortalAccount; readonly onChange: () => void }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks, clear } = usePortalFormErrors(totpLabels);
  const { notify } = useNotifications();

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      clear();
      setEnrolment(await portalApi.startAuthenticator());
    });

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !fromChecks(present({ code: checkCode(code) }))) return;
    void run(async () => {
      await portalApi.confirmAuthenticator(code);
      setEnrolment(null);
      setCode('');
      notify('success', 'Your authenticator app is set up. You will be asked for its code when you sign in.');
      onChange();
    });
  };

  const remove = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !fromChecks(present({ password: password ? undefined : 'Enter your password.' }))) return;
    void run(async () => {
      await portalApi.removeAuthenticator(password);
      setPassword('');
      notify('success', 'Your authenticator app was removed.');
      onChange();
    });
  };

  return (
    <section aria-labelledby="authenticator-heading" className="margin-top-5">
      <h2 id="authenticator-heading">Authenticator app</h2>
      {account.authenticator ? (
        <>
          <p data-testid="authenticator-status">
            <strong>Set up.</strong> When you sign in, we ask for the code your authenticator app shows.
          </p>
          <PortalErrorSummary errors={errors} fieldIds={totpIds} heading="The authenticator was not removed" />
          <Form onSubmit={remove} noValidate className="maxw-mobile-lg">
            <TextField
              id={totpIds.password}
              label={totpLabels.password}
              hint="To remove the authenticator, enter your password."
              type="password"
              value={password}
              onChange={setPassword}
              error={errors.fields.password}
              autoComplete="current-password"
              aria-required
            />
            <Button type="submit" secondary disabled={busy} className="margin-top-2">
              Remove authenticator
            </Button>
          </Form>
        </>
      ) : enrolment ? (
        <AuthenticatorSteps
          enrolment={enrolment}
          qrAlt="QR code to add this portal to your authenticator app"
          secretId="authenticator-secret"
          heading="h3"
          testId="authenticator-enrolment"
        >
          <PortalErrorSummary errors={errors} fieldIds={totpIds} heading="The authenticator was not set up" />
          <Form onSubmit={confirm} noValidate>
            <PortalCodeField
              id={totpIds.code}
              label={totpLabels.code}
              hint="The 6-digit code shown in your authenticator app."
              value={code}
              onChange={setCode}
              error={errors.fields.code}
            />
            <div className="caseline-actions margin-top-3">
              <Button type="submit" disabled={busy}>
                Finish setting up
              </Button>
              <Button type="button" unstyled onClick={() => setEnrolment(null)}>
                Cancel
              </Button>
            </div>
          </Form>
        </AuthenticatorSteps>
      ) : (
        <>
          <p data-testid="authenticator-status">
            <strong>Not set up.</strong> An authenticator app on your phone or computer adds a second step when you sign in, so that your
            password alone is not enough.
          </p>
          <PortalErrorSummary errors={errors} fieldIds={totpIds} heading="The authenticator was not set up" />
          <Button type="button" outline disabled={busy} onClick={() => void start()}>
            Set up an authenticator app
          </Button>
        </>
      )}
    </section>
  );
}

const noLabels = {};

function SessionsSection() {
  const sessions = useLoad(() => portalApi.sessions(), []);
  const [busy, setBusy] = useState(false);
  const { errors, fromError } = usePortalFormErrors(noLabels);
  const { ended } = usePortalSession();
  const { notify } = useNotifications();
  const navigate = useNavigate();

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const end = (id: string) =>
    act(async () => {
      await portalApi.endSession(id);
      notify('success', 'That browser is signed out.');
      sessions.reload();
    });

  const endAll = () =>
    act(async () => {
      await portalApi.endAllSessions();
      notify('success', 'You are signed out everywhere, this browser included.');
      void navigate('/portal');
      ended();
    });

  return (
    <section aria-labelledby="sessions-heading" className="margin-top-5">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <PortalErrorSummary errors={errors} fieldIds={{}} heading="That did not work" />
      {sessions.error && !sessions.data ? (
        <LoadError what="your sessions" error={sessions.error} onRetry={sessions.reload} />
      ) : !sessions.data ? (
        <Loading label="Loading your sessions…" />
      ) : (
        <div data-testid="account-sessions">
          <Table caption="Browsers signed in to your account" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row" data-label="Browser">
                    {s.client}
                    {s.current && <strong className="display-block">This browser</strong>}
                  </th>
                  <td data-label="Signed in">{formatDateTime(s.createdAt)}</td>
                  <td data-label="Last active">{formatDateTime(s.lastSeenAt)}</td>
                  <td data-label="Action">
                    {s.current ? (
                      '—'
                    ) : (
                      <Button
                        type="button"
                        unstyled
                        disabled={busy}
                        onClick={() => void end(s.id)}
                        aria-label={`Sign out ${s.client}, last active ${formatDateTime(s.lastSeenAt)}`}
                      >
                        Sign out
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      <p>Lost a phone, or used a shared computer? Sign out everywhere: every browser, this one included, will need your password again.</p>
      <Button type="button" secondary disabled={busy} onClick={() => void endAll()}>
        Sign out everywhere
      </Button>
    </section>
  );
}
