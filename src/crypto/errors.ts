/**
 * Errors of the vault. Messages name files, key ids, tables and subjects, never a
 * plaintext value or key material: they end up in logs.
 */

/** The keyring cannot be loaded, created or changed; the message says what to fix. */
export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

/** A ciphertext fails authentication: corrupt, or moved from the table, column or row it was written for. */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

/**
 * The subject has no data key this principal can see: it was shredded, never created,
 * or row-level security hides it. The three are indistinguishable on purpose, so that a
 * principal cannot learn from the error whether another subject exists.
 */
export class SubjectShreddedError extends Error {
  override readonly name = 'SubjectShreddedError';
  readonly subjectId: string;

  constructor(subjectId: string) {
    super(`subject ${subjectId} has no data key: it was shredded (or never given one, or is outside this principal's access)`);
    this.subjectId = subjectId;
  }
}

/** A value cannot be normalised for its retrieval key (a phone number that does not exist, a ZIP of 6 digits, …). */
export class InvalidIndexValueError extends Error {
  override readonly name = 'InvalidIndexValueError';
  readonly kind: string;
  /** What is wrong, without the value: for an error that names the caller's own field. */
  readonly reason: string;

  constructor(kind: string, reason: string) {
    super(`invalid ${kind}: ${reason}`);
    this.kind = kind;
    this.reason = reason;
  }
}
