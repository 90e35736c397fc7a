import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Form } from '@trussworks/react-uswds';
import { releaseHold, type LegalHold } from '../api/retention.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';

const labels = { note: 'Why the hold ends' };
const ids = { note: 'release-note' };

/** Release a hold, saying why (POST /api/retention/holds/{id}/release). */
export function ReleaseHoldForm({
  hold,
  onReleased,
  onCancel,
}: {
  readonly hold: LegalHold;
  readonly onReleased: (hold: LegalHold) => void;
  readonly onCancel: () => void;
}) {
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      !fromChecks(
        note.trim().length < 3 ? { note: 'Say why the hold ends (at least 3 characters): the matter settled, the request closed.' } : {},
      )
    )
      return;
    setBusy(true);
    try {
      onReleased(await releaseHold(hold.id, note.trim()));
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The hold was not released" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet-lg" data-testid="release-form">
        <p className="margin-y-1">
          Records it kept whose retention has run are disposed of at the next sweep, within the hour, unless another hold covers them.
        </p>
        <TextAreaField
          id={ids.note}
          label={labels.note}
          value={note}
          onChange={setNote}
          error={errors.fields.note}
          rows={2}
          maxLength={500}
          aria-required
        />
        <ButtonGroup className="margin-top-2">
          <Button type="submit" secondary disabled={busy}>
            Release hold
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
