import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeImb, encodeImb, ImbError } from './index.ts';

// The USPS encoder test set (uspsIMbEncoderTestCases.csv) lives beside the repository, not in it.
const file = new URL('../../../../../shared/data/usps/uspsIMbEncoderTestCases.csv', import.meta.url);
const present = fs.existsSync(file);

interface Case {
  readonly line: number;
  readonly tracking: string;
  readonly routing: string;
  readonly bars: string;
  readonly code: string;
  readonly message: string;
}

// Lines are `n,tracking,routing,expectedBars,code,message`; no field contains a comma, and the
// file ends its lines with CR CR LF.
function readCases(): Case[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r+$/, ''))
    .filter((line) => line !== '')
    .map((line, index) => {
      const [, tracking = '', routing = '', bars = '', code = '', message = ''] = line.split(',');
      return { line: index + 1, tracking, routing, bars, code, message };
    });
}

function encoded(c: Case): string | ImbError {
  try {
    return encodeImb(c.tracking, c.routing);
  } catch (error) {
    if (error instanceof ImbError) return error;
    throw error;
  }
}

function rejectedAs(c: Case): { code?: string; message?: string } {
  const outcome = encoded(c);
  return outcome instanceof ImbError ? outcome : {};
}

function decodesBack(c: Case): boolean {
  try {
    const parts = decodeImb(c.bars);
    return parts.tracking === c.tracking && parts.routing === c.routing;
  } catch {
    return false;
  }
}

const title = present
  ? 'the USPS IMb encoder reference set'
  : `the USPS IMb encoder reference set: skipped, ${fileURLToPath(file)} is missing (it is kept beside the repository, in ../shared/data/usps)`;

describe.skipIf(!present)(title, () => {
  it('encodes every success exactly, decodes it back, and rejects every failure with its USPS code and message', () => {
    const cases = readCases();
    const successes = cases.filter((c) => c.code === '00');
    const rejections = cases.filter((c) => c.code !== '00');
    const counts = {
      encoded: successes.filter((c) => encoded(c) === c.bars).length,
      decoded: successes.filter(decodesBack).length,
      coded: rejections.filter((c) => rejectedAs(c).code === c.code).length,
      worded: rejections.filter((c) => rejectedAs(c).message === c.message).length,
    };
    expect(cases).toHaveLength(10_000);
    expect([successes.length, rejections.length]).toEqual([8128, 1872]);
    expect(counts).toEqual({ encoded: 8128, decoded: 8128, coded: 1872, worded: 1872 });
  });
});
