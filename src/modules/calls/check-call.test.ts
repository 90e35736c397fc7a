import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callDispositions, maxCallSeconds, type NewCall } from './call.ts';
import { checkCall, InvalidCallField } from './check-call.ts';

const now = new Date('2026-11-25T15:00:00Z');
const base: NewCall = { direction: 'inbound', number: '(202) 268-2000', durationSeconds: 60, disposition: 'resolved_on_call' };
const fieldOf = (input: Partial<NewCall>): string | null => {
  try {
    checkCall({ ...base, ...input }, now);
    return null;
  } catch (error) {
    if (error instanceof InvalidCallField) return error.field;
    throw error;
  }
};

describe('checkCall', () => {
  it('accepts every whole number of seconds from 0 to a day, and starts the call that long before now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxCallSeconds }), (seconds) => {
        expect(checkCall({ ...base, durationSeconds: seconds }, now).startedAt.getTime()).toBe(now.getTime() - seconds * 1000);
      }),
    );
  });

  it('refuses any other duration, naming durationSeconds', () => {
    const bad = fc.oneof(
      fc.integer({ max: -1 }),
      fc.integer({ min: maxCallSeconds + 1 }),
      fc.double({ noInteger: true }),
      fc.constant(Number.NaN),
      fc.constant(Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(bad, (seconds) => {
        expect(fieldOf({ durationSeconds: seconds })).toBe('durationSeconds');
      }),
    );
  });

  it('refuses any direction but inbound and outbound, naming direction', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => s !== 'inbound' && s !== 'outbound'),
        (direction) => {
          expect(fieldOf({ direction: direction as NewCall['direction'] })).toBe('direction');
        },
      ),
    );
  });

  it('keeps a number only as E.164, and an empty or withheld one as null', () => {
    expect(checkCall({ ...base, number: '+1 (202) 268-2000' }, now).number).toBe('+12022682000');
    expect(checkCall({ ...base, number: '  ' }, now).number).toBeNull();
    expect(checkCall({ ...base, number: null }, now).number).toBeNull();
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((s) => !/\d{3}/.test(s) && s.trim() !== ''),
        (junk) => {
          expect(fieldOf({ number: junk })).toBe('number');
        },
      ),
    );
  });

  it('derives the disposition from the case choice, and requires one otherwise', () => {
    expect(checkCall({ ...base, disposition: undefined, openCase: { title: 'x' } }, now).disposition).toBe('case_opened');
    expect(checkCall({ ...base, disposition: undefined, caseId: 'c' }, now).disposition).toBe('case_updated');
    expect(fieldOf({ disposition: undefined })).toBe('disposition');
    for (const disposition of callDispositions) expect(checkCall({ ...base, disposition }, now).disposition).toBe(disposition);
    expect(fieldOf({ openCase: { title: 'x' }, caseId: 'c' })).toBe('caseId');
  });

  it('refuses a call starting in the future beyond a clock’s slack', () => {
    expect(fieldOf({ startedAt: new Date(now.getTime() + 4 * 60_000) })).toBeNull();
    expect(fieldOf({ startedAt: new Date(now.getTime() + 6 * 60_000) })).toBe('startedAt');
    expect(fieldOf({ startedAt: new Date(Number.NaN) })).toBe('startedAt');
  });
});
