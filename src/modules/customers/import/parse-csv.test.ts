import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './parse-csv.ts';

/** RFC 4180 writing, quoting a field when it must be (and sometimes when it need not be). */
function formatCsv(records: readonly (readonly string[])[], quoteAll: boolean, eol: string): string {
  const quote = (value: string) => (quoteAll || /[",\r\n]/u.test(value) || value === '' ? `"${value.replaceAll('"', '""')}"` : value);
  return records.map((fields) => fields.map(quote).join(',')).join(eol) + eol;
}

const field = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\n', '\r\n', 'é', '—') });
const record = fc.array(field, { minLength: 1, maxLength: 6 }).filter((fields) => !(fields.length === 1 && fields[0] === ''));

describe('parseCsv', () => {
  it('reads back whatever an RFC 4180 writer wrote', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), fc.boolean(), fc.constantFrom('\r\n', '\n'), (records, quoteAll, eol) => {
        expect(parseCsv(formatCsv(records, quoteAll, eol)).map((r) => r.fields)).toEqual(records);
      }),
    );
  });

  it('never throws anything but a CsvSyntaxError, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ') }), (text) => {
        try {
          parseCsv(text);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvSyntaxError);
        }
      }),
    );
  });

  it('reports the line each record starts on, past quoted line breaks and blank lines', () => {
    const records = parseCsv('\uFEFFname,note\r\nAda,"two\nlines"\n\nBo,x\n');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Ada', 'two\nlines'] },
      { line: 5, fields: ['Bo', 'x'] },
    ]);
  });

  it('names the line of a malformed field and never quotes the file', () => {
    expect(() => parseCsv('a,b\nsecret"value,c\n')).toThrow('line 2: a quote inside an unquoted field');
    expect(() => parseCsv('a\n"closed"trailing\n')).toThrow('line 2: text after a closing quote');
    expect(() => parseCsv('a\n"never closed\n')).toThrow('line 2: a quoted field is never closed');
    try {
      parseCsv('a,b\nsecret"value,c\n');
    } catch (error) {
      expect(String(error)).not.toContain('secret');
    }
  });
});
