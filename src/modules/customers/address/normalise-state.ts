import { AddressError } from './address-error.ts';

/** Pub 28, Appendix B: two-letter abbreviations for states, the District of Columbia, territories and freely associated states. */
const names: ReadonlyArray<readonly [string, string]> = [
  ['ALABAMA', 'AL'],
  ['ALASKA', 'AK'],
  ['AMERICAN SAMOA', 'AS'],
  ['ARIZONA', 'AZ'],
  ['ARKANSAS', 'AR'],
  ['CALIFORNIA', 'CA'],
  ['COLORADO', 'CO'],
  ['CONNECTICUT', 'CT'],
  ['DELAWARE', 'DE'],
  ['DISTRICT OF COLUMBIA', 'DC'],
  ['FEDERATED STATES OF MICRONESIA', 'FM'],
  ['FLORIDA', 'FL'],
  ['GEORGIA', 'GA'],
  ['GUAM', 'GU'],
  ['HAWAII', 'HI'],
  ['IDAHO', 'ID'],
  ['ILLINOIS', 'IL'],
  ['INDIANA', 'IN'],
  ['IOWA', 'IA'],
  ['KANSAS', 'KS'],
  ['KENTUCKY', 'KY'],
  ['LOUISIANA', 'LA'],
  ['MAINE', 'ME'],
  ['MARSHALL ISLANDS', 'MH'],
  ['MARYLAND', 'MD'],
  ['MASSACHUSETTS', 'MA'],
  ['MICHIGAN', 'MI'],
  ['MINNESOTA', 'MN'],
  ['MISSISSIPPI', 'MS'],
  ['MISSOURI', 'MO'],
  ['MONTANA', 'MT'],
  ['NEBRASKA', 'NE'],
  ['NEVADA', 'NV'],
  ['NEW HAMPSHIRE', 'NH'],
  ['NEW JERSEY', 'NJ'],
  ['NEW MEXICO', 'NM'],
  ['NEW YORK', 'NY'],
  ['NORTH CAROLINA', 'NC'],
  ['NORTH DAKOTA', 'ND'],
  ['NORTHERN MARIANA ISLANDS', 'MP'],
  ['OHIO', 'OH'],
  ['OKLAHOMA', 'OK'],
  ['OREGON', 'OR'],
  ['PALAU', 'PW'],
  ['PENNSYLVANIA', 'PA'],
  ['PUERTO RICO', 'PR'],
  ['RHODE ISLAND', 'RI'],
  ['SOUTH CAROLINA', 'SC'],
  ['SOUTH DAKOTA', 'SD'],
  ['TENNESSEE', 'TN'],
  ['TEXAS', 'TX'],
  ['UTAH', 'UT'],
  ['VERMONT', 'VT'],
  ['VIRGIN ISLANDS', 'VI'],
  ['VIRGINIA', 'VA'],
  ['WASHINGTON', 'WA'],
  ['WEST VIRGINIA', 'WV'],
  ['WISCONSIN', 'WI'],
  ['WYOMING', 'WY'],
  // Pub 28, 225: military "state" codes, spelled out by the armed-forces region they serve.
  ['ARMED FORCES AMERICAS', 'AA'],
  ['ARMED FORCES EUROPE', 'AE'],
  ['ARMED FORCES AFRICA', 'AE'],
  ['ARMED FORCES CANADA', 'AE'],
  ['ARMED FORCES MIDDLE EAST', 'AE'],
  ['ARMED FORCES PACIFIC', 'AP'],
];

const codes = new Set(names.map(([, code]) => code));
const byName: ReadonlyMap<string, string> = new Map([
  ...names,
  // Common longer forms of names Appendix B lists in short form.
  ['US VIRGIN ISLANDS', 'VI'],
  ['UNITED STATES VIRGIN ISLANDS', 'VI'],
  ['COMMONWEALTH OF PUERTO RICO', 'PR'],
  ['REPUBLIC OF PALAU', 'PW'],
  ['REPUBLIC OF THE MARSHALL ISLANDS', 'MH'],
  ['MICRONESIA', 'FM'],
  ['WASHINGTON DC', 'DC'],
]);

/** Every code normaliseState can return. */
export const stateCodes: ReadonlySet<string> = codes;

/** A state written as a two-letter code or spelled out, in any case and punctuation ("D.C.", "new york"), to its Appendix B code. */
export function normaliseState(value: string): string {
  const key = value
    .toUpperCase()
    .replace(/[.']/g, '')
    .replace(/[^A-Z]+/g, ' ')
    .trim();
  if (key === '') throw new AddressError('state', 'is required');
  if (codes.has(key)) return key;
  const code = byName.get(key);
  if (code === undefined) throw new AddressError('state', 'is not a US state, territory or military state code');
  return code;
}
