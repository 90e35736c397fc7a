import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal, totpCode } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { testApp, type TestApp } from './support/app.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';
import { inbox, portalBrowser, registeredAccount } from './support/portal.ts';

let t: TestApp;
let relay: TestRelay;
const mail = inbox();
const now = () => new Date(t.clock.now);
const password = 'a long and private passphrase';

beforeAll(async () => {
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
});
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

const browser = () => portalBrowser(t.app);
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];
const lastMailTo = (address: string) => [...mail.messages].reverse().find((m) => m.to.includes(address));
const registered = (address: string) => registeredAccount(t.app, mail, address, password);

async function auditEntries(action: string) {
  return withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
    trx.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute(),
  );
}

describe('portal registration and sign-in', () => {
  it('registers, e-mails a code, verifies it and signs in; the account page shows the address', async () => {
    const b = browser();
    const response = await b.post('/portal/api/auth/register', { email: 'Ada.Lovelace@Example.org', password });
    expect(response.statusCode, response.body).toBe(202);
    const message = lastMailTo('ada.lovelace@example.org');
    expect(message?.subject).toBe('Your verification code');
    const code = codeIn(message!.text);
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await b.post('/portal/api/auth/verify', {
      email: 'ada.lovelace@example.org',
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');

    const verified = await b.post('/portal/api/auth/verify', { email: 'ADA.LOVELACE@example.org', code });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().stage).toBe('full');
    expect(b.cookie).toBeTruthy();

    const account = await b.get('/portal/api/account');
    expect(account.statusCode, account.body).toBe(200);
    expect(account.json()).toMatchObject({ email: 'ada.lovelace@example.org', linked: false, authenticator: false });
    expect(account.headers['cache-control']).toBe('no-store');
    expect((await b.get('/portal/api/session')).json()).toMatchObject({
      signedIn: true,
      stage: 'full',
      linked: false,
      agency: t.config.agency.name,
    });
    expect(account.headers.vary).toContain('Cookie');
    // The code is spent: it cannot sign in a second browser.
    expect((await browser().post('/portal/api/auth/verify', { email: 'ada.lovelace@example.org', code })).statusCode).toBe(401);
  });

  it('answers a taken address exactly as a new one, and tells the owner by e-mail instead', async () => {
    await registered('grace@example.org');
    const before = mail.messages.length;
    const again = await browser().post('/portal/api/auth/register', { email: 'grace@example.org', password: 'another long passphrase' });
    const fresh = await browser().post('/portal/api/auth/register', { email: 'katherine@example.org', password });
    expect(again.statusCode).toBe(fresh.statusCode);
    expect(again.json()).toEqual(fresh.json());
    const note = mail.messages.slice(before).find((m) => m.to.includes('grace@example.org'));
    expect(note?.subject).toMatch(/already|tried to create/i);
    expect(codeIn(note!.text)).toBeUndefined();
  });

  it('signs in with the password, refuses a wrong one with the same words as an unknown address, and locks after five', async () => {
    await registered('mary@example.org');
    const ok = await browser().post('/portal/api/auth/login', { email: 'mary@example.org', password });
    expect(ok.statusCode, ok.body).toBe(200);
    const wrong = await browser().post('/portal/api/auth/login', { email: 'mary@example.org', password: 'not the passphrase at all' });
    const unknown = await browser().post('/portal/api/auth/login', { email: 'nobody@example.org', password });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    for (let i = 0; i < 4; i++)
      await browser().post('/portal/api/auth/login', { email: 'mary@example.org', password: 'wrong wrong wrong' });
    expect((await browser().post('/portal/api/auth/login', { email: 'mary@example.org', password })).statusCode).toBe(401);
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    expect((await browser().post('/portal/api/auth/login', { email: 'mary@example.org', password })).statusCode).toBe(200);
  });

  it('names the field of bad input and changes nothing', async () => {
    const before = mail.messages.length;
    const response = await browser().post('/portal/api/auth/register', { email: 'not-an-address', password });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: '/body/email' })]);
    const short = await browser().post('/portal/api/auth/register', { email: 'short@example.org', password: 'short' });
    expect(short.json().errors).toEqual([expect.objectContaining({ field: '/body/password' })]);
    expect(mail.messages.length).toBe(before);
    expect(short.body).not.toContain('short@example.org');
  });

  it('resets a forgotten password with an e-mailed code, ending every session', async () => {
    const b = await registered('dorothy@example.org');
    await b.post('/portal/api/auth/reset', { email: 'dorothy@example.org' });
    const code = codeIn(lastMailTo('dorothy@example.org')!.text)!;
    const done = await browser().post('/portal/api/auth/reset/complete', {
      email: 'dorothy@example.org',
      code,
      password: 'a brand new passphrase',
    });
    expect(done.statusCode, done.body).toBe(204);
    expect((await b.get('/portal/api/account')).statusCode).toBe(401);
    expect((await browser().post('/portal/api/auth/login', { email: 'dorothy@example.org', password })).statusCode).toBe(401);
    expect(
      (await browser().post('/portal/api/auth/login', { email: 'dorothy@example.org', password: 'a brand new passphrase' })).statusCode,
    ).toBe(200);
  });

  it('asks for the authenticator code after the password once one is set up', async () => {
    const b = await registered('hedy@example.org');
    const { secret } = (await b.post('/portal/api/account/authenticator')).json();
    expect((await b.post('/portal/api/account/authenticator/confirm', { code: totpCode(secret, now()) })).statusCode).toBe(204);
    const c = browser();
    const first = await c.post('/portal/api/auth/login', { email: 'hedy@example.org', password });
    expect(first.json().stage).toBe('mfa');
    expect((await c.get('/portal/api/account')).statusCode).toBe(403);
    const second = await c.post('/portal/api/auth/mfa', { code: totpCode(secret, now()) });
    expect(second.statusCode, second.body).toBe(200);
    expect((await c.get('/portal/api/account')).json().authenticator).toBe(true);
  });
});

describe('portal sessions', () => {
  it('lists the account’s sessions, ends one, and signs out everywhere', async () => {
    const a = await registered('rosalind@example.org');
    const b = browser();
    expect((await b.post('/portal/api/auth/login', { email: 'rosalind@example.org', password })).statusCode).toBe(200);
    const list = (await a.get('/portal/api/account/sessions')).json() as { id: string; current: boolean; client: string }[];
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list[0]!.client).toBe('Chrome on Linux');
    const other = list.find((s) => !s.current)!;
    expect((await a.request({ method: 'DELETE', url: `/portal/api/account/sessions/${other.id}` })).statusCode).toBe(204);
    expect((await b.get('/portal/api/account')).statusCode).toBe(401);
    const c = browser();
    await c.post('/portal/api/auth/login', { email: 'rosalind@example.org', password });
    expect((await a.post('/portal/api/account/sessions/end-all')).statusCode).toBe(204);
    expect((await a.get('/portal/api/account')).statusCode).toBe(401);
    expect((await c.get('/portal/api/account')).statusCode).toBe(401);
  });

  it('refuses a changing request without the CSRF token', async () => {
    const a = await registered('lise@example.org');
    const response = await t.app.inject({
      method: 'POST',
      url: '/portal/api/account/sessions/end-all',
      headers: { cookie: `caseline_portal=${a.cookie}` },
    });
    expect(response.statusCode).toBe(403);
    expect((await a.get('/portal/api/account')).statusCode).toBe(200);
  });

  it('records which subject each response carried and to which session, and logs no address', async () => {
    const a = await registered('chien-shiung@example.org');
    const before = (await auditEntries('portal.response')).length;
    await a.get('/portal/api/account');
    const entries = await auditEntries('portal.response');
    expect(entries.length).toBe(before + 1);
    const entry = entries.at(-1)!;
    expect(entry.actor_kind).toBe('customer');
    expect(entry.subjects).toEqual([entry.actor_id]);
    expect(entry.detail).toMatchObject({ route: 'GET /portal/api/account', status: 200 });
    expect(String((entry.detail as { session: string }).session)).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.logs.join('\n')).not.toContain('chien-shiung@example.org');
  });
});
