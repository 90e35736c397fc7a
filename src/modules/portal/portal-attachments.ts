import { carrying, type AuditContext } from '../../access/index.ts';
import type { CustomerPrincipal, Tx } from '../../db/index.ts';
import {
  AttachmentNotFound,
  type Attachment,
  type AttachmentDownload,
  type AttachmentService,
  type AttachmentUpload,
  type Transact,
} from '../attachments/index.ts';
import { caseRef } from '../cases/index.ts';

/**
 * Which of a case's files the customer sees on the portal: the ones they sent us, with an
 * e-mail or fax that became a message of the case (messageId set) or uploaded on the portal
 * (uploaded by a customer principal: any customer whose case this is, which after a merge
 * of two records of the same person is still them). A file an agent or a job attached to
 * the case (messageId null, uploaded by staff or the system) is agency working material,
 * like an internal note, and is not shown; the customer gets it with a Privacy Act access
 * request, where the privacy office decides what is released.
 */
export function shownToCustomer(attachment: Attachment): boolean {
  return attachment.messageId !== null || attachment.uploadedBy.startsWith('customer:');
}

/**
 * A customer's files on their own cases: upload, list, download. Each call checks the case
 * the way the case service does (as the customer's principal, under row-level security), and
 * what it returns is marked with the data subject of the case row it was read from, for the
 * egress guard; a file not shown to the customer is answered as no such file.
 */
export function createPortalAttachments(attachments: AttachmentService) {
  async function subjectOf(trx: Tx, principal: CustomerPrincipal, caseId: string): Promise<string> {
    return (await caseRef(trx, principal, caseId, 'record.read')).subjectId;
  }

  return {
    maxBytes: attachments.maxBytes,

    /** Streams the file in outside any transaction (attachments.upload); `transact` runs as the customer. */
    upload(
      transact: Transact,
      principal: CustomerPrincipal,
      caseId: string,
      upload: AttachmentUpload,
      ctx: AuditContext,
      now: Date,
    ): Promise<Attachment> {
      return attachments.upload(transact, principal, caseId, upload, ctx, now);
    },

    /** An attachment just uploaded, marked with its case's subject as read back in this transaction. */
    async uploaded(trx: Tx, principal: CustomerPrincipal, attachment: Attachment): Promise<Attachment> {
      return carrying(await subjectOf(trx, principal, attachment.caseId), { ...attachment });
    },

    async list(trx: Tx, principal: CustomerPrincipal, caseId: string, ctx: AuditContext, now: Date): Promise<Attachment[]> {
      const subject = await subjectOf(trx, principal, caseId);
      const all = await attachments.list(trx, principal, caseId, ctx, now);
      return all.filter(shownToCustomer).map((attachment) => carrying(subject, attachment));
    },

    /** The content stream is the caller's to send or destroy; the attachment is marked. */
    async download(
      trx: Tx,
      principal: CustomerPrincipal,
      caseId: string,
      attachmentId: string,
      ctx: AuditContext,
      now: Date,
    ): Promise<AttachmentDownload> {
      const subject = await subjectOf(trx, principal, caseId);
      const download = await attachments.download(trx, principal, caseId, attachmentId, ctx, now);
      if (!shownToCustomer(download.attachment)) {
        // Its read was audited in this transaction, which the refusal rolls back: nothing was read.
        download.content.destroy();
        throw new AttachmentNotFound('not a file shown to the customer');
      }
      return { attachment: carrying(subject, download.attachment), content: download.content };
    },
  };
}

export type PortalAttachments = ReturnType<typeof createPortalAttachments>;
