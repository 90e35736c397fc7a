// Kysely row types of this module's tables (src/db/tables.ts merges them into Tables; the module's migration creates them).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Migration 0013_macros: reply templates with canned case actions. */
export interface MacrosTable {
  id: string;
  name: string;
  body: string;
  business_area: string | null;
  /** Written as JSON text, read back as an object. */
  actions: ColumnType<Record<string, unknown>, string, string>;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface MacroTables {
  macros: MacrosTable;
}
