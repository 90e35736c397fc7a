import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.ts';
import { formatImpb } from '../src/modules/tracking/index.ts';
import { cliPlace, runCli, type CliPlace } from './support/cli.ts';

// `caseline tracking load` against a real data directory (or a PostgreSQL database of its own).
let place: CliPlace;
const article = (serial: string) => formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial });
const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
const run = (args: string[]) => runCli(args, place.env);

beforeAll(async () => {
  place = await cliPlace('caseline_cli_tracking');
  expect((await run(['migrate'])).code).toBe(0);
});
afterAll(async () => {
  await place.close();
});

async function file(name: string, text: string): Promise<string> {
  const target = path.join(place.dataDir, name);
  await fs.writeFile(target, text);
  return target;
}

async function storedEvents(): Promise<number> {
  const database = place.env.DATABASE_URL
    ? await openDatabase({ kind: 'postgres', url: place.env.DATABASE_URL })
    : await openDatabase({ kind: 'pglite', dataDir: place.dataDir });
  try {
    const row = await database.db
      .selectFrom('tracking_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

describe('caseline tracking load', () => {
  it('loads a CSV feed in parts, each stored once, and says what it did', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `${article(`000010${i}`)},processed,${at(i + 1)},processing`);
    const feed = await file('scans.csv', `article,event,at,source\n${rows.join('\n')}\n`);
    const first = await run(['tracking', 'load', feed, '--part', '2']);
    expect(first.code, first.err).toBe(0);
    expect(first.out.split('\n')).toEqual([
      'part 1: 2 records, 2 stored, 0 already stored, 0 left out',
      'part 2: 2 records, 2 stored, 0 already stored, 0 left out',
      'part 3: 1 records, 1 stored, 0 already stored, 0 left out',
      `${feed}: 5 records, 5 stored, 0 already stored, 0 left out`,
    ]);
    const again = await run(['tracking', 'load', feed]);
    expect(again.out).toContain('5 records, 0 stored, 5 already stored');
    expect(await storedEvents()).toBe(5);
  });

  it('refuses a file with an invalid record before storing any of it, naming line and field', async () => {
    const feed = await file(
      'bad.ndjson',
      [
        JSON.stringify({ article: article('0000200'), event: 'delivered', at: at(1), source: 'scanner' }),
        JSON.stringify({ article: article('0000201'), event: 'vanished', at: at(1), source: 'scanner' }),
      ].join('\n'),
    );
    const refused = await run(['tracking', 'load', feed]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('line 2: event: must be one of');
    expect(refused.err).toContain('1 records are invalid; nothing was stored');
    expect(await storedEvents()).toBe(5);
    const skipped = await run(['tracking', 'load', feed, '--invalid', 'skip']);
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain('2 records, 1 stored, 0 already stored, 1 left out');
  });

  it('explains a file it cannot read', async () => {
    expect((await run(['tracking', 'load', path.join(place.dataDir, 'missing.csv')])).err).toContain('<file>: no such file');
    const unknown = await run(['tracking', 'load', await file('scans.txt', 'x')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--format');
  });
});
