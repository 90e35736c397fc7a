/** One bit of one of the ten characters A–J (0–9). */
export interface CharacterBit {
  readonly character: number;
  readonly bit: number;
}

export interface BarSource {
  readonly descender: CharacterBit;
  readonly ascender: CharacterBit;
}

// USPS-B-3200 table 22, left to right: bar n has a descender when the first character bit is set
// and an ascender when the second is. Kept in the spec's notation so it can be checked against it.
const table22 = `
  H2 E3  B10 A0  J12 C8  F5 G11  I9 D1   A1 F12  C5 B8  E4 J11  G3 I10  D9 H6
  F11 B4  I5 C12  J10 A2  H1 G7  D6 E9   A3 I6  G4 C7  B1 J9  H10 F2  E0 D8
  G2 A4  I11 B0  J8 D12  C6 H7  F1 E10   B12 G9  H3 I0  F8 J7  E6 C10  D4 A5
  I4 F7  H11 B9  G0 J6  A6 E8  C1 D2     F9 I12  E11 G1  J5 H4  D3 B2  A7 C0
  B3 E1  G10 D5  I7 J4  C11 F6  A8 H12   E2 I1  F10 D0  J3 A9  G5 C4  H8 B7
  F0 E5  C3 A10  G12 J2  D11 B6  I8 H9   F4 A11  B5 C2  J1 E12  I3 G6  H0 D7
  E7 H5  A12 B11  C9 J0  G8 F3  D10 I2
`;

function characterBit(token: string): CharacterBit {
  return { character: token.charCodeAt(0) - 'A'.charCodeAt(0), bit: Number(token.slice(1)) };
}

const tokens = table22.trim().split(/\s+/);

export const barTable: readonly BarSource[] = Array.from({ length: tokens.length / 2 }, (_, n) => ({
  descender: characterBit(tokens[2 * n] ?? ''),
  ascender: characterBit(tokens[2 * n + 1] ?? ''),
}));
