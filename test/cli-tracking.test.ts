import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';

// `caseline tracking check` reads numbers only: no data directory, no database.
async function run(args: readonly string[], stdin: readonly string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'caseline', 'tracking', 'check', ...args], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
    stdin: Readable.from(stdin),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ambiguous = '4202026093009205591234567812345674';

describe('caseline tracking check NUMBER', () => {
  it('prints the kind and parts of an IMpb, one per line', async () => {
    const result = await run(['420 12345 9302 2345 6789 0123 4567 88']);
    expect(result).toEqual({
      code: 0,
      out: [
        'kind: IMpb',
        'number: 420123459302234567890123456788',
        'package number: 9302234567890123456788',
        'application identifier: 93',
        'service type code: 022',
        'mailer ID: 345678',
        'serial number: 9012345678',
        'check digit: 8',
        'routing ZIP: 12345',
      ].join('\n'),
      err: '',
    });
  });

  it('prints a legacy 20-digit number with its implied application identifier', async () => {
    const result = await run(['0112345678900000001-3']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('kind: legacy 20-digit\nnumber: 01123456789000000013\napplication identifier: 91 (implied)');
  });

  it('prints an S10 number', async () => {
    const result = await run(['aa473124829gb']);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      'kind: UPU S10\nnumber: AA473124829GB\nservice indicator: AA\nserial number: 47312482\ncheck digit: 9\ncountry: GB',
    );
  });

  it('prints the reason and exits 1 for an invalid number', async () => {
    const result = await run(['9212391234567812345674']);
    expect(result).toEqual({ code: 1, out: 'invalid: check digit is 4, expected 0', err: 'caseline: not a valid article number' });
  });

  it('prints both readings and exits 1 for an ambiguous number', async () => {
    const result = await run([ambiguous]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`ambiguous: ${ambiguous} reads 2 ways, each with a valid check digit`);
    expect(result.out).toContain('reading 1:\n  kind: IMpb');
    expect(result.out).toContain('  routing ZIP: 20260-9300');
    expect(result.out).toContain('reading 2:\n  kind: IMpb');
    expect(result.out).toContain('  package number: 93009205591234567812345674');
    expect(result.out).toMatch(/ {2}routing ZIP: 20260$/);
    expect(result.err).toBe('caseline: ambiguous article number: compare the ZIP Codes with the label');
  });

  it('prints JSON with --json', async () => {
    const result = await run(['--json', 'AA473124829XX']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      kind: 'invalid',
      reason: "S10 country code 'XX' is not an ISO 3166 code",
      normalised: 'AA473124829XX',
    });
  });

  it('is a usage error without a number', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('give an article number, or --stdin');
  });
});

describe('caseline tracking check --stdin', () => {
  it('prints one line per number, skipping blank lines', async () => {
    const result = await run(['--stdin'], ['9212 3912 3456 7812 3456 70\n\n  \nAA473124829GB\r\n', '01123456789000000013\n']);
    expect(result).toEqual({
      code: 0,
      out: [
        '9212391234567812345670 IMpb AI 92 STC 123 MID 912345678 serial 1234567 check 0',
        'AA473124829GB S10 service AA serial 47312482 check 9 country GB',
        '01123456789000000013 legacy20 AI 91 STC 01 MID 123456789 serial 00000001 check 3',
      ].join('\n'),
      err: '',
    });
  });

  it('exits 1 when any line is invalid or ambiguous, still printing every line', async () => {
    const result = await run(['--stdin'], [`9212 3912 3456 7812 3456 74\n${ambiguous}\nAA473124829GB\n`]);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      '9212 3912 3456 7812 3456 74 invalid: check digit is 4, expected 0',
      `${ambiguous} ambiguous: IMpb AI 92 STC 055 MID 912345678 serial 1234567 check 4 ZIP 20260-9300 | ` +
        'IMpb AI 93 STC 009 MID 205591 serial 23456781234567 check 4 ZIP 20260',
      'AA473124829GB S10 service AA serial 47312482 check 9 country GB',
    ]);
    expect(result.err).toBe('caseline: 2 of 3 lines are not valid article numbers');
  });

  it('prints JSON Lines with --json', async () => {
    const result = await run(['--stdin', '--json'], ['AA473124829GB\nnope\n']);
    expect(result.code).toBe(1);
    expect(result.out.split('\n').map((line) => JSON.parse(line))).toEqual([
      {
        input: 'AA473124829GB',
        kind: 's10',
        serviceIndicator: 'AA',
        serial: '47312482',
        checkDigit: 9,
        country: 'GB',
        normalised: 'AA473124829GB',
      },
      { input: 'nope', kind: 'invalid', reason: 'only S10 numbers have letters, and they are 13 characters, not 4', normalised: 'NOPE' },
    ]);
  });

  it('refuses a NUMBER together with --stdin', async () => {
    const result = await run(['--stdin', 'AA473124829GB']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('caseline: give either NUMBER or --stdin, not both');
  });
});
