import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ByteQueue } from './byte-queue.ts';

/**
 * A file's encryption, chunk by chunk, so that neither writing nor reading holds the file in
 * memory. The layout (after the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár,
 * as Tink's streaming AEAD and age use it):
 *
 *   header = "CLAF" | version 1 | chunk size (uint32 BE)
 *   chunk_i = AES-256-GCM(key, nonce = 0x00000000 | i as uint64 BE,
 *                         aad = "caseline/attachment/v1" | len | file id | header | i | final flag)
 *
 * Every chunk but the last holds exactly `chunkSize` bytes of plaintext; the last holds 1 to
 * `chunkSize` (0 only for an empty file) and is the only one sealed with the final flag. So a
 * chunk moved to another position, another file, or the end (truncation) does not
 * authenticate. Nonces are a counter: safe because every file has its own random key, which is
 * never used for a second file.
 */
export const defaultChunkSize = 64 * 1024;
/** A reader refuses a header claiming more (a corrupt or hostile file must not make it buffer gigabytes). */
const maxChunkSize = 4 * 1024 * 1024;
export const fileKeyLength = 32;

const magic = Buffer.from('CLAF', 'ascii');
const version = 1;
const headerLength = magic.length + 1 + 4;
const tagLength = 16;
const context = Buffer.from('caseline/attachment/v1', 'utf8');

/** The file does not decrypt: altered, truncated, reordered, another file's chunks, or the wrong key. */
export class FileDecryptionError extends Error {
  override readonly name = 'FileDecryptionError';
}

function header(chunkSize: number): Buffer {
  const bytes = Buffer.alloc(headerLength);
  magic.copy(bytes, 0);
  bytes[magic.length] = version;
  bytes.writeUInt32BE(chunkSize, magic.length + 1);
  return bytes;
}

function nonce(index: number): Buffer {
  const bytes = Buffer.alloc(12);
  bytes.writeBigUInt64BE(BigInt(index), 4);
  return bytes;
}

function associatedData(fileId: string, head: Buffer, index: number, final: boolean): Buffer {
  const id = Buffer.from(fileId, 'utf8');
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index), 0);
  tail[8] = final ? 1 : 0;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(id.length);
  return Buffer.concat([context, length, id, head, tail]);
}

function keyObject(key: Uint8Array): KeyObject {
  if (key.length !== fileKeyLength) throw new Error(`a file key has ${fileKeyLength} bytes`);
  return createSecretKey(key);
}

/** Encrypts a stream of plaintext into the layout above; `fileId` binds the chunks to one file. */
export function sealFile(key: Uint8Array, fileId: string, chunkSize = defaultChunkSize): Transform {
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > maxChunkSize) throw new Error('invalid chunk size');
  const secret = keyObject(key);
  const head = header(chunkSize);
  const pending = new ByteQueue();
  let index = 0;
  let started = false;

  const seal = (plaintext: Buffer, final: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', secret, nonce(index), { authTagLength: tagLength });
    cipher.setAAD(associatedData(fileId, head, index, final));
    index += 1;
    return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  };
  const start = (stream: Transform) => {
    if (!started) stream.push(head);
    started = true;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      start(this);
      pending.push(chunk);
      // Strictly more than a chunk: only then is it known that this chunk is not the last.
      while (pending.length > chunkSize) this.push(seal(pending.take(chunkSize), false));
      done();
    },
    flush(done: TransformCallback) {
      start(this);
      this.push(seal(pending.take(pending.length), true));
      done();
    },
  });
}

/** Decrypts what sealFile wrote; each chunk is authenticated before its plaintext is passed on. */
export function openFile(key: Uint8Array, fileId: string): Transform {
  const secret = keyObject(key);
  const pending = new ByteQueue();
  let head: Buffer | null = null;
  let frame = 0;
  let index = 0;

  const open = (sealed: Buffer, final: boolean): Buffer => {
    const decipher = createDecipheriv('aes-256-gcm', secret, nonce(index), { authTagLength: tagLength });
    decipher.setAAD(associatedData(fileId, head!, index, final));
    decipher.setAuthTag(sealed.subarray(sealed.length - tagLength));
    index += 1;
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - tagLength)), decipher.final()]);
    } catch {
      throw new FileDecryptionError(`chunk ${index - 1} of the file does not authenticate`);
    }
  };
  const readHeader = (): boolean => {
    if (head) return true;
    if (pending.length < headerLength) return false;
    const bytes = pending.take(headerLength);
    if (!bytes.subarray(0, magic.length).equals(magic) || bytes[magic.length] !== version)
      throw new FileDecryptionError('not an encrypted attachment of a known version');
    const chunkSize = bytes.readUInt32BE(magic.length + 1);
    if (chunkSize < 1 || chunkSize > maxChunkSize) throw new FileDecryptionError('the file header is corrupt');
    head = bytes;
    frame = chunkSize + tagLength;
    return true;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        pending.push(chunk);
        if (readHeader()) while (pending.length > frame) this.push(open(pending.take(frame), false));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!readHeader()) throw new FileDecryptionError('the file is truncated');
        if (pending.length < tagLength) throw new FileDecryptionError('the file is truncated');
        this.push(open(pending.take(pending.length), true));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
