import { createHash, randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { appendAudit, systemPrincipal } from '../../../access/index.ts';
import { agencyTimeZone, describeRetention, recordTypes } from '../../../catalog/index.ts';
import { refreshCustomerRetention } from '../../cases/index.ts';
import { withPrincipal, type Database, type Principal, type SystemPrincipal, type Tx } from '../../../db/index.ts';
import { accountableTables } from '../disclosures/index.ts';
import { subjectRecordTables } from '../subject-tables.ts';
import { disposalTargets, indexedRecordTables, recordTypeOf, type DisposalTarget } from './disposal-targets.ts';
import { partitionDayHeld, partitionDaysDue } from './partition-days.ts';
import { rescheduleForRelationship, subjectsToReschedule } from './relationship-end.ts';

/** What a certificate says of the method: rows deleted, files deleted, keys destroyed. */
export const disposalMethod =
  'Rows deleted from the database with their dependent rows and blind-index entries; attachment files deleted; ' +
  "a data subject's key destroyed once none of its records remained (cryptographic erase, NIST SP 800-88 Rev. 1), " +
  'which leaves every copy of its ciphertext, backups included, unreadable.';

/** The method of a day of tracking events or mailpiece images: its partition is dropped whole. */
export const partitionDropMethod =
  'A day of tracking events or mailpiece images disposed of by dropping its partition (DROP TABLE): every row, index entry and page of that day at once; ' +
  'the certificate hash covers the day, the number of records and the XOR of their ids.';

export interface CertificateLine {
  readonly recordTable: string;
  readonly recordType: string;
  readonly rule: string;
  readonly records: number;
  readonly files: number;
  readonly keysDestroyed: number;
  readonly dueFrom: Date;
  readonly dueTo: Date;
  /** Hex SHA-256 over the disposed ids: each batch's ids sorted, chained across batches. */
  readonly idsSha256: string;
}

export interface SweepResult {
  readonly runId: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly lines: readonly CertificateLine[];
  /** Attachment files no row points at any more, removed after the batches. */
  readonly filesRemoved: number;
}

export interface SweepOptions {
  readonly batchSize?: number;
  /** Who ran it, for the certificate: 'system:retention' for the scheduled sweep, the operator's job name for the CLI. */
  readonly job?: string;
  readonly signal?: AbortSignal;
  /** Transactions working at once (default 1): more finish a backlog sooner on a server with cores to spare. */
  readonly concurrency?: number;
}

/** Removes attachment files whose rows are gone (the attachments module's sweep of orphans). */
export type RemoveOrphanFiles = (trx: Tx, principal: SystemPrincipal, now: Date) => Promise<number>;

interface DueRow {
  readonly id: string;
  readonly subject_id: string;
  readonly record_type: string;
  readonly dispose_after: Date;
}

/** `NOT EXISTS` an active legal hold every criterion of which the row `t` meets. */
export function notHeld(target: Pick<DisposalTarget, 'recordType' | 'caseColumn' | 'createdColumn'>): RawBuilder<boolean> {
  const created = sql.ref(`t.${target.createdColumn}`);
  const caseId =
    target.caseColumn === null
      ? sql`NULL::text`
      : target.caseColumn === 'disclosed_case'
        ? sql`CASE WHEN t.record_table = 'cases' THEN t.record_id END`
        : sql`${sql.ref(`t.${target.caseColumn}`)}::text`;
  return sql<boolean>`NOT EXISTS (
    SELECT 1 FROM legal_holds h
    WHERE h.released_at IS NULL
      AND (h.subject_id IS NULL OR h.subject_id = t.subject_id)
      AND (h.case_id IS NULL OR h.case_id::text = ${caseId})
      AND (h.record_type IS NULL OR h.record_type = ${recordTypeOf(target)})
      AND (h.business_area IS NULL OR h.business_area = t.business_area)
      AND (h.created_from IS NULL OR ${created} >= h.created_from)
      AND (h.created_to IS NULL OR ${created} < h.created_to))`;
}

/** True for a row whose own rule is all that keeps it; an accounting entry also waits for the record it accounts for. */
export function outlived(target: Pick<DisposalTarget, 'table'>): RawBuilder<boolean> {
  if (target.table !== 'disclosures') return sql<boolean>`true`;
  const exists = [...accountableTables().values()].map(
    (t) =>
      sql`(t.record_table = ${t.table} AND EXISTS (SELECT 1 FROM ${sql.table(t.table)} r WHERE r.${sql.ref(t.keyColumn)}::text = t.record_id))`,
  );
  return sql<boolean>`NOT (${sql.join(exists, sql` OR `)})`;
}

function ruleOf(recordType: string): string {
  const type = recordTypes.get(recordType);
  return type ? describeRetention(type.retention) : 'record type no longer in the catalog';
}

/**
 * Row-level security hides from the planner how many rows are due, so it would read and
 * sort every due row to return a batch (each batch as slow as the whole backlog); with
 * sorting off for the batch's transaction it walks the dispose_after index and stops at
 * the batch's size. The cost that sorting off puts on such a plan would have it compiled
 * (JIT) each time, which takes longer than running it.
 */
async function claimInDueOrder(trx: Tx): Promise<void> {
  await sql`SELECT set_config('enable_sort', 'off', true), set_config('jit', 'off', true)`.execute(trx);
}

function chain(previous: Buffer | undefined, ids: readonly string[]): Buffer {
  const batch = createHash('sha256')
    .update([...ids].sort().join('\n'))
    .digest();
  return previous ? createHash('sha256').update(previous).update(batch).digest() : batch;
}

/**
 * The tables among `tables` whose rows cannot outlive a row of another of them: a NOT NULL
 * reference with ON DELETE CASCADE, a foreign key's or one kept per statement (a case's
 * messages, a customer's values). A subject has records left exactly when one of the
 * others has a row of it, so only those are read.
 */
async function rootTables(trx: Tx, tables: readonly string[]): Promise<string[]> {
  const dependents = await sql<{ child: string }>`
    WITH cascading AS (
      SELECT c.conrelid AS child, c.confrelid AS parent, c.conkey[1] AS attnum
      FROM pg_constraint c WHERE c.contype = 'f' AND c.confdeltype = 'c' AND cardinality(c.conkey) = 1
      UNION ALL
      SELECT r.child, r.parent, a.attnum
      FROM caseline.statement_references r JOIN pg_attribute a ON a.attrelid = r.child AND a.attname = r.child_column
      WHERE r.on_delete = 'cascade')
    SELECT DISTINCT r.child::regclass::text AS child
    FROM cascading r JOIN pg_attribute a ON a.attrelid = r.child AND a.attnum = r.attnum
    WHERE a.attnotnull
      AND r.child::regclass::text = ANY (${[...tables]}::text[])
      AND r.parent::regclass::text = ANY (${[...tables]}::text[])`.execute(trx);
  const dependent = new Set(dependents.rows.map((row) => row.child));
  return tables.filter((table) => !dependent.has(table));
}

/**
 * The retention sweep: disposes, in batches of its own transactions, every record whose
 * `dispose_after` has passed and no active legal hold covers, then erases each data
 * subject left with no record at all (its blind-index entries, its row and its key).
 * Rows are claimed with SKIP LOCKED, so two servers sweeping at once share the work and
 * never dispose a record twice; a failed batch rolls back whole and the next sweep
 * finds its records still due. Each batch adds to the run's certificate in the same
 * transaction, so a crash never leaves a disposal without its certificate.
 */
export function createRetentionSweep(deps: { readonly removeOrphanFiles: RemoveOrphanFiles; readonly timeZone?: string }) {
  const timeZone = deps.timeZone ?? agencyTimeZone;
  const indexedTables = indexedRecordTables();
  let subjectTables: Promise<string[]> | null = null;

  /** Subjects among `subjects` with no record left and no hold on them: their index entries, row and key go. */
  async function eraseEmptySubjects(trx: Tx, principal: Principal, subjects: readonly string[], now: Date): Promise<string[]> {
    if (subjects.length === 0) return [];
    subjectTables ??= rootTables(
      trx,
      subjectRecordTables().map(([table]) => table),
    );
    const remaining = (await subjectTables).map((table) => sql`SELECT 1 FROM ${sql.table(table)} r WHERE r.subject_id = s.id`);
    const empty = await sql<{ id: string }>`
      SELECT s.id FROM data_subjects s
      WHERE s.id = ANY (${[...subjects]}::uuid[])
        AND (s.dispose_after IS NULL OR s.dispose_after <= ${now})
        AND NOT EXISTS (${sql.join(remaining, sql` UNION ALL `)})
        AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.subject_id = s.id)
      FOR UPDATE OF s SKIP LOCKED`.execute(trx);
    const ids = empty.rows.map((row) => row.id);
    if (ids.length === 0) return [];
    // One array parameter, not a list of thousands: the statement is planned once.
    await sql`DELETE FROM blind_index WHERE subject_id = ANY (${ids}::uuid[])`.execute(trx);
    await sql`DELETE FROM subject_keys WHERE subject_id = ANY (${ids}::uuid[])`.execute(trx);
    await sql`DELETE FROM data_subjects WHERE id = ANY (${ids}::uuid[])`.execute(trx);
    await appendAudit(trx, {
      at: now,
      actor: principal,
      action: 'erase',
      recordType: 'data_subject',
      subjects: ids,
      purpose: 'retention.disposal',
      requestId: null,
      clientAddr: null,
      outcome: 'ok',
      detail: { subjects: ids.length, method: 'cryptographic_erase' },
    });
    return ids;
  }

  /**
   * What went with the subjects' records that no longer exist: their blind-index entries (a
   * case's links went with the case) and the statements of disagreement filed against them,
   * which are kept as long as the disputed record (5 U.S.C. 552a(d)(4)).
   */
  async function dropStaleIndexEntries(trx: Tx, subjects: readonly string[]): Promise<void> {
    const tables = await trx
      .selectFrom('blind_index')
      .select('record_table')
      .distinct()
      .where('subject_id', '=', sql<string>`ANY (${[...subjects]}::uuid[])`)
      .execute();
    for (const { record_table } of tables) {
      if (!indexedTables.includes(record_table)) continue;
      await sql`DELETE FROM blind_index b
        WHERE b.subject_id = ANY (${[...subjects]}::uuid[]) AND b.record_table = ${record_table}
          AND NOT EXISTS (SELECT 1 FROM ${sql.table(record_table)} r WHERE r.id::text = b.record_id)`.execute(trx);
    }
    const disputed = await trx
      .selectFrom('statements_of_disagreement')
      .select('record_table')
      .distinct()
      .where('subject_id', '=', sql<string>`ANY (${[...subjects]}::uuid[])`)
      .execute();
    for (const { record_table } of disputed) {
      const table = accountableTables().get(record_table);
      if (!table) continue;
      await sql`DELETE FROM statements_of_disagreement s
        WHERE s.subject_id = ANY (${[...subjects]}::uuid[]) AND s.record_table = ${record_table}
          AND NOT EXISTS (SELECT 1 FROM ${sql.table(table.table)} r WHERE r.${sql.ref(table.keyColumn)}::text = s.record_id)`.execute(trx);
    }
  }

  return {
    async run(database: Database, now: Date, options: SweepOptions = {}): Promise<SweepResult> {
      const batchSize = options.batchSize ?? 5_000;
      const principal = systemPrincipal(options.job ?? 'retention');
      const runId = randomUUID();
      const startedAt = now;
      // As the system principal every policy is true: the sweep's role skips evaluating them on each row (0037).
      const asSweep = <T>(fn: (trx: Tx) => Promise<T>) => withPrincipal(database.db, principal, fn, 'caseline_retention');

      /**
       * Adds a batch to its line of the run's certificate, in the batch's transaction. The
       * line is read back under a row lock, so batches of one run working in parallel add
       * to it one after the other, chaining the ids' hash in the order they commit.
       */
      const certify = async (
        trx: Tx,
        table: string,
        recordType: string,
        rows: readonly Pick<DueRow, 'id' | 'dispose_after'>[],
        files: number,
        keys: number,
        method = disposalMethod,
        records = rows.length,
      ) => {
        const dues = rows.map((row) => row.dispose_after.getTime());
        const first = {
          run_id: runId,
          record_table: table,
          record_type: recordType,
          rule: ruleOf(recordType),
          method,
          records,
          files,
          keys_destroyed: keys,
          due_from: new Date(Math.min(...dues)),
          due_to: new Date(Math.max(...dues)),
          ids_sha256: chain(
            undefined,
            rows.map((row) => row.id),
          ),
          started_at: startedAt,
          finished_at: now,
          run_by: principal.id,
        };
        const inserted = await trx
          .insertInto('disposal_certificates')
          .values(first)
          .onConflict((conflict) => conflict.columns(['run_id', 'record_table', 'record_type']).doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows === 1n) return;
        const before = await trx
          .selectFrom('disposal_certificates')
          .selectAll()
          .where('run_id', '=', runId)
          .where('record_table', '=', table)
          .where('record_type', '=', recordType)
          .forUpdate()
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('disposal_certificates')
          .set({
            records: before.records + records,
            files: before.files + files,
            keys_destroyed: before.keys_destroyed + keys,
            due_from: new Date(Math.min(before.due_from.getTime(), ...dues)),
            due_to: new Date(Math.max(before.due_to.getTime(), ...dues)),
            ids_sha256: chain(
              before.ids_sha256,
              rows.map((row) => row.id),
            ),
            finished_at: now,
          })
          .where('run_id', '=', runId)
          .where('record_table', '=', table)
          .where('record_type', '=', recordType)
          .execute();
      };

      const disposeBatch = (target: DisposalTarget) =>
        asSweep(async (trx) => {
          await claimInDueOrder(trx);
          const due = await sql<DueRow>`
            SELECT t.id, t.subject_id, ${recordTypeOf(target)} AS record_type, t.dispose_after
            FROM ${sql.table(target.table)} t
            WHERE t.dispose_after <= ${now} AND ${notHeld(target)} AND ${outlived(target)}
            ORDER BY t.dispose_after
            LIMIT ${batchSize}
            FOR UPDATE OF t SKIP LOCKED`.execute(trx);
          const rows = due.rows;
          if (rows.length === 0) return 0;
          const ids = rows.map((row) => row.id);
          const subjects = [...new Set(rows.map((row) => row.subject_id))].sort();
          // Batches (of this run or of another server's) disposing of records of one subject
          // take turns: the one that commits last sees the subject empty and erases it.
          await sql`SELECT 1 FROM data_subjects WHERE id = ANY (${subjects}::uuid[]) ORDER BY id FOR UPDATE`.execute(trx);
          const files =
            target.table === 'cases'
              ? Number(
                  (
                    await trx
                      .selectFrom('case_attachments')
                      .select((eb) => eb.fn.countAll<number>().as('n'))
                      .where('case_id', '=', sql<string>`ANY (${ids}::uuid[])`)
                      .executeTakeFirstOrThrow()
                  ).n,
                )
              : 0;
          await sql`DELETE FROM ${sql.table(target.table)} WHERE id = ANY (${ids}::uuid[])`.execute(trx);
          await dropStaleIndexEntries(trx, subjects);
          const erased = await eraseEmptySubjects(trx, principal, subjects, now);
          const byType = Map.groupBy(rows, (row) => row.record_type);
          let first = true;
          for (const [recordType, group] of byType) {
            // Files and erased keys are counted once, on the batch's first record type.
            await certify(trx, target.table, recordType, group, first ? files : 0, first ? erased.length : 0);
            first = false;
            await appendAudit(trx, {
              at: now,
              actor: principal,
              action: 'dispose',
              recordType,
              subjects: [...new Set(group.map((row) => row.subject_id))],
              purpose: 'retention.disposal',
              requestId: null,
              clientAddr: null,
              outcome: 'ok',
              detail: { table: target.table, records: group.length, run: runId },
            });
          }
          return rows.length;
        });

      // A subject's own record (the registry entry of a customer whose relationship ended):
      // its profile goes; the subject itself goes with its last record.
      const disposeSubjectsBatch = () =>
        asSweep(async (trx) => {
          await claimInDueOrder(trx);
          const due = await sql<DueRow>`
            SELECT t.id, t.id AS subject_id, t.record_type, t.dispose_after
            FROM data_subjects t
            WHERE t.dispose_after <= ${now}
              AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.subject_id = t.id)
            ORDER BY t.dispose_after
            LIMIT ${batchSize}
            FOR UPDATE OF t SKIP LOCKED`.execute(trx);
          if (due.rows.length === 0) return 0;
          // The date was written under the principal who resolved a case, who may not see the
          // customer's other cases: the sweep, which sees them all, makes sure it still holds.
          for (const row of due.rows) await refreshCustomerRetention(trx, row.id, timeZone);
          const still = new Set(
            (
              await sql<{
                id: string;
              }>`SELECT id FROM data_subjects WHERE id = ANY (${due.rows.map((row) => row.id)}::uuid[]) AND dispose_after <= ${now}`.execute(
                trx,
              )
            ).rows.map((row) => row.id),
          );
          const rows = due.rows.filter((row) => still.has(row.id));
          if (rows.length === 0) return due.rows.length;
          const ids = rows.map((row) => row.id);
          await sql`DELETE FROM customers WHERE subject_id = ANY (${ids}::uuid[])`.execute(trx);
          await dropStaleIndexEntries(trx, ids);
          const erased = new Set(await eraseEmptySubjects(trx, principal, ids, now));
          // Those with records still running their own rules stay, no longer due themselves.
          const kept = ids.filter((id) => !erased.has(id));
          if (kept.length > 0) await sql`UPDATE data_subjects SET dispose_after = NULL WHERE id = ANY (${kept}::uuid[])`.execute(trx);
          for (const [recordType, group] of Map.groupBy(rows, (row) => row.record_type)) {
            await certify(trx, 'data_subjects', recordType, group, 0, group.filter((row) => erased.has(row.id)).length);
          }
          return due.rows.length;
        });

      // `concurrency` workers per target, each taking batches until one comes back short.
      const drain = (batch: () => Promise<number>) =>
        Promise.all(
          Array.from({ length: Math.max(1, options.concurrency ?? 1) }, async () => {
            for (;;) {
              options.signal?.throwIfAborted();
              if ((await batch()) < batchSize) return;
            }
          }),
        );
      // Records written for a customer after their relationship ended get the date the end gives them first.
      await asSweep(async (trx) => {
        for (const subject of await subjectsToReschedule(trx)) await rescheduleForRelationship(trx, subject.id, subject.endedAt, timeZone);
      });
      for (const target of disposalTargets) await drain(() => disposeBatch(target));
      await drain(disposeSubjectsBatch);
      // Tracking events and mailpiece images: a day at a time, each day's partition dropped in a transaction of its own.
      const days = await asSweep((trx) => partitionDaysDue(trx, now));
      for (const day of days) {
        options.signal?.throwIfAborted();
        await asSweep(async (trx) => {
          if (await partitionDayHeld(trx, day)) return;
          const { records, idsXor } = await day.drop(trx, now);
          if (records === 0) return;
          const digest = [{ id: `${day.label}:${records}:${idsXor}`, dispose_after: day.dueAt }];
          await certify(trx, day.table, day.recordType, digest, 0, 0, partitionDropMethod, records);
          await appendAudit(trx, {
            at: now,
            actor: principal,
            action: 'delete',
            recordType: day.recordType,
            recordId: null,
            subjects: [],
            purpose: 'retention.disposal',
            outcome: 'ok',
            detail: { table: day.table, day: day.day, records, run: runId },
          });
        });
      }
      const filesRemoved = await asSweep((trx) => deps.removeOrphanFiles(trx, principal, now));
      const certificate = await asSweep((trx) =>
        trx
          .selectFrom('disposal_certificates')
          .selectAll()
          .where('run_id', '=', runId)
          .orderBy('record_table')
          .orderBy('record_type')
          .execute(),
      );
      return {
        runId,
        startedAt,
        finishedAt: now,
        lines: certificate.map((row) => ({
          recordTable: row.record_table,
          recordType: row.record_type,
          rule: row.rule,
          records: row.records,
          files: row.files,
          keysDestroyed: row.keys_destroyed,
          dueFrom: row.due_from,
          dueTo: row.due_to,
          idsSha256: row.ids_sha256.toString('hex'),
        })),
        filesRemoved,
      };
    },
  };
}

export type RetentionSweep = ReturnType<typeof createRetentionSweep>;
