/**
 * Pub 28, 233: the eight directionals and their one- or two-letter abbreviations.
 * Keyed by every accepted spelling (the abbreviation maps to itself so standard output re-normalises unchanged).
 */
export const directionals: ReadonlyMap<string, string> = new Map([
  ['NORTH', 'N'],
  ['N', 'N'],
  ['SOUTH', 'S'],
  ['S', 'S'],
  ['EAST', 'E'],
  ['E', 'E'],
  ['WEST', 'W'],
  ['W', 'W'],
  ['NORTHEAST', 'NE'],
  ['NE', 'NE'],
  ['NORTHWEST', 'NW'],
  ['NW', 'NW'],
  ['SOUTHEAST', 'SE'],
  ['SE', 'SE'],
  ['SOUTHWEST', 'SW'],
  ['SW', 'SW'],
]);
