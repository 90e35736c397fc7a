import fs from 'node:fs/promises';
import type { Config } from './config.ts';
import { createStaffAuth, loadSigningKey, type AuditSigner, type StaffAuth } from './access/index.ts';
import { createSecretBox, createVault, openKeyring, type LocalKeyring, type Vault } from './crypto/index.ts';
import { migrate, migrationStatus, openDatabase, type Database } from './db/index.ts';
import { refreshIndexTerms } from './modules/customers/index.ts';

/** Everything a command or the server needs, opened once from the configuration. */
export interface Runtime {
  readonly config: Config;
  readonly database: Database;
  readonly keyring: LocalKeyring;
  readonly vault: Vault;
  readonly signer: AuditSigner;
  readonly staffAuth: StaffAuth;
  readonly clock: () => Date;
  close(): Promise<void>;
}

export class NotMigrated extends Error {}

export async function openRuntime(config: Config, options: { migrate: boolean }): Promise<Runtime> {
  await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const clock = () => new Date();
  // Keys first: a key file readable by others refuses the start before any data is touched.
  const keyring = await openKeyring({ dataDir: config.dataDir, masterKey: config.masterKey, now: clock });
  const signer = await loadSigningKey(config.dataDir);
  const database = await openDatabase(
    config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir },
  );
  const vault = createVault({ keys: keyring, blindIndex: keyring.blindIndex });
  try {
    if (options.migrate) {
      await migrate(database.db);
      // Values indexed before a change of their kind's terms would not be found by the new queries.
      await refreshIndexTerms(database, vault, clock);
    } else {
      const status = await migrationStatus(database.db);
      if (status.pending.length > 0) throw new NotMigrated(`${status.pending.length} migrations pending: run \`caseline migrate\` first`);
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const staffAuth = createStaffAuth({
    db: database.db,
    statements: database.statements,
    secrets: createSecretBox(keyring),
    clock,
    idleMinutes: config.sessionIdleMinutes,
  });
  return { config, database, keyring, vault, signer, staffAuth, clock, close: () => database.close() };
}
