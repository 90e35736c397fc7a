import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { testApp, type TestApp } from './support/app.ts';
import { client } from './support/client.ts';
import {
  CookieJar,
  reservePort,
  signInThroughProvider,
  startTestProvider,
  testAccounts,
  testAreaClaim,
  type TestProvider,
} from './support/oidc-provider.ts';

// Single sign-on end to end: the real app listening on a port, a real OpenID provider
// (oidc-provider) on another, and the authorization code flow driven over HTTP as a
// browser would drive it (redirects followed, the provider's forms submitted).
let t: TestApp;
let idp: TestProvider;
let appUrl: string;

beforeAll(async () => {
  const port = await reservePort();
  appUrl = `http://127.0.0.1:${port}`;
  idp = await startTestProvider({ redirectUris: [`${appUrl}/api/auth/oidc/callback`] });
  const sso = loadConfig({ ...idp.env, CASELINE_PUBLIC_URL: appUrl, CASELINE_OIDC_AREA_CLAIM: testAreaClaim });
  t = await testApp({ publicUrl: sso.publicUrl, oidc: sso.oidc });
  await t.addArea('trademarks');
  await t.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
  await idp?.stop();
});

async function session(cookie: string | null) {
  const response = await fetch(`${appUrl}/api/auth/session`, { headers: cookie ? { cookie: `caseline_session=${cookie}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function ssoAccounts(subject: string) {
  return t.database.db.selectFrom('staff_users').selectAll().where('oidc_subject', '=', subject).execute();
}

async function auditEntries(action: string) {
  const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
  return rows.map((r) => ({ ...r, detail: r.detail as Record<string, unknown> }));
}

const password = 'correct horse battery staple';

describe('single sign-on (OpenID Connect)', () => {
  it('offers the button when configured, and is absent otherwise', async () => {
    const offered = await fetch(`${appUrl}/api/auth/oidc`);
    expect(offered.status).toBe(200);
    expect(await offered.json()).toEqual({ enabled: true, label: 'Sign in with single sign-on' });

    const plain = await testApp();
    try {
      expect((await plain.app.inject('/api/auth/oidc')).json()).toEqual({ enabled: false, label: 'Sign in with single sign-on' });
      const start = await plain.app.inject('/api/auth/oidc/start');
      expect(start.statusCode).toBe(404);
      expect(start.headers['content-type']).toContain('application/problem+json');
    } finally {
      await plain.close();
    }
  });

  it('starts with an authorization code request (PKCE S256, state, nonce) and a sealed, Lax, httpOnly flow cookie', async () => {
    const response = await fetch(`${appUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(idp.issuer);
    const q = location.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(idp.clientId);
    expect(q.get('redirect_uri')).toBe(`${appUrl}/api/auth/oidc/callback`);
    expect(q.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('caseline_oidc_flow='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/i);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
    // Sealed, not merely signed: neither the state nor the PKCE verifier can be read from it.
    expect(cookie).not.toContain(q.get('state')!);
  });

  it('signs a new user in through the provider, with the roles its groups map to, and provisions the account once', async () => {
    const auditor = testAccounts.auditor;
    const first = await signInThroughProvider(appUrl, auditor);
    expect(first.landedOn).toBe('/');
    // It went through the provider's own login page and back through Caseline's callback.
    expect(
      first.trail.filter((step) => /^303 provider \/interaction\/[\w-]+\/(login|confirm)$/.test(step)).map((s) => s.split('/').at(-1)),
    ).toEqual(['login', 'confirm']);
    expect(first.trail.at(-1)).toBe('302 app /api/auth/oidc/callback');
    const me = await session(first.sessionCookie);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'quill.auditor',
      displayName: auditor.name,
      roles: ['auditor'],
      businessAreas: [],
      stage: 'full',
    });
    // The session works for data the role may see.
    const audit = await fetch(`${appUrl}/api/audit?action=login`, { headers: { cookie: `caseline_session=${first.sessionCookie}` } });
    expect(audit.status).toBe(200);

    const second = await signInThroughProvider(appUrl, auditor);
    expect(second.landedOn).toBe('/');
    expect((await session(second.sessionCookie)).body.id).toBe(me.body.id);
    const rows = await ssoAccounts(auditor.subject);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ oidc_issuer: idp.issuer, password_hash: null, username: 'quill.auditor' });
    const created = (await auditEntries('permission_change')).filter((e) => e.record_id === me.body.id);
    expect(created.map((e) => e.detail.change)).toEqual(['user_created']);
  });

  it('takes roles and areas from the provider at every sign-in, and ends sessions holding the old grants', async () => {
    const auditor = idp.account('quill.auditor');
    const before = await signInThroughProvider(appUrl, auditor);
    expect((await session(before.sessionCookie)).body.roles).toEqual(['auditor']);

    idp.setAccount({ ...auditor, groups: ['cc-auditors', 'cc-admins'] });
    const after = await signInThroughProvider(appUrl, auditor);
    const me = await session(after.sessionCookie);
    expect(me.body.roles).toEqual(['auditor', 'administrator']);
    expect((await session(before.sessionCookie)).status).toBe(401);
    const changes = (await auditEntries('permission_change')).filter(
      (e) => e.record_id === me.body.id && e.detail.change === 'user_updated',
    );
    expect(changes.map((e) => e.detail)).toEqual([{ change: 'user_updated', method: 'oidc', roles: 'auditor,administrator', areas: '' }]);

    // Unchanged groups at the next sign-in: no change recorded, the other session stays.
    const again = await signInThroughProvider(appUrl, auditor);
    expect((await session(again.sessionCookie)).body.roles).toEqual(['auditor', 'administrator']);
    expect((await session(after.sessionCookie)).status).toBe(200);
    expect((await auditEntries('permission_change')).filter((e) => e.detail.change === 'user_updated')).toHaveLength(1);
    idp.setAccount({ ...auditor, groups: ['cc-auditors'] });
  });

  it('counts the provider’s multi-factor login as MFA; a password-only login gets Caseline’s own TOTP steps', async () => {
    const strong = await signInThroughProvider(appUrl, testAccounts.agentWithMfa);
    const strongMe = await session(strong.sessionCookie);
    expect(strongMe.body).toMatchObject({ roles: ['agent'], businessAreas: ['trademarks'], stage: 'full' });
    const search = await fetch(`${appUrl}/api/customers/search`, {
      method: 'POST',
      headers: {
        cookie: `caseline_session=${strong.sessionCookie}`,
        'x-csrf-token': String(strongMe.body.csrfToken),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'Smith' }),
    });
    expect(search.status).toBe(200);

    const weak = await signInThroughProvider(appUrl, testAccounts.agentPasswordOnly);
    const weakMe = await session(weak.sessionCookie);
    expect(weakMe.body).toMatchObject({ roles: ['agent'], stage: 'mfa_enrolment' });
    const blocked = await fetch(`${appUrl}/api/customers/search`, {
      method: 'POST',
      headers: {
        cookie: `caseline_session=${weak.sessionCookie}`,
        'x-csrf-token': String(weakMe.body.csrfToken),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'Smith' }),
    });
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { type: string }).type).toBe('urn:caseline:problem:sign-in-incomplete');

    const logins = (await auditEntries('login')).filter((e) => e.detail.method === 'oidc');
    const byUser = (id: unknown) => logins.filter((e) => e.record_id === id).map((e) => e.detail);
    expect(byUser(strongMe.body.id)).toEqual([{ method: 'oidc', stage: 'full', provider_mfa: true }]);
    expect(byUser(weakMe.body.id)).toEqual([{ method: 'oidc', stage: 'mfa_enrolment', provider_mfa: false }]);
  });

  it('refuses a tampered state without a session, and audits why', async () => {
    const failuresBefore = (await auditEntries('login_failed')).length;
    const result = await signInThroughProvider(appUrl, testAccounts.auditor, {
      beforeCallback: (callback) => callback.searchParams.set('state', 'forged-state-value'),
    });
    expect(result.landedOn).toBe('/sign-in?error=sso');
    expect(result.sessionCookie).toBeNull();
    const failures = (await auditEntries('login_failed')).slice(failuresBefore);
    expect(failures.map((e) => e.detail)).toEqual([{ method: 'oidc', reason: 'state_mismatch' }]);
  });

  it('refuses a callback replayed after use (its flow cookie is gone, its code spent)', async () => {
    const seen: { callback?: URL } = {};
    const result = await signInThroughProvider(appUrl, testAccounts.auditor, { beforeCallback: (u) => (seen.callback = new URL(u)) });
    expect(result.landedOn).toBe('/');
    const replay = await result.jar.fetch(seen.callback!);
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe('/sign-in?error=sso');
    expect((await auditEntries('login_failed')).at(-1)!.detail).toEqual({ method: 'oidc', reason: 'no_flow' });
  });

  it('refuses a user none of whose groups maps to a role, and creates no account', async () => {
    const result = await signInThroughProvider(appUrl, testAccounts.outsider);
    expect(result.landedOn).toBe('/sign-in?error=sso');
    expect(result.sessionCookie).toBeNull();
    expect(await ssoAccounts(testAccounts.outsider.subject)).toEqual([]);
    expect((await auditEntries('login_failed')).at(-1)).toMatchObject({
      record_id: null,
      outcome: 'denied',
      detail: { method: 'oidc', reason: 'no_role' },
    });
  });

  it('refuses when the user cancels at the provider', async () => {
    const result = await signInThroughProvider(appUrl, testAccounts.auditor, { cancel: true });
    expect(result.landedOn).toBe('/sign-in?error=sso');
    expect((await auditEntries('login_failed')).at(-1)!.detail).toEqual({
      method: 'oidc',
      reason: 'provider_error',
      provider_error: 'access_denied',
    });
  });

  it('refuses a disabled account, and a user whose groups no longer map to any role', async () => {
    const admin = client(t.app);
    await t.addStaff('ada', password, ['administrator']);
    await admin.signIn('ada', password, () => new Date(t.clock.now));
    const [row] = await ssoAccounts(testAccounts.agentWithMfa.subject);
    expect((await admin.request({ method: 'PATCH', url: `/api/admin/users/${row!.id}`, payload: { disabled: true } })).statusCode).toBe(
      200,
    );
    const disabled = await signInThroughProvider(appUrl, testAccounts.agentWithMfa);
    expect(disabled.landedOn).toBe('/sign-in?error=sso');
    expect((await auditEntries('login_failed')).at(-1)).toMatchObject({
      record_id: row!.id,
      detail: { method: 'oidc', reason: 'disabled' },
    });

    const agent = testAccounts.agentPasswordOnly;
    const [agentRow] = await ssoAccounts(agent.subject);
    const earlier = await signInThroughProvider(appUrl, agent);
    expect((await session(earlier.sessionCookie)).status).toBe(200);
    idp.setAccount({ ...agent, groups: ['marketing'] });
    const dropped = await signInThroughProvider(appUrl, agent);
    expect(dropped.landedOn).toBe('/sign-in?error=sso');
    // The provider is the source of truth: the roles are gone here too, and so are the sessions.
    expect((await ssoAccounts(agent.subject))[0]!.roles).toEqual([]);
    expect((await session(earlier.sessionCookie)).status).toBe(401);
    expect((await auditEntries('login_failed')).at(-1)).toMatchObject({ record_id: agentRow!.id, detail: { reason: 'no_role' } });
    idp.setAccount(agent);
  });

  it('gives an SSO account no password: password sign-in is refused like any other failure, without locking it', async () => {
    const auditor = testAccounts.auditor;
    const unknown = await client(t.app).login('nobody-at-all', 'whatever password');
    for (let i = 0; i < 6; i++) {
      const refused = await client(t.app).login('quill.auditor', auditor.password);
      expect(refused.statusCode).toBe(401);
      expect({ ...refused.json(), instance: undefined }).toEqual({ ...unknown.json(), instance: undefined });
    }
    expect((await auditEntries('login_failed')).at(-1)!.detail).toEqual({ reason: 'no_password' });
    expect((await ssoAccounts(auditor.subject))[0]).toMatchObject({ failed_logins: 0, locked_until: null });
    const sso = await signInThroughProvider(appUrl, auditor);
    expect(sso.landedOn).toBe('/');

    const me = await session(sso.sessionCookie);
    const change = await fetch(`${appUrl}/api/auth/password`, {
      method: 'POST',
      headers: {
        cookie: `caseline_session=${sso.sessionCookie}`,
        'x-csrf-token': String(me.body.csrfToken),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ currentPassword: 'anything at all', newPassword: 'a brand new passphrase' }),
    });
    expect(change.status).toBe(409);
  });

  it('keeps a provisioned username valid and unique when the provider’s names clash or do not fit', async () => {
    const clash = { ...testAccounts.outsider, subject: 'sub-clash-1', username: 'Quill.Auditor', groups: ['cc-auditors'] };
    const odd = { ...testAccounts.outsider, subject: 'sub-odd-1', username: '42 Ünïcode Náme!', groups: ['cc-auditors'] };
    idp.setAccount(clash);
    idp.setAccount(odd);
    const a = await signInThroughProvider(appUrl, clash);
    const b = await signInThroughProvider(appUrl, odd);
    expect((await session(a.sessionCookie)).body.username).toBe('quill.auditor-2');
    expect((await session(b.sessionCookie)).body.username).toBe('unicode-name');
  });

  it('lets the audit log show every SSO login, and keeps personal values out of the server log', async () => {
    const logins = (await auditEntries('login')).filter((e) => e.detail.method === 'oidc');
    expect(logins.length).toBeGreaterThanOrEqual(8);
    for (const entry of logins) expect(entry).toMatchObject({ outcome: 'ok', record_type: 'staff_user', purpose: 'staff sign-in' });

    const log = t.logs.join('\n');
    expect(log).toContain('single sign-on refused');
    expect(log).toContain('"reason":"state_mismatch"');
    for (const account of Object.values(testAccounts)) {
      for (const value of [account.name, account.email, account.username, account.subject]) expect(log).not.toContain(value);
    }
    // Nor the flow's secrets or the provider's code (query strings are cut from logged URLs).
    expect(log).not.toMatch(/[?&](code|state)=/);
    expect(idp.errors).toEqual([]);
  });
});

describe('single sign-on configuration', () => {
  const base = {
    CASELINE_OIDC_ISSUER: 'https://login.example.gov',
    CASELINE_OIDC_CLIENT_ID: 'caseline',
    CASELINE_OIDC_ROLE_MAP: 'a=agent',
  };

  it('is off unless issuer and client id are set, and derives the redirect URI from the public URL', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig({ CASELINE_PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    const on = loadConfig({ ...base, CASELINE_PUBLIC_URL: 'https://caseline.example.gov/' }).oidc!;
    expect(on).toMatchObject({
      redirectUri: 'https://caseline.example.gov/api/auth/oidc/callback',
      roleClaim: 'groups',
      areaClaim: null,
      clientSecret: null,
      label: 'Sign in with single sign-on',
      roleMap: [{ group: 'a', role: 'agent' }],
    });
    const dn = loadConfig({ ...base, CASELINE_OIDC_ROLE_MAP: '{"cn=agents,ou=groups":["agent","supervisor"]}' }).oidc!;
    expect(dn.roleMap).toEqual([
      { group: 'cn=agents,ou=groups', role: 'agent' },
      { group: 'cn=agents,ou=groups', role: 'supervisor' },
    ]);
  });

  it('names the variable at fault', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ CASELINE_OIDC_ISSUER: 'https://login.example.gov' }, /CASELINE_OIDC_CLIENT_ID/],
      [{ ...base, CASELINE_OIDC_ROLE_MAP: 'cc-agents=agent,cc-x=overlord' }, /CASELINE_OIDC_ROLE_MAP: "overlord".*not a staff role/],
      [{ ...base, CASELINE_OIDC_ROLE_MAP: 'cc-agents' }, /CASELINE_OIDC_ROLE_MAP must list group=role/],
      [{ ...base, CASELINE_OIDC_ROLE_MAP: '' }, /CASELINE_OIDC_ROLE_MAP must map at least one/],
      [{ ...base, CASELINE_OIDC_ISSUER: 'http://login.example.gov' }, /CASELINE_OIDC_ISSUER must be/],
      [{ ...base, CASELINE_OIDC_ISSUER: 'not a url' }, /CASELINE_OIDC_ISSUER must be/],
      [{ ...base, CASELINE_PUBLIC_URL: 'https://example.gov/console' }, /CASELINE_PUBLIC_URL must be/],
      [{ ...base, CASELINE_OIDC_LABEL: 'x'.repeat(81) }, /CASELINE_OIDC_LABEL/],
    ];
    for (const [env, message] of cases) expect(() => loadConfig(env), JSON.stringify(env)).toThrow(message);
    expect(loadConfig({ ...base, CASELINE_OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc!.issuer).toBe('http://127.0.0.1:4000');
  });
});

// The jar is part of the harness the browser test will not need; keep it honest here.
describe('test harness cookie jar', () => {
  it('sends a cookie only to its origin and path', () => {
    const jar = new CookieJar();
    const response = new Response(null, { headers: [['set-cookie', 'a=1; Path=/api/auth/oidc; HttpOnly']] });
    jar.store(new URL('http://127.0.0.1:1/api/auth/oidc/start'), response);
    expect(jar.header(new URL('http://127.0.0.1:1/api/auth/oidc/callback'))).toBe('a=1');
    expect(jar.header(new URL('http://127.0.0.1:1/api/auth/session'))).toBe('');
    expect(jar.header(new URL('http://127.0.0.1:2/api/auth/oidc/callback'))).toBe('');
  });
});
