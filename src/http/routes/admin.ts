import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  createApiToken,
  createStaffUser,
  DuplicateUsername,
  listApiTokens,
  listBusinessAreas,
  listStaffUsers,
  NotFound,
  recordActions,
  resetStaffMfa,
  revokeApiToken,
  ScopeNotHeld,
  staffRoles,
  systemActions,
  UnknownBusinessArea,
  updateStaffUser,
  upsertBusinessArea,
  usernamePattern,
  WeakPasswordError,
  type StaffUser,
  type ApiToken,
} from '../../access/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { BusinessAreaId } from './common-schema.ts';

const Role = Type.Enum(staffRoles);
const Scope = Type.Enum([...recordActions, ...systemActions]);
const Uuid = Type.String({ format: 'uuid' });

const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Role),
  businessAreas: Type.Array(Type.String()),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  disabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
const Area = Type.Object({
  id: BusinessAreaId,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 2000 }),
});
const Token = Type.Object({
  id: Uuid,
  name: Type.String(),
  scopes: Type.Array(Scope),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revoked: Type.Boolean(),
});

const userJson = (u: StaffUser) => ({
  ...u,
  roles: [...u.roles],
  businessAreas: [...u.businessAreas],
  lockedUntil: u.lockedUntil?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});
const tokenJson = (t: ApiToken) => ({
  ...t,
  scopes: [...t.scopes],
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

function adminFailure(error: unknown): never {
  if (error instanceof WeakPasswordError) throw fieldProblem('/body/password', error.message);
  if (error instanceof DuplicateUsername)
    throw new ProblemError(409, problemTypes.conflict, 'Username taken', 'Choose another username.', [
      { field: '/body/username', message: 'is taken' },
    ]);
  if (error instanceof UnknownBusinessArea) throw fieldProblem('/body/businessAreas', error.message);
  if (error instanceof ScopeNotHeld) throw fieldProblem('/body/scopes', error.message);
  if (error instanceof NotFound) throw new ProblemError(404, problemTypes.notFound, 'Not found', error.message);
  throw error;
}

export const adminRoutes: FastifyPluginAsync<{ database: Database; clock: () => Date }> = async (base, { database, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(adminFailure);

  app.get(
    '/admin/users',
    {
      schema: { tags: ['administration'], summary: 'Staff accounts', response: { 200: Type.Array(User), ...problemResponses } },
    },
    async (request) => (await run(request, (trx) => listStaffUsers(trx, request.principal!))).map(userJson),
  );

  app.post(
    '/admin/users',
    {
      schema: {
        tags: ['administration'],
        summary: 'Create a staff account',
        body: Type.Object(
          {
            username: Type.String({ pattern: usernamePattern, description: 'lower-case letters, digits, dot, dash, underscore' }),
            displayName: Type.String({ minLength: 1, maxLength: 200 }),
            password: Type.String({ minLength: 1, maxLength: 256, description: 'one-time: the user must change it at first sign-in' }),
            roles: Type.Array(Role, { uniqueItems: true }),
            businessAreas: Type.Array(BusinessAreaId, { uniqueItems: true, default: [] }),
          },
          { additionalProperties: false },
        ),
        response: { 201: User, ...problemResponses },
      },
      config: { purpose: 'user administration' },
    },
    async (request, reply) => {
      const user = await run(request, (trx) =>
        createStaffUser(trx, request.principal!, { ...request.body, mustChangePassword: true }, auditContext(request), clock()),
      );
      return reply.status(201).send(userJson(user));
    },
  );

  app.patch(
    '/admin/users/:id',
    {
      schema: {
        tags: ['administration'],
        summary: 'Change roles, business areas, name, or disable an account',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          {
            roles: Type.Optional(Type.Array(Role, { uniqueItems: true })),
            businessAreas: Type.Optional(Type.Array(BusinessAreaId, { uniqueItems: true })),
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            disabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: User, ...problemResponses },
      },
      config: { purpose: 'user administration' },
    },
    async (request) =>
      userJson(
        await run(request, (trx) =>
          updateStaffUser(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
        ),
      ),
  );

  app.post(
    '/admin/users/:id/mfa-reset',
    {
      schema: {
        tags: ['administration'],
        summary: 'Reset a lost authenticator',
        params: Type.Object({ id: Uuid }),
        response: { 200: User, ...problemResponses },
      },
      config: { purpose: 'user administration' },
    },
    async (request) =>
      userJson(await run(request, (trx) => resetStaffMfa(trx, request.principal!, request.params.id, auditContext(request), clock()))),
  );

  app.get(
    '/admin/business-areas',
    {
      schema: {
        tags: ['administration'],
        summary: 'Business areas (need-to-know scopes)',
        response: { 200: Type.Array(Area), ...problemResponses },
      },
    },
    async (request) => run(request, (trx) => listBusinessAreas(trx)),
  );

  app.put(
    '/admin/business-areas/:id',
    {
      schema: {
        tags: ['administration'],
        summary: 'Create or rename a business area',
        params: Type.Object({ id: BusinessAreaId }),
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.String({ maxLength: 2000, default: '' }) },
          { additionalProperties: false },
        ),
        response: { 200: Area, ...problemResponses },
      },
    },
    async (request) =>
      run(request, (trx) =>
        upsertBusinessArea(trx, request.principal!, { id: request.params.id, ...request.body }, auditContext(request), clock()),
      ),
  );

  app.get(
    '/tokens',
    {
      schema: { tags: ['api tokens'], summary: 'Your API tokens', response: { 200: Type.Array(Token), ...problemResponses } },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'staff') throw new ProblemError(403, problemTypes.forbidden, 'Staff only', 'Only staff hold API tokens.');
      return (await run(request, (trx) => listApiTokens(trx, principal))).map(tokenJson);
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Create an API token',
        description:
          'The token is shown once. It acts with your grants narrowed to the scopes given; you cannot grant what you do not hold.',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Scope, { minItems: 1, uniqueItems: true }),
            expiresInDays: Type.Integer({ minimum: 1, maximum: 366, default: 90 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), apiToken: Token }), ...problemResponses },
      },
      config: { purpose: 'API token administration' },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'staff' || !request.session)
        throw new ProblemError(
          403,
          problemTypes.forbidden,
          'Session required',
          'Create tokens from a signed-in session, not with another token.',
        );
      const created = await run(request, (trx) => createApiToken(trx, principal, request.body, auditContext(request), clock()));
      return reply.status(201).send({ token: created.token, apiToken: tokenJson(created.apiToken) });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Revoke an API token',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...problemResponses },
      },
      config: { purpose: 'API token administration' },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'staff') throw new ProblemError(403, problemTypes.forbidden, 'Staff only', 'Only staff hold API tokens.');
      const revoked = await run(request, (trx) => revokeApiToken(trx, principal, request.params.id, auditContext(request), clock()));
      if (!revoked) throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such active token of yours.');
      return reply.status(204).send(null);
    },
  );
};
