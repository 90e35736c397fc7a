import { Button, ButtonGroup } from '@trussworks/react-uswds';

/** An entry form's buttons: the submit, which says what it is doing while busy, and Cancel, which closes the form. */
export function SubmitOrCancel({
  busy,
  label,
  busyLabel = label,
  onCancel,
}: {
  readonly busy: boolean;
  readonly label: string;
  readonly busyLabel?: string;
  readonly onCancel: () => void;
}) {
  return (
    <ButtonGroup className="margin-top-3">
      <Button type="submit" disabled={busy}>
        {busy ? busyLabel : label}
      </Button>
      <Button type="button" unstyled className="padding-105" onClick={onCancel}>
        Cancel
      </Button>
    </ButtonGroup>
  );
}
