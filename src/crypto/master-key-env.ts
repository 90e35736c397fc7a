import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { KeyringError } from './errors.ts';
import { checkKeyId, decodeKey, type KeyringContents, type MasterKeyEntry } from './keyring-contents.ts';

const variable = 'CASELINE_MASTER_KEY';
const blindIndexEntry = 'blind-index';

/**
 * Reads CASELINE_MASTER_KEY. Two forms:
 *
 * - `<base64 of 32 bytes>`: one master key, whose id is `env`.
 * - `<id>:<base64>,<id>:<base64>,…`: a keyring; the LAST master key is the active one,
 *   the earlier ones still unwrap data keys not yet re-wrapped. The reserved id
 *   `blind-index` gives the blind-index root secret.
 *
 * Without a `blind-index` entry the root is derived (HKDF) from the FIRST master key
 * listed, so a single key can grow into `env:<same key>,<id>:<new key>` without
 * re-indexing; but then that first key can never leave the list. Deployments that
 * will rotate should therefore give `blind-index` from the start.
 */
export function parseMasterKeyEnv(value: string): KeyringContents {
  const trimmed = value.trim();
  const entries = trimmed.includes(':') ? trimmed.split(',') : [`env:${trimmed}`];
  const masterKeys: MasterKeyEntry[] = [];
  let explicitRoot: KeyObject | null = null;
  for (const [index, entry] of entries.entries()) {
    const where = `${variable} entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new KeyringError(`${where}: expected <id>:<base64 key>`);
    const id = checkKeyId(entry.slice(0, colon).trim(), where);
    const key = decodeKey(entry.slice(colon + 1).trim(), where);
    if (id === blindIndexEntry) {
      if (explicitRoot) throw new KeyringError(`${where}: '${blindIndexEntry}' is given twice`);
      explicitRoot = key;
    } else {
      if (masterKeys.some((existing) => existing.id === id)) throw new KeyringError(`${where}: key id ${id} is given twice`);
      masterKeys.push({ id, createdAt: null, key, retiredAt: null });
    }
  }
  const first = masterKeys[0];
  if (!first?.key) throw new KeyringError(`${variable} holds no master key`);
  const blindIndexRoot =
    explicitRoot ?? createSecretKey(Buffer.from(hkdfSync('sha256', first.key, Buffer.alloc(0), 'caseline/blind-index-root/v1', 32)));
  return { active: masterKeys.at(-1)!.id, masterKeys, blindIndexRoot };
}
