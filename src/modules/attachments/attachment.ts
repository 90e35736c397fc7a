import type { Readable } from 'node:stream';
import type { AttachmentMediaType, AttachmentSource } from './sniff-media-type.ts';

/** One file attached to a case, as staff see it in the case's list. */
export interface Attachment {
  readonly id: string;
  readonly caseId: string;
  /** The inbound message it came with; null when staff attached it to the case. */
  readonly messageId: string | null;
  readonly filename: string;
  readonly mediaType: AttachmentMediaType;
  readonly sizeBytes: number;
  /** SHA-256 of the content, hex. */
  readonly sha256: string;
  /** Who attached it: a staff actor, or the intake channel's system actor. */
  readonly uploadedBy: string;
  readonly createdAt: Date;
}

/** A file to attach, streamed: never read whole into memory. */
export interface AttachmentUpload {
  /** As the sender gave it; sanitised before it is stored. */
  readonly filename: string;
  /** The type the sender declared: never trusted, only a tie-breaker between two office formats. */
  readonly declaredType: string | null;
  readonly content: Readable | AsyncIterable<Uint8Array>;
}

/** A file that came with an inbound e-mail or fax (already in memory: the mail parser decoded it). */
export interface InboundFile {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface AttachmentDownload {
  readonly attachment: Attachment;
  /** The decrypted content; errors (FileDecryptionError) if the stored file was altered or cut short. */
  readonly content: Readable;
}

export type { AttachmentMediaType, AttachmentSource };

/** The file is larger than the configured limit; nothing was kept. */
export class AttachmentTooLarge extends Error {
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
  }
}

/** The content is not one of the types allowed from its source (whatever type was declared); nothing was kept. */
export class UnsupportedAttachmentType extends Error {
  readonly allowed: readonly AttachmentMediaType[];
  constructor(allowed: readonly AttachmentMediaType[]) {
    super(`the content is not an allowed type (${allowed.join(', ')})`);
    this.allowed = allowed;
  }
}

/** An attachment that cannot be taken for another reason (empty, no name); `field` names what is wrong. */
export class InvalidAttachment extends Error {
  readonly field: 'content' | 'filename';
  constructor(field: 'content' | 'filename', reason: string) {
    super(reason);
    this.field = field;
  }
}

/** No such attachment on the case (or not one this principal may see). */
export class AttachmentNotFound extends Error {}

/** The file's key is gone: its data subject was erased (crypto-shredded). */
export class AttachmentErased extends Error {}
