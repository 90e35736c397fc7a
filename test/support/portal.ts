import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { simpleParser } from 'mailparser';
import { expect } from 'vitest';
import type { App } from '../../src/http/app.ts';

export interface PortalBrowser {
  cookie: string | null;
  csrf: string | null;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: object): Promise<LightMyRequestResponse>;
}

/** A browser on the portal (app.inject): keeps the portal cookie and sends the CSRF token it was given. */
export function portalBrowser(app: App): PortalBrowser {
  const b: PortalBrowser = {
    cookie: null,
    csrf: null,
    async request(options) {
      const headers: Record<string, string> = {
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36',
        // A request's own headers (an upload's Content-Disposition) go along with the browser's.
        ...(options.headers as Record<string, string> | undefined),
      };
      if (b.cookie) headers.cookie = `caseline_portal=${b.cookie}`;
      if (b.csrf && options.method !== 'GET') headers['x-csrf-token'] = b.csrf;
      const response = await app.inject({ ...options, headers });
      const set = response.cookies.find((c) => c.name === 'caseline_portal');
      if (set) b.cookie = set.value === '' ? null : set.value;
      if (response.statusCode === 200 && (response.headers['content-type'] ?? '').includes('json')) {
        const csrf = (response.json() as { csrfToken?: string } | null)?.csrfToken;
        if (csrf) b.csrf = csrf;
      }
      return response;
    },
    get: (url) => b.request({ method: 'GET', url }),
    post: (url, payload) => b.request({ method: 'POST', url, ...(payload ? { payload } : {}) }),
  };
  return b;
}

export interface Inbox {
  readonly messages: { to: string; subject: string; text: string }[];
  /** The raw-message handler for startTestRelay. */
  receive(raw: Buffer): Promise<void>;
  /** The six-digit code of the latest message to `address`. */
  codeFor(address: string): string;
}

export function inbox(): Inbox {
  const messages: Inbox['messages'] = [];
  return {
    messages,
    async receive(raw) {
      const mail = await simpleParser(raw);
      const to = Array.isArray(mail.to) ? mail.to[0]!.text : (mail.to?.text ?? '');
      messages.push({ to, subject: mail.subject ?? '', text: mail.text ?? '' });
    },
    codeFor(address) {
      const mail = [...messages].reverse().find((m) => m.to.includes(address));
      const code = mail && /\b(\d{6})\b/.exec(mail.text)?.[1];
      if (!code) throw new Error('no code was mailed to that address');
      return code;
    },
  };
}

/** Registers `address` and verifies it with the mailed code: a signed-in, unlinked account. */
export async function registeredAccount(app: App, mail: Inbox, address: string, password: string): Promise<PortalBrowser> {
  const b = portalBrowser(app);
  const response = await b.post('/portal/api/auth/register', { email: address, password });
  expect(response.statusCode, response.body).toBe(202);
  const verified = await b.post('/portal/api/auth/verify', { email: address, code: mail.codeFor(address) });
  expect(verified.statusCode, verified.body).toBe(200);
  return b;
}
