import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, pipeline as pipeCallback, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { actorOf, appendAudit, type AuditContext, type AuditDetail } from '../../access/index.ts';
import { SubjectShreddedError, type Vault } from '../../crypto/index.ts';
import type { Principal, SystemPrincipal, Tx } from '../../db/index.ts';
import { appendCaseEvent, caseRef, inboundMessageOf, type CaseRef } from '../cases/index.ts';
import {
  AttachmentErased,
  AttachmentNotFound,
  AttachmentTooLarge,
  InvalidAttachment,
  UnsupportedAttachmentType,
  type Attachment,
  type AttachmentDownload,
  type AttachmentUpload,
  type InboundFile,
} from './attachment.ts';
import { sanitiseFilename } from './attachment-filename.ts';
import { insertAttachment, selectCaseAttachment, selectCaseAttachments, type AttachmentRow } from './attachment-repository.ts';
import { createBlobStore, type StagedBlob } from './blob-store.ts';
import { defaultChunkSize, FileDecryptionError, fileKeyLength, openFile, sealFile } from './chunked-cipher.ts';
import { inspectContent, type Inspected } from './content-inspector.ts';
import { allowedMediaTypes, type AttachmentMediaType, type AttachmentSource } from './sniff-media-type.ts';

/** Runs work in one transaction as the caller's principal (the routes pass withPrincipal). */
export type Transact = <T>(work: (trx: Tx) => Promise<T>) => Promise<T>;

/** What became of an inbound message's files: kept on the case, or refused (wrong type, too large, empty). */
export interface InboundOutcome {
  readonly stored: number;
  readonly refused: number;
}

/** An inbound e-mail as the attachments module needs it; the object itself identifies the unit of work. */
export interface InboundMail {
  /** The RFC 5322 Message-ID, which finds the case message the e-mail became. */
  readonly messageId: string;
  readonly attachments: readonly InboundFile[];
}

export interface AttachmentService {
  /** The largest file taken, in bytes. */
  readonly maxBytes: number;
  /**
   * Streams a file into an encrypted file and records it on the case: the access check first
   * (nothing is read for a case the principal may not update), then the content, outside any
   * transaction, then one short transaction. Nothing is kept when any step fails.
   */
  upload(
    transact: Transact,
    principal: Principal,
    caseId: string,
    upload: AttachmentUpload,
    ctx: AuditContext,
    now: Date,
  ): Promise<Attachment>;
  list(trx: Tx, principal: Principal, caseId: string, ctx: AuditContext, now: Date): Promise<Attachment[]>;
  /** The decrypted content as a stream, to be read after the transaction: it holds the file's key, not the connection. */
  download(trx: Tx, principal: Principal, caseId: string, attachmentId: string, ctx: AuditContext, now: Date): Promise<AttachmentDownload>;
  /**
   * Keeps an inbound e-mail's (or fax's) files on the case it became part of, inside the intake's
   * transaction: each file of an allowed type and size is stored, the others are refused (and
   * the case's history says so). If that transaction then fails, call discardInbound.
   */
  keepInbound(trx: Tx, principal: Principal, caseId: string, mail: InboundMail, ctx: AuditContext, now: Date): Promise<InboundOutcome>;
  /** Removes the files keepInbound wrote for this message: its transaction rolled back. */
  discardInbound(mail: InboundMail): Promise<void>;
  /**
   * Removes files no row points at, last written before `now - graceMs`: left by a crash between
   * writing a file and committing its row, or by rows removed with their case (disposal, erasure).
   * Runs as a system principal, the only kind that sees every row; returns how many it removed.
   */
  removeOrphans(trx: Tx, principal: SystemPrincipal, now: Date, graceMs?: number): Promise<number>;
}

export interface AttachmentServiceOptions {
  /** The directory of the encrypted files (CASELINE_ATTACHMENTS_DIR, default <data>/attachments). */
  readonly dir: string;
  /** CASELINE_ATTACHMENT_MAX_BYTES. */
  readonly maxBytes: number;
  /** Plaintext bytes per encrypted chunk; tests make it small. */
  readonly chunkSize?: number;
}

interface Sealed extends Inspected {
  readonly blob: StagedBlob;
  readonly key: Buffer;
}

const table = 'case_attachments';
const where = (column: 'filename_ct' | 'key_ct', rowId: string) => ({ table, column, rowId });

/** Checks a decrypted file against the SHA-256 recorded when it was stored. */
function verifyDigest(expected: Buffer): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      done(hash.digest().equals(expected) ? null : new FileDecryptionError('the file does not match its recorded digest'));
    },
  });
}

export function createAttachmentService(vault: Vault, options: AttachmentServiceOptions): AttachmentService {
  const blobs = createBlobStore(options.dir);
  const chunkSize = options.chunkSize ?? defaultChunkSize;
  const { maxBytes } = options;
  // The files written for each inbound message, until its transaction is known to have failed.
  const inboundFiles = new WeakMap<InboundMail, StagedBlob[]>();

  async function audit(
    trx: Tx,
    principal: Principal,
    ctx: AuditContext,
    now: Date,
    action: 'read' | 'update',
    ref: CaseRef,
    detail: AuditDetail,
  ): Promise<void> {
    await appendAudit(trx, {
      at: now,
      actor: principal,
      action,
      recordType: ref.recordType,
      recordId: ref.id,
      subjects: [ref.subjectId],
      ...ctx,
      outcome: 'ok',
      detail,
    });
  }

  /**
   * The content as a stream the pipeline may destroy. A request body must survive a refusal (too
   * large, wrong type): destroying it would cut the connection before the 413 or 415 is sent, so
   * it is piped through a stream of our own, unpiped on failure, and the server discards the rest.
   */
  function detached(content: AttachmentUpload['content']): Readable {
    if (!(content instanceof Readable)) return Readable.from(content, { objectMode: false });
    const through = new PassThrough();
    content.on('error', (error) => through.destroy(error));
    through.on('close', () => content.unpipe(through));
    return content.pipe(through);
  }

  /** Streams content through the inspector and the cipher into a staged file; removes it when anything fails. */
  async function seal(
    content: AttachmentUpload['content'],
    source: AttachmentSource,
    hint: { filename: string; declaredType: string | null },
  ) {
    const key = randomBytes(fileKeyLength);
    const blob = await blobs.stage();
    const inspector = inspectContent({ maxBytes, allowed: allowedMediaTypes[source], hint });
    try {
      await pipeline(detached(content), inspector.stream, sealFile(key, blob.storageId, chunkSize), blob.sink);
    } catch (error) {
      key.fill(0);
      await blob.discard();
      throw error;
    }
    return { blob, key, ...inspector.result() } satisfies Sealed;
  }

  /** Inserts the row (file key and name encrypted for the case's subject), notes it in the case's history, and moves the file into place. */
  async function record(
    trx: Tx,
    principal: Principal,
    ref: CaseRef,
    sealed: Sealed,
    filename: string,
    messageId: string | null,
    now: Date,
  ): Promise<Attachment> {
    const id = randomUUID();
    const uploadedBy = actorOf(principal);
    await insertAttachment(trx, {
      id,
      case_id: ref.id,
      message_id: messageId,
      subject_id: ref.subjectId,
      business_area: ref.businessArea,
      filename_ct: await vault.encryptFor(trx, ref.subjectId, where('filename_ct', id), filename),
      media_type: sealed.mediaType,
      size_bytes: sealed.sizeBytes,
      sha256: sealed.sha256,
      storage_id: sealed.blob.storageId,
      key_ct: await vault.encryptFor(trx, ref.subjectId, where('key_ct', id), sealed.key),
      uploaded_by: uploadedBy,
      created_at: now,
    });
    await appendCaseEvent(
      trx,
      principal,
      ref,
      'attachment_added',
      { attachment_id: id, media_type: sealed.mediaType, size_bytes: sealed.sizeBytes, ...(messageId ? { message_id: messageId } : {}) },
      now,
    );
    // Last: the file appears under its name only once everything else of the transaction is written.
    await sealed.blob.commit();
    return {
      id,
      caseId: ref.id,
      messageId,
      filename,
      mediaType: sealed.mediaType,
      sizeBytes: sealed.sizeBytes,
      sha256: sealed.sha256.toString('hex'),
      uploadedBy,
      createdAt: now,
    };
  }

  /** Decrypts a row's name (and key, when asked); the subject's key gone means the file is erased. */
  async function opened(trx: Tx, row: AttachmentRow): Promise<Attachment> {
    let filename: string;
    try {
      filename = (await vault.decryptFor(trx, row.subject_id, where('filename_ct', row.id), row.filename_ct)).toString('utf8');
    } catch (error) {
      if (error instanceof SubjectShreddedError) throw new AttachmentErased('the data subject of this attachment was erased');
      throw error;
    }
    return {
      id: row.id,
      caseId: row.case_id,
      messageId: row.message_id,
      filename,
      mediaType: row.media_type as AttachmentMediaType,
      sizeBytes: Number(row.size_bytes),
      sha256: row.sha256.toString('hex'),
      uploadedBy: row.uploaded_by,
      createdAt: row.created_at,
    };
  }

  const refusalReason = (error: unknown): string | null =>
    error instanceof AttachmentTooLarge
      ? 'too_large'
      : error instanceof UnsupportedAttachmentType
        ? 'type'
        : error instanceof InvalidAttachment
          ? 'empty'
          : null;

  return {
    maxBytes,

    async upload(transact, principal, caseId, upload, ctx, now) {
      await transact((trx) => caseRef(trx, principal, caseId, 'record.update'));
      const filename = sanitiseFilename(upload.filename);
      const sealed = await seal(upload.content, 'upload', { filename, declaredType: upload.declaredType });
      try {
        return await transact(async (trx) => {
          // Again: the case may have moved out of reach while the file streamed in.
          const ref = await caseRef(trx, principal, caseId, 'record.update');
          const attachment = await record(trx, principal, ref, sealed, filename, null, now);
          await audit(trx, principal, ctx, now, 'update', ref, {
            attachment_id: attachment.id,
            media_type: attachment.mediaType,
            size_bytes: attachment.sizeBytes,
          });
          return attachment;
        });
      } catch (error) {
        await sealed.blob.discard();
        throw error;
      } finally {
        sealed.key.fill(0);
      }
    },

    async list(trx, principal, caseId, ctx, now) {
      const ref = await caseRef(trx, principal, caseId, 'record.read');
      const rows = await selectCaseAttachments(trx, caseId);
      const attachments = await Promise.all(rows.map((row) => opened(trx, row)));
      await audit(trx, principal, ctx, now, 'read', ref, { attachments: attachments.length });
      return attachments;
    },

    async download(trx, principal, caseId, attachmentId, ctx, now) {
      const ref = await caseRef(trx, principal, caseId, 'record.read');
      const row = await selectCaseAttachment(trx, caseId, attachmentId);
      if (!row) throw new AttachmentNotFound('no such attachment');
      const attachment = await opened(trx, row);
      const key = await vault.decryptFor(trx, row.subject_id, where('key_ct', row.id), row.key_ct);
      const file = blobs.read(row.storage_id);
      try {
        // A missing file is found now, while an error can still be answered as one.
        await once(file, 'open');
        const content = new PassThrough();
        // Whatever fails later (a chunk that does not authenticate) destroys `content` with the error.
        pipeCallback(file, openFile(key, row.storage_id), verifyDigest(row.sha256), content, () => undefined);
        await audit(trx, principal, ctx, now, 'read', ref, { attachment_id: row.id, size_bytes: attachment.sizeBytes });
        return { attachment, content };
      } catch (error) {
        file.destroy();
        throw error;
      } finally {
        key.fill(0);
      }
    },

    async keepInbound(trx, principal, caseId, mail, ctx, now) {
      if (mail.attachments.length === 0) return { stored: 0, refused: 0 };
      const ref = await caseRef(trx, principal, caseId, 'record.update');
      const messageId = await inboundMessageOf(trx, mail.messageId);
      const written = inboundFiles.get(mail) ?? [];
      inboundFiles.set(mail, written);
      let stored = 0;
      let refused = 0;
      for (const file of mail.attachments) {
        const filename = sanitiseFilename(file.filename);
        let sealed: Sealed;
        try {
          sealed = await seal(Readable.from([file.content], { objectMode: false }), 'email', { filename, declaredType: file.contentType });
        } catch (error) {
          const reason = refusalReason(error);
          if (reason === null) throw error;
          // Kept out, but not silently: the case's history says a file came and why it is not there.
          refused += 1;
          await appendCaseEvent(
            trx,
            principal,
            ref,
            'attachment_refused',
            { reason, ...(messageId ? { message_id: messageId } : {}) },
            now,
          );
          continue;
        }
        written.push(sealed.blob);
        try {
          await record(trx, principal, ref, sealed, filename, messageId, now);
        } finally {
          sealed.key.fill(0);
        }
        stored += 1;
      }
      await audit(trx, principal, ctx, now, 'update', ref, { attachments: stored, refused });
      return { stored, refused };
    },

    async removeOrphans(trx, principal, now, graceMs = 24 * 60 * 60 * 1000) {
      // A staff principal sees only its areas' rows: every file of the others would look orphaned.
      if (principal.kind !== 'system') throw new Error('orphaned attachment files are swept by a system principal');
      const cutoff = now.getTime() - graceMs;
      const old = (await blobs.list()).filter((file) => file.modifiedAt.getTime() < cutoff);
      const live = new Set<string>();
      const committed = old.filter((file) => !file.staged).map((file) => file.storageId);
      for (let at = 0; at < committed.length; at += 500) {
        const rows = await trx
          .selectFrom('case_attachments')
          .select('storage_id')
          .where('storage_id', 'in', committed.slice(at, at + 500))
          .execute();
        for (const row of rows) live.add(row.storage_id);
      }
      const orphans = old.filter((file) => file.staged || !live.has(file.storageId));
      for (const file of orphans) await blobs.removeListed(file);
      return orphans.length;
    },

    async discardInbound(mail) {
      const written = inboundFiles.get(mail) ?? [];
      inboundFiles.delete(mail);
      await Promise.all(written.map((blob) => blob.discard()));
    },
  };
}
