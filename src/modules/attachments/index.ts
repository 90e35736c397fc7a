export { sanitiseFilename } from './attachment-filename.ts';
export {
  createAttachmentService,
  type AttachmentService,
  type AttachmentServiceOptions,
  type InboundOutcome,
  type InboundMail,
  type Transact,
} from './attachment-service.ts';
export {
  AttachmentErased,
  AttachmentNotFound,
  AttachmentTooLarge,
  InvalidAttachment,
  UnsupportedAttachmentType,
  type Attachment,
  type AttachmentDownload,
  type AttachmentMediaType,
  type AttachmentSource,
  type AttachmentUpload,
  type InboundFile,
} from './attachment.ts';
export { attachmentMover } from './attachment-mover.ts';
export { allowedMediaTypes, attachmentMediaTypes } from './sniff-media-type.ts';
export { FileDecryptionError } from './chunked-cipher.ts';
