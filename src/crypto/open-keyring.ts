import path from 'node:path';
import { createBlindIndexKeys, type BlindIndexKeys } from './blind-index-keys.ts';
import { KeyringError } from './errors.ts';
import type { MasterKeyring } from './key-provider.ts';
import { liveKey, type KeyringContents } from './keyring-contents.ts';
import { registerKeyringRoot } from './keyring-root.ts';
import {
  createKeyringFile,
  keyringFileIdentity,
  keyringFileName,
  newMasterKeyEntry,
  readKeyringFile,
  updateKeyringFile,
  type FileIdentity,
  type KeyringFileState,
} from './keyring-file.ts';
import { parseMasterKeyEnv } from './master-key-env.ts';
import { unwrapWithMasterKey, wrapWithMasterKey } from './master-key-wrap.ts';

export interface KeyringOptions {
  /** Where the key file lives (and is created on first start) when no master key is given. */
  readonly dataDir: string;
  /** The value of CASELINE_MASTER_KEY (see parseMasterKeyEnv); when set, no key file is read or created. */
  readonly masterKey: string | null;
  readonly now?: () => Date;
}

/** The master keys and blind-index root of one Caseline installation, from its key file or environment. */
export interface LocalKeyring extends MasterKeyring {
  /** The key file's path, or 'CASELINE_MASTER_KEY'; for messages. */
  readonly source: string;
  readonly blindIndex: BlindIndexKeys;
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/**
 * Loads the keyring, creating the key file on first start. A file keyring follows
 * changes other processes make to the file (a rotation run from the command line while
 * the server runs): it re-reads the file when it has been replaced, before wrapping and
 * when asked for a master key it does not know.
 */
export async function openKeyring(options: KeyringOptions): Promise<LocalKeyring> {
  const now = options.now ?? (() => new Date());
  if (options.masterKey !== null) return environmentKeyring(parseMasterKeyEnv(options.masterKey), now);
  const file = path.join(options.dataDir, keyringFileName);
  let state: KeyringFileState = (await readKeyringFile(file)) ?? (await createKeyringFile(file, now()));
  const blindIndex = createBlindIndexKeys(state.contents.blindIndexRoot);

  const adopt = (next: KeyringFileState): KeyringContents => {
    if (!next.contents.blindIndexRoot.equals(state.contents.blindIndexRoot)) {
      throw new KeyringError(`key file ${file} now holds another blind-index root secret; restore the original file`);
    }
    state = next;
    return next.contents;
  };
  const refresh = async (): Promise<KeyringContents> => {
    if (sameFile(await keyringFileIdentity(file), state.identity)) return state.contents;
    const next = await readKeyringFile(file);
    if (!next) throw new KeyringError(`key file ${file} has disappeared`);
    return adopt(next);
  };

  const keyring: LocalKeyring = {
    source: file,
    blindIndex,
    activeKeyId: async () => (await refresh()).active,
    wrap: async (dataKey) => {
      const contents = await refresh();
      return { keyId: contents.active, wrapped: wrapWithMasterKey(liveKey(contents, contents.active)!, contents.active, dataKey) };
    },
    unwrap: async (keyId, wrapped) => {
      const key = liveKey(state.contents, keyId) ?? liveKey(await refresh(), keyId);
      if (!key) throw missingKey(state.contents, keyId, file);
      return unwrapWithMasterKey(key, keyId, wrapped);
    },
    keyIds: async () => liveIds(await refresh()),
    addKey: async () => {
      const entry = newMasterKeyEntry(now());
      adopt(await updateKeyringFile(file, (contents) => ({ ...contents, active: entry.id, masterKeys: [...contents.masterKeys, entry] })));
      return entry.id;
    },
    retireKey: async (keyId) => {
      const retiredAt = now().toISOString();
      adopt(await updateKeyringFile(file, (contents) => retire(contents, keyId, file, retiredAt)));
    },
  };
  registerKeyringRoot(keyring, state.contents.blindIndexRoot);
  return keyring;
}

function liveIds(contents: KeyringContents): string[] {
  return contents.masterKeys.filter((entry) => entry.key).map((entry) => entry.id);
}

function missingKey(contents: KeyringContents, keyId: string, source: string): KeyringError {
  const entry = contents.masterKeys.find((candidate) => candidate.id === keyId);
  return entry?.retiredAt
    ? new KeyringError(`master key ${keyId} was retired at ${entry.retiredAt}; a data key still wrapped by it cannot be recovered`)
    : new KeyringError(`master key ${keyId} is not in the keyring (${source})`);
}

function retire(contents: KeyringContents, keyId: string, source: string, retiredAt: string): KeyringContents {
  if (keyId === contents.active) throw new KeyringError(`master key ${keyId} is the active key of ${source} and cannot be retired`);
  if (!liveKey(contents, keyId)) throw missingKey(contents, keyId, source);
  return {
    ...contents,
    masterKeys: contents.masterKeys.map((entry) => (entry.id === keyId ? { ...entry, key: null, retiredAt } : entry)),
  };
}

/**
 * A keyring given in CASELINE_MASTER_KEY. Caseline cannot change the variable: a new
 * master key is added by appending `<id>:<base64>` to it (last one active) and
 * restarting, then re-wrapping with rotateMasterKey(…, { resume: true }); retiring a
 * key forgets it in this process, and the operator removes it from the variable.
 */
function environmentKeyring(initial: KeyringContents, now: () => Date): LocalKeyring {
  const source = 'CASELINE_MASTER_KEY';
  let contents = initial;
  const keyring: LocalKeyring = {
    source,
    blindIndex: createBlindIndexKeys(contents.blindIndexRoot),
    activeKeyId: async () => contents.active,
    wrap: async (dataKey) => ({
      keyId: contents.active,
      wrapped: wrapWithMasterKey(liveKey(contents, contents.active)!, contents.active, dataKey),
    }),
    unwrap: async (keyId, wrapped) => {
      const key = liveKey(contents, keyId);
      if (!key) throw missingKey(contents, keyId, source);
      return unwrapWithMasterKey(key, keyId, wrapped);
    },
    keyIds: async () => liveIds(contents),
    addKey: async () => {
      throw new KeyringError(
        `${source} cannot be changed by Caseline: append <id>:<base64 of 32 bytes> to it (the last key is the active one), ` +
          'restart, and re-wrap with resume',
      );
    },
    retireKey: async (keyId) => {
      contents = retire(contents, keyId, source, now().toISOString());
    },
  };
  registerKeyringRoot(keyring, initial.blindIndexRoot);
  return keyring;
}
