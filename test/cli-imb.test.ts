import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';

// `caseline imb` needs no database or configuration: an empty environment is enough.
async function run(args: readonly string[], stdin: readonly string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'caseline', 'imb', ...args], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
    stdin: Readable.from(stdin),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// USPS-B-3200 appendix example, also in the USPS encoder reference set.
const tracking = '01234567094987654321';
const routing = '01234567891';
const bars = 'AADTFFDFTDADTAADAATFDTDDAAADDTDTTDAFADADDDTFFFDDTTTADFAAADFTDAADA';

describe('caseline imb encode', () => {
  it('prints the 65 bars', async () => {
    expect(await run(['encode', tracking, routing])).toEqual({ code: 0, out: bars, err: '' });
    const noRouting = await run(['encode', tracking]);
    expect(noRouting.code).toBe(0);
    expect(noRouting.out).toMatch(/^[FADT]{65}$/);
  });

  it('prints an SVG with --svg', async () => {
    const result = await run(['encode', tracking, routing, '--svg']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^<svg [^>]*role="img"[\s\S]*<\/svg>$/);
    expect(result.out.match(/<rect /g)).toHaveLength(65);
    expect(result.out).toContain('<title>Intelligent Mail barcode: tracking 01 234 567094 987654321, routing 01234567891</title>');
  });

  it('refuses a bad tracking or routing code, naming the argument and the USPS reason', async () => {
    expect(await run(['encode', '0123456709498765432', routing])).toEqual({
      code: 1,
      out: '',
      err: 'caseline: <tracking>: wrong parameter length: trackingNo.length = 19 routingNo.length = 11 (error 09)',
    });
    expect((await run(['encode', '01234567094987654X21'])).err).toBe(
      'caseline: <tracking>: non numeric data found; trackingNo: X (error 10)',
    );
    expect((await run(['encode', '09234567094987654321'])).err).toBe('caseline: <tracking>: trackingNo digit 2 must be 0-to-4 (error 11)');
    expect(await run(['encode', tracking, '123456'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^caseline: <routing>: .*\(error 12\)$/),
    });
    expect(await run(['encode', tracking, '1234A'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^caseline: <routing>: .*\(error 13\)$/),
    });
  });

  it('encodes one line of standard input at a time, and exits 1 when any line failed', async () => {
    const result = await run(
      ['encode', '--stdin'],
      [`${tracking} ${routing}\n\n${tracking},${routing}\r\n`, `0923456709498765432\n${tracking}\n`],
    );
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      bars,
      bars,
      'error 09: wrong parameter length: trackingNo.length = 19 routingNo.length = 0',
      (await run(['encode', tracking])).out,
    ]);
    expect(result.err).toBe('caseline: 1 of 4 lines failed');
    expect(await run(['encode', '--stdin'], [`${tracking},${routing}\n`])).toEqual({ code: 0, out: bars, err: '' });
  });

  it('is a usage error to give both a tracking code and --stdin, or neither, or --svg with --stdin', async () => {
    expect((await run(['encode', tracking, '--stdin'])).code).toBe(2);
    expect((await run(['encode'])).code).toBe(2);
    expect((await run(['encode', '--stdin', '--svg'])).code).toBe(2);
  });
});

describe('caseline imb decode', () => {
  it('prints the parts, one per line', async () => {
    const result = await run(['decode', bars]);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toEqual([
      `tracking: ${tracking}`,
      `routing: ${routing}`,
      'barcode id: 01',
      'service type: 234',
      'mailer id: 567094',
      'serial: 987654321',
    ]);
  });

  it('prints JSON with --json', async () => {
    const result = await run(['decode', bars, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      tracking,
      routing,
      barcodeId: '01',
      serviceType: '234',
      mailerId: '567094',
      serial: '987654321',
    });
  });

  it('refuses damaged or malformed bars, never repairing them', async () => {
    const damaged = `T${bars.slice(1)}`;
    expect(await run(['decode', damaged])).toMatchObject({
      code: 1,
      out: '',
      err: expect.stringMatching(/^caseline: <bars>: character . \(bars .*\) .*damaged \(error damaged-bar\)$/),
    });
    expect((await run(['decode', bars.slice(1)])).err).toBe('caseline: <bars>: an IMb has 65 bars, not 64 (error bar-count)');
    expect((await run(['decode', `${bars.slice(0, 16)}x${bars.slice(17)}`])).err).toBe(
      'caseline: <bars>: bar 17 is "x", not one of F, A, D, T (error bar-letter)',
    );
  });

  it('decodes one line of standard input at a time, and exits 1 when any line failed', async () => {
    const result = await run(['decode', '--stdin'], [`${bars}\n\nFADT\n${bars}\n`]);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      `${tracking} ${routing}`,
      'error bar-count: an IMb has 65 bars, not 4',
      `${tracking} ${routing}`,
    ]);
    expect(result.err).toBe('caseline: 1 of 3 lines failed');
    expect(await run(['decode', '--stdin'], [`${bars}\n`])).toEqual({ code: 0, out: `${tracking} ${routing}`, err: '' });
  });

  it('is a usage error to give both bars and --stdin, or neither, or --json with --stdin', async () => {
    expect((await run(['decode', bars, '--stdin'])).code).toBe(2);
    expect((await run(['decode'])).code).toBe(2);
    expect((await run(['decode', '--stdin', '--json'])).code).toBe(2);
  });
});
