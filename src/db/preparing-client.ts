import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * How many statements one connection keeps prepared. The hot paths use a few dozen; texts
 * that vary with their input (IN lists, multi-row inserts) would otherwise pile up on the
 * server for the life of the connection, so past the bound statements run unnamed.
 */
export const preparedPerConnection = 256;

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

/**
 * A node-postgres client that prepares every parameterised statement under a name derived
 * from its text, so PostgreSQL plans it once per connection instead of on every execution.
 * Planning was the larger part of the server's time on the write paths: row-level security
 * expands every policy into the plan, about half a millisecond for a case's one INSERT.
 * Plans stay correct: they are cached per role and replanned when a table changes, and the
 * policies read the principal's settings at execution time.
 */
export class PreparingClient extends pg.Client {
  readonly #prepared = new Set<string>();

  override query(...args: unknown[]): never {
    const [text, values, ...rest] = args;
    const forward = super.query as (...a: unknown[]) => never;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return forward.apply(this, args);
    const name = statementName(text);
    if (!this.#prepared.has(name)) {
      if (this.#prepared.size >= preparedPerConnection) return forward.apply(this, args);
      this.#prepared.add(name);
    }
    return forward.call(this, { name, text, values }, ...rest);
  }
}
