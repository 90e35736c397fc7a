// The mailpiece-images part of the tracking module: images captured in mail processing, kept 3 days in day partitions.
export {
  ImageTooLarge,
  imageMediaTypes,
  InvalidMailpieceImage,
  mailpieceImageRecordType,
  MailpieceImageNotFound,
  maxImageBytes,
  type ImageContent,
  type ImageMediaType,
  type MailpieceImage,
  type NewMailpieceImage,
  type StoredImage,
} from './mailpiece-image.ts';
export { collectImage, createMailpieceImages, maxImagesPerPiece, type MailpieceImages } from './mailpiece-image-service.ts';
export { dropImageDay, imageDayDue, imageDaysDue, type ImageDay } from './image-days.ts';
