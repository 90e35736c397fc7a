import type { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { carryOver, customerPrincipal } from '../../access/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import { allowedMediaTypes, type Attachment } from '../../modules/attachments/index.ts';
import type { PortalAttachments } from '../../modules/portal/index.ts';
import { auditContext } from '../auth.ts';
import { requirePortalSession, type PortalUnit } from '../portal-auth.ts';
import { problemResponses } from '../problem.ts';
import { attachmentFailure, attachmentProblemResponses } from './attachment-schema.ts';
import { acceptRawBody, downloadHeaders, DownloadSchema, refuseUpload, uploadBody, uploadedFile } from './attachment-transfer.ts';
import { Nullable } from './common-schema.ts';

const purpose = 'portal: my cases';
const Uuid = Type.String({ format: 'uuid' });
const CaseId = Type.Object({ id: Uuid });
const uploadTypes = allowedMediaTypes.upload;

// What a customer sees of a file: not who attached it (a staff or system actor) nor its digest.
const PortalAttachment = Type.Object({
  id: Uuid,
  messageId: Nullable(Type.String({ format: 'uuid', description: 'the message of yours it came with; null: uploaded here' })),
  filename: Type.String(),
  mediaType: Type.String({ description: 'sniffed from the content' }),
  sizeBytes: Type.Integer({ minimum: 0 }),
  createdAt: Type.String({ format: 'date-time' }),
});

// Converting keeps the subject mark: the guard checks what is sent, not what was read.
const attachmentJson = (a: Attachment) =>
  carryOver(a, {
    id: a.id,
    messageId: a.messageId,
    filename: a.filename,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
    createdAt: a.createdAt.toISOString(),
  });

const shownFiles =
  'Shown: the files you sent us, by e-mail or fax with a message on the case or uploaded here. Files our staff attached for their own work are not shown here (ask for them with a Privacy Act access request); asking for one answers 404.';

/**
 * The files of my cases: upload (streamed raw body, as the staff route takes it), list and
 * download. The case must be the session customer's own (row-level security and the case
 * check; 404 otherwise). In a plugin of its own: the upload's body is the file, so this
 * scope has no JSON parser.
 */
export const portalAttachmentRoutes: FastifyPluginAsync<{
  database: Database;
  attachments: PortalAttachments;
  unit: PortalUnit;
  clock: () => Date;
}> = async (base, { database, attachments, unit, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const now = clock;

  // The file streams to its encrypted store as it arrives, never buffered whole.
  acceptRawBody(app);

  app.post(
    '/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Add a file to one of my cases (a receipt, a photo of the damage, a letter)',
        description:
          `The request body is the file's bytes (not multipart). Name the file in a Content-Disposition header: attachment; filename*=UTF-8''<percent-encoded name>; the name never goes in the URL. ` +
          `The type is read from the content (${uploadTypes.join(', ')}); anything else gets 415, a file over the size limit 413, and nothing is kept. Stored encrypted; audited.`,
        params: CaseId,
        headers: Type.Object({
          'content-disposition': Type.String({ minLength: 1, maxLength: 2000, description: "attachment; filename*=UTF-8''receipt.pdf" }),
        }),
        ...uploadBody,
        response: { 201: PortalAttachment, ...problemResponses, ...attachmentProblemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const principal = customerPrincipal(requirePortalSession(request).subjectId);
      try {
        // The case check, the streaming and the row are the attachments module's, each step as the customer.
        const stored = await attachments.upload(
          (work) => withPrincipal(database.db, principal, work),
          principal,
          request.params.id,
          uploadedFile(request, attachments.maxBytes),
          auditContext(request),
          now(),
        );
        const shown = await unit(request, async (trx, unitPrincipal) =>
          attachmentJson(await attachments.uploaded(trx, unitPrincipal, stored)),
        );
        return reply.status(201).send(shown);
      } catch (error) {
        return refuseUpload(request, reply, error);
      }
    },
  );

  app.get(
    '/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: 'The files of one of my cases, oldest first',
        description: shownFiles,
        params: CaseId,
        response: { 200: Type.Array(PortalAttachment), ...problemResponses, ...attachmentProblemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        (await attachments.list(trx, principal, request.params.id, auditContext(request), now()).catch(attachmentFailure)).map(
          attachmentJson,
        ),
      ),
  );

  app.get(
    '/cases/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download one file of one of my cases',
        description:
          `${shownFiles} The content is sent as an attachment (never shown inline), with its sniffed type and X-Content-Type-Options: nosniff. ` +
          'A stored file found altered ends the download early: it is incomplete, never wrong. Audited.',
        params: Type.Object({ id: Uuid, attachmentId: Uuid }),
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
      // The bytes are not JSON the guard can walk: like a portal PDF, what passes the guard is the
      // record they are the content of (the attachment, marked with its case's subject), and the
      // stream is sent only once it has passed, the response's audit entry committed.
      let content: Readable | null = null;
      let attachment: Attachment;
      try {
        attachment = await unit(request, async (trx, principal) => {
          const download = await attachments
            .download(trx, principal, request.params.id, request.params.attachmentId, auditContext(request), now())
            .catch(attachmentFailure);
          content = download.content;
          return download.attachment;
        });
      } catch (error) {
        (content as Readable | null)?.destroy();
        throw error;
      }
      return downloadHeaders(reply, attachment).send(content);
    },
  );
};
