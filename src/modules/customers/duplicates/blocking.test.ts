import { describe, expect, it } from 'vitest';
import { blockingKeys, findDuplicatePairs, type CandidateRecord } from './index.ts';

describe('blockingKeys', () => {
  it('keys a record by e-mail, phone, id, birth date and phonetic name codes', () => {
    const keys = blockingKeys({
      givenName: 'Alice',
      surname: 'Smith',
      email: 'Alice@Example.org',
      phone: '(212) 555-0123',
      zip: '10001',
      dateOfBirth: '1980-04-02',
      identifier: 'ab-12',
    });
    expect(keys).toEqual(expect.arrayContaining(['email:alice@example.org', 'phone:+12125550123', 'id:AB12', 'dob:19800402']));
    expect(keys.some((key) => key.startsWith('names:'))).toBe(true);
    expect(keys.some((key) => key.startsWith('sz:') && key.endsWith('|100'))).toBe(true);
  });

  it('gives swapped and phonetically spelled names a shared key', () => {
    const a = blockingKeys({ givenName: 'Alice', surname: 'Smith' });
    const b = blockingKeys({ givenName: 'Smyth', surname: 'Alyce' });
    expect(a.filter((key) => b.includes(key))).not.toEqual([]);
  });

  it('has no keys for an empty record', () => {
    expect(blockingKeys({})).toEqual([]);
  });
});

describe('findDuplicatePairs', () => {
  const records: CandidateRecord[] = [
    { givenName: 'Alice', surname: 'Smith', zip: '10001', dateOfBirth: '1980-04-02' },
    { givenName: 'Bob', surname: 'Jones', email: 'bob@example.org' },
    { givenName: 'Alyce', surname: 'Smyth', zip: '10001', dateOfBirth: '19800402' },
    { givenName: 'Robert', surname: 'Jones', email: 'BOB@example.org' },
    { givenName: 'Carol', surname: 'Smith', zip: '10001', dateOfBirth: '1991-01-01' },
  ];

  it('finds the duplicates through shared blocking keys only', () => {
    const pairs = findDuplicatePairs(records);
    expect(pairs.map(({ first, second }) => [first, second])).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 3],
      ]),
    );
    expect(pairs).toHaveLength(2);
    for (const pair of pairs) expect(pair.first).toBeLessThan(pair.second);
  });

  it('never pairs records that share no key, whatever the threshold', () => {
    const pairs = findDuplicatePairs([{ givenName: 'Alice', surname: 'Smith' }, { email: 'alice@example.org' }], 0);
    expect(pairs).toEqual([]);
  });

  it('honours the threshold and skips oversized blocks', () => {
    expect(findDuplicatePairs(records, 0).length).toBeGreaterThan(2);
    expect(findDuplicatePairs(records, 0, { maxBlockSize: 1 })).toEqual([]);
  });
});
