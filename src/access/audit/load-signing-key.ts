import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createAuditSigner, type AuditSigner } from './audit-signer.ts';

export const signingKeyFile = 'audit-signing.pem';
export const publicKeyFile = 'audit-signing.pub.pem';

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

async function readPrivateKey(file: string): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    // As ssh does: a key others can read may have been copied, so its signatures prove nothing.
    if ((stat.mode & 0o077) !== 0) {
      throw new Error(`${file} is readable by other users; make it mode 0600 (chmod 600) before Caseline uses it`);
    }
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return null;
    throw error;
  }
}

/**
 * The checkpoint signing key in `dataDir`, created on first use: the private key as
 * PKCS#8 PEM with mode 0600, the public key beside it for verifiers to take away.
 * Two servers starting at once create it once.
 */
export async function loadSigningKey(dataDir: string): Promise<AuditSigner> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, signingKeyFile);
  let pem = await readPrivateKey(file);
  if (pem === null) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const fresh = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // Written whole under a private name, then linked into place: link() fails if the
    // key exists, so a second server never replaces it and never reads half a key.
    const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(draft, 'wx', 0o600);
    try {
      await handle.writeFile(fresh);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.link(draft, file);
      pem = fresh;
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
      pem = await readPrivateKey(file);
      if (pem === null) throw error;
    } finally {
      await fs.rm(draft, { force: true });
    }
  }
  const signer = createAuditSigner(pem);
  const publicPem = signer.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  // Rewritten every time, so a deleted or replaced copy heals from the private key.
  await fs.writeFile(path.join(dataDir, publicKeyFile), publicPem, { mode: 0o644 });
  return signer;
}
