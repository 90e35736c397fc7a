import type { KeyObject } from 'node:crypto';

/**
 * The non-rotating root secret of each open keyring, kept out of the keyring's public
 * shape so that code outside crypto/ holding a keyring still cannot reach key material.
 */
const roots = new WeakMap<object, KeyObject>();

export function registerKeyringRoot(keyring: object, root: KeyObject): void {
  roots.set(keyring, root);
}

export function keyringRoot(keyring: object): KeyObject {
  const root = roots.get(keyring);
  if (!root) throw new TypeError('not a keyring opened by openKeyring');
  return root;
}
