import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane); @node-rs/argon2 defaults to argon2id.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const passwordRules = { minLength: 12, maxLength: 256 } as const;

export class WeakPasswordError extends Error {}

/** NIST SP 800-63B: length, not composition rules; the caller names the field in its error. */
export function checkPasswordStrength(password: string, username: string): void {
  const length = [...password].length;
  if (length < passwordRules.minLength) throw new WeakPasswordError(`must be at least ${passwordRules.minLength} characters`);
  if (length > passwordRules.maxLength) throw new WeakPasswordError(`must be at most ${passwordRules.maxLength} characters`);
  if (password.toLowerCase().includes(username.toLowerCase())) throw new WeakPasswordError('must not contain the username');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verified against when the username is unknown, so both cases take the same time.
const decoy = hash('caseline-decoy-password', options);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    await verify(await decoy, password);
    return false;
  }
  return verify(stored, password);
}
