/** The record type of 820.200 that mailpiece images are: its retention decides when a day of them goes. */
export const mailpieceImageRecordType = 'usps-820/mailpiece-image';

/** What processing equipment writes: nothing else is stored. */
export const imageMediaTypes = ['image/png', 'image/jpeg', 'image/tiff'] as const;
export type ImageMediaType = (typeof imageMediaTypes)[number];

/** A letter's image at 300 dpi, greyscale, compressed, is a few hundred kilobytes: 2 MiB leaves room and bounds a day's size. */
export const maxImageBytes = 2 * 1024 * 1024;

/** How far ahead of the server's clock a capture time may be: the equipment's clock may run a little fast. */
export const maxClockSkewMs = 10 * 60 * 1000;

/** An image as a feed sends it: the piece's IMb, where and when it was captured, and the bytes. */
export interface NewMailpieceImage {
  /** 65 bars (F, A, D, T), or the 20 tracking digits and 0, 5, 9 or 11 routing digits. */
  readonly imb: string;
  readonly facilityZip: string;
  /** ISO 8601 with its zone. */
  readonly capturedAt: string;
  /** The type the sender declared (Content-Type): must agree with the bytes. */
  readonly declaredType: string | null;
  readonly content: Uint8Array;
}

/** What is known of a stored image, without the image. */
export interface MailpieceImage {
  readonly id: string;
  readonly trackingCode: string;
  readonly zip11: string | null;
  readonly facilityZip: string;
  readonly capturedAt: Date;
  readonly mediaType: ImageMediaType;
  readonly sizeBytes: number;
}

export interface StoredImage {
  readonly image: MailpieceImage;
  /** False when the same image of that day was stored already: it is kept once. */
  readonly created: boolean;
}

/** An image and its decrypted bytes. */
export interface ImageContent {
  readonly image: MailpieceImage;
  readonly content: Buffer;
}

/** A part of an upload that cannot be stored as sent; `field` names it (imb, facilityZip, capturedAt, contentType, content). */
export class InvalidMailpieceImage extends Error {
  readonly field: 'imb' | 'facilityZip' | 'capturedAt' | 'contentType' | 'content';
  constructor(field: InvalidMailpieceImage['field'], message: string) {
    super(message);
    this.field = field;
  }
}

export class ImageTooLarge extends Error {
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`an image is at most ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
  }
}

/** No such image, or none this principal may see: both look alike. */
export class MailpieceImageNotFound extends Error {}
