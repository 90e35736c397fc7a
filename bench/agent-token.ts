import { createStaffUser, systemPrincipal, totpCode } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import type { App } from '../src/http/app.ts';
import type { BenchContext } from './fixtures.ts';

async function call(
  app: App,
  method: 'POST',
  url: string,
  payload: object,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await app.inject({ method, url, payload, headers });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

/** What an agent's token needs to open cases. */
export const openCaseScopes: readonly string[] = ['record.read', 'record.create', 'record.update'];

export interface AgentCredentials {
  /** An API token with the scopes asked for. */
  readonly token: string;
  /** The signed-in session's cookie and CSRF headers. */
  readonly session: Record<string, string>;
}

/**
 * An agent account signed in the way a person does it (password, TOTP enrolment), then
 * an API token with `scopes` (record.read unless told): what an integration would hammer
 * the API with.
 */
export async function agentCredentials(
  app: App,
  ctx: BenchContext,
  scopes: readonly string[] = ['record.read'],
  username = 'bench-agent',
): Promise<AgentCredentials> {
  const system = systemPrincipal('bench');
  const password = 'bench agent pass phrase, long enough';
  await withPrincipal(ctx.bench.database.db, system, (trx) =>
    createStaffUser(
      trx,
      system,
      { username, displayName: 'Benchmark agent', password, roles: ['agent'], businessAreas: [], mustChangePassword: false },
      ctx.audit,
      new Date(),
    ),
  );
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`bench agent sign-in answered ${login.statusCode}`);
  const session = login.cookies.find((c) => c.name === 'caseline_session')!.value;
  const headers = { cookie: `caseline_session=${session}`, 'x-csrf-token': String(login.json().csrfToken) };
  const { secret } = await call(app, 'POST', '/api/auth/totp/enrol', {}, headers);
  const { stage } = await call(app, 'POST', '/api/auth/totp/confirm', { code: totpCode(String(secret), new Date()) }, headers);
  if (stage !== 'full') throw new Error(`bench agent sign-in stopped at ${String(stage)}`);
  const { token } = await call(app, 'POST', '/api/tokens', { name: 'bench', scopes, expiresInDays: 1 }, headers);
  return { token: String(token), session: headers };
}

/** agentCredentials' API token alone. */
export async function agentApiToken(app: App, ctx: BenchContext, scopes?: readonly string[], username?: string): Promise<string> {
  return (await agentCredentials(app, ctx, scopes, username)).token;
}
