import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { allowedMediaTypes, AttachmentTooLarge, InvalidAttachment, type Attachment } from '../../modules/attachments/index.ts';
import { attachmentFailure, downloadDisposition, uploadFilename } from './attachment-schema.ts';

/**
 * What the staff and portal file routes do alike: take an upload as a raw, streamed body and
 * answer a download with the headers that keep it from being shown inline or cached.
 */

/** The upload's body is the file itself, whatever its type: handed to the route as the request stream, unread. */
export function acceptRawBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}

/** The upload route's body in the API description: the file's bytes, of any allowed type. */
export const uploadBody = {
  consumes: [...allowedMediaTypes.upload, 'application/octet-stream'],
  body: Type.Unsafe<unknown>({ description: "The file's bytes" }),
};

/** The download route's 200 in the API description: the decrypted bytes with their sniffed type. */
export const DownloadSchema = Type.Unsafe<unknown>({
  description: 'The file, decrypted, with its sniffed type',
  content: Object.fromEntries(allowedMediaTypes.email.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
});

interface UploadRequest {
  readonly headers: { readonly 'content-disposition': string; readonly 'content-type'?: string; readonly 'content-length'?: string };
  readonly body: unknown;
  readonly raw: IncomingMessage;
}

/**
 * The file of a raw upload as the attachments module takes it: its name from Content-Disposition,
 * its declared type, its stream. Refused before a byte is read when the client says it will send
 * more than `maxBytes`, or names no file.
 */
export function uploadedFile(request: UploadRequest, maxBytes: number) {
  const declaredLength = Number(request.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw new AttachmentTooLarge(maxBytes);
  const filename = uploadFilename(request.headers['content-disposition']);
  if (filename === null || filename.trim() === '')
    throw new InvalidAttachment('filename', "must name the file: attachment; filename*=UTF-8''<name>");
  return {
    filename,
    declaredType: request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? null,
    content: (request.body as Readable | undefined) ?? request.raw,
  };
}

/**
 * A refused upload as problem+json. The rest of a refused body is never read: the connection
 * closes after the answer rather than waiting (up to the request timeout) for bytes nobody wants.
 */
export function refuseUpload(
  request: { readonly raw: IncomingMessage },
  reply: { header(key: string, value: string): unknown },
  error: unknown,
): never {
  if (!request.raw.complete) reply.header('connection', 'close');
  return attachmentFailure(error);
}

/**
 * A download's headers: its sniffed type, its length, Content-Disposition: attachment (never
 * shown inline), X-Content-Type-Options: nosniff and Cache-Control: no-store.
 */
export function downloadHeaders<R extends FastifyReply>(reply: R, attachment: Attachment): R {
  return reply
    .header('content-type', attachment.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.mediaType)
    .header('content-length', attachment.sizeBytes)
    .header('content-disposition', downloadDisposition(attachment.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store') as R;
}
