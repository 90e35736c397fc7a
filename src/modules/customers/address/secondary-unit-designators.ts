export interface SecondaryUnitDesignator {
  readonly abbreviation: string;
  /** Pub 28, Appendix C2: designators marked as requiring a secondary range (APT 4B) versus standing alone (REAR). */
  readonly requiresRange: boolean;
}

/** Pub 28, Appendix C2: secondary unit designators, full word to standard abbreviation. */
const table: ReadonlyArray<readonly [string, string, boolean]> = [
  ['APARTMENT', 'APT', true],
  ['BASEMENT', 'BSMT', false],
  ['BUILDING', 'BLDG', true],
  ['DEPARTMENT', 'DEPT', true],
  ['FLOOR', 'FL', true],
  ['FRONT', 'FRNT', false],
  ['HANGAR', 'HNGR', true],
  ['KEY', 'KEY', true],
  ['LOBBY', 'LBBY', false],
  ['LOT', 'LOT', true],
  ['LOWER', 'LOWR', false],
  ['OFFICE', 'OFC', false],
  ['PENTHOUSE', 'PH', false],
  ['PIER', 'PIER', true],
  ['REAR', 'REAR', false],
  ['ROOM', 'RM', true],
  ['SIDE', 'SIDE', false],
  ['SLIP', 'SLIP', true],
  ['SPACE', 'SPC', true],
  ['STOP', 'STOP', true],
  ['SUITE', 'STE', true],
  ['TRAILER', 'TRLR', true],
  ['UNIT', 'UNIT', true],
  ['UPPER', 'UPPR', false],
];

/** Keyed by the full word and by the abbreviation, so standard output re-normalises unchanged. */
export const secondaryUnitDesignators: ReadonlyMap<string, SecondaryUnitDesignator> = new Map(
  table.flatMap(([word, abbreviation, requiresRange]) => {
    const designator = { abbreviation, requiresRange };
    return [
      [word, designator],
      [abbreviation, designator],
    ] as const;
  }),
);
