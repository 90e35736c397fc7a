import { useEffect, useRef, useState } from 'react';
import { Alert, Button, type ModalRef } from '@trussworks/react-uswds';
import { fetchKeyStatus, rotateMasterKey, type RotationStatus } from '../api/keys.ts';
import { problemMessage } from '../api/problem.ts';
import { ConfirmDialog } from '../frame/ConfirmDialog.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';

const stateLabels: Record<RotationStatus['state'], string> = {
  idle: 'No rotation since the server started',
  running: 'Rotation running',
  done: 'Last rotation finished',
  failed: 'Last rotation failed',
};

const pollMs = 2000;

/** GET /api/admin/keys, and POST /api/admin/keys/rotate (which runs in the background: polled while running). */
export function MasterKeyPanel() {
  const status = useLoad(fetchKeyStatus, []);
  const { notify } = useNotifications();
  const dialog = useRef<ModalRef>(null);
  const [resume, setResume] = useState(false);
  const running = status.data?.state === 'running';
  const previous = useRef<RotationStatus['state'] | undefined>(undefined);

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => void fetchKeyStatus().then(status.setData, () => undefined), pollMs);
    return () => window.clearInterval(timer);
  }, [running, status.setData]);

  useEffect(() => {
    const state = status.data?.state;
    if (previous.current === 'running' && state === 'done') notify('success', 'The master key rotation finished.');
    if (previous.current === 'running' && state === 'failed') notify('error', 'The master key rotation failed. Resume it to finish.');
    previous.current = state;
  }, [status.data?.state, notify]);

  const rotate = async () => {
    try {
      status.setData(await rotateMasterKey(resume));
      notify('info', resume ? 'Resuming the master key rotation.' : 'The master key rotation started.');
    } catch (error) {
      notify('error', `The rotation did not start: ${problemMessage(error)}`);
    }
  };
  const open = (asResume: boolean) => {
    setResume(asResume);
    dialog.current?.toggleModal(undefined, true);
  };

  const data = status.data;
  return (
    <section aria-labelledby="master-key-heading">
      <h2 id="master-key-heading">Master key</h2>
      <p>
        Every customer’s data key is wrapped by the master key. Rotating it re-wraps each data key under a new master key without
        re-encrypting any data.
      </p>
      {status.error ? (
        <LoadError what="the master key status" error={status.error} onRetry={status.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <Alert
            type={data.state === 'failed' ? 'error' : data.state === 'running' ? 'info' : 'success'}
            slim
            data-testid="key-rotation-status"
          >
            <p className="usa-alert__text">
              <strong>{stateLabels[data.state]}.</strong>{' '}
              {data.state === 'running'
                ? `${data.rewrapped} data keys re-wrapped so far.`
                : data.state === 'done'
                  ? `${data.rewrapped} data keys re-wrapped.`
                  : ''}
            </p>
          </Alert>
          <dl className="caseline-fields">
            <div className="caseline-fields__row">
              <dt>Active master key</dt>
              <dd className="caseline-mono">{data.activeKeyId ?? (running ? 'Changing…' : 'Unknown')}</dd>
            </div>
            <div className="caseline-fields__row">
              <dt>Started</dt>
              <dd>{formatDateTime(data.startedAt)}</dd>
            </div>
            <div className="caseline-fields__row">
              <dt>Finished</dt>
              <dd>{formatDateTime(data.finishedAt)}</dd>
            </div>
            <div className="caseline-fields__row">
              <dt>Retired keys</dt>
              <dd className="caseline-mono">{data.retired.length ? data.retired.join(', ') : 'None'}</dd>
            </div>
          </dl>
          <div className="caseline-actions margin-top-2">
            <Button type="button" disabled={running} onClick={() => open(false)}>
              Rotate master key
            </Button>
            {data.state === 'failed' && (
              <Button type="button" outline onClick={() => open(true)}>
                Resume rotation
              </Button>
            )}
          </div>
        </>
      )}
      <ConfirmDialog
        ref={dialog}
        id="rotate-key"
        heading={resume ? 'Resume the rotation?' : 'Rotate the master key?'}
        confirmLabel={resume ? 'Resume rotation' : 'Rotate now'}
        onConfirm={rotate}
      >
        <p>A new master key will wrap every data key. Caseline keeps working while it runs; it is recorded in the audit log.</p>
      </ConfirmDialog>
    </section>
  );
}
