import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyringError } from './errors.ts';
import { openKeyring } from './open-keyring.ts';

const directories: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-keyring-'));
  directories.push(dir);
  return path.join(dir, 'data');
}
afterEach(async () => {
  await Promise.all(directories.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

const key = () => randomBytes(32).toString('base64');

describe('key file', () => {
  it('is created on first start with mode 0600 and one active master key', async () => {
    const dir = await dataDir();
    const keyring = await openKeyring({ dataDir: dir, masterKey: null, now: () => new Date('2025-03-04T05:06:07Z') });
    const file = path.join(dir, 'keyring.json');
    expect(keyring.source).toBe(file);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const json = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(json.format).toBe('caseline-keyring/1');
    expect(json.masterKeys).toHaveLength(1);
    expect(json.active).toBe(json.masterKeys[0].id);
    expect(json.active).toMatch(/^mk-20250304-[0-9a-f]{6}$/);
    expect(Buffer.from(json.blindIndexRoot, 'base64')).toHaveLength(32);
    expect(await keyring.activeKeyId()).toBe(json.active);
  });

  it('is read back on the next start: a key wrapped before unwraps after, and digests stay the same', async () => {
    const dir = await dataDir();
    const first = await openKeyring({ dataDir: dir, masterKey: null });
    const dataKey = randomBytes(32);
    const { keyId, wrapped } = await first.wrap(dataKey);
    const second = await openKeyring({ dataDir: dir, masterKey: null });
    expect(await second.unwrap(keyId, wrapped)).toEqual(dataKey);
    expect(second.blindIndex.digest('email', 'a@b.org')).toEqual(first.blindIndex.digest('email', 'a@b.org'));
  });

  it.each([0o644, 0o640, 0o604, 0o660])('with mode %o refuses to start, naming the file', async (mode) => {
    const dir = await dataDir();
    await openKeyring({ dataDir: dir, masterKey: null });
    const file = path.join(dir, 'keyring.json');
    await fs.chmod(file, mode);
    const opening = openKeyring({ dataDir: dir, masterKey: null });
    await expect(opening).rejects.toThrow(KeyringError);
    await expect(opening).rejects.toThrow(file);
  });

  it('that is not a keyring is refused with the file named', async () => {
    const dir = await dataDir();
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'keyring.json');
    await fs.writeFile(file, '{"format":"something-else"}', { mode: 0o600 });
    await expect(openKeyring({ dataDir: dir, masterKey: null })).rejects.toThrow(`key file ${file} is not a caseline-keyring/1 keyring`);
  });

  it('gains keys and retires them; a retired key no longer unwraps and its material leaves the file', async () => {
    const dir = await dataDir();
    const keyring = await openKeyring({ dataDir: dir, masterKey: null });
    const old = await keyring.activeKeyId();
    const wrappedByOld = await keyring.wrap(randomBytes(32));
    const added = await keyring.addKey();
    expect(await keyring.activeKeyId()).toBe(added);
    expect(await keyring.keyIds()).toEqual([old, added]);
    await expect(keyring.retireKey(added)).rejects.toThrow(/active key/);
    await keyring.retireKey(old);
    expect(await keyring.keyIds()).toEqual([added]);
    await expect(keyring.unwrap(old, wrappedByOld.wrapped)).rejects.toThrow(`master key ${old} was retired`);
    const json = JSON.parse(await fs.readFile(path.join(dir, 'keyring.json'), 'utf8'));
    expect(json.masterKeys[0]).toEqual({ id: old, createdAt: expect.any(String), retiredAt: expect.any(String) });
    expect((await fs.stat(path.join(dir, 'keyring.json'))).mode & 0o777).toBe(0o600);
  });

  it('changed by another process is followed: a key added there is used and understood here', async () => {
    const dir = await dataDir();
    const server = await openKeyring({ dataDir: dir, masterKey: null });
    const cli = await openKeyring({ dataDir: dir, masterKey: null });
    const added = await cli.addKey();
    const wrappedByCli = await cli.wrap(randomBytes(32));
    expect(wrappedByCli.keyId).toBe(added);
    await expect(server.unwrap(added, wrappedByCli.wrapped)).resolves.toHaveLength(32);
    expect((await server.wrap(randomBytes(32))).keyId).toBe(added);
  });

  it('is changed by one process at a time', async () => {
    const dir = await dataDir();
    const keyring = await openKeyring({ dataDir: dir, masterKey: null });
    await fs.writeFile(path.join(dir, 'keyring.json.lock'), '');
    await expect(keyring.addKey()).rejects.toThrow(/being changed by another process/);
  });
});

describe('CASELINE_MASTER_KEY', () => {
  it('as one base64 key gives the master key `env`, and no key file is written', async () => {
    const dir = await dataDir();
    const keyring = await openKeyring({ dataDir: dir, masterKey: key() });
    expect(keyring.source).toBe('CASELINE_MASTER_KEY');
    expect(await keyring.activeKeyId()).toBe('env');
    await expect(fs.stat(dir)).rejects.toThrow(/ENOENT/);
  });

  it('as a keyring activates the last key and unwraps with the earlier ones', async () => {
    const [a, b] = [key(), key()];
    const before = await openKeyring({ dataDir: '/nonexistent', masterKey: `k1:${a}` });
    const wrapped = await before.wrap(randomBytes(32));
    const after = await openKeyring({ dataDir: '/nonexistent', masterKey: `k1:${a}, k2:${b}` });
    expect(await after.activeKeyId()).toBe('k2');
    expect(await after.keyIds()).toEqual(['k1', 'k2']);
    await expect(after.unwrap('k1', wrapped.wrapped)).resolves.toHaveLength(32);
    await expect(after.addKey()).rejects.toThrow(/cannot be changed by Caseline/);
  });

  it('derives the blind-index root from the first key unless given, so a single key can grow into a keyring', async () => {
    const [a, b, root] = [key(), key(), key()];
    const digest = async (masterKey: string) =>
      (await openKeyring({ dataDir: '/nonexistent', masterKey })).blindIndex.digest('phone', '+12022682000');
    expect(await digest(`env:${a},k2:${b}`)).toEqual(await digest(a));
    expect(await digest(`k2:${b}`)).not.toEqual(await digest(a));
    expect(await digest(`blind-index:${root},k1:${a}`)).toEqual(await digest(`k2:${b},blind-index:${root}`));
  });

  it.each([
    ['a short key', () => randomBytes(16).toString('base64')],
    ['a bad id', () => `bad id:${key()}`],
    ['a duplicate id', () => `k1:${key()},k1:${key()}`],
    ['only a blind-index root', () => `blind-index:${key()}`],
  ])('with %s is refused without echoing key material', async (_, value) => {
    const masterKey = value();
    const opening = openKeyring({ dataDir: '/nonexistent', masterKey });
    await expect(opening).rejects.toThrow(KeyringError);
    const message = await opening.catch((error: Error) => error.message);
    for (const part of masterKey.split(/[,:]/)) if (part.length > 20) expect(message).not.toContain(part);
  });
});
