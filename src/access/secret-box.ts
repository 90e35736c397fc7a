/**
 * Encrypts Caseline's own secrets (staff TOTP seeds) under a key the vault derives from the
 * master keyring; `context` is bound as associated data, so a sealed value moved to another
 * row or purpose fails to open. Implemented in crypto/, the only place with key material.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): Buffer;
  open(sealed: Buffer, context: string): string;
}
