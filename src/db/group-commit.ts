import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type pg from 'pg';
import { settingsStatement, type Principal } from './principal.ts';
import { noWait, type PreparingClient } from './preparing-client.ts';
import type { Tables } from './tables.ts';
import { withPrincipal, type Tx } from './with-principal.ts';

/**
 * Runs `fn` as `principal` in a transaction it may share with the units of work of concurrent
 * callers: see {@link createGroupCommit}. A unit run this way must touch nothing outside the
 * database, for it may run twice.
 */
export type GroupCommit = <T>(principal: Principal, fn: (trx: Tx) => Promise<T>) => Promise<T>;

export interface GroupCommitOptions {
  /** Shared transactions open at once (each on its own connection, so PostgreSQL works on them in parallel). */
  readonly groups: number;
  /** Units of work one transaction takes at most. */
  readonly maxUnits: number;
}

interface Unit {
  readonly principal: Principal;
  /** Its principal's settings: before the first statement of a unit that follows another unit's, the connection is given them (not waited for). */
  readonly settings: { readonly text: string; readonly values: readonly string[] };
  readonly fn: (trx: Tx) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

const groupRole = `${noWait} SELECT set_config('role', 'caseline_app', true)`;

const currentUnit = new AsyncLocalStorage<Unit>();

class GroupFailed extends Error {}

/** The state of one shared transaction: its connection and whose settings it holds now. */
class Group {
  applied: Unit | null = null;
  readonly client: PreparingClient & pg.PoolClient;
  constructor(client: PreparingClient & pg.PoolClient) {
    this.client = client;
  }

  /** A statement of the group's own (begin, commit, rollback, its role). */
  query(text: string): Promise<pg.QueryResult> {
    return this.client.query(text, []) as Promise<pg.QueryResult>;
  }
}

/** One unit's view of the shared connection: its statements, under its principal's settings. */
class UnitConnection implements DatabaseConnection {
  readonly #group: Group;
  readonly #unit: Unit;
  constructor(group: Group, unit: Unit) {
    this.#group = group;
    this.#unit = unit;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { client } = this.#group;
    if (this.#group.applied !== this.#unit) {
      this.#group.applied = this.#unit;
      void client.query(`${noWait} ${this.#unit.settings.text}`, [...this.#unit.settings.values]);
    }
    return kyselyResult<R>(await client.query(compiled.sql, [...compiled.parameters]));
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('a statement on a shared connection cannot stream');
  }
}

const changingCommands = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** A node-postgres answer as Kysely reads it (as its PostgreSQL driver maps it). */
export function kyselyResult<R>(result: pg.QueryResult): QueryResult<R> {
  const { command, rowCount, rows } = result;
  return {
    numAffectedRows: changingCommands.has(command) ? BigInt(rowCount ?? 0) : undefined,
    rows: (rows ?? []) as R[],
  };
}

/** A Kysely over a driver of ours: PostgreSQL's SQL, another way to reach the connection. */
export function kyselyOver(driver: Driver): Kysely<Tables> {
  return new Kysely<Tables>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

/**
 * The driver of a shared transaction: each unit "acquires" a view of the one connection, and its
 * begin, commit and rollback are the group's, not its own.
 */
class GroupDriver implements Driver {
  readonly #group: Group;
  constructor(group: Group) {
    this.#group = group;
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new UnitConnection(this.#group, currentUnit.getStore()!);
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/**
 * Group commit: the units of work that arrive while earlier ones are being committed share one
 * transaction. Their statements leave together (one socket write and one answer for what
 * several units send in the same turn) and one COMMIT ends them all; on this class of machine a
 * round trip to PostgreSQL costs more of the server's CPU than anything else a new case does.
 *
 * Each unit keeps its own principal (its settings go before its statements), its own statements
 * in order, and its own outcome: if any unit of a group fails, or the group's COMMIT is refused,
 * the whole transaction rolls back and every unit of it runs again alone, in a transaction of its
 * own (withPrincipal), so a failing unit fails alone and the others still commit. A unit may see
 * rows another unit of its group wrote and has not committed; one COMMIT makes them durable together.
 * A connection lost during COMMIT is reported to every unit of the group, as it would be to one.
 * A group holds its units' row locks until its COMMIT, so units that lock rows in differing
 * orders can deadlock two groups; PostgreSQL refuses one of them and its units run again alone.
 */
export function createGroupCommit(db: Kysely<Tables>, pool: pg.Pool, options: GroupCommitOptions): GroupCommit {
  const queue: Unit[] = [];
  let running = 0;

  const alone = (unit: Unit) => withPrincipal(db, unit.principal, unit.fn).then(unit.resolve, unit.reject);

  async function together(units: readonly Unit[]): Promise<void> {
    const client = (await pool.connect()) as PreparingClient & pg.PoolClient;
    const group = new Group(client);
    const unitDb = kyselyOver(new GroupDriver(group));
    let broken: Error | undefined;
    let rerun = false;
    let values: unknown[] = [];
    client.batchWrites(true);
    try {
      void group.query('begin');
      void group.query(groupRole);
      const settled = await Promise.allSettled(
        units.map((unit) => currentUnit.run(unit, () => unitDb.transaction().execute((trx) => unit.fn(trx)))),
      );
      if (settled.some((outcome) => outcome.status === 'rejected')) throw new GroupFailed();
      values = settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value);
      const commit = await group.query('commit');
      // PostgreSQL answers COMMIT with ROLLBACK when a statement not waited for left the transaction aborted.
      if (commit.command === 'ROLLBACK') rerun = true;
    } catch (error) {
      // A refusal from PostgreSQL (it has a SQLSTATE) means nothing was committed; anything else may be a lost connection.
      rerun = error instanceof GroupFailed || typeof (error as { code?: unknown }).code === 'string';
      if (!rerun) broken = error as Error;
      // The rollback's own answer may carry the error of a statement not waited for: only a lost connection breaks it.
      await group.query('rollback').catch((failure: Error & { code?: unknown }) => {
        if (typeof failure.code !== 'string') broken ??= failure;
      });
    } finally {
      client.batchWrites(false);
      client.release(broken);
    }
    if (rerun) await Promise.all(units.map(alone));
    else if (broken) for (const unit of units) unit.reject(broken);
    else units.forEach((unit, i) => unit.resolve(values[i]));
  }

  function pump(): void {
    while (running < options.groups && queue.length > 0) {
      const units = queue.splice(0, options.maxUnits);
      running++;
      (units.length === 1 ? alone(units[0]!) : together(units))
        .catch((error: unknown) => units.forEach((unit) => unit.reject(error)))
        .finally(() => {
          running--;
          pump();
        });
    }
  }

  return <T>(principal: Principal, fn: (trx: Tx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({
        principal,
        settings: settingsStatement(principal),
        fn,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      pump();
    });
}
