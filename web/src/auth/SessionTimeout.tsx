import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Button, ButtonGroup, Modal, ModalFooter, ModalHeading, type ModalRef } from '@trussworks/react-uswds';
import { useNotifications } from '../frame/useNotifications.ts';
import { sessionClock } from './sessionClock.ts';
import { useAuth } from './useAuth.ts';

function remainingText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (seconds || !minutes) parts.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/**
 * Warns in a modal shortly before the session ends for inactivity: 'Stay signed in'
 * asks the server for the session again (which resets its idle clock); at the end the
 * console signs out and shows the sign-in page with a notice.
 */
export function SessionTimeout() {
  const { refresh, signOut } = useAuth();
  const { notify } = useNotifications();
  const endsAt = useSyncExternalStore(sessionClock.subscribe, sessionClock.endsAt);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  // An end that 'Stay signed in' could not move (the session's absolute end): warned about once.
  const [acknowledged, setAcknowledged] = useState<number | null>(null);
  const modal = useRef<ModalRef>(null);
  const ended = useRef(false);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const remaining = endsAt === null ? Number.POSITIVE_INFINITY : endsAt - now;
  const warning = remaining <= sessionClock.warnBeforeMs() && endsAt !== acknowledged;
  const expired = remaining <= 0;

  useEffect(() => {
    const current = modal.current;
    if (!current || expired) return;
    if (warning !== current.modalIsOpen) current.toggleModal(undefined, warning);
  }, [warning, expired]);

  useEffect(() => {
    if (!expired || ended.current) return;
    ended.current = true;
    modal.current?.toggleModal(undefined, false);
    void signOut('expired');
  }, [expired, signOut]);

  const stay = async () => {
    setBusy(true);
    try {
      const session = await refresh();
      if (session?.stage !== 'full') {
        await signOut('expired');
        return;
      }
      const end = sessionClock.endsAt();
      if (end !== null && end - Date.now() <= sessionClock.warnBeforeMs()) {
        setAcknowledged(end);
        notify(
          'warning',
          'This session has reached its longest allowed time and cannot be extended. Finish your work; you will be asked to sign in again.',
        );
      } else notify('success', 'You are still signed in.');
    } catch {
      notify('error', 'Caseline could not be reached to keep you signed in. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      ref={modal}
      id="session-timeout"
      aria-labelledby="session-timeout-heading"
      aria-describedby="session-timeout-description"
      forceAction
    >
      <ModalHeading id="session-timeout-heading">Your session is about to end</ModalHeading>
      <div className="usa-prose">
        <p id="session-timeout-description">
          You have been inactive for a while. To protect the personal data in Caseline, you will be signed out in{' '}
          <span className="text-bold">{Number.isFinite(remaining) ? remainingText(remaining) : 'a moment'}</span>.
        </p>
      </div>
      <ModalFooter>
        <ButtonGroup>
          <Button type="button" data-focus="true" disabled={busy} onClick={() => void stay()}>
            Stay signed in
          </Button>
          <Button type="button" outline onClick={() => void signOut('signed-out')}>
            Sign out
          </Button>
        </ButtonGroup>
      </ModalFooter>
    </Modal>
  );
}
