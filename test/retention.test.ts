import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { staffPrincipal, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal, type Tx } from '../src/db/index.ts';
import { createAttachmentService, type AttachmentService } from '../src/modules/attachments/index.ts';
import { createCaseService, type CaseService } from '../src/modules/cases/index.ts';
import { createCustomerService } from '../src/modules/customers/index.ts';
import { personInput } from './support/customers.ts';
import { samplePdf } from '../src/modules/intake/email/compose-mail.test-support.ts';
import {
  createDisclosureService,
  createLegalHolds,
  createRetentionSweep,
  InvalidHold,
  listCertificates,
  retentionCheck,
  retentionForecast,
  startRetentionSchedule,
  type LegalHolds,
  type RetentionSweep,
} from '../src/modules/privacy/index.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// The retention engine against a real database, vault and attachment store, with the clock
// driven by the test: records are created "now" and swept years later.
let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let cases: CaseService;
let attachments: AttachmentService;
let sweep: RetentionSweep;
let holds: LegalHolds;
let dir: string;
const system = systemPrincipal('test');
const recordsManager = staffPrincipal({
  id: '00000000-0000-4000-8000-0000000000aa',
  roles: ['records_manager'],
  areas: [],
  mfaPassed: true,
});
const agent = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000bb', roles: ['agent'], areas: [], mfaPassed: true });
const ctx = { requestId: null, clientAddr: null, purpose: 'retention test' };
const created = new Date('2026-03-02T15:00:00Z');
const as = <T>(principal: Principal, work: (trx: Tx) => Promise<T>) => withPrincipal(database.db, principal, work);
const years = (n: number, from: Date) => new Date(Date.UTC(from.getUTCFullYear() + n, from.getUTCMonth(), from.getUTCDate(), 12));

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-retention-'));
  cases = createCaseService(keys.vault);
  attachments = createAttachmentService(keys.vault, { dir, maxBytes: 1 << 20, chunkSize: 4096 });
  sweep = createRetentionSweep({ removeOrphanFiles: (trx, principal, now) => attachments.removeOrphans(trx, principal, now, 0) });
  holds = createLegalHolds();
});
afterAll(async () => {
  await database?.close();
  await keys?.remove();
  await fs.rm(dir, { recursive: true, force: true });
});

/** A letter from an unknown sender about an article, with a scanned attachment: usps-880/inquiry, 2 years from resolution. */
async function letterCase(at = created) {
  const opened = await as(system, (trx) =>
    cases.open(
      trx,
      system,
      {
        sender: { name: 'Ottoline Vasquez-Brandt', email: 'ottoline@example.org' },
        channel: 'letter',
        recordType: 'usps-880/inquiry',
        title: 'Lost parcel',
        body: 'My parcel never came.',
      },
      ctx,
      at,
    ),
  );
  const id = opened.case.id;
  await as(system, (trx) => cases.link(trx, system, id, 'article', '9400111899223197428490', ctx, at));
  await attachments.upload(
    (work) => as(system, work),
    system,
    id,
    { filename: 'letter.pdf', declaredType: 'application/pdf', content: Readable.from([samplePdf]) },
    ctx,
    at,
  );
  const { subject_id: subjectId } = await as(system, (trx) =>
    trx.selectFrom('cases').select('subject_id').where('id', '=', id).executeTakeFirstOrThrow(),
  );
  return { id, subjectId };
}

const resolve = (id: string, at: Date) =>
  as(system, (trx) =>
    cases.changeStatus(trx, system, id, { status: 'resolved', resolutionCode: 'answered', resolution: 'Found it.' }, ctx, at),
  );
const reopen = (id: string, at: Date) => as(system, (trx) => cases.changeStatus(trx, system, id, { status: 'reopened' }, ctx, at));

/** What remains of a case and its subject, counted as the system sees the tables. */
const remains = (caseId: string, subjectId: string) =>
  as(system, async (trx) => {
    const count = async (table: 'cases' | 'case_messages' | 'case_attachments' | 'case_links', column: 'id' | 'case_id') =>
      Number(
        (
          await trx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(column, '=', caseId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const bySubject = async (table: 'blind_index' | 'subject_keys' | 'data_subjects', column: 'subject_id' | 'id') =>
      Number(
        (
          await trx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(column, '=', subjectId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      cases: await count('cases', 'id'),
      messages: await count('case_messages', 'case_id'),
      attachments: await count('case_attachments', 'case_id'),
      links: await count('case_links', 'case_id'),
      indexEntries: await bySubject('blind_index', 'subject_id'),
      keys: await bySubject('subject_keys', 'subject_id'),
      subjects: await bySubject('data_subjects', 'id'),
    };
  });

const disposeAfterOf = (id: string) =>
  as(
    system,
    async (trx) => (await trx.selectFrom('cases').select('dispose_after').where('id', '=', id).executeTakeFirstOrThrow()).dispose_after,
  );

async function filesOnDisk(): Promise<number> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

describe('the retention sweep', () => {
  it('disposes a resolved case aged past its rule, with its files, index entries and (as its last record) its subject’s key', async () => {
    const { id, subjectId } = await letterCase();
    const resolvedAt = new Date('2026-04-01T14:00:00Z');
    await resolve(id, resolvedAt);
    const due = await disposeAfterOf(id);
    // Two years from the resolution, due at the start of the next local day in New York.
    expect(due?.toISOString()).toBe('2028-04-02T04:00:00.000Z');
    const before = await remains(id, subjectId);
    expect(before).toMatchObject({ cases: 1, attachments: 1, links: 1, keys: 1, subjects: 1 });
    expect(before.indexEntries).toBeGreaterThan(0);
    const filesBefore = await filesOnDisk();
    expect(filesBefore).toBeGreaterThanOrEqual(1);

    // A day early nothing goes.
    const early = await sweep.run(database, new Date(due!.getTime() - 24 * 3600_000));
    expect(early.lines.filter((line) => line.recordTable === 'cases')).toEqual([]);
    expect((await remains(id, subjectId)).cases).toBe(1);

    const run = await sweep.run(database, new Date(due!.getTime() + 1000));
    expect(await remains(id, subjectId)).toEqual({
      cases: 0,
      messages: 0,
      attachments: 0,
      links: 0,
      indexEntries: 0,
      keys: 0,
      subjects: 0,
    });
    expect(await filesOnDisk()).toBe(filesBefore - 1);
    expect(run.lines).toContainEqual(
      expect.objectContaining({
        recordTable: 'cases',
        recordType: 'usps-880/inquiry',
        records: 1,
        files: 1,
        keysDestroyed: 1,
        rule: expect.stringMatching(/2 years/),
      }),
    );
    expect(run.filesRemoved).toBe(1);

    // The certificate is kept, and readable by a records manager.
    const certificates = await as(recordsManager, (trx) => listCertificates(trx, recordsManager, new Date(0), new Date('2100-01-01')));
    const certificate = certificates.find((c) => c.runId === run.runId)!;
    expect(certificate.lines).toEqual([
      expect.objectContaining({
        recordTable: 'cases',
        records: 1,
        files: 1,
        keysDestroyed: 1,
        idsSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(JSON.stringify(certificate)).not.toContain(id);

    // Idempotent: a second run finds nothing.
    const again = await sweep.run(database, new Date(due!.getTime() + 2000));
    expect(again.lines.filter((line) => line.recordTable === 'cases')).toEqual([]);
  });

  it('keeps an unresolved case however old (its trigger has not happened), and moves the date when a case is reopened', async () => {
    const { id } = await letterCase();
    expect(await disposeAfterOf(id)).toBeNull();
    await resolve(id, new Date('2026-05-01T14:00:00Z'));
    expect((await disposeAfterOf(id))?.toISOString()).toBe('2028-05-02T04:00:00.000Z');
    await reopen(id, new Date('2026-06-01T14:00:00Z'));
    expect(await disposeAfterOf(id)).toBeNull();
    await sweep.run(database, years(10, created));
    expect(await disposeAfterOf(id)).toBeNull();
    await resolve(id, new Date('2026-07-15T14:00:00Z'));
    expect((await disposeAfterOf(id))?.toISOString()).toBe('2028-07-16T04:00:00.000Z');
  });

  it('never disposes a held record, and disposes it at the next sweep once the hold is released', async () => {
    const { id, subjectId } = await letterCase();
    await resolve(id, new Date('2026-04-01T14:00:00Z'));
    const hold = await as(recordsManager, (trx) =>
      holds.place(
        trx,
        recordsManager,
        { scope: { caseId: id }, reason: 'Litigation 26-cv-0142', owner: 'Office of General Counsel', reviewOn: '2027-01-15' },
        ctx,
        created,
      ),
    );
    const later = years(5, created);
    const forecast = await as(recordsManager, (trx) => retentionForecast(trx, recordsManager, later));
    expect(forecast).toContainEqual(expect.objectContaining({ recordTable: 'cases', recordType: 'usps-880/inquiry', held: 1 }));
    await sweep.run(database, later);
    expect((await remains(id, subjectId)).cases).toBe(1);
    const check = await as(recordsManager, (trx) => retentionCheck(trx, recordsManager, later, 0));
    expect(check.overdue.filter((line) => line.recordTable === 'cases')).toEqual([]);
    expect(check.held).toContainEqual(expect.objectContaining({ recordTable: 'cases', held: 1 }));

    await as(recordsManager, (trx) => holds.release(trx, recordsManager, hold.id, 'Case settled', ctx, later));
    await sweep.run(database, new Date(later.getTime() + 1000));
    expect(await remains(id, subjectId)).toMatchObject({ cases: 0, keys: 0, subjects: 0 });
  });

  it('keeps every record a hold on a record type or a date range covers, and nothing else', async () => {
    const inRange = await letterCase(new Date('2026-08-03T15:00:00Z'));
    const outOfRange = await letterCase(new Date('2026-09-14T15:00:00Z'));
    for (const c of [inRange, outOfRange]) await resolve(c.id, new Date('2026-10-01T14:00:00Z'));
    const hold = await as(recordsManager, (trx) =>
      holds.place(
        trx,
        recordsManager,
        {
          scope: {
            recordType: 'usps-880/inquiry',
            createdFrom: new Date('2026-08-01T00:00:00Z'),
            createdTo: new Date('2026-09-01T00:00:00Z'),
          },
          reason: 'FOIA request 2026-00317',
          owner: 'FOIA office',
          reviewOn: '2027-03-01',
        },
        ctx,
        created,
      ),
    );
    await sweep.run(database, years(5, created));
    expect((await remains(inRange.id, inRange.subjectId)).cases).toBe(1);
    expect((await remains(outOfRange.id, outOfRange.subjectId)).cases).toBe(0);
    await as(recordsManager, (trx) => holds.release(trx, recordsManager, hold.id, 'Request closed', ctx, years(5, created)));
    await sweep.run(database, years(5, created));
    expect((await remains(inRange.id, inRange.subjectId)).cases).toBe(0);
  });

  it('reports overdue records in the check until the sweep has run', async () => {
    const { id } = await letterCase();
    await resolve(id, new Date('2026-04-01T14:00:00Z'));
    const late = years(4, created);
    const before = await as(recordsManager, (trx) => retentionCheck(trx, recordsManager, late, 0));
    expect(before.passed).toBe(false);
    expect(before.overdue).toContainEqual(expect.objectContaining({ recordTable: 'cases', due: 1 }));
    await sweep.run(database, late);
    const after = await as(recordsManager, (trx) => retentionCheck(trx, recordsManager, late, 0));
    expect(after.passed).toBe(true);
  });

  it('lets two sweeps run at once without disposing anything twice', async () => {
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await letterCase());
    for (const c of made) await resolve(c.id, new Date('2026-04-01T14:00:00Z'));
    const at = years(3, created);
    const [a, b] = await Promise.all([sweep.run(database, at, { batchSize: 2 }), sweep.run(database, at, { batchSize: 2 })]);
    const disposed = (run: typeof a) => run.lines.filter((l) => l.recordTable === 'cases').reduce((n, l) => n + l.records, 0);
    expect(disposed(a) + disposed(b)).toBe(6);
    for (const c of made) expect((await remains(c.id, c.subjectId)).cases).toBe(0);
  });
});

describe('parallel batches', () => {
  it('dispose of many records of one subject and still erase the subject, whichever commits last', async () => {
    const { id, subjectId } = await letterCase();
    await resolve(id, new Date('2026-04-01T14:00:00Z'));
    await as(system, (trx) =>
      sql`INSERT INTO cases (id, number, subject_id, customer_id, business_area, record_type, channel, category, priority, status,
                             assignee, title_ct, resolution_code, resolution_ct, tags, created_at, updated_at, first_response_at,
                             resolved_at, reopened_at, closed_at, dispose_after)
          SELECT gen_random_uuid(), number || '-' || i, subject_id, customer_id, business_area, record_type, channel, category, priority,
                 status, assignee, title_ct, resolution_code, resolution_ct, tags, created_at, updated_at, first_response_at, resolved_at,
                 reopened_at, closed_at, dispose_after
          FROM cases, generate_series(1, 7) i WHERE id = ${id}`.execute(trx),
    );
    const run = await sweep.run(database, years(3, created), { batchSize: 1, concurrency: 3 });
    expect(run.lines.find((line) => line.recordTable === 'cases')).toMatchObject({ records: 8, keysDestroyed: 1 });
    expect(await remains(id, subjectId)).toMatchObject({ cases: 0, keys: 0, subjects: 0 });
  });
});

describe("a customer's own record", () => {
  it('falls due 2 years after the resolution of their latest inquiry, never while one is open, and goes after its cases', async () => {
    const customers = createCustomerService(keys.vault);
    const customer = await as(system, (trx) => customers.create(trx, system, personInput({ name: 'Philippa Okonkwo-Tran' }), ctx, created));
    const subjectDue = () =>
      as(
        system,
        async (trx) =>
          (await trx.selectFrom('data_subjects').select('dispose_after').where('id', '=', customer.id).executeTakeFirst())?.dispose_after,
      );
    const openFor = (at: Date) =>
      as(system, (trx) =>
        cases.open(
          trx,
          system,
          { customerId: customer.id, channel: 'phone', recordType: 'usps-880/inquiry', title: 'Hold mail', body: 'Please hold my mail.' },
          ctx,
          at,
        ),
      );
    expect(await subjectDue()).toBeNull();
    const first = await openFor(created);
    await resolve(first.case.id, new Date('2026-04-01T14:00:00Z'));
    expect((await subjectDue())?.toISOString()).toBe('2028-04-02T04:00:00.000Z');
    const second = await openFor(new Date('2026-06-01T14:00:00Z'));
    expect(await subjectDue()).toBeNull();
    // Years later the first case goes; the customer stays while the second is open.
    await sweep.run(database, years(4, created));
    expect(await subjectDue()).toBeNull();
    await resolve(second.case.id, new Date('2030-06-03T14:00:00Z'));
    expect((await subjectDue())?.toISOString()).toBe('2032-06-04T04:00:00.000Z');
    const run = await sweep.run(database, new Date('2032-06-05T12:00:00Z'));
    expect(await subjectDue()).toBeUndefined();
    expect(run.lines).toContainEqual(
      expect.objectContaining({ recordTable: 'data_subjects', recordType: 'usps-880/customer', records: 1, keysDestroyed: 1 }),
    );
  });
});

describe('the accounting of disclosures', () => {
  it('outlives its record by 5 years from the disclosure, and then goes with the subject’s key', async () => {
    const { id, subjectId } = await letterCase();
    await resolve(id, new Date('2026-04-01T14:00:00Z'));
    const disclosures = createDisclosureService(keys.vault);
    await as(system, (trx) =>
      disclosures.record(
        trx,
        system,
        {
          recordTable: 'cases',
          recordId: id,
          disclosedAt: new Date('2026-05-04T14:00:00Z'),
          nature: 'copy',
          purpose: 'Claim for a lost parcel',
          recipient: { name: 'Claims Contractor Inc.', address: '1 Claims Way, Kansas City MO 64106' },
          recipientKind: 'contractor',
          routineUse: '880.000:1',
        },
        ctx,
        new Date('2026-05-04T14:00:00Z'),
      ),
    );
    const entries = () =>
      as(system, async (trx) =>
        Number(
          (
            await trx
              .selectFrom('disclosures')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('subject_id', '=', subjectId)
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
    // The case goes after its 2 years; the entry of its disclosure stays, and so does the subject's key.
    await sweep.run(database, years(3, created));
    expect(await remains(id, subjectId)).toMatchObject({ cases: 0, keys: 1, subjects: 1 });
    expect(await entries()).toBe(1);
    // Five years after the disclosure the entry goes too, and the subject with it.
    const run = await sweep.run(database, new Date('2031-05-06T12:00:00Z'));
    expect(await entries()).toBe(0);
    expect(await remains(id, subjectId)).toMatchObject({ keys: 0, subjects: 0 });
    expect(run.lines).toContainEqual(expect.objectContaining({ recordTable: 'disclosures', records: 1, keysDestroyed: 1 }));
  });
});

describe('a statement of disagreement', () => {
  it('is kept as long as the disputed record, then goes with it and lets the subject be erased', async () => {
    const { id, subjectId } = await letterCase();
    await resolve(id, new Date('2026-04-01T14:00:00Z'));
    await as(system, (trx) =>
      trx
        .insertInto('statements_of_disagreement')
        .values({
          id: randomUUID(),
          subject_id: subjectId,
          business_area: null,
          request_id: null,
          record_table: 'cases',
          record_id: id,
          statement_ct: Buffer.from('sealed statement'),
          filed_by: 'system:test',
          filed_at: new Date('2026-05-01T14:00:00Z'),
          dispose_after: null,
        })
        .execute(),
    );
    const statements = () =>
      as(
        system,
        async (trx) => (await trx.selectFrom('statements_of_disagreement').select('id').where('record_id', '=', id).execute()).length,
      );
    await sweep.run(database, new Date('2027-01-01T12:00:00Z'));
    expect(await statements()).toBe(1);
    await sweep.run(database, years(3, created));
    expect(await statements()).toBe(0);
    expect(await remains(id, subjectId)).toMatchObject({ cases: 0, keys: 0, subjects: 0 });
  });
});

describe('the scheduled sweep', () => {
  it('runs on its interval in the server, logging counts and ids only', async () => {
    const { id, subjectId } = await letterCase();
    await resolve(id, new Date('2026-04-01T14:00:00Z'));
    const events: object[] = [];
    const schedule = startRetentionSchedule({
      database,
      sweep,
      clock: () => years(3, created),
      intervalMs: 25,
      log: (event) => events.push(event),
    });
    try {
      await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ msg: 'retention sweep disposed of records' })), {
        timeout: 10_000,
      });
    } finally {
      await schedule.stop();
    }
    expect(await remains(id, subjectId)).toMatchObject({ cases: 0, subjects: 0 });
    expect(events[0]).toEqual(
      expect.objectContaining({ records: expect.any(Number), keys: expect.any(Number), files: expect.any(Number) }),
    );
    expect(JSON.stringify(events)).not.toMatch(/Ottoline|example\.org|parcel/i);
  });
});

describe('legal holds', () => {
  it('are placed only by whoever manages retention, and refuse an empty scope or a bad date naming the field', async () => {
    const input = { scope: { recordType: 'usps-880/inquiry' }, reason: 'Audit 2026', owner: 'Records office', reviewOn: '2027-01-01' };
    await expect(as(agent, (trx) => holds.place(trx, agent, input, ctx, created))).rejects.toThrow(/retention\.manage/);
    await expect(
      as(recordsManager, (trx) => holds.place(trx, recordsManager, { ...input, scope: {} }, ctx, created)),
    ).rejects.toMatchObject({
      field: 'scope',
    });
    await expect(
      as(recordsManager, (trx) => holds.place(trx, recordsManager, { ...input, reviewOn: '2027-02-30' }, ctx, created)),
    ).rejects.toBeInstanceOf(InvalidHold);
    await expect(
      as(recordsManager, (trx) => holds.place(trx, recordsManager, { ...input, scope: { recordType: 'usps-880/nothing' } }, ctx, created)),
    ).rejects.toMatchObject({ field: 'scope/recordType' });
    const listed = await as(recordsManager, (trx) => holds.list(trx, recordsManager, { active: true }));
    expect(listed.every((hold) => hold.reason !== 'Audit 2026')).toBe(true);
  });
});
