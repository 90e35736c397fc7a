import { describe, expect, it } from 'vitest';
import { isoCountryCodes } from './iso-country-codes.ts';

describe('isoCountryCodes', () => {
  it('holds the 249 officially assigned ISO 3166-1 alpha-2 codes', () => {
    expect(isoCountryCodes.size).toBe(249);
    for (const code of ['US', 'GB', 'DE', 'CN', 'JP', 'AX', 'BQ', 'SS', 'SX']) expect(isoCountryCodes.has(code)).toBe(true);
  });

  it('leaves out reserved and withdrawn codes', () => {
    for (const code of ['UK', 'EU', 'AN', 'XK', 'YU', 'CS', 'ZZ']) expect(isoCountryCodes.has(code)).toBe(false);
  });

  it('names only regions the Unicode CLDR data in Intl knows', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const unnamed = [...isoCountryCodes].filter((code) => names.of(code) === code);
    expect(unnamed).toEqual([]);
  });
});
