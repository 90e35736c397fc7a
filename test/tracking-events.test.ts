import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, customerPrincipal, staffPrincipal, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { sql } from 'kysely';
import { createLegalHolds, createRetentionSweep, partitionDropMethod, retentionCheck } from '../src/modules/privacy/index.ts';
import { FeedRefused, FeedTooLarge, formatImpb, ingestFeed, readFeed, type FeedFormat } from '../src/modules/tracking/index.ts';
import { testDatabase } from './support/database.ts';

// Feeds loaded into the real tracking_events table (partitioned by class and day) on the run's engine.
let database: Database;
const now = new Date('2026-11-25T18:00:00Z');
const clock = () => now;
const feed = systemPrincipal('tracking-feed');
const ctx = { requestId: null, clientAddr: null, purpose: 'tracking feed' };
const agent = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000a1', roles: ['agent'], areas: [], mfaPassed: true });

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database?.close();
});

const article = (serial: string) => formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial });
const imbDigits = '01234567094987654321' + '20260000475';

function load(text: string, format: FeedFormat, invalid: 'reject' | 'skip' = 'reject', maxEvents?: number) {
  return ingestFeed(database, feed, readFeed(Readable.from([text]), format), { invalid, ...(maxEvents ? { maxEvents } : {}) }, ctx, clock);
}
const ndjson = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const stored = () =>
  withPrincipal(database.db, agent, (trx) =>
    trx
      .selectFrom('tracking_events')
      .select(['class', 'event_day', 'piece', 'zip11', 'mailer_id', 'event', 'source'])
      .orderBy('event_at')
      .execute(),
  );

describe('loading a tracking feed', () => {
  it('stores packages and mail in their class, with the parts their numbers carry', async () => {
    const summary = await load(
      ndjson(
        {
          article: `420 20260 ${article('0000001')}`,
          event: 'acceptance',
          at: '2026-11-24T09:15:00Z',
          facilityZip: '20260',
          source: 'retail',
        },
        { article: article('0000001'), event: 'delivered', at: '2026-11-25T14:03:00-05:00', facilityZip: '20260', source: 'scanner' },
        { imb: imbDigits, event: 'processed', at: '2026-11-25T02:00:00Z', facilityZip: '20066', source: 'processing' },
      ),
      'ndjson',
    );
    expect(summary).toEqual({ received: 3, stored: 3, duplicates: 0, rejected: 0, errors: [] });
    const rows = await stored();
    expect(rows).toEqual([
      {
        class: 'package',
        event_day: '2026-11-24',
        piece: article('0000001'),
        zip11: '20260',
        mailer_id: 912345678,
        event: 'acceptance',
        source: 'retail',
      },
      {
        class: 'mail',
        event_day: '2026-11-25',
        piece: '01234567094987654321',
        zip11: '20260000475',
        mailer_id: 567094,
        event: 'processed',
        source: 'processing',
      },
      {
        class: 'package',
        event_day: '2026-11-25',
        piece: article('0000001'),
        zip11: null,
        mailer_id: 912345678,
        event: 'delivered',
        source: 'scanner',
      },
    ]);
  });

  it('stores a replayed event once, and says so', async () => {
    const again = await load(
      ndjson({ article: article('0000001'), event: 'delivered', at: '2026-11-25T19:03:00Z', facilityZip: '20260', source: 'scanner' }),
      'ndjson',
    );
    expect(again).toMatchObject({ received: 1, stored: 0, duplicates: 1 });
    expect(await stored()).toHaveLength(3);
  });

  it('reads CSV with a header line, quoted fields included', async () => {
    const summary = await load(
      `article,event,at,facilityZip,source\n"${article('0000002')}",in_transit,2026-11-25T08:00:00Z,20260,processing\n`,
      'csv',
    );
    expect(summary).toMatchObject({ received: 1, stored: 1 });
  });

  it('refuses the whole feed for one invalid record, naming its line and field, and stores nothing', async () => {
    const before = (await stored()).length;
    const bad = article('0000003').slice(0, -1) + String((Number(article('0000003').at(-1)) + 1) % 10);
    const refusal = await load(
      ndjson(
        { article: article('0000004'), event: 'delivered', at: '2026-11-25T10:00:00Z', source: 'scanner' },
        { article: bad, event: 'delivered', at: '2026-11-25T10:00:00Z', source: 'scanner' },
        { article: article('0000005'), event: 'teleported', at: '2026-11-25T10:00:00Z', source: 'scanner' },
      ),
      'ndjson',
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(FeedRefused);
    const summary = (refusal as FeedRefused).summary;
    expect(summary.stored).toBe(0);
    expect(summary.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'article'],
      [3, 'event'],
    ]);
    expect(summary.errors[0]!.reason).toMatch(/^check digit is \d, expected \d$/);
    expect((await stored()).length).toBe(before);
  });

  it('with invalid records skipped, stores the rest and lists what it left out', async () => {
    const summary = await load(
      ndjson(
        { article: article('0000006'), event: 'delivered', at: '2026-11-25T10:00:00Z', source: 'scanner' },
        { article: article('0000007'), event: 'delivered', at: '2026-08-01T10:00:00Z', source: 'scanner' },
        { article: article('0000008'), event: 'delivered', at: '2026-11-27T10:00:00Z', source: 'scanner' },
        { imb: imbDigits, article: article('0000009'), event: 'delivered', at: '2026-11-25T10:00:00Z', source: 'scanner' },
        { article: 92001912345678000000100, event: 'delivered', at: '2026-11-25T10:00:00Z', source: 'scanner' },
      ) + 'not json\n',
      'ndjson',
      'skip',
    );
    expect(summary).toMatchObject({ received: 6, stored: 1, rejected: 5 });
    expect(summary.errors).toEqual([
      { line: 2, field: 'at', reason: 'is older than the 90 days package tracking events are kept' },
      { line: 3, field: 'at', reason: 'is more than a day in the future' },
      { line: 4, field: 'article', reason: 'give either an article number or an IMb (imb), not both or neither' },
      { line: 5, field: 'article', reason: 'must be a string' },
      { line: 6, field: 'line', reason: 'is not valid JSON' },
    ]);
  });

  it('refuses a load larger than its limit, storing nothing', async () => {
    const lines = ndjson(
      ...Array.from({ length: 5 }, (_, i) => ({
        article: article(`00001${i}0`),
        event: 'processed',
        at: '2026-11-25T11:00:00Z',
        source: 'processing',
      })),
    );
    await expect(load(lines, 'ndjson', 'reject', 4)).rejects.toBeInstanceOf(FeedTooLarge);
  });

  it('is audited as one entry per load', async () => {
    const entries = await withPrincipal(database.db, systemPrincipal('test'), (trx) =>
      trx.selectFrom('audit_log').select(['detail', 'record_type']).where('actor_id', '=', feed.id).orderBy('id').execute(),
    );
    expect(entries.map((e) => (e.detail as { stored: number }).stored)).toEqual([3, 0, 1, 1]);
  });
});

describe('who may load and read tracking events', () => {
  it('refuses a load from a role without tracking.ingest', async () => {
    await expect(
      ingestFeed(database, agent, readFeed(Readable.from(['']), 'ndjson'), { invalid: 'reject' }, ctx, clock),
    ).rejects.toBeInstanceOf(AccessDenied);
  });

  it('shows a customer no event (they are found through the tracking service, not the table)', async () => {
    const seen = await withPrincipal(database.db, customerPrincipal('00000000-0000-4000-8000-0000000000c1'), (trx) =>
      trx.selectFrom('tracking_events').select('piece').execute(),
    );
    expect(seen).toEqual([]);
  });
});

describe('disposal: a day of events at a time', () => {
  const recordsManager = staffPrincipal({
    id: '00000000-0000-4000-8000-0000000000aa',
    roles: ['records_manager'],
    areas: [],
    mfaPassed: true,
  });
  const sweep = createRetentionSweep({ removeOrphanFiles: async () => 0 });
  const holds = createLegalHolds();
  const days = async (trackingClass: string) =>
    (
      await withPrincipal(database.db, recordsManager, (trx) =>
        sql<{ day: string }>`SELECT day::text AS day FROM caseline.tracking_partitions(${trackingClass})`.execute(trx),
      )
    ).rows.map((r) => r.day);
  const later = new Date('2027-02-01T12:00:00Z');

  it('drops each day once its class has kept it long enough, certifying it, and keeps a held day until the hold is released', async () => {
    await load(
      ndjson(
        { imb: imbDigits, event: 'processed', at: '2026-10-27T10:00:00Z', source: 'processing' },
        { imb: imbDigits, event: 'delivered', at: '2026-11-20T10:00:00Z', source: 'scanner' },
        { article: article('0000090'), event: 'acceptance', at: '2026-10-27T10:00:00Z', source: 'retail' },
      ),
      'ndjson',
    );
    // On the server every day of the window has its partition from the first load on; on PGlite, the days loaded.
    expect(await days('mail')).toEqual(expect.arrayContaining(['2026-10-27', '2026-11-20', '2026-11-25']));
    const hold = await withPrincipal(database.db, recordsManager, (trx) =>
      holds.place(
        trx,
        recordsManager,
        {
          scope: {
            recordType: 'usps-820/package-tracking',
            createdFrom: new Date('2026-10-27T00:00:00Z'),
            createdTo: new Date('2026-10-28T00:00:00Z'),
          },
          reason: 'Mail theft investigation 26-0031',
          owner: 'Inspection Service',
          reviewOn: '2027-06-01',
        },
        ctx,
        now,
      ),
    );

    const result = await sweep.run(database, later);
    expect(await days('mail')).toEqual([]);
    expect(await days('package')).toContain('2026-10-27');
    const pieces = await withPrincipal(database.db, recordsManager, (trx) =>
      trx
        .selectFrom('tracking_pieces')
        .select(['class', 'piece', 'first_day', 'last_day'])
        .where('piece', '=', article('0000090'))
        .execute(),
    );
    expect(pieces).toEqual([{ class: 'package', piece: article('0000090'), first_day: '2026-10-27', last_day: '2026-10-27' }]);
    const mailPieces = await withPrincipal(database.db, recordsManager, (trx) =>
      trx.selectFrom('tracking_pieces').select('piece').where('class', '=', 'mail').execute(),
    );
    expect(mailPieces).toEqual([]);
    const line = result.lines.find((l) => l.recordTable === 'tracking_events' && l.recordType === 'usps-820/mail-tracking');
    expect(line).toMatchObject({ records: 3, dueFrom: new Date('2026-11-27T00:00:00Z'), dueTo: new Date('2026-12-26T00:00:00Z') });
    const stored = await withPrincipal(database.db, recordsManager, (trx) =>
      trx
        .selectFrom('disposal_certificates')
        .select(['method', 'records'])
        .where('run_id', '=', result.runId)
        .where('record_table', '=', 'tracking_events')
        .execute(),
    );
    expect(stored).toEqual([{ method: partitionDropMethod, records: 3 }]);

    const check = await withPrincipal(database.db, recordsManager, (trx) => retentionCheck(trx, recordsManager, later, 0));
    expect(check.overdue.filter((l) => l.recordTable === 'tracking_events')).toEqual([]);
    expect(check.held).toContainEqual(
      expect.objectContaining({ recordTable: 'tracking_events', recordType: 'usps-820/package-tracking', held: 1 }),
    );

    await withPrincipal(database.db, recordsManager, (trx) => holds.release(trx, recordsManager, hold.id, 'Closed', ctx, later));
    const notYet = await withPrincipal(database.db, recordsManager, (trx) => retentionCheck(trx, recordsManager, later, 0));
    expect(notYet.passed).toBe(false);
    await sweep.run(database, new Date(later.getTime() + 1000));
    expect(await days('package')).not.toContain('2026-10-27');
    expect(
      await withPrincipal(database.db, recordsManager, (trx) =>
        trx.selectFrom('tracking_pieces').select('piece').where('piece', '=', article('0000090')).execute(),
      ),
    ).toEqual([]);
  });

  it('lets only the sweep drop a day, and never one within its retention', async () => {
    await expect(
      withPrincipal(database.db, recordsManager, (trx) =>
        sql`SELECT * FROM caseline.drop_tracking_partition('package', '2026-11-25', '2027-06-01')`.execute(trx),
      ),
    ).rejects.toThrow(/only the retention sweep/);
    await expect(
      withPrincipal(database.db, systemPrincipal('retention'), (trx) =>
        sql`SELECT * FROM caseline.drop_tracking_partition('package', '2026-11-25', '2026-12-01')`.execute(trx),
      ),
    ).rejects.toThrow(/within their retention/);
    expect(await days('package')).toContain('2026-11-25');
  });
});
