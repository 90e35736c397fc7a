import { useRef, useState, type FormEvent } from 'react';
import { Button, FormGroup, Label, Table } from '@trussworks/react-uswds';
import { attachmentUrl, listAttachments, uploadAttachment, type Attachment } from '../api/attachments.ts';
import { ApiError, problemMessage } from '../api/problem.ts';
import { useSession } from '../auth/useSession.ts';
import { actorText } from '../customers/fieldText.ts';
import { describedBy } from '../forms/describedBy.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/tiff': 'TIFF image',
  'text/plain': 'Text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function uploadError(error: unknown): string {
  if (error instanceof ApiError) {
    const problem = error.problem;
    if (problem.status === 413) {
      const limit = /(\d+) bytes/.exec(problem.errors?.[0]?.message ?? problem.detail ?? '');
      return `The file is too large: it must be at most ${limit ? formatBytes(Number(limit[1])) : 'the size Caseline accepts'}.`;
    }
    if (problem.status === 415)
      return `This kind of file cannot be attached: it ${problem.errors?.[0]?.message ?? 'is not an allowed type'}.`;
    if (problem.errors?.[0]) return `The file ${problem.errors[0].message}.`;
  }
  return problemMessage(error);
}

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
  const errorId = error ? `${fieldId}-error` : undefined;

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
      setError(uploadError(failure));
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
                {typeNames[a.mediaType] ?? a.mediaType}, <span className="text-no-wrap">{formatBytes(a.sizeBytes)}</span>
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
          <FormGroup error={Boolean(error)}>
            <Label htmlFor={fieldId} error={Boolean(error)}>
              File to attach
            </Label>
            <div className="usa-hint" id={`${fieldId}-hint`}>
              A PDF, a TIFF, PNG, JPEG or GIF image, or a text file: the scanned letter, for instance.
            </div>
            {error && (
              <span className="usa-error-message" id={errorId} role="alert">
                {error}
              </span>
            )}
            <input
              ref={input}
              id={fieldId}
              name={fieldId}
              type="file"
              accept="application/pdf,image/tiff,image/png,image/jpeg,image/gif,text/plain"
              className={`usa-input caseline-file-input${error ? ' usa-input--error' : ''}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(`${fieldId}-hint`, errorId)}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setError(null);
              }}
            />
          </FormGroup>
          <Button type="submit" outline disabled={busy} className="margin-top-1">
            {busy ? 'Attaching…' : 'Attach file'}
          </Button>
        </form>
      )}
    </>
  );
}
