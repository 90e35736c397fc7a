import { generateKeySync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyringError } from './errors.ts';
import { unwrapWithMasterKey, wrapWithMasterKey } from './master-key-wrap.ts';

const master = generateKeySync('aes', { length: 256 });

describe('master-key wrapping', () => {
  it('round-trips a data key', () => {
    const dataKey = randomBytes(32);
    expect(unwrapWithMasterKey(master, 'mk-1', wrapWithMasterKey(master, 'mk-1', dataKey))).toEqual(dataKey);
  });

  it('binds the key id: a wrapped key relabelled with another id does not unwrap', () => {
    const wrapped = wrapWithMasterKey(master, 'mk-1', randomBytes(32));
    expect(() => unwrapWithMasterKey(master, 'mk-2', wrapped)).toThrow(KeyringError);
  });

  it('refuses another master key and an unknown format', () => {
    const wrapped = wrapWithMasterKey(master, 'mk-1', randomBytes(32));
    expect(() => unwrapWithMasterKey(generateKeySync('aes', { length: 256 }), 'mk-1', wrapped)).toThrow(/does not unwrap/);
    expect(() => unwrapWithMasterKey(master, 'mk-1', Buffer.concat([Buffer.of(9), wrapped.subarray(1)]))).toThrow(/known wrapping format/);
  });
});
