import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * How many statements one connection keeps prepared. The hot paths use a few dozen; texts
 * that vary with their input (IN lists, multi-row inserts) would otherwise pile up on the
 * server for the life of the connection, so past the bound statements run unnamed.
 */
export const preparedPerConnection = 256;

/**
 * Starts a statement whose answer its caller never reads (a transaction's settings, a table
 * lock): on the PostgreSQL server it is written without waiting for the answer, together with
 * the next statement that is waited for. Its error, if any, is that statement's error.
 */
export const noWait = '/* no-wait */';

// Names of the texts seen, shared by every connection: the hot paths send the same few dozen
// texts thousands of times a second, and hashing each one again would be the same work.
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `c${createHash('sha256').update(text).digest('base64url').slice(0, 40)}`;
    // Texts that vary with their input would grow it without end: past the bound, start over.
    if (names.size >= 4 * preparedPerConnection) names.clear();
    names.set(text, name);
  }
  return name;
}

// What a statement that was not waited for answers: nobody reads it (Kysely looks at `rows` and `command`).
const unread = Object.freeze({ command: '', rowCount: null, oid: 0, rows: [], fields: [] });

type Forward = (...a: unknown[]) => Promise<pg.QueryResult>;

/**
 * A node-postgres client for the PostgreSQL server that saves the two costs a unit of work
 * pays per statement.
 *
 * Planning: every parameterised statement is prepared under a name derived from its text, so
 * PostgreSQL plans it once per connection instead of on every execution (row-level security
 * expands every policy into the plan, about half a millisecond for a case's one INSERT).
 * Plans stay correct: they are cached per role and replanned when a table changes, and the
 * policies read the principal's settings at execution time.
 *
 * Round trips: `begin` and statements marked with {@link noWait} go out in pipeline mode and
 * are not waited for; they leave in one socket write with the next statement that is. On this
 * class of machine a write to PostgreSQL's socket costs more CPU than anything else a request
 * does (a third of the server's thread when opening cases), and a transaction's `begin`, its
 * principal's settings and its first read become one write instead of three.
 */
export class PreparingClient extends pg.Client {
  readonly #prepared = new Set<string>();
  #corked = false;
  #batching = false;
  // Statements sent without waiting since the last one waited for; their first error.
  #unwaited = false;
  #unwaitedError: Error | null = null;

  constructor(config?: pg.ClientConfig) {
    super({ ...config, pipeline: true } as pg.ClientConfig);
  }

  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && args.length <= 2 && (text === 'begin' || text.startsWith(noWait))) {
      return this.#sendWithoutWaiting(text, Array.isArray(values) ? values : []) as never;
    }
    if (this.#batching) this.#corkForThisTurn();
    const answer = this.#send(args);
    if (!this.#batching) this.#flush();
    if (!this.#unwaited || !(answer instanceof Promise)) return answer as never;
    this.#unwaited = false;
    return answer.then(
      (result) => {
        this.#raiseUnwaitedError();
        return result;
      },
      (error: unknown) => {
        this.#raiseUnwaitedError();
        throw error;
      },
    ) as never;
  }

  #send(args: unknown[]): unknown {
    const [text, values, ...rest] = args;
    const forward = super.query as Forward;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return forward.apply(this, args);
    const name = statementName(text);
    if (!this.#prepared.has(name)) {
      if (this.#prepared.size >= preparedPerConnection) return forward.apply(this, args);
      this.#prepared.add(name);
    }
    return forward.call(this, { name, text, values }, ...rest);
  }

  /**
   * While on, a statement that is waited for does not leave at once either: all that is sent in
   * one turn of the event loop leaves in one write. For a connection that carries the concurrent
   * units of work of a shared transaction (group-commit.ts), whose statements come from many
   * callers in the same turn.
   */
  batchWrites(on: boolean): void {
    this.#batching = on;
    if (!on) this.#flush();
  }

  #sendWithoutWaiting(text: string, values: unknown[]): Promise<pg.QueryResult> {
    this.#corkForThisTurn();
    this.#unwaited = true;
    // A callback, not a promise: it runs as the answer is read, before the next statement's.
    this.#send([text, values, (error: Error | null) => (this.#unwaitedError ??= error)]);
    return Promise.resolve(unread as unknown as pg.QueryResult);
  }

  #corkForThisTurn(): void {
    if (this.#corked) return;
    this.#corked = true;
    this.connection.stream.cork();
    // Normally the statement waited for flushes the write; this is for a caller that awaits I/O first.
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.connection.stream.uncork();
  }

  #raiseUnwaitedError(): void {
    const error = this.#unwaitedError;
    this.#unwaitedError = null;
    if (error) throw error;
  }
}
