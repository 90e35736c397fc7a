/** A data key wrapped by a master key, with the id of the master key that can unwrap it. */
export interface WrappedDataKey {
  readonly keyId: string;
  readonly wrapped: Buffer;
}

/**
 * Wraps and unwraps per-subject data keys with master keys it never hands out. Async so
 * that a KMS (which wraps remotely) can stand in for the local key file.
 */
export interface KeyProvider {
  /** The id of the master key new data keys are wrapped with. */
  activeKeyId(): Promise<string>;
  /** Wraps with the active master key; the id comes back with it, so a concurrent activation cannot mislabel it. */
  wrap(dataKey: Uint8Array): Promise<WrappedDataKey>;
  unwrap(keyId: string, wrapped: Uint8Array): Promise<Buffer>;
}

/** A key provider whose master keys Caseline itself manages, and can therefore rotate. */
export interface MasterKeyring extends KeyProvider {
  /** Ids of the master keys that can still unwrap, the active one included. */
  keyIds(): Promise<readonly string[]>;
  /** Generates a master key, stores it and makes it the active one; returns its id. */
  addKey(): Promise<string>;
  /** Destroys a master key; the caller has checked that no data key is wrapped by it any longer. */
  retireKey(keyId: string): Promise<void>;
}
