import { generateKeySync, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { KeyringError } from './errors.ts';
import { checkKeyId, decodeKey, encodeKey, keyLength, type KeyringContents, type MasterKeyEntry } from './keyring-contents.ts';

/**
 * The key file, `<data dir>/keyring.json`, mode 0600:
 *
 *     {
 *       "format": "caseline-keyring/1",
 *       "active": "mk-20250101-1a2b3c",
 *       "masterKeys": [
 *         { "id": "mk-20240101-0f0e0d", "createdAt": "…", "retiredAt": "…" },
 *         { "id": "mk-20250101-1a2b3c", "createdAt": "…", "key": "<base64 of 32 bytes>" }
 *       ],
 *       "blindIndexRoot": "<base64 of 32 bytes>"
 *     }
 *
 * A retired master key keeps its entry, without the key, so that a data key still
 * naming it gets an error that says so. The blind-index root (which also roots the
 * secret box) is not a master key, and master-key rotation leaves it alone.
 */
export const keyringFileName = 'keyring.json';
const format = 'caseline-keyring/1';

interface KeyringJson {
  format: string;
  active: string;
  masterKeys: { id: string; createdAt?: string; key?: string; retiredAt?: string }[];
  blindIndexRoot: string;
}

/** Which version of the file was read: replacing the file (always by rename) changes the inode. */
export interface FileIdentity {
  readonly ino: number;
  readonly mtimeMs: number;
  readonly size: number;
}

export interface KeyringFileState {
  readonly contents: KeyringContents;
  readonly identity: FileIdentity;
}

export function newMasterKeyEntry(now: Date): MasterKeyEntry {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    id: `mk-${day}-${randomBytes(3).toString('hex')}`,
    createdAt: now.toISOString(),
    key: generateKeySync('aes', { length: keyLength * 8 }),
    retiredAt: null,
  };
}

function toJson(contents: KeyringContents): string {
  const json: KeyringJson = {
    format,
    active: contents.active,
    masterKeys: contents.masterKeys.map((entry) => ({
      id: entry.id,
      ...(entry.createdAt ? { createdAt: entry.createdAt } : {}),
      ...(entry.key ? { key: encodeKey(entry.key) } : {}),
      ...(entry.retiredAt ? { retiredAt: entry.retiredAt } : {}),
    })),
    blindIndexRoot: encodeKey(contents.blindIndexRoot),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function fromJson(text: string, file: string): KeyringContents {
  let json: KeyringJson;
  try {
    json = JSON.parse(text) as KeyringJson;
  } catch {
    throw new KeyringError(`key file ${file} is not valid JSON`);
  }
  if (json?.format !== format || !Array.isArray(json.masterKeys) || typeof json.blindIndexRoot !== 'string') {
    throw new KeyringError(`key file ${file} is not a ${format} keyring`);
  }
  const masterKeys = json.masterKeys.map((entry, index): MasterKeyEntry => {
    const where = `key file ${file}, master key ${index + 1}`;
    const retiredAt = typeof entry.retiredAt === 'string' ? entry.retiredAt : null;
    if (retiredAt === null && typeof entry.key !== 'string') throw new KeyringError(`${where}: neither a key nor retired`);
    return {
      id: checkKeyId(typeof entry.id === 'string' ? entry.id : '', where),
      createdAt: typeof entry.createdAt === 'string' ? entry.createdAt : null,
      key: retiredAt === null ? decodeKey(entry.key!, where) : null,
      retiredAt,
    };
  });
  if (new Set(masterKeys.map((entry) => entry.id)).size !== masterKeys.length) {
    throw new KeyringError(`key file ${file}: a master key id appears twice`);
  }
  if (!masterKeys.some((entry) => entry.id === json.active && entry.key)) {
    throw new KeyringError(`key file ${file}: the active master key ${json.active} is missing or retired`);
  }
  return { active: json.active, masterKeys, blindIndexRoot: decodeKey(json.blindIndexRoot, `key file ${file}, blindIndexRoot`) };
}

/** Reads the key file, refusing one that anyone but its owner may read or write. Null when there is none. */
export async function readKeyringFile(file: string): Promise<KeyringFileState | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeyringError(`cannot open key file ${file}: ${(error as Error).message}`);
  }
  try {
    // fstat on the open handle: the mode checked is the one of the file actually read.
    const stat = await handle.stat();
    if ((stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8);
      throw new KeyringError(`key file ${file} is accessible to group or others (mode ${mode}); refusing to start: run chmod 600 ${file}`);
    }
    const contents = fromJson(await handle.readFile('utf8'), file);
    return { contents, identity: { ino: stat.ino, mtimeMs: stat.mtimeMs, size: stat.size } };
  } finally {
    await handle.close();
  }
}

export async function keyringFileIdentity(file: string): Promise<FileIdentity> {
  try {
    // Synchronous on purpose: it runs before every key wrap, and a stat through the thread
    // pool costs about twenty times the CPU of the system call itself (33 µs against 1.8).
    const stat = statSync(file);
    return { ino: stat.ino, mtimeMs: stat.mtimeMs, size: stat.size };
  } catch (error) {
    throw new KeyringError(`cannot read key file ${file}: ${(error as Error).message}`);
  }
}

async function writeTemporary(file: string, contents: KeyringContents): Promise<string> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(toJson(contents), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

async function syncDirectory(file: string): Promise<void> {
  const directory = await fs.open(path.dirname(file), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/**
 * Creates the key file on first start. It is written aside and hard-linked into place,
 * which fails if it exists: of two servers starting at once, the second reads the
 * first's keyring instead of overwriting it (and orphaning its data keys).
 */
export async function createKeyringFile(file: string, now: Date): Promise<KeyringFileState> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const first = newMasterKeyEntry(now);
  const contents: KeyringContents = {
    active: first.id,
    masterKeys: [first],
    blindIndexRoot: generateKeySync('hmac', { length: keyLength * 8 }),
  };
  const temporary = await writeTemporary(file, contents);
  try {
    await fs.link(temporary, file);
    await syncDirectory(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temporary, { force: true });
  }
  const state = await readKeyringFile(file);
  if (!state) throw new KeyringError(`key file ${file} vanished while it was being created`);
  return state;
}

/**
 * Changes the key file under a lock file (two rotations at once would otherwise lose a
 * key) and replaces it atomically by rename, so a reader sees the old or the new file.
 */
export async function updateKeyringFile(file: string, change: (contents: KeyringContents) => KeyringContents): Promise<KeyringFileState> {
  const lock = `${file}.lock`;
  let lockHandle: fs.FileHandle;
  try {
    lockHandle = await fs.open(lock, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new KeyringError(`key file ${file} is being changed by another process (remove ${lock} if no key rotation is running)`);
  }
  try {
    const current = await readKeyringFile(file);
    if (!current) throw new KeyringError(`key file ${file} does not exist`);
    const temporary = await writeTemporary(file, change(current.contents));
    try {
      await fs.rename(temporary, file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    await syncDirectory(file);
    const state = await readKeyringFile(file);
    if (!state) throw new KeyringError(`key file ${file} vanished while it was being changed`);
    return state;
  } finally {
    await lockHandle.close();
    await fs.rm(lock, { force: true });
  }
}
