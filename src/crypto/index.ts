// The crypto module's public face. Key material never leaves the module: callers get
// ciphertexts, index matches and key ids, never keys.
export { openKeyring, type KeyringOptions, type LocalKeyring } from './open-keyring.ts';
export type { KeyProvider, MasterKeyring, WrappedDataKey } from './key-provider.ts';
export type { BlindIndexKeys } from './blind-index-keys.ts';
export { createVault, type Vault, type VaultOptions, type IndexEntry, type IndexMatch, type ShredResult } from './vault.ts';
export type { FieldLocation } from './field-cipher.ts';
export { createSecretBox, type SecretBox } from './secret-box.ts';
export { createByteBox, type ByteBox } from './byte-box.ts';
export { keyedDigest, purposeKey } from './purpose-key.ts';
export {
  identifierKinds,
  indexKinds,
  indexTermsVersion,
  itemKinds,
  type IdentifierKind,
  type IndexKind,
  type ItemKind,
} from './index-terms.ts';
export { rotateMasterKey, type Transact, type RotationOptions, type RotationProgress, type RotationResult } from './rotate-master-key.ts';
export { normaliseEmail } from './normalise-email.ts';
export { normalisePhone } from './normalise-phone.ts';
export { normaliseZip } from './normalise-zip.ts';
export { normaliseName } from './normalise-name.ts';
export { namePhoneticCodes } from './name-phonetic-codes.ts';
export { normaliseSsnLast4 } from './normalise-ssn-last4.ts';
export { normaliseIdentifier } from './normalise-identifier.ts';
export { KeyringError, DecryptionError, SubjectShreddedError, InvalidIndexValueError } from './errors.ts';
