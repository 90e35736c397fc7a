import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database, type Tx } from '../../db/index.ts';
import { allowedMediaTypes, type AttachmentService } from '../../modules/attachments/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses } from '../problem.ts';
import { attachmentFailure, attachmentJson, attachmentProblemResponses, AttachmentSchema } from './attachment-schema.ts';
import { acceptRawBody, downloadHeaders, DownloadSchema, refuseUpload, uploadBody, uploadedFile } from './attachment-transfer.ts';

const purpose = 'customer service: work an inquiry to resolution (880.000)';
const CaseId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const uploadTypes = allowedMediaTypes.upload;

/**
 * A case's files: upload (streamed, raw body), list, download. Access is the case's: who
 * cannot read the case gets 404 for its files too; uploading needs the right to update it.
 */
export const attachmentRoutes: FastifyPluginAsync<{ database: Database; attachments: AttachmentService; clock: () => Date }> = async (
  base,
  { database, attachments, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases', 'attachments'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: (trx: Tx) => Promise<T>) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(attachmentFailure);

  // The upload's body is the file itself, whatever its type: handed to the route as the
  // request stream, unread, so it is encrypted to disk as it arrives (never buffered whole).
  acceptRawBody(app);

  app.post(
    '/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a file to a case (the scanned letter of a postal or walk-in case, a document handed in)',
        description:
          `The request body is the file's bytes (not multipart), streamed. Name the file in a Content-Disposition header: attachment; filename*=UTF-8''<percent-encoded name> (or filename="<ascii name>"); ` +
          `the name never goes in the URL. The type is sniffed from the content (${uploadTypes.join(', ')}); the declared Content-Type is not trusted: anything else gets 415. ` +
          'Larger than the configured limit (CASELINE_ATTACHMENT_MAX_BYTES, default 25 MiB): 413, and nothing is kept. The file is stored encrypted under a per-file key, itself encrypted under the data subject’s key. Audited; the case’s history gains an attachment_added event.',
        params: CaseId,
        headers: Type.Object({
          'content-disposition': Type.String({
            minLength: 1,
            maxLength: 2000,
            description: "attachment; filename*=UTF-8''scan%20of%20letter.pdf",
          }),
        }),
        ...uploadBody,
        response: { 201: AttachmentSchema, ...problemResponses, ...attachmentProblemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      try {
        const attachment = await attachments.upload(
          (work) => withPrincipal(database.db, principal, work),
          principal,
          request.params.id,
          uploadedFile(request, attachments.maxBytes),
          auditContext(request),
          clock(),
        );
        return reply.status(201).send(attachmentJson(attachment));
      } catch (error) {
        return refuseUpload(request, reply, error);
      }
    },
  );

  app.get(
    '/:id/attachments',
    {
      schema: {
        tags,
        summary: 'The files attached to a case, oldest first',
        params: CaseId,
        response: { 200: Type.Array(AttachmentSchema), ...problemResponses, ...attachmentProblemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (await run(request, (trx) => attachments.list(trx, request.principal!, request.params.id, auditContext(request), clock()))).map(
        attachmentJson,
      ),
  );

  app.get(
    '/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download one file of a case',
        description:
          'The decrypted content, streamed, with its sniffed type, Content-Disposition: attachment (never shown inline), X-Content-Type-Options: nosniff and Cache-Control: no-store. ' +
          'Each 64 KiB chunk is authenticated before it is sent; a stored file found altered ends the response early (the download is incomplete, never wrong). Audited. 410 when the case’s data subject was erased.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) }),
        produces: [...allowedMediaTypes.email],
        response: {
          200: DownloadSchema,
          ...problemResponses,
          ...attachmentProblemResponses,
        },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const { attachment, content } = await run(request, (trx) =>
        attachments.download(trx, request.principal!, request.params.id, request.params.attachmentId, auditContext(request), clock()),
      );
      return downloadHeaders(reply, attachment)
        .header('repr-digest', `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`)
        .send(content);
    },
  );
};
