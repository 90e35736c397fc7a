import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEntry, canonicalTimestamp, entryHash, genesisHash, type CanonicalInput } from './canonical-entry.ts';
import { lengthPrefixed, type EncodedValue } from './length-prefixed.ts';

// A fixed vector: a verifier written in another language must reproduce this hash, and a
// change to the serialisation (which would break every stored chain) fails here first.
const vector: CanonicalInput = {
  id: 42,
  at: '2025-03-04T05:06:07.123000Z',
  actorKind: 'staff',
  actorId: '5f0c7a8e-2b7d-4c1e-9a57-0d3c1f6b8e21',
  actorRole: 'agent',
  action: 'read',
  recordType: 'customer',
  recordId: 'c-1',
  subjects: ['0b7e3a52-6f1d-4d8a-9c3e-5a2b1c0d9e8f', '9d6c5b4a-3e2f-4a1b-8c7d-6e5f4a3b2c1d'],
  purpose: 'case.resolution',
  requestId: 'req-1',
  clientAddr: '192.0.2.10',
  outcome: 'ok',
  detail: '{"fields": ["email"], "case_id": "k-9"}',
  chainPos: 1,
  sealedAt: '2025-03-04T05:06:08.000000Z',
};

describe('canonical entry', () => {
  it('hashes the fixed vector to its published value', () => {
    expect(canonicalEntry(vector).length).toBe(379);
    expect(entryHash(genesisHash, vector).toString('hex')).toBe('064a9e34020f49b3acdc68ab8c07b92563b8cfa8b6020990d839cfe511773021');
  });

  it('lays out null, text and lists as documented', () => {
    expect(lengthPrefixed([null, '', ['a'], 'é']).toString('hex')).toBe(
      '00' + '0100000000' + '0200000001' + '0100000001' + '61' + '0100000002' + 'c3a9',
    );
  });

  it('never gives two different value sequences the same bytes', () => {
    const value: fc.Arbitrary<EncodedValue> = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 4, unit: 'grapheme' }),
      fc.array(fc.string({ maxLength: 3, unit: 'grapheme' }), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), fc.array(value, { maxLength: 5 }), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(lengthPrefixed(a).equals(lengthPrefixed(b))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('includes the previous hash, so the same entry elsewhere in the chain hashes differently', () => {
    expect(entryHash(Buffer.alloc(32, 1), vector).equals(entryHash(genesisHash, vector))).toBe(false);
  });

  it('writes timestamps with six fractional digits, as PostgreSQL gives them back', () => {
    expect(canonicalTimestamp(new Date('2025-03-04T05:06:07.123Z'))).toBe('2025-03-04T05:06:07.123000Z');
    expect(() => canonicalTimestamp(new Date('nonsense'))).toThrow(RangeError);
    expect(() => canonicalTimestamp(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});
