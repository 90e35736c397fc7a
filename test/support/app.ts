import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  createStaffAuth,
  createStaffUser,
  loadSigningKey,
  systemPrincipal,
  upsertBusinessArea,
  type StaffRole,
} from '../../src/access/index.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createSecretBox, createVault, openKeyring } from '../../src/crypto/index.ts';
import { withPrincipal, type Database } from '../../src/db/index.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { createServices, type Services } from '../../src/services.ts';
import { testDatabase } from './database.ts';

export interface TestApp {
  readonly app: App;
  readonly database: Database;
  readonly config: Config;
  readonly dataDir: string;
  /** Every line the server logged so far. */
  readonly logs: string[];
  readonly clock: { now: Date };
  /** The services the routes use, for channels a test drives without HTTP (the e-mail intake). */
  readonly services: Services;
  addStaff(username: string, password: string, roles: StaffRole[], areas?: string[]): Promise<string>;
  addArea(id: string): Promise<void>;
  close(): Promise<void>;
}

/** The real app on a fresh database, with a settable clock and a captured log. */
export async function testApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-app-'));
  const config: Config = { ...loadConfig({ CASELINE_DATA: dataDir, CASELINE_LOG_LEVEL: 'info' }), signInRateLimit: 10_000, ...overrides };
  const database = await testDatabase();
  const clock = { now: new Date() };
  const now = () => new Date(clock.now);
  const keyring = await openKeyring({ dataDir, masterKey: null, now });
  const signer = await loadSigningKey(dataDir);
  const staffAuth = createStaffAuth({
    db: database.db,
    statements: database.statements,
    secrets: createSecretBox(keyring),
    clock: now,
    idleMinutes: config.sessionIdleMinutes,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const vault = createVault({ keys: keyring, blindIndex: keyring.blindIndex });
  const services = createServices({ config, vault, keyring, clock: now });
  const app = await buildApp({
    config,
    database,
    staffAuth,
    clock: now,
    publicKey: signer.publicKey,
    logStream,
    vault,
    services,
    keyring,
  });
  await app.ready();
  const cli = systemPrincipal('test');
  const ctx = { requestId: null, clientAddr: null, purpose: 'test set-up' };
  return {
    app,
    database,
    config,
    dataDir,
    logs,
    clock,
    services,
    async addStaff(username, password, roles, areas = []) {
      const user = await withPrincipal(database.db, cli, (trx) =>
        createStaffUser(
          trx,
          cli,
          { username, displayName: username, password, roles, businessAreas: areas, mustChangePassword: false },
          ctx,
          now(),
        ),
      );
      return user.id;
    },
    async addArea(id) {
      await withPrincipal(database.db, cli, (trx) => upsertBusinessArea(trx, cli, { id, name: id, description: '' }, ctx, now()));
    },
    async close() {
      await app.close();
      await database.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
