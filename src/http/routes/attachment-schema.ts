import { Type } from 'typebox';
import {
  AttachmentErased,
  AttachmentNotFound,
  AttachmentTooLarge,
  attachmentMediaTypes,
  InvalidAttachment,
  UnsupportedAttachmentType,
  type Attachment,
} from '../../modules/attachments/index.ts';
import { fieldProblem, ProblemError, ProblemSchema, problemTypes } from '../problem.ts';
import { caseFailure } from './case-schema.ts';
import { Nullable } from './common-schema.ts';

export const attachmentProblemTypes = {
  tooLarge: 'urn:caseline:problem:too-large',
  unsupportedType: 'urn:caseline:problem:unsupported-media-type',
  gone: 'urn:caseline:problem:gone',
} as const;

export const AttachmentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseId: Type.String({ format: 'uuid' }),
  messageId: Nullable(Type.String({ format: 'uuid', description: 'the inbound message it came with; null when staff attached it' })),
  filename: Type.String(),
  mediaType: Type.Enum([...attachmentMediaTypes], { description: 'sniffed from the content, not the type its sender declared' }),
  sizeBytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, hex' }),
  uploadedBy: Type.String({ description: 'who attached it, as the case history names actors (a staff member, or the intake channel)' }),
  createdAt: Type.String({ format: 'date-time' }),
});

export const attachmentJson = (a: Attachment) => ({ ...a, createdAt: a.createdAt.toISOString() });

export const attachmentProblemResponses = { 410: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema } as const;

const describeTypes = (types: readonly string[]) => types.join(', ');

/** The attachments module's errors as problem+json; the case's own errors as the case routes answer them. */
export function attachmentFailure(error: unknown): never {
  if (error instanceof AttachmentTooLarge)
    throw new ProblemError(413, attachmentProblemTypes.tooLarge, 'File too large', `/body: must be at most ${error.maxBytes} bytes`, [
      { field: '/body', message: `must be at most ${error.maxBytes} bytes` },
    ]);
  if (error instanceof UnsupportedAttachmentType)
    throw new ProblemError(
      415,
      attachmentProblemTypes.unsupportedType,
      'Unsupported file type',
      `/body: the content is not an allowed type (${describeTypes(error.allowed)}); the declared Content-Type is not trusted`,
      [{ field: '/body', message: `must be one of ${describeTypes(error.allowed)}` }],
    );
  if (error instanceof InvalidAttachment)
    throw fieldProblem(error.field === 'filename' ? '/headers/content-disposition' : '/body', error.message);
  if (error instanceof AttachmentNotFound)
    throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such attachment on this case, or not one you may see.');
  if (error instanceof AttachmentErased)
    throw new ProblemError(
      410,
      attachmentProblemTypes.gone,
      'Gone',
      'The personal data of this case was erased; its files cannot be read.',
    );
  return caseFailure(error);
}

/**
 * The file name of a raw upload from its Content-Disposition header (RFC 6266):
 * `filename*=UTF-8''<percent-encoded>` when present, else `filename="..."` or a bare token.
 * Null when the header names no file.
 */
export function uploadFilename(header: string): string | null {
  const extended = /(?:^|;)\s*filename\*\s*=\s*UTF-8'[^']*'([^;\s]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!);
    } catch {
      throw new InvalidAttachment('filename', 'filename* must be percent-encoded UTF-8');
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const token = /(?:^|;)\s*filename\s*=\s*([^;\s"]+)/i.exec(header);
  return token ? token[1]! : null;
}

const rfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Content-Disposition of a download: always an attachment (never rendered inline), with an ASCII fallback name. */
export function downloadDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(filename)}`;
}
