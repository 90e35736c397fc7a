import { Readable } from 'node:stream';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPrincipal, staffPrincipal, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Principal, type Tx } from '../src/db/index.ts';
import { samplePdf } from '../src/modules/intake/email/compose-mail.test-support.ts';
import {
  accessReportJson,
  buildAccessReport,
  createDisclosureService,
  renderAccessReportPdf,
  subjectRecordTables,
  type AccessReport,
} from '../src/modules/privacy/index.ts';
import { personInput } from './support/customers.ts';
import { testApp, type TestApp } from './support/app.ts';

// A subject with records in every module (registry, case with correspondence, link and a
// scanned letter, a call, a survey answer, the acknowledgement e-mail), and another
// subject with the same kinds of records: each value is a canary naming its owner.
let t: TestApp;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'access report test' };
const now = new Date('2026-11-25T15:00:00Z');
const as = <T>(principal: Principal, work: (trx: Tx) => Promise<T>) => withPrincipal(t.database.db, principal, work);

interface Canaries {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly street: string;
  readonly title: string;
  readonly body: string;
  readonly note: string;
  readonly callNotes: string;
  readonly survey: string;
  readonly article: string;
  readonly filename: string;
  readonly contractor: string;
  readonly police: string;
}

const canaries = (tag: string, n: number): Canaries => ({
  name: `Canary ${tag} Featherstonehaugh`,
  email: `canary.${tag.toLowerCase()}@example.org`,
  phone: `(202) 555-01${n}${n}`,
  street: `${n}${n} Canary ${tag} Lane`,
  title: `Canary ${tag} title: parcel`,
  body: `Canary ${tag} body: my parcel never came.`,
  note: `Canary ${tag} internal note`,
  callNotes: `Canary ${tag} call notes`,
  survey: `Canary ${tag} survey comment`,
  article: `9400111899223197${n}${n}${n}${n}${n}${n}`,
  filename: `canary-${tag.toLowerCase()}-letter.pdf`,
  contractor: `Canary ${tag} Contractor LLC`,
  police: `Canary ${tag} Police Department`,
});

async function subjectWithEverything(c: Canaries): Promise<string> {
  const { services } = t;
  const customer = await as(system, (trx) =>
    services.customers.create(
      trx,
      system,
      personInput({
        name: c.name,
        email: c.email,
        phone: c.phone,
        address: { lines: c.street, city: 'Washington', state: 'DC', zip: '20500' },
      }),
      ctx,
      now,
    ),
  );
  const opened = await as(system, (trx) =>
    services.cases.open(
      trx,
      system,
      { customerId: customer.id, channel: 'email', recordType: 'usps-880/inquiry', title: c.title, body: c.body },
      ctx,
      now,
    ),
  );
  const caseId = opened.case.id;
  await as(system, (trx) => services.cases.link(trx, system, caseId, 'article', c.article, ctx, now));
  await as(system, (trx) => services.cases.addNote(trx, system, caseId, c.note, ctx, now));
  await services.attachments.upload(
    (work) => as(system, work),
    system,
    caseId,
    { filename: c.filename, declaredType: 'application/pdf', content: Readable.from([samplePdf]) },
    ctx,
    now,
  );
  await as(system, (trx) =>
    services.calls.logCall(
      trx,
      system,
      { direction: 'inbound', number: c.phone, durationSeconds: 120, customerId: customer.id, caseId, notes: c.callNotes },
      ctx,
      now,
    ),
  );
  const agent = staffPrincipal({
    id: await t.addStaff(`agent${c.phone.slice(-2)}`, 'correct horse battery staple', ['agent']),
    roles: ['agent'],
    areas: [],
    mfaPassed: true,
  });
  await as(system, (trx) => services.cases.assign(trx, system, caseId, agent.id, ctx, now));
  await as(agent, (trx) =>
    services.cases.changeStatus(trx, agent, caseId, { status: 'resolved', resolutionCode: 'answered', resolution: 'Found it.' }, ctx, now),
  );
  const link = await as(system, (trx) => services.surveys.linkFor(trx, caseId, now));
  const holder = await as(system, (trx) => services.surveys.holderOf(trx, link!.slice(link!.lastIndexOf('/') + 1), now));
  const respondent = customerPrincipal(holder!.subjectId);
  const disclosures = createDisclosureService(services.vault);
  for (const [recipient, kind] of [
    [c.contractor, 'contractor'],
    [c.police, 'law_enforcement'],
  ] as const)
    await as(system, (trx) =>
      disclosures.record(
        trx,
        system,
        {
          recordTable: 'cases',
          recordId: caseId,
          nature: 'copy',
          purpose: `Purpose for ${recipient}`,
          recipient: { name: recipient, address: '1 Main St, Springfield IL 62701' },
          recipientKind: kind,
          routineUse: '880.000:1',
        },
        ctx,
        now,
      ),
    );
  await as(respondent, (trx) => services.surveys.answer(trx, respondent, holder!.invitationId, { rating: 5, comment: c.survey }, ctx, now));
  return customer.id;
}

const privacyOfficer = staffPrincipal({
  id: '00000000-0000-4000-8000-0000000000cc',
  roles: ['privacy_officer'],
  areas: [],
  mfaPassed: true,
});
let a: Canaries;
let b: Canaries;
let subjectA: string;
let subjectB: string;
let report: AccessReport;

beforeAll(async () => {
  t = await testApp();
  t.clock.now = now;
  a = canaries('Alpha', 1);
  b = canaries('Bravo', 2);
  subjectA = await subjectWithEverything(a);
  subjectB = await subjectWithEverything(b);
  report = await as(privacyOfficer, (trx) => buildAccessReport(trx, t.services.vault, privacyOfficer, subjectA, now));
});
afterAll(async () => {
  await t?.close();
});

describe('the access report', () => {
  it('holds every record of the subject in every table the catalog declares as theirs, counted against the database', async () => {
    const counts = await as(system, async (trx) => {
      const out: Record<string, number> = {};
      for (const [table] of subjectRecordTables()) {
        const rows = await trx
          .selectFrom(table as 'cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('subject_id', '=', subjectA)
          .executeTakeFirstOrThrow();
        if (Number(rows.n) > 0) out[table] = Number(rows.n);
      }
      return out;
    });
    const inReport = Object.fromEntries(report.sections.map((s) => [s.table, s.records.length]));
    // All but the entry of the law-enforcement disclosure.
    expect(inReport).toEqual({ ...counts, disclosures: counts.disclosures! - 1 });
    // Records in every module the subject has used.
    for (const table of [
      'customers',
      'customer_values',
      'cases',
      'case_messages',
      'case_events',
      'case_links',
      'case_attachments',
      'calls',
      'survey_responses',
      'disclosures',
    ])
      expect(Object.keys(inReport), table).toContain(table);
  });

  it('shows each value decrypted, and nothing of any other subject', () => {
    const json = accessReportJson(report);
    for (const value of [a.name, a.email, a.title, a.body, a.note, a.callNotes, a.survey, a.article, a.filename])
      expect(json, value).toContain(value);
    expect(json.toUpperCase()).toContain(a.street.toUpperCase().replace('LANE', 'LN'));
    expect(json).toContain(a.phone.replace(/\D/g, '').slice(-7));
    for (const value of Object.values(b)) expect(json, value).not.toContain(value);
    expect(json.toUpperCase()).not.toContain('CANARY BRAVO');
    expect(json).not.toContain(b.phone.replace(/\D/g, '').slice(-7));
    expect(json).not.toContain(subjectB);
    expect(json).not.toMatch(/could not be decrypted/);
  });

  it('renders as a readable PDF with the same records and the notices’ exemptions', async () => {
    const pdf = await renderAccessReportPdf(report, { agency: 'United States Postal Service', timeZone: 'America/New_York' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    for (const value of [a.name, a.title, a.note, a.survey, a.filename]) expect(text).toContain(value);
    expect(text).not.toContain(b.name);
    expect(text).toContain('USPS 880.000');
    expect(text).toMatch(/Exemptions/);
  });

  it('is refused to an agent, who may not export records', async () => {
    const agent = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000dd', roles: ['agent'], areas: [], mfaPassed: true });
    await expect(as(agent, (trx) => buildAccessReport(trx, t.services.vault, agent, subjectA, now))).rejects.toThrow(/record\.export/);
  });
});
