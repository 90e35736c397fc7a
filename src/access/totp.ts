import { Secret, TOTP } from 'otpauth';

const issuer = 'Caseline';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans as a QR code. */
export function totpUri(secretBase32: string, username: string): string {
  return new TOTP({ issuer, label: username, secret: Secret.fromBase32(secretBase32) }).toString();
}

/** Accepts the current 30-second code or one step either side (clock drift). */
export function verifyTotp(secretBase32: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secretBase32), timestamp: now.getTime(), window: 1 });
  return delta !== null;
}

export function totpCode(secretBase32: string, now: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), timestamp: now.getTime() });
}
