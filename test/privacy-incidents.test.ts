import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, staffPrincipal, systemPrincipal, upsertBusinessArea } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import { createCaseService } from '../src/modules/cases/index.ts';
import { createCustomerService, type CustomerService } from '../src/modules/customers/index.ts';
import { createMailOutbox } from '../src/modules/mail-out/index.ts';
import {
  cisaClock,
  createIncidentService,
  IncidentConflict,
  InvalidIncidentField,
  noticeSections,
  type IncidentService,
} from '../src/modules/privacy/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let customers: CustomerService;
let incidents: IncidentService;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'incident test' };
const now = new Date('2026-11-25T15:00:00Z');
const windowStart = new Date('2026-11-25T12:00:00Z');
const windowEnd = new Date('2026-11-25T14:00:00Z');
const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);
const officer = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000c3', roles: ['privacy_officer'], areas: [], mfaPassed: true });
const auditor = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000d4', roles: ['auditor'], areas: [], mfaPassed: true });
const agent = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000a1', roles: ['agent'], areas: ['trademarks'], mfaPassed: true });
const staffOne = '00000000-0000-4000-8000-0000000000e1';
const staffTwo = '00000000-0000-4000-8000-0000000000e2';
const portalRoute = 'GET /portal/api/cases/:id';
const suspectRoute = 'GET /api/customers/:id';
const address = { lines: '12 Orchard Row', city: 'Dayton', state: 'OH', zip: '45402' };

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);

/** The people of the scenario, by role in it; the canaries must never be listed. */
const people: Record<string, string> = {};

async function person(key: string, fixture: Parameters<typeof personInput>[0], byEmail = false) {
  const input = personInput(fixture);
  const values = byEmail ? [...input.values, { field: 'preferred_contact' as const, value: 'email' }] : input.values;
  const created = await as(system, (trx) => customers.create(trx, system, { ...input, values }, ctx, now));
  people[key] = created.id;
}

/** An audit entry as the portal and the staff routes write it, inserted as the database owner. */
async function entry(e: {
  at: Date;
  actorKind: 'customer' | 'staff' | 'system';
  actorId: string;
  actorRole: string;
  action: string;
  subjects: string[];
  outcome?: 'ok' | 'denied';
  recordType?: string | null;
  recordId?: string | null;
  purpose?: string;
  detail: Record<string, unknown>;
}) {
  await database.db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor_kind: e.actorKind,
      actor_id: e.actorId,
      actor_role: e.actorRole,
      action: e.action,
      record_type: e.recordType ?? null,
      record_id: e.recordId ?? null,
      subjects: e.subjects,
      purpose: e.purpose ?? 'test',
      outcome: e.outcome ?? 'ok',
      detail: JSON.stringify(e.detail),
    })
    .execute();
}

const portalResponse = (at: Date, customer: string, session: string, subjects: string[]) =>
  entry({
    at,
    actorKind: 'customer',
    actorId: customer,
    actorRole: 'customer',
    action: 'portal.response',
    subjects,
    detail: { session, route: portalRoute, status: 200 },
  });

const staffRead = (at: Date, staff: string, role: string, subject: string, route: string | null = null, purpose = 'test') =>
  entry({
    purpose,
    at,
    actorKind: 'staff',
    actorId: staff,
    actorRole: role,
    action: 'read',
    subjects: [subject],
    recordType: 'usps-880/inquiry',
    recordId: randomUUID(),
    detail: route ? { route } : {},
  });

const areasGranted = (at: Date, staff: string, areas: string) =>
  entry({
    at,
    actorKind: 'system',
    actorId: 'system:cli',
    actorRole: 'system',
    action: 'permission_change',
    subjects: [],
    recordType: 'staff_user',
    recordId: staff,
    detail: { change: 'user_updated', areas },
  });

async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text;
}

const sessionOfB = randomUUID();
const sessionOfC = randomUUID();

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  customers = createCustomerService(keys.vault);
  const cases = createCaseService(keys.vault, {
    mailer: createMailOutbox(keys.vault, { from: 'Privacy Office <privacy@agency.example>' }),
  });
  incidents = createIncidentService({
    customers,
    cases,
    letterhead: { name: 'Office of the Consumer Advocate', address: ['475 LENFANT PLZ SW', 'WASHINGTON DC 20260-0004'], fax: null },
  });
  for (const id of ['trademarks', 'patents'])
    await as(system, (trx) => upsertBusinessArea(trx, system, { id, name: id, description: '' }, ctx, now));

  await person('a', { name: 'Araminta Quist', email: 'araminta@example.org', address }, true);
  await person('b', { name: 'Bartholomew Nkemelu', address });
  await person('p', { name: 'Perpetua Vandermolen', address, businessArea: 'patents' });
  await person('r', { name: 'Rosalind Okonjo-Baptiste' });
  await person('s', { name: 'Septimus Ravenscroft' });
  await person('canaryOwn', { name: 'Cuthbert Own-Session' });
  await person('canaryBlocked', { name: 'Delphine Blocked-Egress' });
  await person('canaryBefore', { name: 'Evander Before-Window' });
  await person('canaryInArea', { name: 'Fenella In-Area', businessArea: 'trademarks' });
  await person('canaryOffice', { name: 'Gwendolyn Privacy-Office', businessArea: 'patents' });
  await person('canaryLater', { name: 'Horatio Granted-Later', businessArea: 'patents' });

  // Staff one works trademarks; patents is added to their areas at 13:30.
  await areasGranted(minutes(windowStart, -600), staffOne, 'trademarks');
  await areasGranted(minutes(windowStart, 90), staffOne, 'trademarks,patents');
  await areasGranted(minutes(windowStart, -600), staffTwo, 'patents');

  // A's case went to B's session: the defect.
  await portalResponse(minutes(windowStart, 10), people.b!, sessionOfB, [people.b!, people.a!]);
  await portalResponse(minutes(windowStart, 50), people.b!, sessionOfB, [people.a!]);
  // Own data to own session.
  await portalResponse(minutes(windowStart, 20), people.canaryOwn!, sessionOfC, [people.canaryOwn!]);
  // Stopped by the egress guard: nothing left.
  await entry({
    at: minutes(windowStart, 25),
    actorKind: 'system',
    actorId: 'system:portal-egress-guard',
    actorRole: 'system',
    action: 'portal.egress_blocked',
    subjects: [people.canaryBlocked!],
    outcome: 'denied',
    detail: { session: sessionOfC, route: portalRoute, customer: people.canaryOwn! },
  });
  // Before the window.
  await portalResponse(minutes(windowStart, -5), people.b!, sessionOfB, [people.canaryBefore!]);
  // Staff one reads a patents record while holding trademarks only: without need-to-know.
  await staffRead(minutes(windowStart, 30), staffOne, 'agent', people.p!);
  await staffRead(minutes(windowStart, 35), staffOne, 'agent', people.canaryInArea!);
  await staffRead(minutes(windowStart, 40), officer.id, 'privacy_officer', people.canaryOffice!);
  // After patents was granted, the same kind of read is their work.
  await staffRead(minutes(windowStart, 100), staffOne, 'agent', people.canaryLater!);
  // A shared record read on a suspected route.
  await staffRead(minutes(windowStart, 45), staffTwo, 'agent', people.r!, suspectRoute);
  // The same route named by the entry's purpose (a route that declares none).
  await staffRead(minutes(windowStart, 47), staffTwo, 'agent', people.s!, null, suspectRoute);
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const declaration = {
  title: 'Portal case page showed another customer’s case',
  description: 'The case page of the portal answered with cases of other customers after release 4.2.',
  windowStart,
  windowEnd,
  suspectedRoutes: [suspectRoute],
  suspectedRelease: '4.2.0',
  discoveredAt: minutes(windowEnd, 10),
};

describe('privacy incidents', () => {
  it('lists exactly the people whose data went to another session or to staff without need-to-know', async () => {
    const declared = await as(officer, (trx) => incidents.declare(trx, officer, declaration, ctx, now));
    expect(declared.incident.number).toMatch(/^PI-2026-\d{6}$/);
    expect(declared.incident).toMatchObject({ status: 'open', affectedCount: 4, blockedResponses: 1 });
    expect(declared.affected.map((a) => a.subjectId)).toEqual([people.a, people.p, people.r, people.s]);
    const listed = new Set(declared.affected.map((a) => a.subjectId));
    for (const canary of ['b', 'canaryOwn', 'canaryBlocked', 'canaryBefore', 'canaryInArea', 'canaryOffice', 'canaryLater'])
      expect(listed.has(people[canary]!), canary).toBe(false);

    const [a, p, r, s] = declared.affected;
    expect(a).toMatchObject({
      recipients: [`portal-session:${sessionOfB}`],
      routes: [portalRoute],
      responses: 2,
      firstExposedAt: minutes(windowStart, 10),
      lastExposedAt: minutes(windowStart, 50),
    });
    expect(p).toMatchObject({ recipients: [`staff:${staffOne}`], recordTypes: ['usps-880/inquiry'], businessArea: 'patents' });
    expect(p!.fieldClasses).toEqual(expect.arrayContaining(['content', 'identifier']));
    expect(r).toMatchObject({ recipients: [`staff:${staffTwo}`], routes: [suspectRoute] });
    expect(s).toMatchObject({ recipients: [`staff:${staffTwo}`], routes: [suspectRoute] });
    // Ids, catalog names and times only: no value of anyone's record.
    expect(JSON.stringify(declared.affected)).not.toMatch(/Araminta|Orchard|example\.org/);
  });

  it('refuses a window that ends before it starts, and lets only the privacy office declare', async () => {
    await expect(
      as(officer, (trx) => incidents.declare(trx, officer, { ...declaration, windowEnd: minutes(windowStart, -1) }, ctx, now)),
    ).rejects.toMatchObject({ name: 'InvalidIncidentField', field: 'windowEnd' });
    await expect(as(agent, (trx) => incidents.declare(trx, agent, declaration, ctx, now))).rejects.toBeInstanceOf(AccessDenied);
    await expect(as(auditor, (trx) => incidents.declare(trx, auditor, declaration, ctx, now))).rejects.toBeInstanceOf(AccessDenied);
    const seen = await as(auditor, (trx) => incidents.list(trx, auditor, {}, ctx, now));
    expect(seen.length).toBeGreaterThan(0);
    await expect(as(agent, (trx) => incidents.list(trx, agent, {}, ctx, now))).rejects.toBeInstanceOf(AccessDenied);
  });

  it('runs the one-hour CISA clock from confirmation, and keeps the steps in order', async () => {
    const { incident } = await as(officer, (trx) => incidents.declare(trx, officer, declaration, ctx, now));
    await expect(
      as(officer, (trx) => incidents.recordStep(trx, officer, incident.id, 'reported_to_cisa', null, ctx, now)),
    ).rejects.toBeInstanceOf(IncidentConflict);
    const confirmedAt = minutes(now, -30);
    const confirmed = await as(officer, (trx) => incidents.recordStep(trx, officer, incident.id, 'confirmed', confirmedAt, ctx, now));
    expect(confirmed.incident).toMatchObject({ status: 'confirmed', cisaClock: { status: 'running', secondsLeft: 1800 } });
    expect(confirmed.incident.cisaClock.deadline).toEqual(minutes(confirmedAt, 60));
    const later = await as(officer, (trx) => incidents.get(trx, officer, incident.id, ctx, minutes(now, 31)));
    expect(later.incident.cisaClock).toMatchObject({ status: 'overdue', secondsLeft: -60 });
    await expect(as(officer, (trx) => incidents.recordStep(trx, officer, incident.id, 'confirmed', null, ctx, now))).rejects.toBeInstanceOf(
      IncidentConflict,
    );
    await expect(
      as(officer, (trx) => incidents.recordStep(trx, officer, incident.id, 'contained', minutes(now, 5), ctx, now)),
    ).rejects.toBeInstanceOf(InvalidIncidentField);
    const reported = await as(officer, (trx) => incidents.recordStep(trx, officer, incident.id, 'reported_to_cisa', null, ctx, now));
    expect(reported.incident.cisaClock).toMatchObject({ status: 'met', secondsLeft: null });
    expect(cisaClock({ confirmedAt, reportedToCisaAt: minutes(confirmedAt, 61) }, now).status).toBe('late');
    const events = await as(officer, (trx) => incidents.events(trx, officer, incident.id, ctx, now));
    expect(events.map((e) => e.kind)).toEqual(['declared', 'radius_computed', 'confirmed', 'reported_to_cisa']);
  });

  it('prints the notification letters with every section M-17-12 asks for, in bulk and per person', async () => {
    const { incident } = await as(officer, (trx) => incidents.declare(trx, officer, declaration, ctx, now));
    await as(officer, (trx) => incidents.recordStep(trx, officer, incident.id, 'contained', minutes(windowEnd, 20), ctx, now));
    const bulk = await pdfText(await as(officer, (trx) => incidents.letters(trx, officer, incident.id, null, ctx, now)));
    for (const heading of noticeSections) expect(bulk, heading).toContain(heading);
    expect(bulk).toContain(incident.number);
    expect(bulk).toContain('ARAMINTA QUIST');
    expect(bulk).toContain('PERPETUA VANDERMOLEN');
    expect(bulk).toContain('another customer signed in');
    expect(bulk).toContain('whose work did not require it');
    expect(bulk).toContain('IdentityTheft.gov');
    // R has no mailing address on record: no letter in the mailing, and theirs alone is refused.
    expect(bulk).not.toContain('ROSALIND');
    await expect(as(officer, (trx) => incidents.letters(trx, officer, incident.id, people.r!, ctx, now))).rejects.toBeInstanceOf(
      IncidentConflict,
    );
    const one = await pdfText(await as(officer, (trx) => incidents.letters(trx, officer, incident.id, people.a!, ctx, now)));
    expect(one).toContain('ARAMINTA QUIST');
    expect(one).not.toContain('PERPETUA');
    const after = await as(officer, (trx) => incidents.get(trx, officer, incident.id, ctx, now));
    expect(after.affected.filter((x) => x.letterGeneratedAt !== null).map((x) => x.subjectId)).toEqual([people.a, people.p]);
  });

  it('queues e-mail only to people who chose e-mail, once, through the case outbox, and keeps them on a recomputed list', async () => {
    const { incident } = await as(officer, (trx) => incidents.declare(trx, officer, declaration, ctx, now));
    await expect(as(officer, (trx) => incidents.queueEmails(trx, officer, incident.id, ctx, now))).rejects.toBeInstanceOf(IncidentConflict);
    await as(officer, (trx) => incidents.recordStep(trx, officer, incident.id, 'confirmed', null, ctx, now));
    expect(await as(officer, (trx) => incidents.queueEmails(trx, officer, incident.id, ctx, now))).toEqual({
      queued: 1,
      alreadyQueued: 0,
      notByEmail: 3,
    });
    expect(await as(officer, (trx) => incidents.queueEmails(trx, officer, incident.id, ctx, now))).toEqual({
      queued: 0,
      alreadyQueued: 1,
      notByEmail: 3,
    });
    const detail = await as(officer, (trx) => incidents.get(trx, officer, incident.id, ctx, now));
    const a = detail.affected.find((x) => x.subjectId === people.a)!;
    expect(a.emailQueuedAt).toEqual(now);
    const outbox = await as(system, (trx) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM mail_outbox WHERE case_id = ${a.noticeCaseId} AND status = 'queued'`.execute(trx),
    );
    expect(outbox.rows[0]!.n).toBe(1);

    const radius = await as(officer, (trx) => incidents.computeBlastRadius(trx, officer, incident.id, ctx, now));
    expect(radius).toEqual({ affected: 4, removed: 0, blockedResponses: 1 });
    expect(
      (await as(officer, (trx) => incidents.get(trx, officer, incident.id, ctx, now))).affected.find((x) => x.subjectId === people.a),
    ).toMatchObject({ emailQueuedAt: now, noticeCaseId: a.noticeCaseId });
  });
});
