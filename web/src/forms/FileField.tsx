import type { ReactNode, Ref } from 'react';
import { FormGroup, Label } from '@trussworks/react-uswds';
import { ApiError, problemMessage } from '../api/problem.ts';
import { describedBy } from './describedBy.ts';

/** The kinds of file the server accepts for a case (attachments/sniff-media-type.ts, 'upload'). */
const accepted = 'application/pdf,image/tiff,image/png,image/jpeg,image/gif,text/plain';

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

/** A file's type in words, or the media type itself when it has none. */
export const fileTypeName = (mediaType: string) => typeNames[mediaType] ?? mediaType;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * What went wrong with an upload, as a sentence about the file (the server names the part: its
 * size, type or name). Staff and customers are told about a size or type refusal in their own words.
 */
export function uploadError(
  error: unknown,
  words: { readonly anySize: string; readonly badType: (reason: string | undefined) => string },
): string {
  if (error instanceof ApiError) {
    const problem = error.problem;
    if (problem.status === 413) {
      const limit = /(\d+) bytes/.exec(problem.errors?.[0]?.message ?? problem.detail ?? '');
      return `The file is too large: it must be at most ${limit ? formatBytes(Number(limit[1])) : words.anySize}.`;
    }
    if (problem.status === 415) return words.badType(problem.errors?.[0]?.message);
    if (problem.errors?.[0]) return `The file ${problem.errors[0].message}.`;
  }
  return problemMessage(error);
}

/**
 * A labelled file input with its hint and error message. Where no error summary takes the focus,
 * the caller sets alertError so that the message itself is announced.
 */
export function FileField({
  id,
  label,
  hint,
  error,
  alertError = false,
  inputRef,
  onChange,
}: {
  readonly id: string;
  readonly label: ReactNode;
  readonly hint: ReactNode;
  readonly error: string | null;
  readonly alertError?: boolean;
  readonly inputRef: Ref<HTMLInputElement>;
  readonly onChange: (file: File | null) => void;
}) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      <div className="usa-hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error && (
        <span className="usa-error-message" id={errorId} role={alertError ? 'alert' : undefined}>
          {error}
        </span>
      )}
      <input
        ref={inputRef}
        id={id}
        name={id}
        type="file"
        accept={accepted}
        className={`usa-input caseline-file-input${error ? ' usa-input--error' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, errorId)}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </FormGroup>
  );
}
