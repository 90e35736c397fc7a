import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCaseNumbers } from '../intake/index.ts';
import { parseMailbox } from './mailbox.ts';
import { acknowledgementText, newMessageId, subjectLine } from './mail-text.ts';

describe('subjectLine', () => {
  it('puts the case number in brackets before Re: and the title', () => {
    expect(subjectLine('C-2026-000123', 'Parcel missing')).toBe('[C-2026-000123] Re: Parcel missing');
  });

  it('drops the reply prefixes and the number the title already has', () => {
    expect(subjectLine('C-2026-000123', 'RE: Fwd: AW: Parcel missing')).toBe('[C-2026-000123] Re: Parcel missing');
    expect(subjectLine('C-2026-000123', 'Re[2]: [C-2026-000123] Parcel')).toBe('[C-2026-000123] Re: Parcel');
    expect(subjectLine('C-2026-000123', '   ')).toBe('[C-2026-000123] Re: (no subject)');
  });

  it('is one line that the intake reads the case number back from, whatever the title', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 999_999 }),
        fc.string({ maxLength: 300 }),
        (year, serial, title) => {
          const number = `C-${year}-${String(serial).padStart(6, '0')}`;
          const subject = subjectLine(number, title);
          expect(subject).not.toMatch(/[\r\n]/);
          expect(subject.startsWith(`[${number}] Re: `)).toBe(true);
          expect(findCaseNumbers(subject)[0]).toBe(number);
        },
      ),
    );
  });
});

describe('acknowledgementText', () => {
  it('names the case number', () => {
    expect(acknowledgementText('C-2026-000123')).toContain('opened case C-2026-000123');
  });
});

describe('newMessageId', () => {
  it('is unique and ends in our domain', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newMessageId('caseline.example.gov')));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}@caseline\.example\.gov$/);
  });
});

describe('parseMailbox', () => {
  it('reads a bare address, a named one and a quoted name', () => {
    expect(parseMailbox('care@example.gov')).toEqual({ name: '', address: 'care@example.gov' });
    expect(parseMailbox('Customer Care <care@example.gov>')).toEqual({ name: 'Customer Care', address: 'care@example.gov' });
    expect(parseMailbox('"Care, Team" <care@example.gov>')).toEqual({ name: 'Care, Team', address: 'care@example.gov' });
  });

  it('refuses what is not one mailbox', () => {
    for (const value of [
      '',
      'care',
      'care@example',
      'a@b.gov, c@d.gov',
      'Care <care@example.gov',
      'Care\r\nBcc: x@y.gov <care@example.gov>',
    ])
      expect(parseMailbox(value)).toBeNull();
  });
});
