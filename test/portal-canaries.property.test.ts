import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';

// Seed 004 as a property: many customers, each with values no one else has (canaries), signed
// in at once; whatever the portal is asked, by whom and in whatever interleaving, no answer
// carries another customer's canary.

const count = 6;
const password = 'a long and private passphrase';
interface Person {
  readonly canary: string;
  readonly surname: string;
  readonly zip: string;
  readonly ssn: string;
  portal?: PortalBrowser;
  caseId?: string;
  attachmentId?: string;
}
const people: Person[] = Array.from({ length: count }, (_, i) => ({
  canary: `canary${i}x${randomUUID().slice(0, 8)}`,
  surname: `Quillfeather${String.fromCharCode(97 + i)}`,
  zip: `2026${i}`,
  ssn: `48${String(i).padStart(2, '0')}`,
}));

let t: TestApp;
let relay: TestRelay;
const mail = inbox();

beforeAll(async () => {
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
  await t.addStaff('agnes', 'correct horse battery staple', ['agent']);
  const agent = client(t.app);
  await agent.signIn('agnes', 'correct horse battery staple', () => new Date(t.clock.now));
  for (const [i, person] of people.entries()) {
    const created = await agent.post('/api/customers', {
      kind: 'person',
      values: [
        { field: 'customer_name', value: `${person.canary} ${person.surname}` },
        { field: 'email', value: `${person.canary}@example.org` },
        { field: 'mailing_address', value: { lines: `${i + 1} Canary Row`, city: 'Washington', state: 'DC', zip: person.zip } },
        { field: 'ssn_last4', value: person.ssn },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    person.portal = await registeredAccount(t.app, mail, `portal.${i}@example.com`, password);
    const linked = await person.portal.post('/portal/api/link/knowledge', {
      surname: person.surname,
      zip: person.zip,
      ssnLast4: person.ssn,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    const opened = await person.portal.post('/portal/api/cases', {
      title: `About ${person.canary}`,
      body: `Question from ${person.canary}`,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    person.caseId = opened.json().id;
    const file = await person.portal.request({
      method: 'POST',
      url: `/portal/api/cases/${person.caseId}/attachments`,
      headers: { 'content-disposition': `attachment; filename*=UTF-8''${person.canary}.txt` },
      payload: Buffer.from(`A file of ${person.canary}\n`),
    });
    expect(file.statusCode, file.body).toBe(201);
    person.attachmentId = file.json().id;
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

const routes: ((self: Person, other: Person) => string)[] = [
  () => '/portal/api/cases',
  (self) => `/portal/api/cases/${self.caseId}`,
  (_self, other) => `/portal/api/cases/${other.caseId}`,
  () => '/portal/api/profile',
  () => '/portal/api/account',
  () => '/portal/api/account/sessions',
  () => '/portal/api/privacy/requests',
  () => '/portal/api/privacy/disclosures',
  (self) => `/portal/api/cases/${self.caseId}/attachments`,
  (_self, other) => `/portal/api/cases/${other.caseId}/attachments`,
  (self) => `/portal/api/cases/${self.caseId}/attachments/${self.attachmentId}`,
  (_self, other) => `/portal/api/cases/${other.caseId}/attachments/${other.attachmentId}`,
  // One's own case with another's file in it: a file id is never a key to another case.
  (self, other) => `/portal/api/cases/${self.caseId}/attachments/${other.attachmentId}`,
  () => '/portal/api/session',
];
// The routes that answer only the caller's own records, each of which carries the caller's canary.
const ownRecords = [0, 1, 3, 8, 10];

describe('no portal answer carries another customer’s data', () => {
  it('holds for every route, as every customer, with requests interleaved', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ who: fc.nat(count - 1), route: fc.nat(routes.length - 1), other: fc.nat(count - 1) }), {
          minLength: 4,
          maxLength: 24,
        }),
        async (requests) => {
          const answers = await Promise.all(
            requests.map(async ({ who, route, other }) => {
              const self = people[who]!;
              const response = await self.portal!.get(routes[route]!(self, people[other]!));
              return { who, other, route, url: routes[route]!(self, people[other]!), status: response.statusCode, body: response.body };
            }),
          );
          for (const answer of answers) {
            expect([200, 404], answer.url).toContain(answer.status);
            // Not vacuous: the customer's own list, case and profile do carry the customer's own canary.
            if (ownRecords.includes(answer.route)) expect(answer.body, answer.url).toContain(people[answer.who]!.canary);
            for (const [i, person] of people.entries())
              if (i !== answer.who) expect(answer.body.includes(person.canary), `${answer.url} as customer ${answer.who}`).toBe(false);
            const othersIds = people
              .filter((_, i) => i !== answer.who)
              .some((person) => answer.url.includes(person.caseId!) || answer.url.includes(person.attachmentId!));
            if (answer.status === 200 && othersIds) throw new Error('another customer’s case or file was answered');
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('answers every data route anonymously with 401 and no data', async () => {
    for (const route of routes.slice(0, -1)) {
      const response = await t.app.inject({ method: 'GET', url: route(people[0]!, people[1]!) });
      expect(response.statusCode).toBe(401);
      for (const person of people) expect(response.body).not.toContain(person.canary);
    }
  });
});
