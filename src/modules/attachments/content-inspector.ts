import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AttachmentTooLarge, InvalidAttachment, UnsupportedAttachmentType } from './attachment.ts';
import { ByteQueue } from './byte-queue.ts';
import { sniffLength, sniffMediaType, TextCheck, type AttachmentMediaType } from './sniff-media-type.ts';

/** What the inspector learnt once the whole file went through. */
export interface Inspected {
  readonly mediaType: AttachmentMediaType;
  readonly sizeBytes: number;
  readonly sha256: Buffer;
}

export interface Inspector {
  readonly stream: Transform;
  /** Available after the stream finished without error. */
  result(): Inspected;
}

/**
 * Passes a file through while counting, hashing and typing it: fails as soon as it exceeds
 * `maxBytes` (AttachmentTooLarge) or its first bytes are not an allowed type
 * (UnsupportedAttachmentType), and at the end when it is empty or text that stops being text.
 */
export function inspectContent(options: {
  maxBytes: number;
  allowed: readonly AttachmentMediaType[];
  hint: { filename: string; declaredType: string | null };
}): Inspector {
  const hash = createHash('sha256');
  const head = new ByteQueue();
  let size = 0;
  let mediaType: AttachmentMediaType | null = null;
  let text: TextCheck | null = null;
  let done: Inspected | null = null;

  const decide = () => {
    const bytes = head.take(head.length);
    const sniffed = sniffMediaType(bytes, options.hint);
    if (sniffed === null || !options.allowed.includes(sniffed)) throw new UnsupportedAttachmentType(options.allowed);
    mediaType = sniffed;
    if (sniffed === 'text/plain') {
      text = new TextCheck();
      if (!text.push(bytes)) throw new UnsupportedAttachmentType(options.allowed);
    }
  };

  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        size += chunk.length;
        if (size > options.maxBytes) throw new AttachmentTooLarge(options.maxBytes);
        hash.update(chunk);
        if (mediaType === null) {
          head.push(chunk);
          if (head.length >= sniffLength) decide();
        } else if (text && !text.push(chunk)) throw new UnsupportedAttachmentType(options.allowed);
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (size === 0) throw new InvalidAttachment('content', 'the file is empty');
        if (mediaType === null) decide();
        if (text && !(text as TextCheck).end()) throw new UnsupportedAttachmentType(options.allowed);
        done = { mediaType: mediaType!, sizeBytes: size, sha256: hash.digest() };
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });

  return {
    stream,
    result() {
      if (!done) throw new Error('the content was not inspected to its end');
      return done;
    },
  };
}
