import { describe, expect, it } from 'vitest';
import { AddressError } from './address-error.ts';
import { normaliseAddress } from './normalise-address.ts';

const dc = { city: 'Washington', state: 'DC', zip: '20260-0004' };
const line = (lines: string | string[]) => normaliseAddress({ ...dc, lines }).deliveryLine;

function failure(run: () => unknown): AddressError {
  try {
    run();
  } catch (error) {
    if (error instanceof AddressError) return error;
    throw error;
  }
  throw new Error('expected an AddressError');
}

describe('normaliseAddress', () => {
  it('returns the parts and the two standard lines', () => {
    expect(
      normaliseAddress({ lines: '123 north Main Street, Apt. 4B', city: 'Washington', state: 'District of Columbia', zip: '20260-0004' }),
    ).toEqual({
      kind: 'street',
      primaryNumber: '123',
      preDirectional: 'N',
      streetName: 'MAIN',
      suffix: 'ST',
      postDirectional: null,
      unitDesignator: 'APT',
      unitNumber: '4B',
      city: 'WASHINGTON',
      state: 'DC',
      zip5: '20260',
      zip4: '0004',
      deliveryPoint: null,
      deliveryLine: '123 N MAIN ST APT 4B',
      lastLine: 'WASHINGTON DC 20260-0004',
    });
  });

  it('keeps the delivery point from an 11-digit ZIP out of the last line', () => {
    const address = normaliseAddress({ lines: '475 LEnfant Plaza SW Room 4300', city: 'Washington', state: 'dc', zip: '20260430099' });
    expect(address.deliveryLine).toBe('475 LENFANT PLZ SW RM 4300');
    expect(address.lastLine).toBe('WASHINGTON DC 20260-4300');
    expect(address.deliveryPoint).toBe('99');
  });

  describe('street suffixes (Appendix C1)', () => {
    it.each([
      ['1600 Pennsylvania Avenue NW', '1600 PENNSYLVANIA AVE NW'],
      ['10 Elm Av', '10 ELM AVE'],
      ['10 Elm Avnue', '10 ELM AVE'],
      ['10 Elm Strt', '10 ELM ST'],
      ['10 Elm Str', '10 ELM ST'],
      ['500 Sunset Boulevard', '500 SUNSET BLVD'],
      ['7 Mill Road', '7 MILL RD'],
      ['42 Lakeview Drive', '42 LAKEVIEW DR'],
      ['9 Cherry Lane', '9 CHERRY LN'],
      ['3 Kings Court', '3 KINGS CT'],
      ['11 Ocean Place', '11 OCEAN PL'],
      ['8 Vista Terrace', '8 VISTA TER'],
      ['4500 Pacific Coast Highway', '4500 PACIFIC COAST HWY'],
      ['200 Garden State Parkway', '200 GARDEN STATE PKWY'],
      ['6 Dupont Circle', '6 DUPONT CIR'],
      ['12 Hudson Crossing', '12 HUDSON XING'],
      ['77 Sunrise Expressway', '77 SUNRISE EXPY'],
      ['300 New Jersey Turnpike', '300 NEW JERSEY TPKE'],
    ])('%s → %s', (input, expected) => {
      expect(line(input)).toBe(expected);
    });

    it('abbreviates only the last suffix word, leaving suffix words inside the name', () => {
      expect(line('10 Park Avenue')).toBe('10 PARK AVE');
      expect(line('10 Saint Street Road')).toBe('10 SAINT STREET RD');
      expect(normaliseAddress({ ...dc, lines: '10 Avenue N' })).toMatchObject({ streetName: 'AVENUE', suffix: null, postDirectional: 'N' });
    });
  });

  describe('directionals (Pub 28, 233)', () => {
    it('abbreviates pre- and postdirectionals', () => {
      expect(line('100 Southwest Main St')).toBe('100 SW MAIN ST');
      expect(line('100 Main Street Northeast')).toBe('100 MAIN ST NE');
      expect(line('1 Central Park West')).toBe('1 CENTRAL PARK W');
      expect(line('842 East 1700 South')).toBe('842 E 1700 S');
    });

    it('leaves a directional that is the street name spelled out', () => {
      expect(normaliseAddress({ ...dc, lines: '100 North Avenue' })).toMatchObject({
        preDirectional: null,
        streetName: 'NORTH',
        suffix: 'AVE',
      });
      expect(line('25 West Street')).toBe('25 WEST ST');
    });

    it('reads two directionals as a predirectional and a directional street name', () => {
      expect(normaliseAddress({ ...dc, lines: '100 North West Street' })).toMatchObject({
        preDirectional: 'N',
        streetName: 'WEST',
        suffix: 'ST',
      });
      expect(line('100 South East Drive North')).toBe('100 S EAST DR N');
    });
  });

  describe('secondary units (Pub 28, 213 and Appendix C2)', () => {
    it.each([
      ['1500 E Main Ave Suite 201', '1500 E MAIN AVE STE 201'],
      ['10 Main St Building 3', '10 MAIN ST BLDG 3'],
      ['10 Main St Floor 12', '10 MAIN ST FL 12'],
      ['10 Main St Room 101', '10 MAIN ST RM 101'],
      ['10 Main St Unit 7', '10 MAIN ST UNIT 7'],
      ['10 Main St Department 12', '10 MAIN ST DEPT 12'],
      ['10 Harbor Rd Slip 14', '10 HARBOR RD SLIP 14'],
      ['10 Main St Trailer 9', '10 MAIN ST TRLR 9'],
      ['10 Main St Penthouse', '10 MAIN ST PH'],
      ['10 Main St Basement', '10 MAIN ST BSMT'],
      ['10 Main St rear', '10 MAIN ST REAR'],
    ])('%s → %s', (input, expected) => {
      expect(line(input)).toBe(expected);
    });

    it("uses '#' only when there is no designator", () => {
      expect(normaliseAddress({ ...dc, lines: '10 Main St #4' })).toMatchObject({
        unitDesignator: '#',
        unitNumber: '4',
        deliveryLine: '10 MAIN ST # 4',
      });
      expect(line('10 Main St Apt #4')).toBe('10 MAIN ST APT 4');
      expect(line('10 Main St Apt. # 4')).toBe('10 MAIN ST APT 4');
    });

    it('moves a unit written on its own line onto the delivery line', () => {
      expect(line(['Suite 400', '1500 E. Main Ave.'])).toBe('1500 E MAIN AVE STE 400');
      expect(line(['1500 E. Main Ave.', 'Apt 2'])).toBe('1500 E MAIN AVE APT 2');
    });

    it('reads KEY, both a C1 suffix and a C2 designator, as a unit only before a numbered range', () => {
      expect(line('10 Ocean Key Apt 4')).toBe('10 OCEAN KY APT 4');
      expect(line('10 Ocean Key North')).toBe('10 OCEAN KY N');
      expect(line('10 Ocean Key Rear')).toBe('10 OCEAN KY REAR');
      expect(line('10 Ocean Key #4')).toBe('10 OCEAN KY # 4');
      expect(line('10 Ocean Dr Key 4')).toBe('10 OCEAN DR KEY 4');
    });

    it('keeps a designator word that is the street name', () => {
      expect(line('100 Front Street')).toBe('100 FRONT ST');
      expect(line('100 Lobby')).toBe('100 LOBBY');
    });
  });

  describe('punctuation (Pub 28, 231)', () => {
    it('keeps hyphenated ranges, fractions and grid decimals', () => {
      expect(line('289-01 Montgomery Avenue')).toBe('289-01 MONTGOMERY AVE');
      expect(line('101 1/2 Main St.')).toBe('101 1/2 MAIN ST');
      expect(line('4120 39.2 Road')).toBe('4120 39.2 RD');
    });

    it('drops other punctuation and diacritics', () => {
      expect(line('12, N. Peñasco St., Apt. 3')).toBe('12 N PENASCO ST APT 3');
      expect(line("7 O'Brien Road")).toBe('7 OBRIEN RD');
    });
  });

  describe('PO boxes, rural routes, highway contract and military lines', () => {
    it.each([
      ['P.O. Box 12', 'PO BOX 12'],
      ['Post Office Box 12', 'PO BOX 12'],
      ['P O Box 12', 'PO BOX 12'],
      ['POB 12', 'PO BOX 12'],
      ['Box 12', 'PO BOX 12'],
      ['Drawer 12', 'PO BOX 12'],
      ['Caller 12', 'PO BOX 12'],
      ['Firm Caller 12', 'PO BOX 12'],
      ['Bin 12', 'PO BOX 12'],
      ['Lockbox 12', 'PO BOX 12'],
      ['Route 2 Box 15', 'RR 2 BOX 15'],
      ['RR 2 Box 15', 'RR 2 BOX 15'],
      ['Rural Route 2, Box 15', 'RR 2 BOX 15'],
      ['R.R. 2 Box 15', 'RR 2 BOX 15'],
      ['RFD 2 Box 15', 'RR 2 BOX 15'],
      ['RR2 Box 15', 'RR 2 BOX 15'],
      ['HC 68 Box 23A', 'HC 68 BOX 23A'],
      ['Highway Contract 68 Box 23A', 'HC 68 BOX 23A'],
      ['Star Route 68 Box 23A', 'HC 68 BOX 23A'],
    ])('%s → %s', (input, expected) => {
      expect(line(input)).toBe(expected);
    });

    it('recognises the parts of box and route lines', () => {
      expect(normaliseAddress({ ...dc, lines: 'PO Box 12' })).toMatchObject({ kind: 'po-box', primaryNumber: '12', streetName: 'PO BOX' });
      expect(normaliseAddress({ ...dc, lines: 'RR 2 Box 15' })).toMatchObject({
        kind: 'rural-route',
        primaryNumber: '15',
        streetName: 'RR 2',
      });
      expect(normaliseAddress({ ...dc, lines: 'HC 68 Box 23A' })).toMatchObject({ kind: 'highway-contract', primaryNumber: '23A' });
    });

    it('standardises military addresses (Pub 28, 225 and 238)', () => {
      const address = normaliseAddress({ lines: 'Unit 2050 Box 4190', city: 'APO', state: 'Armed Forces Pacific', zip: '96278-2050' });
      expect([address.kind, address.deliveryLine, address.lastLine]).toEqual(['military', 'UNIT 2050 BOX 4190', 'APO AP 96278-2050']);
      expect(normaliseAddress({ lines: 'PSC 802 Box 74', city: 'apo', state: 'AE', zip: '09499-0074' }).deliveryLine).toBe(
        'PSC 802 BOX 74',
      );
    });
  });

  describe('errors name the field and never the value', () => {
    it.each([
      [{ lines: 'Main Street', city: 'Springfield', state: 'IL', zip: '62701' }, 'lines'],
      [{ lines: '', city: 'Springfield', state: 'IL', zip: '62701' }, 'lines'],
      [{ lines: 'RR 2', city: 'Springfield', state: 'IL', zip: '62701' }, 'lines'],
      [{ lines: 'RR 2 Route', city: 'Springfield', state: 'IL', zip: '62701' }, 'lines'],
      [{ lines: 'PO Box 12 Main', city: 'Springfield', state: 'IL', zip: '62701' }, 'lines'],
      [{ lines: '10 Main St #', city: 'Springfield', state: 'IL', zip: '62701' }, 'lines'],
      [{ lines: '10 Main St', city: '', state: 'IL', zip: '62701' }, 'city'],
      [{ lines: '10 Main St', city: 'Springfield 2', state: 'IL', zip: '62701' }, 'city'],
      [{ lines: '10 Main St', city: 'Springfield', state: 'Illinoiz', zip: '62701' }, 'state'],
      [{ lines: '10 Main St', city: 'Springfield', state: 'IL', zip: '6270' }, 'zip'],
      [{ lines: 'PSC 802 Box 74', city: 'Springfield', state: 'AE', zip: '09499' }, 'city'],
      [{ lines: 'PSC 802 Box 74', city: 'APO', state: 'NY', zip: '09499' }, 'state'],
    ] as const)('%o fails on %s', (input, field) => {
      const error = failure(() => normaliseAddress(input));
      expect(error.field).toBe(field);
      for (const value of [input.lines, input.city, input.state, input.zip].filter((value) => value.length > 2)) {
        expect(error.message).not.toContain(value);
      }
    });
  });
});
