import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carrying, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { installErrorHandler } from '../src/http/error-handler.ts';
import { portalUnit } from '../src/http/portal-auth.ts';
import { testDatabase } from './support/database.ts';

// The seed-004 mutation: a portal read whose filter on the customer was lost in a change. Each
// of the two independent layers must stop the leak on its own: row-level security (the
// database answers only the session customer's rows), and, with row-level security switched
// off for the table, the egress guard (the response carries another subject's rows and is
// withheld). The broken read stands in for any portal query: it selects every case.

let database: Database;
let app: FastifyInstance;
const customers = [randomUUID(), randomUUID(), randomUUID()];
const [me] = customers as [string, string, string];
const caseNumber = (subject: string) => `C-2026-${subject.slice(0, 6)}`;
const alerts: unknown[] = [];

async function seed(): Promise<void> {
  await withPrincipal(database.db, systemPrincipal('test'), async (trx) => {
    for (const subject of customers) {
      await trx
        .insertInto('data_subjects')
        .values({
          id: subject,
          kind: 'person',
          business_area: null,
          record_type: 'usps-880/customer',
          created_at: new Date(),
          dispose_after: null,
        })
        .execute();
      await sql`INSERT INTO cases (id, number, subject_id, customer_id, business_area, record_type, channel, priority, status, title_ct, created_at, updated_at)
                VALUES (${randomUUID()}, ${caseNumber(subject)}, ${subject}, NULL, NULL, 'usps-880/usps-com-care', 'web', 'normal', 'new', ${Buffer.from('x')}, now(), now())`.execute(
        trx,
      );
    }
  });
}

beforeAll(async () => {
  database = await testDatabase();
  await seed();
  app = Fastify();
  installErrorHandler(app);
  app.decorateRequest('portal', null);
  app.decorateRequest('egressChecked', false);
  app.addHook('onRequest', async (request) => {
    request.portal = { sessionId: randomUUID(), accountId: randomUUID(), subjectId: me, csrfToken: 'x', stage: 'full', linked: true };
  });
  const deps = { database, clock: () => new Date(), alert: (event: unknown) => void alerts.push(event) };
  app.get('/broken-cases', async (request) =>
    portalUnit(deps, request, async (trx) => {
      // The bug under test: no WHERE customer_id = the session's customer.
      const rows = await trx.selectFrom('cases').select(['number', 'subject_id']).execute();
      return rows.map((row) => carrying(row.subject_id, { number: row.number }));
    }),
  );
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Runs as the table owner: switches the cases table's row-level security off or on again. */
async function rowLevelSecurity(on: boolean): Promise<void> {
  await sql.raw(on ? 'ALTER TABLE cases ENABLE ROW LEVEL SECURITY' : 'ALTER TABLE cases DISABLE ROW LEVEL SECURITY').execute(database.db);
}

describe('a portal query that lost its customer filter', () => {
  it('leaks nothing with row-level security alone: the database answers only the customer’s own rows', async () => {
    const response = await app.inject({ method: 'GET', url: '/broken-cases' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual([{ number: caseNumber(me) }]);
    for (const other of customers.slice(1)) expect(response.body).not.toContain(caseNumber(other));
  });

  it('leaks nothing with the egress guard alone: with row-level security off, the response is withheld', async () => {
    await rowLevelSecurity(false);
    try {
      // The layer really is off: the broken read now sees every customer's case.
      const seen = await withPrincipal(database.db, { kind: 'customer', id: me, subjectId: me, grants: ['record.read:own'] }, (trx) =>
        trx.selectFrom('cases').select('number').execute(),
      );
      expect(seen).toHaveLength(customers.length);
      const before = alerts.length;
      const response = await app.inject({ method: 'GET', url: '/broken-cases' });
      expect(response.statusCode).toBe(500);
      for (const other of customers.slice(1)) expect(response.body).not.toContain(caseNumber(other));
      expect(alerts.length).toBe(before + 1);
      const blocked = await withPrincipal(database.db, systemPrincipal('test'), (trx) =>
        trx.selectFrom('audit_log').selectAll().where('action', '=', 'portal.egress_blocked').execute(),
      );
      expect(blocked.at(-1)!.subjects.sort()).toEqual(customers.slice(1).sort());
    } finally {
      await rowLevelSecurity(true);
    }
  });
});
