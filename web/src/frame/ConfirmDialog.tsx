import { forwardRef, useState, type ReactNode } from 'react';
import { Button, ButtonGroup, Modal, ModalFooter, ModalHeading, type ModalRef } from '@trussworks/react-uswds';

export interface ConfirmDialogProps {
  readonly id: string;
  readonly heading: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  readonly danger?: boolean;
  readonly onConfirm: () => Promise<void> | void;
}

/** A USWDS modal asking to confirm one consequential action; open it with ref.toggleModal(undefined, true). */
export const ConfirmDialog = forwardRef<ModalRef, ConfirmDialogProps>(function ConfirmDialog(
  { id, heading, children, confirmLabel, cancelLabel = 'Cancel', danger = false, onConfirm },
  ref,
) {
  const [busy, setBusy] = useState(false);
  const close = () => {
    if (ref && typeof ref === 'object') ref.current?.toggleModal(undefined, false);
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      close();
    }
  };
  return (
    <Modal ref={ref} id={id} aria-labelledby={`${id}-heading`} aria-describedby={`${id}-description`}>
      <ModalHeading id={`${id}-heading`}>{heading}</ModalHeading>
      <div className="usa-prose" id={`${id}-description`}>
        {children}
      </div>
      <ModalFooter>
        <ButtonGroup>
          <Button type="button" secondary={danger} disabled={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
          <Button type="button" unstyled className="padding-105 text-center" onClick={close} data-close-modal>
            {cancelLabel}
          </Button>
        </ButtonGroup>
      </ModalFooter>
    </Modal>
  );
});
