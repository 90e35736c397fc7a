import { useRef, useState, type FormEvent } from 'react';
import { Button, Table } from '@trussworks/react-uswds';
import { attachmentUrl, listAttachments, uploadAttachment, type Attachment } from '../api/attachments.ts';
import { useSession } from '../auth/useSession.ts';
import { actorText } from '../customers/fieldText.ts';
import { FileField, fileTypeName, formatBytes, uploadError } from '../forms/FileField.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';

/** Staff are told the server's reason for refusing a type. */
const uploadWords = {
  anySize: 'the size Caseline accepts',
  badType: (reason: string | undefined) => `This kind of file cannot be attached: it ${reason ?? 'is not an allowed type'}.`,
};

/**
 * The files of a case: listed with a download link each, and (for those who work cases)
 * an upload: the scanned letter of a postal or walk-in case, a document handed in.
 */
export function CaseAttachments({
  caseId,
  canUpload,
  onUploaded,
}: {
  readonly caseId: string;
  readonly canUpload: boolean;
  readonly onUploaded?: () => void;
}) {
  const session = useSession();
  const { notify } = useNotifications();
  const loaded = useLoad(() => listAttachments(caseId), [caseId]);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = 'case-attachment-file';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setError('Choose the file to attach.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const added = await uploadAttachment(caseId, file, session.csrfToken);
      loaded.setData((current) => [...(current ?? []), added]);
      notify('success', `${added.filename} attached.`);
      setFile(null);
      if (input.current) input.current.value = '';
      onUploaded?.();
    } catch (failure) {
      setError(uploadError(failure, uploadWords));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const list = (items: readonly Attachment[]) =>
    items.length === 0 ? (
      <p data-testid="no-attachments">No files attached.</p>
    ) : (
      <Table caption="Files attached to this case" fullWidth stackedStyle="headers">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Type and size</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody data-testid="case-attachments">
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row" data-label="File" className="caseline-filename">
                <a href={attachmentUrl(caseId, a.id)} download={a.filename} className="usa-link">
                  {a.filename}
                  <span className="usa-sr-only"> (download)</span>
                </a>
              </th>
              <td data-label="Type and size">
                {fileTypeName(a.mediaType)}, <span className="text-no-wrap">{formatBytes(a.sizeBytes)}</span>
              </td>
              <td data-label="Added">
                {formatDateTime(a.createdAt)}
                <span className="display-block">
                  {a.messageId ? 'with the customer’s message' : `by ${actorText(a.uploadedBy, session.id).toLowerCase()}`}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    );

  return (
    <>
      {loaded.error ? (
        <LoadError what="the files" error={loaded.error} onRetry={loaded.reload} />
      ) : loaded.data ? (
        list(loaded.data)
      ) : (
        <Loading />
      )}
      {canUpload && (
        <form className="usa-form maxw-full margin-top-2" onSubmit={(event) => void submit(event)} noValidate>
          <FileField
            id={fieldId}
            label="File to attach"
            hint="A PDF, a TIFF, PNG, JPEG or GIF image, or a text file: the scanned letter, for instance."
            error={error}
            alertError
            inputRef={input}
            onChange={(chosen) => {
              setFile(chosen);
              setError(null);
            }}
          />
          <Button type="submit" outline disabled={busy} className="margin-top-1">
            {busy ? 'Attaching…' : 'Attach file'}
          </Button>
        </form>
      )}
    </>
  );
}
