import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { lengthPrefixed } from './length-prefixed.ts';
import { keyIdOf, type AuditSigner } from './audit-signer.ts';

/**
 * A signed statement that the chain held `hash` at `chainPos`. Kept in
 * audit_checkpoints and exported outside the database, because a chain alone cannot
 * show that its tail was cut off.
 */
export interface Checkpoint {
  readonly chainPos: number;
  /** The entry's hash at chainPos, lower-case hex. */
  readonly hash: string;
  /** ISO 8601 UTC with milliseconds, as signed. */
  readonly signedAt: string;
  readonly keyId: string;
  /** Ed25519 signature of checkpointMessage(), lower-case hex. */
  readonly signature: string;
}

/** A public key as a KeyObject or PEM text; several when the signing key was replaced. */
export type PublicKeyInput = KeyObject | string;

const checkpointFormat = 'caseline.audit.checkpoint.v1';
const hex64 = /^[0-9a-f]{64}$/;
const hex = /^(?:[0-9a-f]{2})*$/;

/** The signed bytes: lengthPrefixed(['caseline.audit.checkpoint.v1', chain_pos, hash hex, signed_at]). */
export function checkpointMessage(chainPos: number, hash: string, signedAt: string): Buffer {
  return lengthPrefixed([checkpointFormat, String(chainPos), hash, signedAt]);
}

export function signCheckpoint(signer: AuditSigner, chainPos: number, hash: Buffer, signedAt: Date): Checkpoint {
  const hashHex = hash.toString('hex');
  const at = signedAt.toISOString();
  return {
    chainPos,
    hash: hashHex,
    signedAt: at,
    keyId: signer.keyId,
    signature: signer.sign(checkpointMessage(chainPos, hashHex, at)).toString('hex'),
  };
}

/** Public keys by key id, for checking checkpoints signed by any of them. */
export function publicKeysById(input: PublicKeyInput | readonly PublicKeyInput[]): Map<string, KeyObject> {
  const list: readonly PublicKeyInput[] = Array.isArray(input) ? input : [input as PublicKeyInput];
  return new Map(
    list.map((key) => {
      const object = typeof key === 'string' ? createPublicKey(key) : key;
      return [keyIdOf(object), object];
    }),
  );
}

/** Why the checkpoint's signature does not hold, or null when it does. */
export function signatureProblem(checkpoint: Checkpoint, keys: ReadonlyMap<string, KeyObject>): string | null {
  const key = keys.get(checkpoint.keyId);
  if (!key) return `checkpoint at ${checkpoint.chainPos} is signed by key ${checkpoint.keyId}, which is not among the given public keys`;
  const message = checkpointMessage(checkpoint.chainPos, checkpoint.hash, checkpoint.signedAt);
  const valid = hex.test(checkpoint.signature) && verify(null, message, key, Buffer.from(checkpoint.signature, 'hex'));
  return valid ? null : `checkpoint at ${checkpoint.chainPos} does not carry a valid signature of key ${checkpoint.keyId}`;
}

/** The exported form: one JSON object, named as the audit_checkpoints columns. */
export function checkpointToJson(checkpoint: Checkpoint): string {
  return JSON.stringify({
    chain_pos: checkpoint.chainPos,
    hash: checkpoint.hash,
    signed_at: checkpoint.signedAt,
    key_id: checkpoint.keyId,
    signature: checkpoint.signature,
  });
}

export class CheckpointFormatError extends Error {}

export function checkpointFromJson(text: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointFormatError('a checkpoint must be a JSON object');
  }
  if (typeof value !== 'object' || value === null) throw new CheckpointFormatError('a checkpoint must be a JSON object');
  const { chain_pos, hash, signed_at, key_id, signature } = value as Record<string, unknown>;
  if (typeof chain_pos !== 'number' || !Number.isSafeInteger(chain_pos) || chain_pos < 1) {
    throw new CheckpointFormatError('checkpoint chain_pos must be a positive integer');
  }
  if (typeof hash !== 'string' || !hex64.test(hash)) throw new CheckpointFormatError('checkpoint hash must be 64 hex digits');
  if (typeof signed_at !== 'string' || Number.isNaN(Date.parse(signed_at))) {
    throw new CheckpointFormatError('checkpoint signed_at must be an ISO 8601 time');
  }
  if (typeof key_id !== 'string' || key_id === '') throw new CheckpointFormatError('checkpoint key_id must be text');
  if (typeof signature !== 'string' || !hex.test(signature)) throw new CheckpointFormatError('checkpoint signature must be hex');
  return { chainPos: chain_pos, hash, signedAt: signed_at, keyId: key_id, signature };
}
