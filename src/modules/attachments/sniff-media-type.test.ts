import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffMediaType, TextCheck } from './sniff-media-type.ts';

const noHint = { filename: 'file', declaredType: null };
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** A zip whose first entry has this name, as a local file header writes it. */
function zipWithFirstEntry(name: string, rest = ''): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from(rest, 'latin1')]);
}

describe('sniffing a file type from its first bytes', () => {
  it('recognises the allowed types by their signatures', () => {
    expect(sniffMediaType(bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), noHint)).toBe('application/pdf');
    expect(sniffMediaType(bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), noHint)).toBe('image/tiff');
    expect(sniffMediaType(bytes([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]), noHint)).toBe('image/tiff');
    expect(sniffMediaType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), noHint)).toBe('image/png');
    expect(sniffMediaType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]), noHint)).toBe('image/jpeg');
    expect(sniffMediaType(bytes('GIF89a\x01\x00'), noHint)).toBe('image/gif');
    expect(sniffMediaType(Buffer.from('Dear Sir,\r\nmy parcel – never came.\n', 'utf8'), noHint)).toBe('text/plain');
  });

  it('tells Word from Excel packages by their parts, else by name or declared type', () => {
    expect(sniffMediaType(zipWithFirstEntry('[Content_Types].xml', 'PK..word/document.xml'), noHint)).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(sniffMediaType(zipWithFirstEntry('[Content_Types].xml', 'PK..xl/workbook.xml'), noHint)).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(sniffMediaType(zipWithFirstEntry('_rels/.rels'), { filename: 'claim.XLSX', declaredType: null })).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(sniffMediaType(zipWithFirstEntry('_rels/.rels'), noHint)).toBeNull();
    // Any other zip (a program's installer, an archive of anything) is refused whatever it is called.
    expect(sniffMediaType(zipWithFirstEntry('setup.exe'), { filename: 'letter.docx', declaredType: null })).toBeNull();
  });

  it('refuses programs and other binaries, whatever they are called or declared as', () => {
    const asPdf = { filename: 'letter.pdf', declaredType: 'application/pdf' };
    expect(sniffMediaType(bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), asPdf)).toBeNull(); // ELF
    expect(sniffMediaType(bytes('MZ\x90\x00\x03\x00'), asPdf)).toBeNull(); // Windows PE
    expect(sniffMediaType(bytes([0xca, 0xfe, 0xba, 0xbe, 0, 0]), asPdf)).toBeNull(); // Mach-O / class file
    expect(sniffMediaType(bytes('#!/bin/sh\x00'), asPdf)).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0), asPdf)).toBeNull();
  });

  it('takes bytes with a control character or invalid UTF-8 for a binary, never for text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 50 }),
        fc.constantFrom(0x00, 0x01, 0x08, 0x1b, 0x7f),
        fc.string({ maxLength: 50 }),
        (before, control, after) => {
          const sample = Buffer.concat([Buffer.from(`x${before}`), Buffer.of(control), Buffer.from(after)]);
          expect(sniffMediaType(sample, noHint)).not.toBe('text/plain');
        },
      ),
    );
    expect(sniffMediaType(bytes([0x41, 0xc3, 0x28]), noHint)).toBeNull();
  });

  it('checks text to its end, across pieces split anywhere (inside a character too)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).filter((s) => !/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(s)),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        (text, sizes) => {
          const all = Buffer.from(text, 'utf8');
          const check = new TextCheck();
          for (let at = 0, i = 0; at < all.length; i += 1) {
            const size = sizes[i % sizes.length]!;
            expect(check.push(all.subarray(at, at + size))).toBe(true);
            at += size;
          }
          expect(check.end()).toBe(true);
        },
      ),
    );
    const cut = new TextCheck();
    expect(cut.push(Buffer.from('caf\xc3', 'latin1'))).toBe(true);
    expect(cut.end()).toBe(false);
  });
});
