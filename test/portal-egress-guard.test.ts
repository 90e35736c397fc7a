import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carrying, customerPrincipal, foreignSubjects, subjectsCarried, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { installErrorHandler } from '../src/http/error-handler.ts';
import { portalUnit } from '../src/http/portal-auth.ts';
import { testDatabase } from './support/database.ts';

let database: Database;
let app: FastifyInstance;
const alerts: { requestId: string; route: string; foreign: number }[] = [];
const own = randomUUID();
const other = randomUUID();
const canary = `canary-${randomUUID()}`;

beforeAll(async () => {
  database = await testDatabase();
  app = Fastify();
  installErrorHandler(app);
  app.decorateRequest('portal', null);
  app.decorateRequest('egressChecked', false);
  // The session a real portal request gets from its cookie, fixed here: the guard is under test, not the sign-in.
  app.addHook('onRequest', async (request) => {
    request.portal = { sessionId: randomUUID(), accountId: randomUUID(), subjectId: own, csrfToken: 'x', stage: 'full', linked: true };
  });
  const deps = { database, clock: () => new Date(), alert: (event: (typeof alerts)[number]) => void alerts.push(event) };
  app.get('/own', async (request) =>
    portalUnit(deps, request, async () => [carrying(own, { title: 'my parcel', messages: [carrying(own, { body: 'hello' })] })]),
  );
  // A broken query's result: the second record is another customer's.
  app.get('/leak', async (request) =>
    portalUnit(deps, request, async () => ({
      cases: [carrying(own, { title: 'my parcel' }), carrying(other, { title: canary })],
    })),
  );
  app.get('/deep-leak', async (request) =>
    portalUnit(deps, request, async () => carrying(own, { title: 'my parcel', thread: { messages: [carrying(other, { body: canary })] } })),
  );
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const entries = (action: string) =>
  withPrincipal(database.db, systemPrincipal('test'), (trx) =>
    trx.selectFrom('audit_log').selectAll().where('action', '=', action).execute(),
  );

describe('the portal egress guard', () => {
  it('lets a response of the session’s own records leave and records what it carried', async () => {
    const response = await app.inject({ method: 'GET', url: '/own' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([{ title: 'my parcel', messages: [{ body: 'hello' }] }]);
    const logged = (await entries('portal.response')).filter((e) => e.actor_id === own);
    expect(logged.at(-1)).toMatchObject({ actor_kind: 'customer', actor_id: own, subjects: [own], outcome: 'ok' });
  });

  for (const url of ['/leak', '/deep-leak'])
    it(`withholds a response carrying another customer's record (${url}), logs the incident and raises the alarm`, async () => {
      const before = { responses: (await entries('portal.response')).length, alerts: alerts.length };
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toContain(canary);
      expect(response.body).not.toContain(other);
      expect(response.json().title).toBe('Response withheld');
      const blocked = (await entries('portal.egress_blocked')).filter((e) => (e.detail as { route: string }).route === `GET ${url}`);
      expect(blocked).toHaveLength(1);
      expect(blocked[0]).toMatchObject({ actor_kind: 'system', subjects: [other], outcome: 'denied' });
      expect(blocked[0]!.detail).toMatchObject({ customer: own });
      expect((await entries('portal.response')).length).toBe(before.responses);
      expect(alerts.length).toBe(before.alerts + 1);
      expect(alerts.at(-1)).toMatchObject({ route: `GET ${url}`, foreign: 1 });
    });
});

describe('what the guard sees', () => {
  type Tree = { subject: 'own' | 'other' | null; children: Tree[] };
  const tree: fc.Memo<Tree> = fc.memo((depth) =>
    fc.record({
      subject: fc.constantFrom<'own' | 'other' | null>('own', 'other', null),
      children: depth > 1 ? fc.array(tree(depth - 1), { maxLength: 4 }) : fc.constant([]),
    }),
  );
  const build = (node: Tree): object => {
    const view = { n: 1, children: node.children.map(build), at: new Date(0) };
    return node.subject === null ? view : carrying(node.subject === 'own' ? own : other, view);
  };
  const hasOther = (node: Tree): boolean => node.subject === 'other' || node.children.some(hasOther);

  it('finds a foreign record however deep it sits, and only then', () => {
    fc.assert(
      fc.property(tree(5), (root) => {
        const foreign = foreignSubjects(customerPrincipal(own), subjectsCarried(build(root)));
        expect(foreign.length > 0).toBe(hasOther(root));
        if (foreign.length > 0) expect(foreign).toEqual([other]);
      }),
    );
  });

  it('leaves the mark out of the JSON', () => {
    expect(JSON.stringify(carrying(own, { a: 1 }))).toBe('{"a":1}');
  });
});
