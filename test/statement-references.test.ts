import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/index.ts';
import type { Tables } from '../src/db/tables.ts';
import { testDatabase } from './support/database.ts';

// References to data subjects, cases and case messages are kept per statement on delete
// (migration 0035): checked per row on write as a foreign key is, acted on once per
// statement when the referenced rows go.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

const at = new Date('2026-03-02T15:00:00Z');
const bytes = Buffer.from('ciphertext');

async function subject(db: Kysely<Tables>): Promise<string> {
  const id = randomUUID();
  await sql`INSERT INTO data_subjects (id, kind, business_area, record_type, created_at) VALUES (${id}, 'person', NULL, 'usps-880/inquiry', ${at})`.execute(
    db,
  );
  return id;
}

async function caseOf(db: Kysely<Tables>, subjectId: string): Promise<{ caseId: string; messageId: string }> {
  const caseId = randomUUID();
  const messageId = randomUUID();
  await sql`INSERT INTO cases (id, number, subject_id, record_type, channel, priority, status, title_ct, created_at, updated_at)
    VALUES (${caseId}, ${`C-T-${caseId}`}, ${subjectId}, 'usps-880/inquiry', 'email', 'normal', 'open', ${bytes}, ${at}, ${at})`.execute(
    db,
  );
  await sql`INSERT INTO case_messages (id, case_id, subject_id, kind, channel, body_ct, created_at)
    VALUES (${messageId}, ${caseId}, ${subjectId}, 'outbound', 'email', ${bytes}, ${at})`.execute(db);
  await sql`INSERT INTO case_events (id, case_id, subject_id, at, actor, kind) VALUES (${randomUUID()}, ${caseId}, ${subjectId}, ${at}, 'system:test', 'opened')`.execute(
    db,
  );
  await sql`INSERT INTO case_links (id, case_id, subject_id, kind, number_ct, created_at) VALUES (${randomUUID()}, ${caseId}, ${subjectId}, 'article', ${bytes}, ${at})`.execute(
    db,
  );
  await sql`INSERT INTO mail_outbox (id, case_id, case_message_id, case_number, subject_id, kind, message_id, next_attempt_at, created_at)
    VALUES (${randomUUID()}, ${caseId}, ${messageId}, 'C-T', ${subjectId}, 'reply', ${`${randomUUID()}@test`}, ${at}, ${at})`.execute(db);
  return { caseId, messageId };
}

async function call(db: Kysely<Tables>, subjectId: string, caseId: string | null): Promise<string> {
  const id = randomUUID();
  await sql`INSERT INTO calls (id, subject_id, case_id, direction, duration_seconds, disposition, agent, started_at, created_at, dispose_after)
    VALUES (${id}, ${subjectId}, ${caseId}, 'inbound', 60, 'case_opened', 'system:test', ${at}, ${at}, ${at})`.execute(db);
  return id;
}

async function countOf(db: Kysely<Tables>, table: string, column: string, value: string): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${value}`.execute(
    db,
  );
  return result.rows[0]!.n;
}

function sqlState(error: unknown): { code: string | undefined; constraint: string | undefined } {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return { code: e.code ?? e.cause?.code, constraint: e.constraint ?? e.cause?.constraint };
}

describe('references kept per statement', () => {
  it('leaves no foreign key to data_subjects, cases or case_messages: each is registered with a check trigger of its name', async () => {
    const db = database.db;
    const keys = await sql<{ name: string }>`
      SELECT conname AS name FROM pg_constraint
      WHERE contype = 'f' AND confrelid::regclass::text IN ('data_subjects', 'cases', 'case_messages')`.execute(db);
    expect(keys.rows).toEqual([]);
    const registered = await sql<{ name: string; parent: string; on_delete: string; triggered: boolean }>`
      SELECT r.name, r.parent::text AS parent, r.on_delete,
             EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = r.child AND t.tgname = r.name) AS triggered
      FROM caseline.statement_references r ORDER BY r.name`.execute(db);
    expect(registered.rows.every((row) => row.triggered)).toBe(true);
    expect(registered.rows.filter((row) => row.parent === 'data_subjects')).toHaveLength(17);
    expect(registered.rows.filter((row) => row.parent === 'cases').map((row) => `${row.name} ${row.on_delete}`)).toEqual([
      'calls_case_id_fkey set null',
      'case_attachments_case_id_fkey cascade',
      'case_events_case_id_fkey cascade',
      'case_links_case_id_fkey cascade',
      'case_messages_case_id_fkey cascade',
      'case_sla_alerts_case_id_fkey cascade',
      'mail_outbox_case_id_fkey cascade',
      'survey_invitations_case_id_fkey cascade',
    ]);
  });

  it('refuses a row that refers to a case or subject that does not exist, as a foreign key would, and writes nothing', async () => {
    const db = database.db;
    const someone = await subject(db);
    const missingCase = randomUUID();
    const error =
      await sql`INSERT INTO case_events (id, case_id, subject_id, at, actor, kind) VALUES (${randomUUID()}, ${missingCase}, ${someone}, ${at}, 'system:test', 'opened')`
        .execute(db)
        .then(
          () => null,
          (e: unknown) => e,
        );
    expect(sqlState(error)).toEqual({ code: '23503', constraint: 'case_events_case_id_fkey' });
    expect(await countOf(db, 'case_events', 'case_id', missingCase)).toBe(0);
    const orphanCall = await call(db, randomUUID(), null).then(
      () => null,
      (e: unknown) => e,
    );
    expect(sqlState(orphanCall)).toEqual({ code: '23503', constraint: 'calls_subject_id_fkey' });
  });

  it('deletes with a case its messages, events, links and outbox rows, and unlinks its calls; another case keeps its own', async () => {
    const db = database.db;
    const someone = await subject(db);
    const gone = await caseOf(db, someone);
    const kept = await caseOf(db, someone);
    const goneCall = await call(db, someone, gone.caseId);
    await sql`DELETE FROM cases WHERE id = ${gone.caseId}`.execute(db);
    for (const table of ['case_messages', 'case_events', 'case_links', 'mail_outbox']) {
      expect(await countOf(db, table, 'case_id', gone.caseId)).toBe(0);
      expect(await countOf(db, table, 'case_id', kept.caseId)).toBe(1);
    }
    const stillThere = await sql<{ case_id: string | null }>`SELECT case_id FROM calls WHERE id = ${goneCall}`.execute(db);
    expect(stillThere.rows).toEqual([{ case_id: null }]);
  });

  it("deletes with a subject every row of it in every table, through its cases to theirs, and nobody else's", async () => {
    const db = database.db;
    const [one, other] = [await subject(db), await subject(db)];
    const ones = await caseOf(db, one);
    const others = await caseOf(db, other);
    await call(db, one, null);
    await sql`DELETE FROM data_subjects WHERE id = ${one}`.execute(db);
    expect(await countOf(db, 'cases', 'subject_id', one)).toBe(0);
    expect(await countOf(db, 'calls', 'subject_id', one)).toBe(0);
    expect(await countOf(db, 'case_messages', 'case_id', ones.caseId)).toBe(0);
    expect(await countOf(db, 'mail_outbox', 'case_message_id', ones.messageId)).toBe(0);
    expect(await countOf(db, 'cases', 'subject_id', other)).toBe(1);
    expect(await countOf(db, 'mail_outbox', 'case_message_id', others.messageId)).toBe(1);
  });

  it('refuses to change the id of a referenced row, and deletes outside READ COMMITTED', async () => {
    const db = database.db;
    const someone = await subject(db);
    const { caseId } = await caseOf(db, someone);
    const renamed = await sql`UPDATE cases SET id = ${randomUUID()} WHERE id = ${caseId}`.execute(db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(sqlState(renamed).code).toBe('23503');
    const repeatable = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => sql`DELETE FROM cases WHERE id = ${caseId}`.execute(trx))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(sqlState(repeatable).code).toBe('0A000');
    expect(await countOf(db, 'case_messages', 'case_id', caseId)).toBe(1);
    expect(await countOf(db, 'cases', 'id', caseId)).toBe(1);
  });
});

describe.skipIf(!process.env.DATABASE_URL)(
  'references under concurrent transactions (PostgreSQL server; skipped on the embedded engine)',
  () => {
    it('a delete waits for a reference being written and then removes it; a reference written after a delete fails', async () => {
      const db = database.db;
      const someone = await subject(db);
      const { caseId } = await caseOf(db, someone);
      const eventId = randomUUID();

      // The writer holds the case's KEY SHARE lock until it commits; the delete must wait and then see its row.
      let deleted: Promise<unknown> = Promise.resolve();
      await db.transaction().execute(async (writer) => {
        await sql`INSERT INTO case_events (id, case_id, subject_id, at, actor, kind) VALUES (${eventId}, ${caseId}, ${someone}, ${at}, 'system:test', 'noted')`.execute(
          writer,
        );
        deleted = sql`DELETE FROM cases WHERE id = ${caseId}`.execute(db);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const waiting = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`.execute(db);
        expect(waiting.rows[0]!.n).toBe(1);
      });
      await deleted;
      expect(await countOf(db, 'case_events', 'id', eventId)).toBe(0);
      expect(await countOf(db, 'case_events', 'case_id', caseId)).toBe(0);

      // The other way round: the delete holds the row; the writer waits, then finds it gone.
      const second = await caseOf(db, someone);
      let written: Promise<unknown> = Promise.resolve();
      await db.transaction().execute(async (deleter) => {
        await sql`DELETE FROM cases WHERE id = ${second.caseId}`.execute(deleter);
        written =
          sql`INSERT INTO case_events (id, case_id, subject_id, at, actor, kind) VALUES (${randomUUID()}, ${second.caseId}, ${someone}, ${at}, 'system:test', 'noted')`
            .execute(db)
            .then(
              () => null,
              (e: unknown) => e,
            );
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
      expect(sqlState(await written)).toEqual({ code: '23503', constraint: 'case_events_case_id_fkey' });
      expect(await countOf(db, 'case_events', 'case_id', second.caseId)).toBe(0);
    });
  },
);
