import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Button } from '@trussworks/react-uswds';
import { FileField, fileTypeName, formatBytes, uploadError } from '../forms/FileField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { portalApi, portalAttachmentUrl, type PortalAttachment } from './portalApi.ts';

const fieldId = 'case-file';
const label = 'File to add';
const fileIds = { file: fieldId };

/** A customer is told what to send instead, not the server's reason. */
const uploadWords = {
  anySize: 'the size we accept',
  badType: () => 'This kind of file cannot be added: send a PDF, a TIFF, PNG, JPEG or GIF image, or a text file.',
};

/**
 * The files of one of the customer's cases: those they sent us, each with a download link,
 * and a form to add one (a receipt, a photo of the damage). Files our staff attached for their
 * own work are not listed; the page says where to ask for them.
 */
export function CaseFiles({ caseId }: { readonly caseId: string }) {
  const loaded = useLoad(() => portalApi.attachments(caseId), [caseId]);
  const { notify } = useNotifications();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One object per error: the summary takes the focus each time it is given new errors.
  const summary = useMemo((): FormErrors => {
    const fields: Record<string, string> = error ? { file: error } : {};
    return { fields };
  }, [error]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setError('Choose the file to add.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const added = await portalApi.attach(caseId, file);
      loaded.setData((current) => [...(current ?? []), added]);
      notify('success', `${added.filename} was added to the case.`);
      setFile(null);
      if (input.current) input.current.value = '';
    } catch (failure) {
      setError(uploadError(failure, uploadWords));
    } finally {
      setBusy(false);
    }
  };

  const list = (items: readonly PortalAttachment[]) =>
    items.length === 0 ? (
      <p data-testid="no-case-files">You have not sent us any files on this case.</p>
    ) : (
      <ul className="usa-list usa-list--unstyled maxw-tablet-lg" data-testid="case-files">
        {items.map((a) => (
          <li key={a.id} className="border-top-1px border-base-lighter padding-y-1">
            <a href={portalAttachmentUrl(caseId, a.id)} download={a.filename} className="usa-link caseline-filename caseline-break">
              {a.filename}
              <span className="usa-sr-only"> (download)</span>
            </a>
            <span className="display-block text-base-dark">
              {fileTypeName(a.mediaType)}, {formatBytes(a.sizeBytes)}; {a.messageId ? 'sent with your message' : 'added here'}{' '}
              {formatDateTime(a.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    );

  return (
    <section aria-labelledby="case-files-heading" className="margin-top-4">
      <h2 id="case-files-heading">Files</h2>
      <p className="usa-hint">
        The files you sent us on this case. Documents our staff added for their own work are not shown here; you can ask for a copy of
        everything we hold about you under My privacy.
      </p>
      {loaded.error ? (
        <LoadError what="the files" error={loaded.error} onRetry={loaded.reload} />
      ) : loaded.data ? (
        list(loaded.data)
      ) : (
        <Loading label="Loading the files…" />
      )}
      <PortalErrorSummary errors={summary} fieldIds={fileIds} heading="Your file was not added" />
      <form className="usa-form maxw-tablet-lg margin-top-2" onSubmit={(event) => void submit(event)} noValidate>
        <FileField
          id={fieldId}
          label={label}
          hint="A PDF, a TIFF, PNG, JPEG or GIF image, or a text file: a receipt or a photo of the damage, for instance."
          error={error}
          inputRef={input}
          onChange={(chosen) => {
            setFile(chosen);
            setError(null);
          }}
        />
        <Button type="submit" outline disabled={busy} className="margin-top-1">
          {busy ? 'Adding…' : 'Add the file'}
        </Button>
      </form>
    </section>
  );
}
