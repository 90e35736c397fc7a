import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import Provider from 'oidc-provider';

/**
 * A REAL OpenID provider (oidc-provider 9) for tests: plain http on a loopback address and
 * a random port, one registered confidential client, and test accounts with group claims.
 * Its login and consent pages are minimal HTML forms (below) that a fetch-based driver
 * (signInThroughProvider) or a browser fills in:
 *
 *   login page   (title "Sign in – test provider"): fields labelled "Username" (name=username)
 *                and "Password" (name=password, type=password), button "Sign in"; a wrong
 *                password answers 401 with the same form and the alert "Wrong username or password.";
 *                button "Cancel" aborts (the provider returns error=access_denied).
 *   consent page (title "Allow access – test provider"), shown once per provider session:
 *                button "Allow" grants the requested scopes, button "Cancel" aborts.
 *
 * The provider remembers a login in its own session cookie (as real providers do): in the
 * same browser context a second sign-in skips the login page. Use a fresh context to sign
 * in as someone else.
 */

export interface TestAccount {
  /** Typed into the login page's Username field; also the preferred_username claim. */
  readonly username: string;
  readonly password: string;
  /** The sub claim: the stable identifier Caseline binds the staff account to. */
  readonly subject: string;
  readonly name: string;
  readonly email: string;
  /** The groups claim (CASELINE_OIDC_ROLE_CLAIM defaults to it). */
  readonly groups: readonly string[];
  /** The caseline_areas claim: business area ids (set CASELINE_OIDC_AREA_CLAIM=caseline_areas to use it). */
  readonly areas: readonly string[];
  /** True: the login counts as multi-factor, the ID token's amr is ["pwd","otp"]; false: ["pwd"]. */
  readonly mfa: boolean;
}

/** The role map matching the test accounts' groups, as CASELINE_OIDC_ROLE_MAP. */
export const testRoleMap = 'cc-agents=agent,cc-auditors=auditor,cc-admins=administrator,privacy=privacy_officer';
export const testAreaClaim = 'caseline_areas';

/**
 * Known accounts. Their names and addresses are distinctive on purpose: a test can search
 * the server's log for them. Passwords are the provider's, not Caseline's.
 */
export const testAccounts = {
  /** Auditor; no second factor needed (auditors read no sensitive fields). */
  auditor: {
    username: 'quill.auditor',
    password: 'provider password 1',
    subject: 'sub-7f3a-auditor',
    name: 'Quintessa Quillfeather',
    email: 'quintessa.quillfeather@idp.example',
    groups: ['cc-auditors', 'all-staff'],
    areas: [],
    mfa: false,
  },
  /** Agent in trademarks whose provider login is multi-factor: Caseline's TOTP steps are skipped. */
  agentWithMfa: {
    username: 'ysolde.agent',
    password: 'provider password 2',
    subject: 'sub-91c2-agent-mfa',
    name: 'Ysolde Vantongeren',
    email: 'ysolde.vantongeren@idp.example',
    groups: ['cc-agents'],
    areas: ['trademarks'],
    mfa: true,
  },
  /** Agent whose provider login is password only: Caseline asks for its own TOTP enrolment. */
  agentPasswordOnly: {
    username: 'barnaby.agent',
    password: 'provider password 3',
    subject: 'sub-2d44-agent-pwd',
    name: 'Barnaby Okonkwo-Lindqvist',
    email: 'barnaby.okonkwo@idp.example',
    groups: ['cc-agents'],
    areas: ['trademarks'],
    mfa: false,
  },
  /** Administrator (no second factor needed: administrators read no sensitive fields). */
  administrator: {
    username: 'admin.sso',
    password: 'provider password 4',
    subject: 'sub-0a0a-admin',
    name: 'Adaeze Administratrix',
    email: 'adaeze.admin@idp.example',
    groups: ['cc-admins'],
    areas: [],
    mfa: false,
  },
  /** In no group the role map knows: Caseline refuses. */
  outsider: {
    username: 'orrin.outsider',
    password: 'provider password 5',
    subject: 'sub-5e5e-outsider',
    name: 'Orrin Featherstonehaugh',
    email: 'orrin.featherstonehaugh@idp.example',
    groups: ['marketing', 'all-staff'],
    areas: [],
    mfa: false,
  },
} as const satisfies Record<string, TestAccount>;

export interface TestProvider {
  /** The issuer URL (no trailing slash): CASELINE_OIDC_ISSUER. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The environment that points Caseline at this provider (add CASELINE_PUBLIC_URL yourself). */
  readonly env: Readonly<Record<string, string>>;
  /** Adds an account or replaces the one with the same username (e.g. to change its groups between sign-ins). */
  setAccount(account: TestAccount): void;
  account(username: string): TestAccount;
  /** Errors the provider raised while handling requests (for a failing test's message). */
  readonly errors: readonly unknown[];
  stop(): Promise<void>;
}

export interface TestProviderOptions {
  /** Caseline's callback, `${publicUrl}/api/auth/oidc/callback`; registered exactly. */
  readonly redirectUris: readonly string[];
  readonly accounts?: readonly TestAccount[];
  /** Default 127.0.0.1. With the app on `localhost` the two are different sites, as in production. */
  readonly hostname?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
}

/** A free TCP port on 127.0.0.1, for an app whose public URL must be known before it listens. */
export async function reservePort(hostname = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, hostname, resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} – test provider</title></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`;
}

function loginPage(uid: string, error: string | null): string {
  return page(
    'Sign in',
    `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>`,
  );
}

function consentPage(uid: string, scopes: readonly string[]): string {
  return page(
    'Allow access',
    `<p>Caseline asks for: ${escapeHtml(scopes.join(' '))}</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>`,
  );
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Starts the provider; stop() ends it. */
export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const hostname = options.hostname ?? '127.0.0.1';
  const clientId = options.clientId ?? 'caseline-test';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const accounts = new Map<string, TestAccount>();
  for (const account of options.accounts ?? Object.values(testAccounts)) accounts.set(account.username, account);
  const bySubject = (subject: string) => [...accounts.values()].find((a) => a.subject === subject);
  const errors: unknown[] = [];

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => send(res, 503, page('Starting', ''));
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, hostname, resolve));
  const issuer = `http://${hostname}:${(server.address() as net.AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [...options.redirectUris],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // groups and areas ride on the profile scope, so 'openid profile email' is all Caseline asks for.
    claims: {
      // amr (the login's methods) rides on the openid scope, so every ID token carries it,
      // as the ID tokens of most enterprise providers do.
      amr: null,
      auth_time: null,
      sid: null,
      iss: null,
      openid: ['sub', 'amr', 'auth_time'],
      profile: ['name', 'preferred_username', 'groups', testAreaClaim],
      email: ['email', 'email_verified'],
    },
    async findAccount(_ctx: unknown, sub: string) {
      const account = bySubject(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        // Read at token time: a changed account shows its new groups at the next sign-in.
        async claims() {
          const current = bySubject(sub) ?? account;
          return {
            sub,
            name: current.name,
            preferred_username: current.username,
            email: current.email,
            email_verified: true,
            groups: [...current.groups],
            [testAreaClaim]: [...current.areas],
          };
        },
      };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async renderError(ctx: { type: string; body: string }, out: { error?: string }) {
      ctx.type = 'html';
      ctx.body = page('Provider error', `<p>${escapeHtml(out.error ?? 'error')}</p>`);
    },
  });
  provider.on('server_error', (_ctx, error) => errors.push(error));
  const providerHandler = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm|abort))?$/.exec(url.pathname);
    if (!match) return send(res, 404, page('Not found', ''));
    const [, uid, action] = match;
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, page('Wrong interaction', ''));
    if (req.method === 'GET' && action === undefined) {
      if (details.prompt.name === 'login') return send(res, 200, loginPage(uid!, null));
      const scopes = String(details.params.scope ?? '').split(' ');
      return send(res, 200, consentPage(uid!, scopes));
    }
    if (req.method !== 'POST') return send(res, 405, page('Method not allowed', ''));
    if (action === 'abort') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
    }
    if (action === 'login') {
      const body = await formBody(req);
      const account = accounts.get(body.get('username') ?? '');
      if (details.prompt.name !== 'login' || !account || account.password !== body.get('password')) {
        return send(res, 401, loginPage(uid!, 'Wrong username or password.'));
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.subject, amr: account.mfa ? ['pwd', 'otp'] : ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
    }
    // action === 'confirm': grant what the prompt says is missing (as oidc-provider's own dev pages do).
    await formBody(req);
    if (details.prompt.name !== 'consent' || !details.session) return send(res, 400, page('Nothing to allow', ''));
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId: details.session.accountId, clientId }))
      : new provider.Grant({ accountId: details.session.accountId, clientId: String(details.params.client_id) });
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  handler = (req, res) => {
    if (!(req.url ?? '').startsWith('/interaction/')) return providerHandler(req, res);
    interaction(req, res).catch((error: unknown) => {
      errors.push(error);
      if (!res.headersSent) send(res, 400, page('Interaction failed', '<p>Start again from Caseline.</p>'));
    });
  };

  return {
    issuer,
    clientId,
    clientSecret,
    env: {
      CASELINE_OIDC_ISSUER: issuer,
      CASELINE_OIDC_CLIENT_ID: clientId,
      CASELINE_OIDC_CLIENT_SECRET: clientSecret,
      CASELINE_OIDC_ROLE_MAP: testRoleMap,
    },
    setAccount(account) {
      accounts.set(account.username, account);
    },
    account(username) {
      const account = accounts.get(username);
      if (!account) throw new Error(`no test account ${username}`);
      return account;
    },
    errors,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A cookie jar for fetch, by origin and path (enough for Caseline and the provider; no domain cookies). */
export class CookieJar {
  readonly #cookies = new Map<string, { origin: string; name: string; value: string; path: string }>();

  header(url: URL): string {
    return [...this.#cookies.values()]
      .filter(
        (c) =>
          c.origin === url.origin && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1) ?? null;
      const path = attribute('path') ?? '/';
      const maxAge = attribute('max-age');
      const expires = attribute('expires');
      const gone = value === '' || (maxAge !== null && Number(maxAge) <= 0) || (expires !== null && Date.parse(expires) <= Date.now());
      const key = `${url.origin}|${name}|${path}`;
      if (gone) this.#cookies.delete(key);
      else this.#cookies.set(key, { origin: url.origin, name, value, path });
    }
  }

  get(origin: string, name: string): string | null {
    return [...this.#cookies.values()].find((c) => c.origin === origin && c.name === name)?.value ?? null;
  }

  async fetch(url: URL, init: { method?: string; form?: URLSearchParams } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/html,application/json' };
    const cookie = this.header(url);
    if (cookie) headers.cookie = cookie;
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(init.form ? { body: init.form.toString() } : {}),
    });
    this.store(url, response);
    return response;
  }
}

interface PageForm {
  readonly action: string;
  readonly button: string;
  readonly fields: readonly string[];
}

function formsOf(html: string): PageForm[] {
  return [...html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => ({
    action: m[1]!,
    button: /<button[^>]*>([^<]*)<\/button>/.exec(m[2]!)?.[1] ?? '',
    fields: [...m[2]!.matchAll(/<input[^>]*name="([^"]+)"/g)].map((f) => f[1]!),
  }));
}

export interface SsoResult {
  /** Where Caseline sent the browser at the end: '/' after a sign-in, '/sign-in?error=sso' after a refusal. */
  readonly landedOn: string;
  /** The caseline_session cookie's value, when Caseline set one. */
  readonly sessionCookie: string | null;
  readonly jar: CookieJar;
  /** Status and path of every response on the way (paths only: queries carry codes and state). */
  readonly trail: readonly string[];
}

/**
 * Drives the whole authorization code flow as a browser would, without one: GET Caseline's
 * /api/auth/oidc/start, follow the redirects to the provider, fill in its login form (and
 * allow on its consent page), follow the redirect back to Caseline's callback, and stop
 * where Caseline sends the browser next.
 */
export async function signInThroughProvider(
  appUrl: string,
  credentials: { readonly username: string; readonly password: string },
  options: {
    readonly jar?: CookieJar;
    /** Changes the callback URL before the browser follows it (to tamper with state or code). */
    readonly beforeCallback?: (callback: URL) => void;
    /** Press Cancel on the provider's login page instead of signing in. */
    readonly cancel?: boolean;
  } = {},
): Promise<SsoResult> {
  const app = new URL(appUrl);
  const jar = options.jar ?? new CookieJar();
  const trail: string[] = [];
  let url = new URL('/api/auth/oidc/start', app);
  let request: { method?: string; form?: URLSearchParams } = {};
  for (let hop = 0; hop < 25; hop++) {
    const response = await jar.fetch(url, request);
    trail.push(`${response.status} ${url.origin === app.origin ? 'app' : 'provider'} ${url.pathname}`);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin === app.origin && !next.pathname.startsWith('/api/')) {
        return { landedOn: `${next.pathname}${next.search}`, sessionCookie: jar.get(app.origin, 'caseline_session'), jar, trail };
      }
      if (next.origin === app.origin && next.pathname === '/api/auth/oidc/callback') options.beforeCallback?.(next);
      url = next;
      request = {};
      continue;
    }
    const html = await response.text();
    if (response.status !== 200 || url.origin === app.origin) {
      throw new Error(`unexpected ${response.status} at ${url.pathname}: ${trail.join(' → ')}`);
    }
    const forms = formsOf(html);
    const login = forms.find((f) => f.fields.includes('password'));
    const pick = (button: string) => forms.find((f) => f.button === button);
    const form = options.cancel ? pick('Cancel') : login ? login : pick('Allow');
    if (!form) throw new Error(`no form to submit at ${url.pathname}: ${trail.join(' → ')}`);
    url = new URL(form.action, url);
    request = {
      method: 'POST',
      form: new URLSearchParams(form === login ? { username: credentials.username, password: credentials.password } : {}),
    };
  }
  throw new Error(`too many redirects: ${trail.join(' → ')}`);
}
