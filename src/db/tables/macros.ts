// Kysely row types of this module's tables (src/db/tables.ts merges them into Tables; the module's migration creates them).
export interface MacroTables {}
