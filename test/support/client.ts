import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { totpCode } from '../../src/access/index.ts';
import type { App } from '../../src/http/app.ts';

/** A browser-like client for app.inject: keeps the session cookie and sends the CSRF token. */
export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  login(username: string, password: string): Promise<LightMyRequestResponse>;
  /** Signs in and completes TOTP enrolment or verification when the account needs it. */
  signIn(username: string, password: string, now: () => Date): Promise<void>;
  csrf: string | null;
  cookie: string | null;
}

export function client(app: App): Client {
  const c: Client = {
    csrf: null,
    cookie: null,
    async request(options) {
      const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
      if (c.cookie) headers.cookie = `caseline_session=${c.cookie}`;
      if (c.csrf && options.method && options.method !== 'GET') headers['x-csrf-token'] = c.csrf;
      const response = await app.inject({ ...options, headers });
      const set = response.cookies.find((k) => k.name === 'caseline_session');
      if (set) c.cookie = set.value === '' ? null : set.value;
      return response;
    },
    get: (url) => c.request({ method: 'GET', url }),
    post: (url, payload) =>
      c.request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) }),
    async login(username, password) {
      const response = await c.post('/api/auth/login', { username, password });
      if (response.statusCode === 200) c.csrf = response.json().csrfToken;
      return response;
    },
    async signIn(username, password, now) {
      const response = await c.login(username, password);
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode}`);
      let stage: string = response.json().stage;
      if (stage === 'mfa_enrolment') {
        const { secret } = (await c.post('/api/auth/totp/enrol')).json();
        totpSecrets.set(username, secret);
        stage = (await c.post('/api/auth/totp/confirm', { code: totpCode(secret, now()) })).json().stage;
      } else if (stage === 'mfa') {
        stage = (await c.post('/api/auth/mfa', { code: totpCode(totpSecrets.get(username)!, now()) })).json().stage;
      }
      if (stage !== 'full') throw new Error(`sign-in stopped at ${stage}`);
    },
  };
  return c;
}

/** TOTP secrets enrolled by signIn in this test file, so a second sign-in can answer the challenge. */
export const totpSecrets = new Map<string, string>();
