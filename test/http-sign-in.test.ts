import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/access/index.ts';
import { client, totpSecrets } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
const password = 'correct horse battery staple';
beforeAll(async () => {
  t = await testApp();
  await t.addArea('trademarks');
  await t.addStaff('ada', password, ['administrator']);
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('otto', password, ['auditor']);
});
afterAll(async () => {
  await t.close();
});
const now = () => new Date(t.clock.now);

describe('staff sign-in', () => {
  it('gives one answer whether the username or the password was wrong', async () => {
    const unknown = await client(t.app).login('nobody', password);
    const wrong = await client(t.app).login('ada', 'not the password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
  });

  it('locks an account for 15 minutes after 5 failed passwords, then lets it in', async () => {
    await t.addStaff('lou', password, ['administrator']);
    for (let i = 0; i < 5; i++) expect((await client(t.app).login('lou', 'wrong password!')).statusCode).toBe(401);
    expect((await client(t.app).login('lou', password)).statusCode).toBe(401);
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    expect((await client(t.app).login('lou', password)).statusCode).toBe(200);
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const c = client(t.app);
    await c.signIn('ada', password, now);
    const token = c.csrf;
    c.csrf = null;
    const refused = await c.request({ method: 'PUT', url: '/api/admin/business-areas/patents', payload: { name: 'Patents' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('urn:caseline:problem:csrf');
    c.csrf = token;
    expect((await c.request({ method: 'PUT', url: '/api/admin/business-areas/patents', payload: { name: 'Patents' } })).statusCode).toBe(
      200,
    );
  });

  it('makes an agent enrol TOTP before any data, then asks for the code at every sign-in', async () => {
    const c = client(t.app);
    const first = await c.login('agnes', password);
    expect(first.json().stage).toBe('mfa_enrolment');
    const blocked = await c.post('/api/customers/search', { name: 'Smith' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toBe('urn:caseline:problem:sign-in-incomplete');
    const { secret, uri } = (await c.post('/api/auth/totp/enrol')).json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Caseline:agnes\?/);
    expect((await c.post('/api/auth/totp/confirm', { code: '000000' })).statusCode).toBe(401);
    expect((await c.post('/api/auth/totp/confirm', { code: totpCode(secret, now()) })).json().stage).toBe('full');
    totpSecrets.set('agnes', secret);
    expect((await c.post('/api/customers/search', { name: 'Smith' })).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.post('/api/customers/search', { name: 'Smith' })).statusCode).toBe(401);

    const again = client(t.app);
    expect((await again.login('agnes', password)).json().stage).toBe('mfa');
    expect((await again.post('/api/customers/search', { name: 'Smith' })).statusCode).toBe(403);
    expect((await again.post('/api/auth/mfa', { code: totpCode(secret, now()) })).json().stage).toBe('full');
    expect((await again.post('/api/customers/search', { name: 'Smith' })).statusCode).toBe(200);
  });

  it('ends a session after the idle time', async () => {
    const c = client(t.app);
    await c.signIn('ada', password, now);
    expect((await c.get('/api/admin/users')).statusCode).toBe(200);
    // The console warns before the idle end, and shows service-level times in the agency's zone.
    expect((await c.get('/api/auth/session')).json()).toMatchObject({
      idleMinutes: t.config.sessionIdleMinutes,
      timeZone: t.config.timeZone,
    });
    t.clock.now = new Date(t.clock.now.getTime() + (t.config.sessionIdleMinutes + 1) * 60_000);
    expect((await c.get('/api/admin/users')).statusCode).toBe(401);
  });

  it('makes a bootstrap-style account change its one-time password before anything else', async () => {
    const c = client(t.app);
    await c.signIn('ada', password, now);
    const created = await c.post('/api/admin/users', {
      username: 'newbie',
      displayName: 'New Bie',
      password: 'one-time password 1',
      roles: ['auditor'],
    });
    expect(created.statusCode).toBe(201);
    const n = client(t.app);
    expect((await n.login('newbie', 'one-time password 1')).json().stage).toBe('password_change');
    expect((await n.get('/api/audit')).statusCode).toBe(403);
    const weak = await n.post('/api/auth/password', { currentPassword: 'one-time password 1', newPassword: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].field).toBe('/body/newPassword');
    const elsewhere = client(t.app);
    await elsewhere.login('newbie', 'one-time password 1');
    const changed = await n.post('/api/auth/password', { currentPassword: 'one-time password 1', newPassword: 'a much longer passphrase' });
    expect(changed.json().stage).toBe('full');
    expect((await n.get('/api/audit')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/session')).statusCode).toBe(401);
    // Signed in fully now: the session lives on past the 10 minutes a half-finished sign-in gets.
    for (let minutes = 0; minutes < 3; minutes++) {
      t.clock.now = new Date(t.clock.now.getTime() + 8 * 60_000);
      expect((await n.get('/api/audit')).statusCode).toBe(200);
    }
  });
});

describe('API tokens', () => {
  it('act with the owner’s grants narrowed to their scopes, and stop when revoked', async () => {
    const c = client(t.app);
    await c.signIn('otto', password, now);
    const refused = await c.post('/api/tokens', { name: 'siem', scopes: ['user.manage'] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].field).toBe('/body/scopes');
    const created = await c.post('/api/tokens', { name: 'siem', scopes: ['audit.read'], expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: bearer })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: bearer })).statusCode).toBe(403);
    expect((await c.request({ method: 'DELETE', url: `/api/tokens/${apiToken.id}` })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: bearer })).statusCode).toBe(401);
  });
});

describe('errors', () => {
  it('name the offending field as problem+json and change nothing', async () => {
    const c = client(t.app);
    await c.signIn('ada', password, now);
    const before = (await c.get('/api/admin/users')).json().length;
    const bad = await c.post('/api/admin/users', {
      username: 'Bad Name!',
      displayName: 'x',
      password: 'long enough password',
      roles: ['agent'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('/body/username');
    const unknownRole = await c.post('/api/admin/users', {
      username: 'fine',
      displayName: 'x',
      password: 'long enough password',
      roles: ['overlord'],
    });
    expect(unknownRole.statusCode).toBe(400);
    expect(unknownRole.json().errors.some((e: { field: string }) => e.field.startsWith('/body/roles'))).toBe(true);
    expect((await c.get('/api/admin/users')).json().length).toBe(before);
  });

  it('answer unknown routes with a 404 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(401);
    const open = await t.app.inject({ method: 'GET', url: '/nothing-here' });
    expect(open.statusCode).toBe(404);
    expect(open.json().type).toBe('urn:caseline:problem:not-found');
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 problem+json once a client address exceeds the limit', async () => {
    const limited = await testApp({ signInRateLimit: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await client(limited.app).login('nobody', 'whatever')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const last = await client(limited.app).login('nobody', 'whatever');
      expect(last.json().type).toBe('urn:caseline:problem:rate-limited');
    } finally {
      await limited.close();
    }
  });
});
