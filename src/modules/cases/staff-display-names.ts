import { sql } from 'kysely';
import type { Tx } from '../../db/index.ts';

/**
 * The names staff know each other by, for the given staff ids; an id without one is absent.
 * Runs `SELECT id, display_name FROM caseline.staff_display_names($1::uuid[])`.
 */
export async function staffDisplayNames(trx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const named = await sql<{ id: string; display_name: string }>`
    SELECT id, display_name FROM caseline.staff_display_names(${ids}::uuid[])`.execute(trx);
  return new Map(named.rows.map((r) => [r.id, r.display_name]));
}
