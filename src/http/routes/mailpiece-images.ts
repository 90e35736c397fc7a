import type { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  collectImage,
  ImageTooLarge,
  imageMediaTypes,
  InvalidMailpieceImage,
  MailpieceImageNotFound,
  maxImageBytes,
  maxImagesPerPiece,
  type MailpieceImage,
  type MailpieceImages,
} from '../../modules/tracking/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { fieldProblem, problemResponses, ProblemError, ProblemSchema, problemTypes } from '../problem.ts';
import { acceptRawBody } from './attachment-transfer.ts';
import { Nullable } from './common-schema.ts';

const ingestPurpose = 'mail tracking: keep the images mail processing captures of each piece (820.200)';
const readPurpose = 'mail tracking: see a piece as it was processed, to answer its sender or addressee (820.200)';
const tags = ['tracking'];
const tooLargeType = 'urn:caseline:problem:too-large';
const unsupportedType = 'urn:caseline:problem:unsupported-media-type';
const extensions = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/tiff': 'tif' } as const;

const ImageSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  trackingCode: Type.String({ description: 'the IMb’s 20-digit tracking code' }),
  zip11: Nullable(Type.String({ description: 'the IMb’s routing code: 5, 9 or 11 digits' })),
  facilityZip: Type.String(),
  capturedAt: Type.String({ format: 'date-time' }),
  mediaType: Type.Enum([...imageMediaTypes], { description: 'sniffed from the image’s bytes' }),
  sizeBytes: Type.Integer({ minimum: 1 }),
});
const StoredSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  mediaType: Type.Enum([...imageMediaTypes]),
  sizeBytes: Type.Integer({ minimum: 1 }),
});
const uploadProblems = { 413: ProblemSchema, 415: ProblemSchema } as const;

const imageJson = (image: MailpieceImage) => ({ ...image, capturedAt: image.capturedAt.toISOString() });

/** Where each field of the service's refusals came from in the request, as a JSON pointer. */
const uploadFields: Readonly<Record<InvalidMailpieceImage['field'], string>> = {
  imb: '/headers/x-imb',
  facilityZip: '/headers/x-facility-zip',
  capturedAt: '/headers/x-captured-at',
  contentType: '/headers/content-type',
  content: '/body',
};

function uploadFailure(error: unknown): never {
  if (error instanceof ImageTooLarge)
    throw new ProblemError(413, tooLargeType, 'Image too large', `/body: must be at most ${error.maxBytes} bytes`, [
      { field: '/body', message: `must be at most ${error.maxBytes} bytes` },
    ]);
  if (error instanceof InvalidMailpieceImage) {
    const field = uploadFields[error.field];
    if (error.field === 'content' || error.field === 'contentType')
      throw new ProblemError(415, unsupportedType, 'Unsupported image type', `${field}: ${error.message}`, [
        { field, message: error.message },
      ]);
    throw fieldProblem(field, error.message);
  }
  throw error;
}

/**
 * Mailpiece images: processing equipment (an integration with tracking.ingest) uploads each image
 * as the raw request body, the piece and capture named in headers (never in the URL); staff with
 * record.read list a piece's images and fetch one. The IMb of a lookup goes in a POST body.
 */
export const mailpieceImageRoutes: FastifyPluginAsync<{ database: Database; images: MailpieceImages; clock: () => Date }> = async (
  app,
  { database, images, clock },
) => {
  // The upload, in a context of its own: its body is the image, whatever type it declares, handed on unread.
  await app.register(async (base) => {
    const upload = base.withTypeProvider<TypeBoxTypeProvider>();
    acceptRawBody(upload);
    upload.post(
      '/images',
      {
        schema: {
          tags,
          summary: 'Store the image of a mailpiece captured in processing (the body is the image)',
          description:
            `The body is the image's bytes (${imageMediaTypes.join(', ')}; at most ${maxImageBytes} bytes, else 413). Its type is sniffed from the bytes; a Content-Type that says otherwise, or content that is no such image, gets 415. ` +
            'The piece and the capture go in headers: X-IMb (65 bars F/A/D/T, or the 20 tracking digits and 0, 5, 9 or 11 routing digits), X-Facility-ZIP (5 digits), X-Captured-At (ISO 8601 with its zone; within the 3 days images are kept). ' +
            'Stored encrypted. The same image of the same day is stored once: 201 with its id when new, 200 with the same id when it was stored already. Audited. Needs tracking.ingest.',
          headers: Type.Object({
            'x-imb': Type.String({ minLength: 1, maxLength: 80 }),
            'x-facility-zip': Type.String({ minLength: 1, maxLength: 10 }),
            'x-captured-at': Type.String({ minLength: 1, maxLength: 40 }),
          }),
          consumes: [...imageMediaTypes, 'application/octet-stream'],
          body: Type.Unsafe<unknown>({ description: 'the image' }),
          response: { 200: StoredSchema, 201: StoredSchema, ...problemResponses, ...uploadProblems },
        },
        config: { purpose: ingestPurpose },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        try {
          const declaredLength = Number(request.headers['content-length']);
          if (Number.isFinite(declaredLength) && declaredLength > maxImageBytes) throw new ImageTooLarge(maxImageBytes);
          const content = await collectImage((request.body as Readable | undefined) ?? request.raw);
          const stored = await images.store(
            database,
            principal,
            {
              imb: request.headers['x-imb'],
              facilityZip: request.headers['x-facility-zip'],
              capturedAt: request.headers['x-captured-at'],
              declaredType: request.headers['content-type'] ?? null,
              content,
            },
            auditContext(request),
            clock(),
          );
          const { id, mediaType, sizeBytes } = stored.image;
          return reply.status(stored.created ? 201 : 200).send({ id, mediaType, sizeBytes });
        } catch (error) {
          // The rest of a refused body is not waited for.
          if (!request.raw.complete) reply.header('connection', 'close');
          return uploadFailure(error);
        }
      },
    );
  });

  const read = app.withTypeProvider<TypeBoxTypeProvider>();
  read.post(
    '/images/lookup',
    {
      schema: {
        tags,
        summary: 'The images of a mailpiece, by its IMb (without the images themselves)',
        description: `Oldest first, at most ${maxImagesPerPiece}. A POST, so that the IMb never goes in a URL. Audited. Needs record.read.`,
        body: Type.Object(
          { imb: Type.String({ minLength: 1, maxLength: 80, description: '65 bars (F, A, D, T) or 20–31 digits' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ images: Type.Array(ImageSchema) }), ...problemResponses },
      },
      config: { purpose: readPurpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      try {
        const found = await withPrincipal(database.db, principal, (trx) =>
          images.ofPiece(trx, principal, request.body.imb, auditContext(request), clock()),
        );
        return { images: found.map(imageJson) };
      } catch (error) {
        if (error instanceof InvalidMailpieceImage) throw fieldProblem('/body/imb', error.message);
        throw error;
      }
    },
  );

  read.get(
    '/images/:id',
    {
      schema: {
        tags,
        summary: 'One mailpiece image, decrypted, with its media type',
        description: 'Never cached (Cache-Control: no-store) and never sniffed by the browser. Audited. Needs record.read.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Unsafe<unknown>({
            description: 'the image',
            content: Object.fromEntries(imageMediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
          }),
          ...problemResponses,
        },
      },
      config: { purpose: readPurpose },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      try {
        const { image, content } = await withPrincipal(database.db, principal, (trx) =>
          images.fetch(trx, principal, request.params.id, auditContext(request), clock()),
        );
        return reply
          .header('content-type', image.mediaType)
          .header('content-length', content.length)
          .header('content-disposition', `attachment; filename="mailpiece-image.${extensions[image.mediaType]}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .send(content);
      } catch (error) {
        if (error instanceof MailpieceImageNotFound)
          throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such mailpiece image, or it is past its 3 days.');
        throw error;
      }
    },
  );
};
