import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { indexTermsVersion } from '../src/crypto/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import {
  createCustomerFinder,
  createCustomerService,
  customerFields,
  fieldsIndexedAs,
  refreshIndexTerms,
  type CustomerSearch,
} from '../src/modules/customers/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'index refresh test' };
const now = new Date('2026-11-25T10:00:00Z');

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const as = <T>(principal: Principal, fn: (trx: Parameters<Parameters<typeof withPrincipal<T>>[2]>[0]) => Promise<T>) =>
  withPrincipal(database.db, principal, fn);

describe('refreshing index terms after they changed', () => {
  it('re-digests stored names once, so full-name queries find customers indexed before the change', async () => {
    const customers = createCustomerService(keys.vault);
    const finder = createCustomerFinder(keys.vault);
    const search = (query: CustomerSearch) =>
      as(system, async (trx) => (await finder.search(trx, system, query, ctx, now)).map((c) => c.id));
    const created = await as(system, (trx) => customers.create(trx, system, personInput({ name: 'Octavian Merriweather' }), ctx, now));
    const other = await as(system, (trx) => customers.create(trx, system, personInput({ name: 'Octavia Blackwood' }), ctx, now));
    expect(await search({ name: 'Octavian Merriweather' })).toEqual([created.id]);

    // A database from before pair terms: name digests of version 1 only, and that version recorded.
    const before = await database.db
      .selectFrom('blind_index')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('kind', '=', 'name')
      .executeTakeFirstOrThrow();
    await sql`DELETE FROM blind_index WHERE kind = 'name'`.execute(database.db);
    await database.db.insertInto('blind_index_terms').values({ kind: 'name', version: 1 }).execute();
    expect(await search({ name: 'Octavian Merriweather' })).toEqual([]);

    const refreshed = await refreshIndexTerms(database, keys.vault, () => now);
    expect(refreshed).toEqual([{ kind: 'name', from: 1, to: indexTermsVersion.name, values: 2 }]);
    expect(await search({ name: 'Octavian Merriweather' })).toEqual([created.id]);
    expect(await search({ name: 'Merriweather' })).toEqual([created.id]);
    expect(await search({ name: 'Blackwood Octavia' })).toEqual([other.id]);
    const after = await database.db
      .selectFrom('blind_index')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('kind', '=', 'name')
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    // Recorded: the next start does nothing.
    expect(await refreshIndexTerms(database, keys.vault, () => now)).toEqual([]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['subjects', 'detail'])
      .where('actor_id', '=', 'system:index-refresh')
      .execute();
    expect(audit).toEqual([{ subjects: expect.arrayContaining([created.id, other.id]), detail: { reindex: 'name' } }]);
  });

  it('lists only fields whose stored value parses back into an index entry of that kind', () => {
    for (const [kind, fields] of Object.entries(fieldsIndexedAs)) {
      for (const field of fields!) {
        const parsed = customerFields[field].parse('Ada Lovelace', null);
        expect(customerFields[field].parse(parsed.stored, null).index.map((e) => e.kind)).toContain(kind);
      }
    }
  });
});
