import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Tables } from './tables.ts';
import { settingsStatement, type Principal } from './principal.ts';
import { noWait } from './preparing-client.ts';

export type Tx = Transaction<Tables>;

/**
 * The database role a unit of work runs as: the audit sealer uses the second; the retention
 * sweep, as the system principal, the third, which bypasses row-level security (0037).
 */
export type DbRole = 'caseline_app' | 'caseline_sealer' | 'caseline_retention';

/**
 * Runs `fn` in one transaction as `principal`: the settings row-level security reads are
 * transaction-local, and the role is neither superuser nor owner, so RLS applies even
 * though the connection may log in as a superuser. Everything commits or nothing does.
 */
export async function withPrincipal<T>(
  db: Kysely<Tables>,
  principal: Principal,
  fn: (trx: Tx) => Promise<T>,
  role: DbRole = 'caseline_app',
): Promise<T> {
  const settings = settingsStatement(principal, role);
  return db.transaction().execute(async (trx) => {
    // One statement for all of it, the role included (the same membership check as SET ROLE,
    // undone at the end of the transaction). Not waited for: it leaves with the unit of work's
    // first statement.
    await trx.executeQuery(CompiledQuery.raw(`${noWait} ${settings.text}`, settings.values));
    return fn(trx);
  });
}
