import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { withPrincipal, type StaffPrincipal, type Tables, type Tx } from '../../db/index.ts';
import type { AuditContext } from '../audit-context.ts';
import { appendAudit, type AuditDetail } from '../audit/index.ts';
import type { Action } from '../matrix.ts';
import { staffPrincipal, systemPrincipal } from '../principals.ts';
import { newToken, tokenDigest } from './sessions.ts';
import { toStaffUser } from './staff-user.ts';
import type { StaffLoginRow } from './staff-user-repository.ts';

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Action[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revoked: boolean;
}

export class ScopeNotHeld extends Error {
  readonly scopes: readonly string[];
  constructor(scopes: readonly string[]) {
    super(`you cannot grant a token what you do not hold: ${scopes.join(', ')}`);
    this.scopes = scopes;
  }
}

// Recognisable in leaked-secret scanners and logs, so one can be found and revoked.
const prefix = 'cltok_';
const maxLifetimeDays = 366;

function heldActions(principal: StaffPrincipal): Set<string> {
  return new Set(principal.grants.map((g) => g.slice(0, g.lastIndexOf(':'))));
}

/** Creating or revoking a token changes what can act for its owner: a permission change. */
function auditTokenChange(trx: Tx, owner: StaffPrincipal, ctx: AuditContext, at: Date, id: string, detail: AuditDetail): Promise<void> {
  return appendAudit(trx, {
    at,
    actor: owner,
    action: 'permission_change',
    recordType: 'api_token',
    recordId: id,
    subjects: [],
    ...ctx,
    outcome: 'ok',
    detail,
  });
}

export async function createApiToken(
  trx: Tx,
  owner: StaffPrincipal,
  input: { name: string; scopes: readonly Action[]; expiresInDays: number },
  ctx: AuditContext,
  now: Date,
): Promise<{ token: string; apiToken: ApiToken }> {
  const held = heldActions(owner);
  const missing = input.scopes.filter((s) => !held.has(s));
  if (missing.length > 0) throw new ScopeNotHeld(missing);
  const id = randomUUID();
  const token = prefix + newToken();
  const expiresAt = new Date(now.getTime() + Math.min(input.expiresInDays, maxLifetimeDays) * 86_400_000);
  await trx
    .insertInto('api_tokens')
    .values({
      id,
      user_id: owner.id,
      name: input.name,
      token_hash: tokenDigest(token),
      scopes: [...input.scopes],
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  await auditTokenChange(trx, owner, ctx, now, id, { change: 'token_created', scopes: input.scopes.join(',') });
  return {
    token,
    apiToken: { id, name: input.name, scopes: [...input.scopes], createdAt: now, expiresAt, lastUsedAt: null, revoked: false },
  };
}

export async function listApiTokens(trx: Tx, owner: StaffPrincipal): Promise<ApiToken[]> {
  const rows = await trx.selectFrom('api_tokens').selectAll().where('user_id', '=', owner.id).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes as Action[],
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revoked: r.revoked_at !== null,
  }));
}

export async function revokeApiToken(trx: Tx, owner: StaffPrincipal, id: string, ctx: AuditContext, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', owner.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  await auditTokenChange(trx, owner, ctx, now, id, { change: 'token_revoked' });
  return true;
}

/** A token and its owner as caseline.api_token_login (0018_credential_lookup) answers them. */
type TokenLoginRow = StaffLoginRow & {
  readonly token_id: string;
  readonly token_scopes: string[];
  readonly token_expires_at: Date;
  readonly token_last_used_at: Date | null;
  readonly token_revoked_at: Date | null;
};

/**
 * The principal a bearer token acts as: its owner's grants, narrowed to the token's scopes. The
 * login statement goes to `statements` (Database.statements, shared by concurrent requests).
 */
export async function resolveApiToken(
  db: Kysely<Tables>,
  token: string,
  now: Date,
  statements: Kysely<Tables> = db,
): Promise<StaffPrincipal | null> {
  if (!token.startsWith(prefix)) return null;
  const result = await sql<TokenLoginRow>`SELECT * FROM caseline.api_token_login(${tokenDigest(token)})`.execute(statements);
  const found = result.rows[0];
  if (!found) return null;
  const { token_id, token_scopes, token_expires_at, token_last_used_at, token_revoked_at, ...userRow } = found;
  if (token_revoked_at !== null || token_expires_at.getTime() <= now.getTime() || userRow.disabled_at !== null) return null;
  const user = toStaffUser(userRow);
  // A token was created from an MFA-passed session if it holds sensitive scopes (createApiToken checks held grants).
  const full = staffPrincipal({ id: user.id, roles: user.roles, areas: user.businessAreas, mfaPassed: true });
  const scopes = new Set<string>(token_scopes);
  if (token_last_used_at === null || now.getTime() - token_last_used_at.getTime() > 60_000) {
    await withPrincipal(db, systemPrincipal('login'), (trx) =>
      trx.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', token_id).execute(),
    );
  }
  return { ...full, grants: full.grants.filter((g) => scopes.has(g.slice(0, g.lastIndexOf(':')))) };
}
