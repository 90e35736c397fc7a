import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffPrincipal, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { createLegalHolds, createRetentionSweep, partitionDropMethod, retentionCheck } from '../src/modules/privacy/index.ts';
import { encodeImb } from '../src/modules/tracking/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

// Mailpiece images through the real app on the run's engine: an integration uploads them, an
// agent lists and fetches them, and the retention sweep drops each day's partition 3 days on.
// The images are real, tiny: 4×2 PNGs and a JPEG made by Chromium's canvas encoder (the JPEG without its ICC profile).
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAYAAAB/qH1jAAAAFklEQVR4AWJiYGD4D8L/oQAkAOQjEAAAAP//wnzomAAAAAZJREFUAwDjpAn7V3Tg2QAAAABJRU5ErkJggg==',
  'base64',
);
const jpeg = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAaEAEAAQUAAAAAAAAAAAAAAAAAAgQGNoOz/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKCxMQodnSQAP//Z',
  'base64',
);
const redPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAYAAAB/qH1jAAAAFUlEQVR4AWL6z8DwH4z/QwATAxoAAAAA//854IY8AAAABklEQVQDACF1C/nbQ5r9AAAAAElFTkSuQmCC',
  'base64',
);
const otherPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAYAAAB/qH1jAAAAFklEQVR4AWJiYPj/H4T/QwFQgAEFAAAAAP//EQ1szAAAAAZJREFUAwAdeQv5aKQkgAAAAABJRU5ErkJggg==',
  'base64',
);

const tracking = '00270123456200800001';
const routing = '20260000475';
const password = 'correct horse battery staple';
let t: TestApp;
let feed: Client;
let agent: Client;
let auditor: Client;
const now = () => new Date(t.clock.now);

/** Moves the clock days on: the feed's session has gone idle by then, so it signs in again. */
async function moveClockTo(at: string): Promise<void> {
  t.clock.now = new Date(at);
  await feed.signIn('feeder', password, now);
}

beforeAll(async () => {
  t = await testApp();
  t.clock.now = new Date('2026-11-25T18:00:00Z');
  await t.addStaff('feeder', password, ['administrator']);
  await t.addStaff('agnes', password, ['agent']);
  await t.addStaff('audrey', password, ['auditor']);
  feed = client(t.app);
  await feed.signIn('feeder', password, now);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  auditor = client(t.app);
  await auditor.signIn('audrey', password, now);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

interface Upload {
  readonly imb?: string;
  readonly facilityZip?: string;
  readonly capturedAt?: string;
  readonly type?: string;
}

const upload = (who: Client | { authorization: string }, content: Buffer, options: Upload = {}) => {
  const headers: Record<string, string> = {
    'x-imb': options.imb ?? encodeImb(tracking, routing),
    'x-facility-zip': options.facilityZip ?? '20066',
    'x-captured-at': options.capturedAt ?? '2026-11-25T10:00:00Z',
    'content-type': options.type ?? 'image/png',
  };
  const request = { method: 'POST' as const, url: '/api/tracking/images', headers, payload: content };
  return 'authorization' in who ? t.app.inject({ ...request, headers: { ...headers, ...who } }) : who.request(request);
};
const lookup = (who: Client, imb: string) => who.post('/api/tracking/images/lookup', { imb });
const storedRows = () =>
  withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
    trx
      .selectFrom('mailpiece_images')
      .select(['id', 'capture_day', 'media_type', 'size_bytes', 'digest', 'image'])
      .orderBy('captured_at')
      .execute(),
  );
const partitions = async () =>
  (
    await withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
      sql<{ day: string }>`SELECT day::text AS day FROM caseline.mailpiece_image_partitions()`.execute(trx),
    )
  ).rows.map((r) => r.day);

let pngId: string;
let jpegId: string;

describe('POST /api/tracking/images', () => {
  it('stores a PNG and a JPEG, each sniffed from its bytes', async () => {
    const first = await upload(feed, png, { imb: `${tracking}${routing}` });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), mediaType: 'image/png', sizeBytes: png.length });
    pngId = first.json().id;
    const second = await upload(feed, jpeg, { type: 'image/jpeg', capturedAt: '2026-11-25T11:30:00-05:00' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ mediaType: 'image/jpeg', sizeBytes: jpeg.length });
    jpegId = second.json().id;
    // Sent as plain bytes, the type is the content's.
    const third = await upload(feed, otherPng, { type: 'application/octet-stream', capturedAt: '2026-11-25T12:00:00Z' });
    expect(third.statusCode, third.body).toBe(201);
    expect(third.json().mediaType).toBe('image/png');
    expect((await storedRows()).map((r) => [r.capture_day, r.media_type, r.size_bytes])).toEqual([
      ['2026-11-25', 'image/png', png.length],
      ['2026-11-25', 'image/png', otherPng.length],
      ['2026-11-25', 'image/jpeg', jpeg.length],
    ]);
  });

  it('stores the same image sent again once, answering 200 with its id', async () => {
    const again = await upload(feed, png, { capturedAt: '2026-11-25T10:00:05Z' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(pngId);
    expect(await storedRows()).toHaveLength(3);
  });

  it('keeps the image encrypted, and its digest keyed: neither is the clear image nor its hash', async () => {
    const row = (await storedRows()).find((r) => r.id === pngId)!;
    expect(row.image.includes(png)).toBe(false);
    expect(row.image.includes(png.subarray(0, 8))).toBe(false);
    expect(row.digest.equals(createHash('sha256').update(png).digest())).toBe(false);
  });

  it('refuses what is not an image, or not the type it says, naming the field and storing nothing', async () => {
    const cases: [Buffer, Upload, number, string][] = [
      [Buffer.from('%PDF-1.7 not an image'), { type: 'image/png' }, 415, '/body'],
      [Buffer.from('hello'), { type: 'application/octet-stream' }, 415, '/body'],
      [jpeg, { type: 'image/png' }, 415, '/headers/content-type'],
      [png, { type: 'text/plain' }, 415, '/headers/content-type'],
      [otherPng, { imb: '0027012345620080000' }, 422, '/headers/x-imb'],
      [otherPng, { imb: 'F'.repeat(65) }, 422, '/headers/x-imb'],
      [otherPng, { facilityZip: '2006' }, 422, '/headers/x-facility-zip'],
      [otherPng, { capturedAt: '2026-11-25 10:00' }, 422, '/headers/x-captured-at'],
      [otherPng, { capturedAt: '2026-11-21T23:59:59Z' }, 422, '/headers/x-captured-at'],
      [otherPng, { capturedAt: '2026-11-25T19:00:00Z' }, 422, '/headers/x-captured-at'],
      [Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]), {}, 413, '/body'],
    ];
    for (const [content, options, status, field] of cases) {
      const response = await upload(feed, content, { ...options, capturedAt: options.capturedAt ?? '2026-11-25T13:00:00Z' });
      expect(response.statusCode, `${field}: ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(response.body).not.toContain(tracking);
    }
    expect(await storedRows()).toHaveLength(3);
  });

  it('needs tracking.ingest: refuses an agent and a token without it, takes a token with it', async () => {
    expect((await upload(agent, redPng)).statusCode).toBe(403);
    const token = async (scopes: string[]) => {
      const created = await feed.post('/api/tokens', { name: `sorter ${scopes.join(' ')}`, scopes, expiresInDays: 1 });
      expect(created.statusCode, created.body).toBe(201);
      return { authorization: `Bearer ${created.json().token as string}` };
    };
    const reader = await token(['catalog.read']);
    expect((await upload(reader, redPng, { capturedAt: '2026-11-25T14:00:00Z' })).statusCode).toBe(403);
    const sorter = await token(['tracking.ingest']);
    const stored = await upload(sorter, redPng, { capturedAt: '2026-11-25T14:00:00Z' });
    expect(stored.statusCode, stored.body).toBe(201);
    expect(await storedRows()).toHaveLength(4);
  });
});

describe('listing and fetching a piece’s images', () => {
  it('lists a piece’s images by its IMb, bars or digits, oldest first, without the images', async () => {
    const byBars = await lookup(agent, encodeImb(tracking, routing));
    expect(byBars.statusCode, byBars.body).toBe(200);
    const images = byBars.json().images as Record<string, unknown>[];
    expect(images.map((i) => [i.capturedAt, i.mediaType])).toEqual([
      ['2026-11-25T10:00:00.000Z', 'image/png'],
      ['2026-11-25T12:00:00.000Z', 'image/png'],
      ['2026-11-25T14:00:00.000Z', 'image/png'],
      ['2026-11-25T16:30:00.000Z', 'image/jpeg'],
    ]);
    expect(images[0]).toEqual({
      id: pngId,
      trackingCode: tracking,
      zip11: routing,
      facilityZip: '20066',
      capturedAt: '2026-11-25T10:00:00.000Z',
      mediaType: 'image/png',
      sizeBytes: png.length,
    });
    expect((await lookup(agent, `${tracking}${routing}`)).json().images).toEqual(images);
    expect((await lookup(agent, '00270123456200800002')).json().images).toEqual([]);
  });

  it('answers an image with its bytes unchanged, its type and no-store', async () => {
    for (const [id, bytes, type] of [
      [pngId, png, 'image/png'],
      [jpegId, jpeg, 'image/jpeg'],
    ] as const) {
      const response = await agent.get(`/api/tracking/images/${id}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(type);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.rawPayload.equals(bytes)).toBe(true);
    }
    expect((await agent.get('/api/tracking/images/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('refuses a bad IMb by field, and a role without record.read', async () => {
    const bad = await lookup(agent, '12345');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('/body/imb');
    expect((await lookup(auditor, tracking)).statusCode).toBe(403);
    expect((await auditor.get(`/api/tracking/images/${pngId}`)).statusCode).toBe(403);
  });

  it('audits every store, list and fetch under the record type, with counts and no IMb', async () => {
    const entries = await withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['action', 'record_id', 'detail'])
        .where('record_type', '=', 'usps-820/mailpiece-image')
        .orderBy('id')
        .execute(),
    );
    const kinds = entries.map((e) => e.action);
    expect(kinds.filter((k) => k === 'create')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'search')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'read')).toHaveLength(2);
    expect(entries.find((e) => e.action === 'create' && (e.detail as { duplicates: number }).duplicates === 1)?.record_id).toBe(pngId);
    expect(JSON.stringify(entries)).not.toContain(tracking);
  });
});

describe('disposal: a day of images at a time, 3 days after capture', () => {
  const recordsManager = staffPrincipal({
    id: '00000000-0000-4000-8000-0000000000aa',
    roles: ['records_manager'],
    areas: [],
    mfaPassed: true,
  });
  const ctx = { requestId: null, clientAddr: null, purpose: 'test' };
  const sweep = createRetentionSweep({ removeOrphanFiles: async () => 0 });
  const holds = createLegalHolds();

  it('keeps a day until its images are all 3 days old, then drops its partition and certifies it', async () => {
    expect(await partitions()).toContain('2026-11-25');
    const within = await sweep.run(t.database, new Date('2026-11-28T23:59:59Z'));
    expect(within.lines.filter((l) => l.recordTable === 'mailpiece_images')).toEqual([]);
    expect(await partitions()).toContain('2026-11-25');

    const due = new Date('2026-11-29T00:00:01Z');
    const before = await withPrincipal(t.database.db, recordsManager, (trx) => retentionCheck(trx, recordsManager, due, 0));
    expect(before.passed).toBe(false);
    expect(before.overdue).toContainEqual(
      expect.objectContaining({ recordTable: 'mailpiece_images', recordType: 'usps-820/mailpiece-image' }),
    );

    const result = await sweep.run(t.database, due);
    expect(await partitions()).not.toContain('2026-11-25');
    expect(result.lines.find((l) => l.recordTable === 'mailpiece_images')).toMatchObject({
      recordType: 'usps-820/mailpiece-image',
      records: 4,
      dueFrom: new Date('2026-11-29T00:00:00Z'),
      dueTo: new Date('2026-11-29T00:00:00Z'),
    });
    const certificate = await withPrincipal(t.database.db, recordsManager, (trx) =>
      trx
        .selectFrom('disposal_certificates')
        .select(['method', 'records'])
        .where('run_id', '=', result.runId)
        .where('record_table', '=', 'mailpiece_images')
        .execute(),
    );
    expect(certificate).toEqual([{ method: partitionDropMethod, records: 4 }]);
    expect((await lookup(agent, tracking)).json().images).toEqual([]);
    expect((await agent.get(`/api/tracking/images/${pngId}`)).statusCode).toBe(404);
    const after = await withPrincipal(t.database.db, recordsManager, (trx) => retentionCheck(trx, recordsManager, due, 0));
    expect(after.overdue.filter((l) => l.recordTable === 'mailpiece_images')).toEqual([]);
  });

  it('keeps a day a legal hold on the record type covers, until the hold is released', async () => {
    await moveClockTo('2026-11-27T12:00:00Z');
    expect((await upload(feed, png, { capturedAt: '2026-11-27T09:00:00Z' })).statusCode).toBe(201);
    const hold = await withPrincipal(t.database.db, recordsManager, (trx) =>
      holds.place(
        trx,
        recordsManager,
        {
          scope: {
            recordType: 'usps-820/mailpiece-image',
            createdFrom: new Date('2026-11-27T00:00:00Z'),
            createdTo: new Date('2026-11-28T00:00:00Z'),
          },
          reason: 'Mail theft investigation 26-0044',
          owner: 'Inspection Service',
          reviewOn: '2027-06-01',
        },
        ctx,
        t.clock.now,
      ),
    );
    const later = new Date('2026-12-05T12:00:00Z');
    const held = await sweep.run(t.database, later);
    expect(held.lines.filter((l) => l.recordTable === 'mailpiece_images')).toEqual([]);
    expect(await partitions()).toContain('2026-11-27');
    const check = await withPrincipal(t.database.db, recordsManager, (trx) => retentionCheck(trx, recordsManager, later, 0));
    expect(check.overdue.filter((l) => l.recordTable === 'mailpiece_images')).toEqual([]);
    expect(check.held).toContainEqual(expect.objectContaining({ recordTable: 'mailpiece_images', held: 1 }));

    await withPrincipal(t.database.db, recordsManager, (trx) => holds.release(trx, recordsManager, hold.id, 'Closed', ctx, later));
    const released = await sweep.run(t.database, new Date(later.getTime() + 1000));
    expect(released.lines.find((l) => l.recordTable === 'mailpiece_images')).toMatchObject({ records: 1 });
    expect(await partitions()).not.toContain('2026-11-27');
  });

  it('lets only the sweep drop a day, and never one within its 3 days', async () => {
    await moveClockTo('2026-12-10T12:00:00Z');
    expect((await upload(feed, png, { capturedAt: '2026-12-10T09:00:00Z' })).statusCode).toBe(201);
    await expect(
      withPrincipal(t.database.db, recordsManager, (trx) =>
        sql`SELECT * FROM caseline.drop_mailpiece_image_partition('2026-12-10', '2027-01-01')`.execute(trx),
      ),
    ).rejects.toThrow(/only the retention sweep/);
    await expect(
      withPrincipal(t.database.db, systemPrincipal('retention'), (trx) =>
        sql`SELECT * FROM caseline.drop_mailpiece_image_partition('2026-12-10', '2026-12-13')`.execute(trx),
      ),
    ).rejects.toThrow(/within their retention/);
    await expect(
      withPrincipal(t.database.db, systemPrincipal('retention'), (trx) =>
        sql`SELECT caseline.mailpiece_image_partition('2026-12-06', '2026-12-10')`.execute(trx),
      ),
    ).rejects.toThrow(/outside the mailpiece images' retention window/);
    expect(await partitions()).toContain('2026-12-10');
  });
});
