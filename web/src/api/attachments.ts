import { api, fetchDocument, problemOf } from './client.ts';
import { ApiError, problemTypes } from './problem.ts';

/** Shapes of src/http/routes/attachments.ts and attachment-schema.ts. */
export interface Attachment {
  readonly id: string;
  readonly caseId: string;
  /** The inbound message it came with; null when staff attached it. */
  readonly messageId: string | null;
  readonly filename: string;
  /** Sniffed from the content by the server. */
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** Who attached it, as the case history names actors ('staff:<uuid>', or the intake channel). */
  readonly uploadedBy: string;
  readonly createdAt: string;
}

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

export const listAttachments = (caseId: string) => api.get<Attachment[]>(`${casePath(caseId)}/attachments`);

/** Where the browser downloads one file (Content-Disposition: attachment; the session cookie is the credential). */
export const attachmentUrl = (caseId: string, attachmentId: string) =>
  `${casePath(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;

/**
 * Uploads a file as the request body (not multipart), its name in Content-Disposition
 * (never in the URL). The API client sends JSON or text only, so this one call fetches
 * by itself, with the session's CSRF token.
 */
export async function uploadAttachment(caseId: string, file: File, csrfToken: string): Promise<Attachment> {
  let response: Response;
  try {
    response = await fetch(`${casePath(caseId)}/attachments`, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        accept: 'application/json, application/problem+json',
        'content-type': file.type || 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'x-csrf-token': csrfToken,
      },
      body: file,
    });
  } catch {
    throw new ApiError({
      type: problemTypes.unavailable,
      title: 'Server unreachable',
      status: 0,
      detail:
        'The file could not be sent: Caseline could not be reached, or it closed the connection (a file too large is refused before it is read).',
    });
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as Attachment;
}

/** A reply letter or fax cover of an outbound message, fetched as a PDF blob (so that a 422 can be shown instead). */
export async function fetchLetterPdf(caseId: string, messageId: string, kind: 'letter' | 'fax'): Promise<Blob> {
  return (await fetchDocument(`${casePath(caseId)}/messages/${encodeURIComponent(messageId)}/${kind}.pdf`)).blob();
}
