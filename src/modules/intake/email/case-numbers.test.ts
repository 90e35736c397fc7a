import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCaseNumbers } from './case-numbers.ts';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const caseNumber = fc.tuple(digits(4), digits(6)).map(([year, serial]) => ({ year, serial, normal: `C-${year}-${serial}` }));
const separator = fc.constantFrom('-', ' ', '\u2013', '');
const wrapping = fc.constantFrom(['', ''], ['[', ']'], ['(', ')'], ['#', '']);
// Whatever people put around it; the spaces keep it from being glued to a word or a number.
const surrounding = fc.string({ unit: fc.constantFrom('a', 'Re:', 'Fwd:', 'C', '-', ' ', '7', '[', ')', 'é', 'case') });

describe('findCaseNumbers', () => {
  it('finds any valid case number in any tolerated spelling, normalised', () => {
    fc.assert(
      fc.property(
        caseNumber,
        fc.constantFrom('C', 'c'),
        separator,
        separator,
        wrapping,
        surrounding,
        surrounding,
        (n, c, s1, s2, [open, close], before, after) => {
          const subject = `${before} ${open}${c}${s1}${n.year}${s2}${n.serial}${close} ${after}`;
          expect(findCaseNumbers(subject)).toContain(n.normal);
        },
      ),
    );
  });

  it('reads the spellings seen in real subjects', () => {
    expect(findCaseNumbers('[C-2026-000123] Benefit question')).toEqual(['C-2026-000123']);
    expect(findCaseNumbers('Re: my letter (C 2026 000123)')).toEqual(['C-2026-000123']);
    expect(findCaseNumbers('AW: c\u20132026\u2013000124 and C2026000125, again C-2026-000124')).toEqual(['C-2026-000124', 'C-2026-000125']);
  });

  it('ignores numbers glued to other words or digits', () => {
    expect(findCaseNumbers('ABC-2026-000123 C-2026-0001234 C-26-000123 XC 2026 000123 C-2026-00012')).toEqual([]);
  });
});
