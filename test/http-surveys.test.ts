import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { agencyTimeZone } from '../src/catalog/index.ts';
import { openKeyring } from '../src/crypto/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { createSurveyTokens, surveyTokenKey, type SurveyTokens } from '../src/modules/surveys/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let agent: Client;
let supervisor: Client;
let tokens: SurveyTokens;
let agnesId: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const system = systemPrincipal('test');
const comment = 'Marvellous help from Agnes with my parcel';

beforeAll(async () => {
  t = await testApp();
  await t.addArea('trademarks');
  await t.addArea('patents');
  agnesId = await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('sue', password, ['supervisor'], ['trademarks']);
  await t.addStaff('carl', password, ['contractor'], ['patents']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  supervisor = client(t.app);
  await supervisor.signIn('sue', password, now);
  // The same keyring the app opened: the test can compute links as the server does.
  tokens = createSurveyTokens(surveyTokenKey(await openKeyring({ dataDir: t.dataDir, masterKey: null })));
});
afterAll(async () => {
  await t.close();
});

async function resolvedCase(channel = 'email'): Promise<{ caseId: string; number: string; token: string }> {
  const customer = await agent.post('/api/customers', {
    kind: 'person',
    businessArea: 'trademarks',
    values: [{ field: 'customer_name', value: 'Leopoldine Winterbourne' }],
  });
  expect(customer.statusCode, customer.body).toBe(201);
  const opened = await agent.post('/api/cases', {
    customerId: customer.json().id,
    channel,
    recordType: 'usps-880/inquiry',
    title: 'Package not delivered',
    body: 'Scanned but never arrived.',
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const { id: caseId, number } = opened.json();
  await agent.post(`/api/cases/${caseId}/assign`, { assignee: 'me' });
  const resolved = await agent.post(`/api/cases/${caseId}/status`, {
    status: 'resolved',
    resolutionCode: 'answered',
    resolution: 'Found.',
  });
  expect(resolved.statusCode, resolved.body).toBe(200);
  const invitations = await invitationsOf(caseId);
  expect(invitations).toHaveLength(1);
  return { caseId, number, token: tokens.tokenFor(invitations[0]!.id) };
}

const invitationsOf = (caseId: string) =>
  withPrincipal(t.database.db, system, (trx) => trx.selectFrom('survey_invitations').selectAll().where('case_id', '=', caseId).execute());
const responsesOf = (caseId: string) =>
  withPrincipal(t.database.db, system, (trx) => trx.selectFrom('survey_responses').selectAll().where('case_id', '=', caseId).execute());
const publicGet = (token: string) => t.app.inject({ method: 'GET', url: `/api/public/surveys/${encodeURIComponent(token)}` });
const publicPost = (token: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/public/surveys/${encodeURIComponent(token)}`, payload });
// The report's days are the agency's: from midnight to 5 a.m. UTC, New York is still on the day before.
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: agencyTimeZone }).format(now());

describe('the public survey', () => {
  let survey: Awaited<ReturnType<typeof resolvedCase>>;

  it('shows which case it is about, without signing in and without personal data', async () => {
    survey = await resolvedCase();
    const page = await publicGet(survey.token);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toEqual({
      caseNumber: survey.number,
      description: `A survey about how we handled case ${survey.number}, resolved on ${new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        dateStyle: 'long',
      }).format(now())}.`,
      resolvedAt: now().toISOString(),
      expiresAt: expect.any(String),
      answered: false,
    });
    expect(page.body).not.toMatch(/Leopoldine|Package|Scanned/);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('refuses a rating of 0 or 6 with 422 naming /body/rating, and changes nothing', async () => {
    for (const rating of [0, 6]) {
      const refused = await publicPost(survey.token, { rating, comment });
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['/body/rating']);
    }
    const long = await publicPost(survey.token, { rating: 3, comment: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(422);
    expect(long.json().errors[0].field).toBe('/body/comment');
    expect(await responsesOf(survey.caseId)).toEqual([]);
    expect((await invitationsOf(survey.caseId))[0]!.used_at).toBeNull();
  });

  it('records a rating with its comment encrypted, once; a second answer is 410 and changes nothing', async () => {
    const answered = await publicPost(survey.token, { rating: 4, comment });
    expect(answered.statusCode, answered.body).toBe(201);
    const [response] = await responsesOf(survey.caseId);
    expect(response).toMatchObject({ rating: 4, agent_id: agnesId, business_area: 'trademarks', channel: 'email' });
    expect(response!.comment_ct!.toString('latin1')).not.toContain('Marvellous');
    const again = await publicPost(survey.token, { rating: 1, comment: 'changed my mind' });
    expect(again.statusCode).toBe(410);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await responsesOf(survey.caseId)).toEqual([response]);
    expect((await publicGet(survey.token)).json()).toMatchObject({ answered: true });
  });

  it('shows the comment to who can read the case, and to no one else', async () => {
    const read = await agent.get(`/api/cases/${survey.caseId}/survey-responses`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual([expect.objectContaining({ rating: 4, comment, agentId: agnesId })]);
    const carl = client(t.app);
    await carl.signIn('carl', password, now);
    const hidden = await carl.get(`/api/cases/${survey.caseId}/survey-responses`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain(comment);
    const missing = await carl.get('/api/cases/00000000-0000-4000-8000-000000000000/survey-responses');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe(hidden.json().detail);
  });

  it('answers 404, the same for all, to any altered token', async () => {
    const { token } = await resolvedCase();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~';
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), fc.constantFrom(...alphabet), async (at, replacement) => {
        fc.pre(token[at] !== replacement);
        const altered = token.slice(0, at) + replacement + token.slice(at + 1);
        const shown = await publicGet(altered);
        expect(shown.statusCode).toBe(404);
        expect(shown.json().detail).toBe('This survey link is not valid, or it has expired or been replaced.');
        expect((await publicPost(altered, { rating: 5 })).statusCode).toBe(404);
      }),
      { numRuns: 60 },
    );
    expect((await publicGet(token)).json()).toMatchObject({ answered: false });
  });

  it('answers 404 to an expired link', async () => {
    const { token, caseId } = await resolvedCase();
    const resolvedAt = t.clock.now;
    t.clock.now = new Date(resolvedAt.getTime() + 31 * 86_400_000);
    try {
      expect((await publicGet(token)).statusCode).toBe(404);
      expect((await publicPost(token, { rating: 5 })).statusCode).toBe(404);
      expect(await responsesOf(caseId)).toEqual([]);
    } finally {
      t.clock.now = resolvedAt;
    }
  });

  it('keeps the comment and the link out of the log', () => {
    const log = t.logs.join('\n');
    expect(log).toContain('/api/public/surveys/:token');
    expect(log).not.toMatch(/Marvellous|changed my mind|Leopoldine/);
    expect(log).not.toContain(survey.token);
    expect(log).not.toContain(survey.token.split('.')[1]);
  });
});

describe('the satisfaction report', () => {
  it('shows the rating by agent, area and channel to a supervisor', async () => {
    const { token } = await resolvedCase('phone');
    expect((await publicPost(token, { rating: 2 })).statusCode).toBe(201);
    const url = (by: string) => `/api/reports/satisfaction?from=${today()}&to=${today()}&by=${by}`;
    const byAgent = await supervisor.get(url('agent'));
    expect(byAgent.statusCode, byAgent.body).toBe(200);
    expect(byAgent.json().rows).toEqual([
      expect.objectContaining({ key: agnesId, label: 'agnes', responses: 2, average: 3, distribution: [0, 1, 0, 1, 0] }),
    ]);
    expect(byAgent.body).not.toContain('Marvellous');
    const byArea = (await supervisor.get(url('area'))).json();
    expect(byArea.rows).toEqual([expect.objectContaining({ key: 'trademarks', responses: 2 })]);
    const byChannel = (await supervisor.get(url('channel'))).json();
    expect(byChannel.rows.map((r: { key: string; responses: number; average: number }) => [r.key, r.responses, r.average])).toEqual([
      ['email', 1, 4],
      ['phone', 1, 2],
    ]);
    // Four cases resolved today (answered, altered-token, expired, this one), two answered.
    expect(byChannel.total).toMatchObject({ invitations: 4, answered: 2, responseRate: 0.5 });
  });

  it('is forbidden to an agent, and names a bad date', async () => {
    const refused = await agent.get(`/api/reports/satisfaction?from=${today()}&to=${today()}&by=agent`);
    expect(refused.statusCode).toBe(403);
    const bad = await supervisor.get(`/api/reports/satisfaction?from=yesterday&to=${today()}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/querystring/from');
  });
});

describe('the public survey API', () => {
  it('is rate-limited like sign-in', async () => {
    const limited = await testApp({ signInRateLimit: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await limited.app.inject({ method: 'GET', url: `/api/public/surveys/${tokens.tokenFor(crypto.randomUUID())}` })).statusCode,
        );
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
