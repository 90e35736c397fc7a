import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { indexTermsVersion } from '../src/crypto/index.ts';
import { migrate, type Tables } from '../src/db/index.ts';
import { dropDeferred, insertRows, restoreDeferred, type ColumnBatch, type Deferred } from './bulk-load.ts';
import { buildPool } from './build-pool.ts';
import type { CustomerStore } from './customer-store.ts';

/** How far generation has got, kept in the generated database itself so that a run can resume. */
interface GenerationState {
  readonly seed: number;
  readonly master_key_id: string;
  readonly done: number;
  readonly value_rows: number;
  readonly index_rows: number;
  /** Indexes and constraints dropped for the load; non-empty while a load or its rebuild is unfinished. */
  readonly deferred: Deferred[];
  readonly load_seconds: number;
  readonly rebuild_seconds: number;
}

export interface Generation {
  readonly customers: number;
  readonly valueRows: number;
  readonly indexRows: number;
  /** Every row written: data_subjects, subject_keys and customers per customer, plus values and index rows. */
  readonly rows: number;
  /** Encrypting, digesting and inserting, over every run that added to the store. */
  readonly loadSeconds: number;
  /** Rebuilding the indexes and constraints, and vacuuming. */
  readonly rebuildSeconds: number;
  readonly databaseBytes: number;
  /** False when the store already held the customers and nothing was generated. */
  readonly generatedNow: boolean;
}

export interface GenerationOptions {
  readonly seed: number;
  /** Customers per transaction (one INSERT per table). */
  readonly batch: number;
  /** Builder threads encrypting and digesting. */
  readonly builders: number;
  /** maintenance_work_mem for the index builds. */
  readonly maintenanceMemory: string;
  readonly log: (line: string) => void;
}

async function readState(db: Kysely<Tables>): Promise<GenerationState | undefined> {
  await sql`CREATE TABLE IF NOT EXISTS bench_generation (
    id              int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    seed            int NOT NULL,
    master_key_id   text NOT NULL,
    done            int NOT NULL DEFAULT 0,
    value_rows      bigint NOT NULL DEFAULT 0,
    index_rows      bigint NOT NULL DEFAULT 0,
    deferred        jsonb NOT NULL DEFAULT '[]',
    load_seconds    double precision NOT NULL DEFAULT 0,
    rebuild_seconds double precision NOT NULL DEFAULT 0
  )`.execute(db);
  const result = await sql<GenerationState>`SELECT seed, master_key_id, done, value_rows::float8 AS value_rows,
      index_rows::float8 AS index_rows, deferred, load_seconds, rebuild_seconds FROM bench_generation`.execute(db);
  return result.rows[0];
}

async function startState(db: Kysely<Tables>, seed: number, keyId: string): Promise<GenerationState> {
  // As the connecting superuser: row-level security does not hide rows from it.
  const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM customers`.execute(db);
  if (existing.rows[0]!.n > 0) throw new Error('the database holds customers the generator did not write; use an empty one');
  await sql`INSERT INTO bench_generation (seed, master_key_id) VALUES (${seed}, ${keyId})`.execute(db);
  return (await readState(db))!;
}

/** Writes a batch and its progress in one transaction; `seconds` is the wall time the batch took to build and queue. */
async function writeBatch(db: Kysely<Tables>, rows: ColumnBatch, seconds: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // A lost batch after a crash is regenerated from `done`: durability per commit buys nothing here.
    await sql`SET LOCAL synchronous_commit = off`.execute(trx);
    await insertRows(trx, rows, new Date());
    await sql`UPDATE bench_generation SET done = done + ${rows.customers},
        value_rows = value_rows + ${rows.valueRows}, index_rows = index_rows + ${rows.indexRows},
        load_seconds = load_seconds + ${seconds}`.execute(trx);
  });
}

/**
 * Loads customers from `state.done` up to `target`. Builder threads encrypt and digest the
 * next batches while this thread writes the current one; batches are written in order,
 * so `done` always counts a gap-free prefix and a resumed run starts right after it.
 */
async function load(store: CustomerStore, state: GenerationState, target: number, options: GenerationOptions): Promise<void> {
  const { db } = store.database;
  const pool = buildPool(options.builders, { seed: options.seed, masterKey: store.masterKey });
  const building: Promise<ColumnBatch>[] = [];
  let next = state.done;
  const keepBuilding = () => {
    for (; building.length < pool.size * 2 && next < target; next += options.batch) {
      building.push(pool.build(next, Math.min(options.batch, target - next)));
    }
  };
  const started = performance.now();
  let lastMark = started;
  let reportedAt = started;
  let written = state.done;
  try {
    keepBuilding();
    while (building.length > 0) {
      const rows = await building.shift()!;
      keepBuilding();
      const now = performance.now();
      await writeBatch(db, rows, (now - lastMark) / 1000);
      lastMark = now;
      written += rows.customers;
      if (performance.now() - reportedAt > 30_000 || written === target) {
        reportedAt = performance.now();
        const rate = Math.round((written - state.done) / ((performance.now() - started) / 1000));
        options.log(`${written.toLocaleString('en-US')} / ${target.toLocaleString('en-US')} customers, ${rate}/s`);
      }
    }
  } finally {
    await pool.close();
  }
}

async function databaseBytes(db: Kysely<Tables>): Promise<number> {
  const result = await sql<{ bytes: number }>`SELECT pg_database_size(current_database())::float8 AS bytes`.execute(db);
  return result.rows[0]!.bytes;
}

/**
 * Makes the store hold `target` customers, numbered 0…target−1, generating only those it
 * lacks; an interrupted run resumes from its last committed batch. While loading, the
 * loaded tables lack their indexes and constraints; they are all rebuilt before this returns.
 */
export async function ensureCustomers(store: CustomerStore, target: number, options: GenerationOptions): Promise<Generation> {
  const { db } = store.database;
  const keyId = await store.keyring.activeKeyId();
  const found = await readState(db);
  // Not in the middle of a load: a migration may need the keys and indexes the load drops.
  if (!found || found.deferred.length === 0) await migrate(db);
  let state = found ?? (await startState(db, options.seed, keyId));
  // A new store is digested with today's terms: say so, or a server started on it would re-index it all.
  if (!found) {
    for (const [kind, version] of Object.entries(indexTermsVersion)) {
      await db
        .insertInto('blind_index_terms')
        .values({ kind, version })
        .onConflict((c) => c.column('kind').doNothing())
        .execute();
    }
  }
  if (state.seed !== options.seed) throw new Error(`the store was generated with seed ${state.seed}, not ${options.seed}`);
  if (state.master_key_id !== keyId)
    throw new Error(`the store was generated under master key ${state.master_key_id}; its key file is missing`);
  const generatedNow = state.done < target || state.deferred.length > 0;
  if (state.done < target) {
    if (state.deferred.length === 0) {
      options.log('dropping indexes and constraints for the load');
      const deferred = await dropDeferred(db);
      await sql`UPDATE bench_generation SET deferred = ${JSON.stringify(deferred)}::jsonb`.execute(db);
      state = { ...state, deferred };
    }
    await load(store, state, target, options);
  }
  if (state.deferred.length > 0) {
    const started = performance.now();
    await restoreDeferred(db, state.deferred, options.maintenanceMemory, options.log);
    await sql`UPDATE bench_generation SET deferred = '[]',
        rebuild_seconds = rebuild_seconds + ${(performance.now() - started) / 1000}`.execute(db);
    // Migrations that arrived while the load ran.
    await migrate(db);
  }
  const final = (await readState(db))!;
  return {
    customers: final.done,
    valueRows: final.value_rows,
    indexRows: final.index_rows,
    rows: final.done * 3 + final.value_rows + final.index_rows,
    loadSeconds: Math.round(final.load_seconds),
    rebuildSeconds: Math.round(final.rebuild_seconds),
    databaseBytes: await databaseBytes(db),
    generatedNow,
  };
}
