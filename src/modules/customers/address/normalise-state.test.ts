import { describe, expect, it } from 'vitest';
import { AddressError } from './address-error.ts';
import { normaliseState, stateCodes } from './normalise-state.ts';

describe('normaliseState (Appendix B)', () => {
  it.each([
    ['California', 'CA'],
    ['new york', 'NY'],
    ['West Virginia', 'WV'],
    ['District of Columbia', 'DC'],
    ['D.C.', 'DC'],
    ['Puerto Rico', 'PR'],
    ['Guam', 'GU'],
    ['U.S. Virgin Islands', 'VI'],
    ['Northern Mariana Islands', 'MP'],
    ['American Samoa', 'AS'],
    ['Armed Forces Americas', 'AA'],
    ['Armed Forces Europe', 'AE'],
    ['Armed Forces Middle East', 'AE'],
    ['Armed Forces Pacific', 'AP'],
    ['tx', 'TX'],
  ])('%s → %s', (input, code) => {
    expect(normaliseState(input)).toBe(code);
  });

  it('knows all 50 states, DC, the territories, freely associated states and military codes', () => {
    expect(stateCodes.size).toBe(50 + 1 + 5 + 3 + 3);
    for (const code of stateCodes) expect(normaliseState(code.toLowerCase())).toBe(code);
  });

  it('rejects unknown states without echoing them', () => {
    expect(() => normaliseState('Atlantis')).toThrow(AddressError);
    expect(() => normaliseState('Atlantis')).not.toThrow(/Atlantis/i);
    expect(() => normaliseState('  ')).toThrow('state: is required');
  });
});
