import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
beforeAll(async () => {
  t = await testApp();
  await t.addStaff('ada', password, ['administrator']);
  await t.addStaff('pat', password, ['agent']);
});
afterAll(async () => {
  await t.close();
});

describe('operations endpoints', () => {
  it('report liveness, readiness and Prometheus metrics', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', pendingMigrations: 0 });
    const metrics = await t.app.inject('/metrics');
    expect(metrics.body).toMatch(/caseline_audit_unsealed_entries \d+/);
    expect(metrics.body).toMatch(/caseline_http_requests_total\{method="GET",route="\/readyz",status="200"\} 1/);
  });

  it('publish OpenAPI 3.1 where every operation declares its responses, and a browsable page', async () => {
    const doc = (await t.app.inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>).flatMap(
      ([p, methods]) => Object.entries(methods).map(([m, op]) => ({ name: `${m.toUpperCase()} ${p}`, op })),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const { name, op } of operations) {
      // A redirect is the success of a browser navigation endpoint (single sign-on's /start and /callback).
      const success = Object.keys(op.responses ?? {}).filter((code) => code.startsWith('2') || code.startsWith('3'));
      expect(success, name).not.toEqual([]);
    }
    expect(doc.paths['/api/customers/search'].post.requestBody).toBeDefined();
    const docs = await t.app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('send security headers', async () => {
    const response = await t.app.inject('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('master key rotation from the running server', () => {
  it('re-wraps data keys in the background; the data stays readable', async () => {
    const pat = client(t.app);
    await pat.signIn('pat', password, now);
    const created = await pat.post('/api/customers', {
      kind: 'person',
      values: [
        { field: 'customer_name', value: 'Rotating Rita' },
        { field: 'email', value: 'rita@example.com' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const admin = client(t.app);
    await admin.signIn('ada', password, now);
    const before = (await admin.get('/api/admin/keys')).json().activeKeyId;
    expect((await pat.post('/api/admin/keys/rotate', {})).statusCode).toBe(403);
    const started = await admin.post('/api/admin/keys/rotate', {});
    expect(started.statusCode).toBe(202);
    let status = started.json();
    for (let i = 0; i < 100 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await admin.get('/api/admin/keys')).json();
    }
    expect(status).toMatchObject({ state: 'done', retired: [before] });
    expect(status.activeKeyId).not.toBe(before);
    expect(status.rewrapped).toBeGreaterThanOrEqual(1);
    expect((await pat.get(`/api/customers/${created.json().id}`)).json().name).toBe('Rotating Rita');
  });
});

describe('TLS', () => {
  it('serves HTTPS from the certificate files given', async (context) => {
    let openssl = true;
    try {
      execFileSync('openssl', ['version']);
    } catch {
      openssl = false;
    }
    if (!openssl) {
      context.skip('openssl is not installed: no certificate to test TLS with');
      return;
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    const secure = await testApp({ tlsCert: cert, tlsKey: key });
    try {
      const address = await secure.app.listen({ port: 0, host: '127.0.0.1' });
      expect(address).toMatch(/^https:/);
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get(`${address}/healthz`, { rejectUnauthorized: false }, (res) => {
            let data = '';
            res.on('data', (c) => (data += c));
            res.on('end', () => resolve(data));
          })
          .on('error', reject);
      });
      expect(JSON.parse(body)).toEqual({ status: 'ok' });
    } finally {
      await secure.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
