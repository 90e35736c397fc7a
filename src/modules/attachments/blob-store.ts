import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/** A file being written: invisible under its storage id until `commit`. */
export interface StagedBlob {
  /** A random uuid: the file's name once committed (never the name its sender gave it). */
  readonly storageId: string;
  /** Where the sealed bytes go; flushed to disk when it finishes. */
  readonly sink: Writable;
  /** Moves the complete file into place (an atomic rename on one file system). */
  commit(): Promise<void>;
  /** Removes the file, staged or committed; never throws. */
  discard(): Promise<void>;
}

/**
 * Encrypted attachment files under one directory: `<dir>/<2 hex>/<storage id>` once complete,
 * `<dir>/staging/<storage id>.part` while written. Only ciphertext is ever written here.
 */
export interface BlobStore {
  readonly dir: string;
  stage(): Promise<StagedBlob>;
  read(storageId: string): Readable;
  remove(storageId: string): Promise<void>;
  /** Every file, complete or staged, with when it was last written: for the sweep of orphans. */
  list(): Promise<StoredFile[]>;
  /** Removes a file list() returned. */
  removeListed(file: StoredFile): Promise<void>;
}

export interface StoredFile {
  readonly storageId: string;
  readonly staged: boolean;
  readonly modifiedAt: Date;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createBlobStore(dir: string): BlobStore {
  const root = path.resolve(dir);
  const staging = path.join(root, 'staging');
  const finalPath = (storageId: string) => {
    // Storage ids come from our own rows; the check keeps a corrupt one from naming another path.
    if (!uuidPattern.test(storageId)) throw new Error('invalid storage id');
    return path.join(root, storageId.slice(0, 2), storageId);
  };

  return {
    dir: root,

    async stage() {
      await fsp.mkdir(staging, { recursive: true, mode: 0o700 });
      const storageId = randomUUID();
      const partPath = path.join(staging, `${storageId}.part`);
      const target = finalPath(storageId);
      // flush: the data reaches the disk before the stream reports it finished, so a committed
      // row never points at a file still in the page cache.
      const sink = fs.createWriteStream(partPath, { flags: 'wx', mode: 0o600, flush: true });
      let committed = false;
      return {
        storageId,
        sink,
        async commit() {
          await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
          await fsp.rename(partPath, target);
          committed = true;
        },
        async discard() {
          // Wait for the file to be closed: one still opening would otherwise appear after the removal.
          if (!sink.closed) {
            const closed = once(sink, 'close').catch(() => undefined);
            sink.destroy();
            await closed;
          }
          await fsp.rm(committed ? target : partPath, { force: true }).catch(() => undefined);
          // A failed rename may have happened after all.
          if (!committed) await fsp.rm(target, { force: true }).catch(() => undefined);
        },
      };
    },

    read(storageId) {
      return fs.createReadStream(finalPath(storageId), { highWaterMark: 64 * 1024 });
    },

    async remove(storageId) {
      await fsp.rm(finalPath(storageId), { force: true });
    },

    async list() {
      const entries = await fsp.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      const files: StoredFile[] = [];
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const staged = entry.parentPath === staging && entry.name.endsWith('.part');
        const storageId = staged ? entry.name.slice(0, -'.part'.length) : entry.name;
        if (!uuidPattern.test(storageId)) continue;
        const stat = await fsp.stat(path.join(entry.parentPath, entry.name)).catch(() => null);
        if (stat) files.push({ storageId, staged, modifiedAt: stat.mtime });
      }
      return files;
    },

    async removeListed(file) {
      await fsp.rm(file.staged ? path.join(staging, `${file.storageId}.part`) : finalPath(file.storageId), { force: true });
    },
  };
}
