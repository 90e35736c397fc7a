export { openDatabase, EngineLocked, type Database, type EngineKind, type EngineOptions } from './engine.ts';
export { migrate, migrationStatus, loadMigrations, MigrationError, type Migration, type MigrationStatus } from './migrate.ts';
export { withPrincipal, type Tx, type DbRole } from './with-principal.ts';
export { noWait } from './preparing-client.ts';
export type { GroupCommit } from './group-commit.ts';
export { withBulkSession, type BulkSession } from './bulk-session.ts';
export { insertTogether, type PendingInsert } from './insert-together.ts';
export type { Principal, StaffPrincipal, CustomerPrincipal, SystemPrincipal } from './principal.ts';
export type * from './tables.ts';
