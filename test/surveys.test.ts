import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccessDenied,
  createStaffUser,
  customerPrincipal,
  staffPrincipal,
  systemPrincipal,
  upsertBusinessArea,
} from '../src/access/index.ts';
import { disposeAfter, getRecordType } from '../src/catalog/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import { caseMover, createCaseService, type CaseChannel, type CaseService } from '../src/modules/cases/index.ts';
import { createCustomerMerger, createCustomerService, type CustomerService } from '../src/modules/customers/index.ts';
import {
  createSatisfactionReports,
  createSurveyService,
  createSurveyTokens,
  surveyRecordType,
  surveyTokenKey,
  SurveyAlreadyAnswered,
  SurveyNotFound,
  surveyMover,
  type SatisfactionReports,
  type SurveyService,
} from '../src/modules/surveys/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let customers: CustomerService;
let cases: CaseService;
let surveys: SurveyService;
let reports: SatisfactionReports;
let agnes: Principal;
let otto: Principal;
let sue: Principal;
let agnesId: string;
let ottoId: string;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'survey test' };
const now = new Date('2026-11-25T15:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  customers = createCustomerService(keys.vault);
  surveys = createSurveyService(keys.vault, createSurveyTokens(surveyTokenKey(keys.keyring)), {
    publicUrl: 'https://caseline.example.gov/',
  });
  reports = createSatisfactionReports();
  cases = createCaseService(keys.vault, {
    onResolved: async (trx, principal, outcome, c, at) => void (await surveys.invite(trx, principal, outcome, c, at)),
    onReopened: async (trx, principal, outcome, c, at) => void (await surveys.voidFor(trx, principal, outcome.caseId, c, at)),
  });
  const staff = async (username: string, displayName: string, roles: ('agent' | 'supervisor')[], areas: string[]) =>
    (
      await as(system, (trx) =>
        createStaffUser(
          trx,
          system,
          { username, displayName, password: 'correct horse battery staple', roles, businessAreas: areas, mustChangePassword: false },
          ctx,
          now,
        ),
      )
    ).id;
  for (const area of ['trademarks', 'patents'])
    await as(system, (trx) =>
      upsertBusinessArea(trx, system, { id: area, name: area[0]!.toUpperCase() + area.slice(1), description: '' }, ctx, now),
    );
  agnesId = await staff('agnes', 'Agnes Agent', ['agent'], ['trademarks']);
  ottoId = await staff('otto', 'Otto Other', ['agent'], ['trademarks']);
  const sueId = await staff('sue', 'Sue Supervisor', ['supervisor'], ['trademarks']);
  agnes = staffPrincipal({ id: agnesId, roles: ['agent'], areas: ['trademarks'], mfaPassed: true });
  otto = staffPrincipal({ id: ottoId, roles: ['agent'], areas: ['trademarks'], mfaPassed: true });
  sue = staffPrincipal({ id: sueId, roles: ['supervisor'], areas: ['trademarks'], mfaPassed: true });
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

async function resolvedCase(
  options: { channel?: CaseChannel; agent?: Principal; sender?: { name?: string; email?: string }; at?: Date } = {},
) {
  const agent = options.agent ?? agnes;
  const at = options.at ?? now;
  const customerId = options.sender
    ? null
    : (await as(system, (trx) => customers.create(trx, system, personInput({ name: 'Rosalind Quimby' }), ctx, at))).id;
  const { case: opened } = await as(agent, (trx) =>
    cases.open(
      trx,
      agent,
      {
        customerId,
        sender: options.sender ?? null,
        channel: options.channel ?? 'email',
        recordType: 'usps-880/inquiry',
        businessArea: 'trademarks',
        title: 'Where is my parcel?',
        body: 'It has not arrived.',
      },
      ctx,
      at,
    ),
  );
  await as(agent, (trx) => cases.assign(trx, agent, opened.id, agent.id, ctx, at));
  await as(agent, (trx) =>
    cases.changeStatus(trx, agent, opened.id, { status: 'resolved', resolutionCode: 'answered', resolution: 'Found it.' }, ctx, at),
  );
  return opened.id;
}

const invitationsOf = (caseId: string) =>
  as(system, (trx) => trx.selectFrom('survey_invitations').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute());
const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

async function answer(caseId: string, rating: number, comment?: string, at = now) {
  const link = await as(system, (trx) => surveys.linkFor(trx, caseId, at));
  const holder = await as(system, (trx) => surveys.holderOf(trx, tokenOf(link!), at));
  const customer = customerPrincipal(holder!.subjectId);
  await as(customer, (trx) => surveys.answer(trx, customer, holder!.invitationId, { rating, comment }, ctx, at));
  return holder!;
}

describe('survey invitations', () => {
  it('are sent once when a case is resolved, with the agent, area and channel, and a signed link', async () => {
    const caseId = await resolvedCase({ channel: 'phone' });
    const invitations = await invitationsOf(caseId);
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({
      agent_id: agnesId,
      business_area: 'trademarks',
      channel: 'phone',
      used_at: null,
      voided_at: null,
    });
    expect(invitations[0]!.expires_at).toEqual(later(30));
    const link = await as(system, (trx) => surveys.linkFor(trx, caseId, now));
    expect(link).toMatch(/^https:\/\/caseline\.example\.gov\/survey\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(link).toBe(surveys.surveyLinkFor(invitations[0]!.id));
    expect(await as(system, (trx) => surveys.holderOf(trx, tokenOf(link!), now))).toEqual({
      invitationId: invitations[0]!.id,
      subjectId: invitations[0]!.subject_id,
    });
  });

  it('are voided when the case is reopened, and replaced when it is resolved again', async () => {
    const caseId = await resolvedCase();
    const [first] = await invitationsOf(caseId);
    const oldLink = surveys.surveyLinkFor(first!.id);
    await as(agnes, (trx) => cases.changeStatus(trx, agnes, caseId, { status: 'reopened' }, ctx, later(1)));
    expect(await as(system, (trx) => surveys.linkFor(trx, caseId, later(1)))).toBeNull();
    expect(await as(system, (trx) => surveys.holderOf(trx, tokenOf(oldLink), later(1)))).toBeNull();
    await as(agnes, (trx) =>
      cases.changeStatus(trx, agnes, caseId, { status: 'resolved', resolutionCode: 'answered', resolution: 'Again.' }, ctx, later(2)),
    );
    const invitations = await invitationsOf(caseId);
    expect(invitations.map((i) => i.voided_at === null)).toEqual([false, true]);
    expect(await as(system, (trx) => surveys.linkFor(trx, caseId, later(2)))).toBe(surveys.surveyLinkFor(invitations[1]!.id));
  });

  it('are voided when the customer writes again and the case reopens', async () => {
    const caseId = await resolvedCase();
    await as(system, (trx) =>
      cases.receive(trx, system, caseId, { channel: 'email', from: null, body: 'It is missing again.' }, ctx, later(1)),
    );
    expect((await invitationsOf(caseId)).map((i) => i.voided_at)).toEqual([later(1)]);
    expect(await as(system, (trx) => surveys.linkFor(trx, caseId, later(1)))).toBeNull();
  });

  it('go to an unknown sender only when the sender gave an e-mail address', async () => {
    expect(await invitationsOf(await resolvedCase({ sender: { name: 'Phone Only' } }))).toHaveLength(0);
    expect(await invitationsOf(await resolvedCase({ sender: { name: 'Mail Writer', email: 'writer@example.net' } }))).toHaveLength(1);
  });

  it('are not sent by a role that may not create records, which still voids the old one', async () => {
    const caseId = await resolvedCase();
    const [live] = await invitationsOf(caseId);
    // An agent of the area whose grants lack record.create (no role of the matrix is so now).
    const agent = staffPrincipal({ id: agnesId, roles: ['agent'], areas: ['trademarks'], mfaPassed: true });
    const cannotCreate = { ...agent, grants: agent.grants.filter((grant) => !grant.startsWith('record.create:')) };
    const resolved = {
      caseId,
      number: live!.case_number,
      subjectId: live!.subject_id,
      businessArea: 'trademarks',
      channel: 'email' as const,
      assignee: null,
      reachable: true,
    };
    expect(await as(cannotCreate, (trx) => surveys.invite(trx, cannotCreate, resolved, ctx, later(1)))).toBeNull();
    expect((await invitationsOf(caseId)).map((i) => i.voided_at)).toEqual([later(1)]);
  });

  it('expire after 30 days', async () => {
    const caseId = await resolvedCase();
    const link = (await as(system, (trx) => surveys.linkFor(trx, caseId, now)))!;
    expect(await as(system, (trx) => surveys.holderOf(trx, tokenOf(link), later(29)))).not.toBeNull();
    expect(await as(system, (trx) => surveys.holderOf(trx, tokenOf(link), later(30)))).toBeNull();
    expect(await as(system, (trx) => surveys.linkFor(trx, caseId, later(30)))).toBeNull();
  });
});

describe('survey responses', () => {
  it('keep the rating, the comment as ciphertext, and are disposed of 3 years after the answer per the catalog', async () => {
    const caseId = await resolvedCase();
    const holder = await answer(caseId, 4, '  Quick and kind, thank you Agnes.  ');
    const row = await as(system, (trx) =>
      trx.selectFrom('survey_responses').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow(),
    );
    expect(row).toMatchObject({ rating: 4, agent_id: agnesId, record_type: surveyRecordType, subject_id: holder.subjectId });
    expect(row.comment_ct!.toString('latin1')).not.toMatch(/Quick|kind|Agnes/);
    const rule = getRecordType(surveyRecordType).retention;
    expect(rule).toEqual({ kind: 'from_creation', period: { amount: 3, unit: 'years' } });
    expect(row.dispose_after).toEqual(disposeAfter(rule, { createdAt: now }));
    // Answered 2026-11-25 (New York): due at the start of 2029-11-26, New York time.
    expect(row.dispose_after).toEqual(new Date('2029-11-26T05:00:00Z'));
    const read = await as(agnes, (trx) => surveys.responsesOfCase(trx, agnes, caseId, ctx, now));
    expect(read).toEqual([expect.objectContaining({ rating: 4, comment: 'Quick and kind, thank you Agnes.' })]);
    const [invitation] = await invitationsOf(caseId);
    expect(invitation!.used_at).toEqual(now);
    // The answer and the agent's reading of it are in the audit log, naming the data subject.
    const audit = await as(system, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['actor_kind', 'action', 'record_id', 'subjects'])
        .where('record_type', '=', surveyRecordType)
        .where('record_id', '=', row.id)
        .orderBy('id')
        .execute(),
    );
    expect(audit).toEqual([
      { actor_kind: 'customer', action: 'create', record_id: row.id, subjects: [holder.subjectId] },
      { actor_kind: 'staff', action: 'read', record_id: row.id, subjects: [holder.subjectId] },
    ]);
  });

  it('are given once: a second answer is refused and changes nothing', async () => {
    const caseId = await resolvedCase();
    const holder = await answer(caseId, 5);
    const customer = customerPrincipal(holder.subjectId);
    await expect(as(customer, (trx) => surveys.answer(trx, customer, holder.invitationId, { rating: 1 }, ctx, later(1)))).rejects.toThrow(
      SurveyAlreadyAnswered,
    );
    const rows = await as(system, (trx) => trx.selectFrom('survey_responses').select('rating').where('case_id', '=', caseId).execute());
    expect(rows).toEqual([{ rating: 5 }]);
    expect((await invitationsOf(caseId))[0]!.used_at).toEqual(now);
    expect(await as(customer, (trx) => surveys.show(trx, customer, holder.invitationId, ctx, later(1)))).toMatchObject({ answered: true });
  });

  it('cannot be given for another subject’s invitation', async () => {
    const caseId = await resolvedCase();
    const [invitation] = await invitationsOf(caseId);
    const stranger = customerPrincipal('00000000-0000-4000-8000-000000000001');
    await expect(as(stranger, (trx) => surveys.answer(trx, stranger, invitation!.id, { rating: 3 }, ctx, now))).rejects.toThrow(
      SurveyNotFound,
    );
  });

  it('refuse a rating outside 1 to 5 and a comment over 2000 characters, naming the field', async () => {
    const caseId = await resolvedCase();
    await expect(answer(caseId, 0)).rejects.toMatchObject({ field: 'rating' });
    await expect(answer(caseId, 6)).rejects.toMatchObject({ field: 'rating' });
    await expect(answer(caseId, 2.5)).rejects.toMatchObject({ field: 'rating' });
    await expect(answer(caseId, 3, 'x'.repeat(2001))).rejects.toMatchObject({ field: 'comment' });
    expect((await invitationsOf(caseId))[0]!.used_at).toBeNull();
  });
});

describe('the satisfaction report', () => {
  it('counts, averages and distributes ratings by agent, area and channel, with the response rate', async () => {
    const day = new Date('2027-03-10T15:00:00Z');
    const a1 = await resolvedCase({ at: day, channel: 'email' });
    const a2 = await resolvedCase({ at: day, channel: 'phone' });
    await resolvedCase({ at: day, channel: 'phone' }); // never answered
    const o1 = await resolvedCase({ at: day, agent: otto, channel: 'letter' });
    await answer(a1, 5, 'Great', day);
    await answer(a2, 3, undefined, day);
    await answer(o1, 2, undefined, day);
    const query = { from: '2027-03-10', to: '2027-03-10' };
    const byAgent = await as(sue, (trx) => reports.report(trx, sue, { ...query, by: 'agent' }, ctx, day));
    expect(byAgent.rows).toEqual([
      {
        key: agnesId,
        label: 'Agnes Agent',
        invitations: 3,
        answered: 2,
        responseRate: 2 / 3,
        responses: 2,
        average: 4,
        distribution: [0, 0, 1, 0, 1],
      },
      {
        key: ottoId,
        label: 'Otto Other',
        invitations: 1,
        answered: 1,
        responseRate: 1,
        responses: 1,
        average: 2,
        distribution: [0, 1, 0, 0, 0],
      },
    ]);
    expect(byAgent.total).toMatchObject({ invitations: 4, answered: 3, responses: 3, average: 10 / 3, distribution: [0, 1, 1, 0, 1] });
    expect(JSON.stringify(byAgent)).not.toContain('Great');
    const byArea = await as(sue, (trx) => reports.report(trx, sue, { ...query, by: 'area' }, ctx, day));
    expect(byArea.rows).toEqual([expect.objectContaining({ key: 'trademarks', label: 'Trademarks', invitations: 4, responses: 3 })]);
    const byChannel = await as(sue, (trx) => reports.report(trx, sue, { ...query, by: 'channel' }, ctx, day));
    expect(byChannel.rows.map((r) => [r.label, r.invitations, r.responses, r.average])).toEqual([
      ['E-mail', 1, 1, 5],
      ['Letter', 1, 1, 2],
      ['Phone', 2, 1, 3],
    ]);
    const before = await as(sue, (trx) => reports.report(trx, sue, { from: '2027-03-09', to: '2027-03-09', by: 'agent' }, ctx, day));
    expect(before.rows).toEqual([]);
  });

  it('shows a supervisor of another area nothing of this one', async () => {
    const pat = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000aa', roles: ['supervisor'], areas: ['patents'], mfaPassed: true });
    const report = await as(pat, (trx) => reports.report(trx, pat, { from: '2027-03-10', to: '2027-03-10', by: 'area' }, ctx, now));
    expect(report.total.invitations).toBe(0);
  });

  it('is refused to an agent, and to a period that ends before it starts', async () => {
    await expect(
      as(agnes, (trx) => reports.report(trx, agnes, { from: '2027-03-10', to: '2027-03-10', by: 'agent' }, ctx, now)),
    ).rejects.toThrow(AccessDenied);
    await expect(
      as(sue, (trx) => reports.report(trx, sue, { from: '2027-03-10', to: '2027-03-09', by: 'agent' }, ctx, now)),
    ).rejects.toMatchObject({
      field: 'to',
    });
    await expect(
      as(sue, (trx) => reports.report(trx, sue, { from: '2027-02-30', to: '2027-03-09', by: 'agent' }, ctx, now)),
    ).rejects.toMatchObject({
      field: 'from',
    });
  });
});

describe('merging customers', () => {
  it('moves survey invitations and answers to the survivor, the comment readable under its key, and back on undo', async () => {
    const merger = createCustomerMerger(keys.vault, [caseMover(keys.vault), surveyMover(keys.vault)]);
    const caseId = await resolvedCase();
    const holder = await answer(caseId, 5, 'Lovely service');
    const survivor = await as(system, (trx) => customers.create(trx, system, personInput({ name: 'Rosalind Keeper' }), ctx, now));
    const merged = await as(system, (trx) => merger.merge(trx, system, survivor.id, holder.subjectId, ctx, now));
    expect(merged.moved).toMatchObject({ cases: 1, surveys: 2 });
    const subjects = async () => [
      ...(await invitationsOf(caseId)).map((r) => r.subject_id),
      ...(await as(system, (trx) => trx.selectFrom('survey_responses').select('subject_id').where('case_id', '=', caseId).execute())).map(
        (r) => r.subject_id,
      ),
    ];
    expect(await subjects()).toEqual([survivor.id, survivor.id]);
    expect(await as(agnes, (trx) => surveys.responsesOfCase(trx, agnes, caseId, ctx, now))).toEqual([
      expect.objectContaining({ comment: 'Lovely service' }),
    ]);
    await as(system, (trx) => merger.unmerge(trx, system, merged.mergeId, ctx, now));
    expect(await subjects()).toEqual([holder.subjectId, holder.subjectId]);
    expect(await as(agnes, (trx) => surveys.responsesOfCase(trx, agnes, caseId, ctx, now))).toEqual([
      expect.objectContaining({ comment: 'Lovely service' }),
    ]);
  });
});
