import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { staffPrincipal, systemPrincipal, upsertBusinessArea } from '../src/access/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { createCaseReports } from '../src/modules/reports/index.ts';
import { testDatabase } from './support/database.ts';

let database: Database;
const system = systemPrincipal('bench');
const ctx = { requestId: null, clientAddr: null, purpose: 'bench' };
beforeAll(async () => {
  database = await testDatabase();
  await withPrincipal(database.db, system, async (trx) => {
    await upsertBusinessArea(trx, system, { id: 'trademarks', name: 'Trademarks', description: '' }, ctx, new Date());
    await sql`INSERT INTO data_subjects (id, kind, business_area, record_type) VALUES ('00000000-0000-4000-8000-000000000001', 'person', 'trademarks', 'usps-880/inquiry')`.execute(trx);
    await sql`INSERT INTO cases (id, number, subject_id, business_area, record_type, channel, priority, status, title_ct, created_at, updated_at, first_response_at, resolved_at)
      SELECT gen_random_uuid(), 'C-' || i, '00000000-0000-4000-8000-000000000001', 'trademarks', 'usps-880/inquiry',
        (ARRAY['email','phone','fax','web','letter','walk_in'])[1 + i % 6], 'normal',
        (ARRAY['new','open','resolved','closed'])[1 + i % 4], '\\x00'::bytea,
        timestamptz '2025-12-01' + (i * interval '5 minutes'), now(),
        timestamptz '2025-12-01' + (i * interval '5 minutes') + ((i % 97) * interval '37 minutes'),
        timestamptz '2025-12-01' + (i * interval '5 minutes') + ((i % 89) * interval '3 hours')
      FROM generate_series(1, 100000) i`.execute(trx);
  });
}, 600_000);
afterAll(async () => database.close());

it('reports a year of 100k cases', async () => {
  const reports = createCaseReports({ timeZone: 'America/New_York' });
  const sue = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000aa', roles: ['supervisor'], areas: ['trademarks'], mfaPassed: true });
  for (const query of [{ from: '2025-12-01', to: '2026-11-30' }, { from: '2026-01-01', to: '2026-01-31' }]) {
    const started = performance.now();
    const report = await withPrincipal(database.db, sue, (trx) => reports.report(trx, sue, query, ctx, new Date('2026-12-01T00:00:00Z')));
    console.log(query, Math.round(performance.now() - started), 'ms', report.volume.total, report.firstResponse.all, report.backlog.all);
    expect(report.volume.total).toBeGreaterThan(0);
  }
}, 600_000);
