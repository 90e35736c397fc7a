import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { carryOver } from '../../access/index.ts';
import {
  InvalidPreference,
  preferenceChoices,
  type PortalPrivacy,
  type Preferences,
  type Profile as ProfileRecord,
} from '../../modules/portal/index.ts';
import { accessReportJson, renderAccessReportPdf, type Disclosure, type PrivacyRequest } from '../../modules/privacy/index.ts';
import { auditContext } from '../auth.ts';
import { sendPdf } from '../pdf-reply.ts';
import { type PortalUnit } from '../portal-auth.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { Nullable } from './common-schema.ts';
import { requestFailure } from './privacy-requests.ts';

const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Id = Type.Object({ id: Uuid });
const strict = { additionalProperties: false } as const;

const ProfileValue = Type.Object({
  id: Uuid,
  field: Type.String(),
  fieldName: Type.String({ description: "the field's name as the registry gives it" }),
  label: Nullable(Type.String()),
  value: Type.String(),
  masked: Type.Boolean(),
  primary: Type.Boolean(),
});
const PreferenceView = Type.Object({
  name: Type.Enum(['preferredContact', 'mediaPreference'], { description: 'its name in PUT /profile/preferences' }),
  field: Type.String(),
  fieldName: Type.String({ description: "the field's name as the registry gives it" }),
  value: Nullable(Type.String()),
  choices: Type.Array(Type.String(), { description: 'the values the registry takes' }),
});
const Profile = Type.Object({ name: Type.String(), values: Type.Array(ProfileValue), preferences: Type.Array(PreferenceView) });
const Request = Type.Object({
  id: Uuid,
  number: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  receivedAt: DateTime,
  decidedAt: Nullable(DateTime),
  decisionReason: Nullable(Type.String()),
  nextDeadline: Nullable(Type.Object({ name: Type.String(), dueAt: DateTime, status: Nullable(Type.String()) })),
  reportReady: Type.Boolean({ description: 'an access request whose records can be downloaded' }),
});
const DisclosureView = Type.Object({
  id: Uuid,
  disclosedAt: DateTime,
  nature: Type.String(),
  purpose: Type.String(),
  recipient: Type.Object({ name: Type.String(), address: Nullable(Type.String()) }),
  routineUse: Type.String(),
  recordType: Type.String(),
});

// Any text is taken here so that a value outside the catalog's list is answered 422 naming the
// preference, like every other refused value; the list is the registry field's own.
const preference = (name: keyof typeof preferenceChoices, what: string) =>
  Type.Optional(Type.String({ maxLength: 40, description: `${what}: one of ${preferenceChoices[name].join(', ')}` }));
const PreferencesBody = Type.Object(
  {
    preferredContact: preference('preferredContact', 'How you want us to contact you'),
    mediaPreference: preference('mediaPreference', 'How you want to receive what we send'),
  },
  strict,
);

const profileJson = (profile: ProfileRecord) =>
  carryOver(profile, {
    name: profile.name,
    values: [...profile.values],
    preferences: profile.preferences.map((p) => carryOver(p, { ...p, choices: [...p.choices] })),
  });

const noRecord = () => new ProblemError(404, problemTypes.notFound, 'Not found', 'Your customer record is no longer held.');

const requestJson = (r: PrivacyRequest) =>
  carryOver(r, {
    id: r.id,
    number: r.number,
    kind: r.kind,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionReason: r.decisionReason,
    nextDeadline: r.nextDeadline
      ? { name: r.nextDeadline.name, dueAt: r.nextDeadline.dueAt.toISOString(), status: r.nextDeadline.status }
      : null,
    reportReady: r.kind === 'access' && r.decidedAt !== null && ['granted', 'partially_granted', 'closed'].includes(r.status),
  });
const disclosureJson = (d: Disclosure) =>
  carryOver(d, {
    id: d.id,
    disclosedAt: d.disclosedAt.toISOString(),
    nature: d.nature,
    purpose: d.purpose,
    recipient: { name: d.recipient.name, address: d.recipient.address },
    routineUse: d.routineUse,
    recordType: d.recordType,
  });

/**
 * My profile and my privacy: what the registry holds (as the catalog allows showing it),
 * corrections as amendment requests, notification and access requests and the released
 * records, and the accounting of disclosures. The customer is the session's, never the request's.
 */
export const portalPrivacyRoutes: FastifyPluginAsync<{
  privacy: PortalPrivacy;
  unit: PortalUnit;
  clock: () => Date;
  agency: string;
  timeZone: string;
}> = async (base, { privacy, unit, clock, agency, timeZone }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const now = clock;
  const config = { purpose: 'portal: my privacy' };

  app.get(
    '/profile',
    { schema: { tags, summary: 'What we hold about me', response: { 200: Profile, ...problemResponses } }, config },
    async (request) =>
      unit(request, async (trx, principal) => {
        const profile = await privacy.profile(trx, principal, auditContext(request), now());
        if (!profile) throw noRecord();
        return profileJson(profile);
      }),
  );

  app.put<{ Body: Preferences }>(
    '/profile/preferences',
    {
      schema: {
        tags,
        summary: 'Set how I want to be contacted and to receive what you send',
        description:
          'Changes the preferences on my record directly (they are mine to state, so not an amendment request). A field left out stays as it is; a value outside the list is 422 naming the field. Audited. Answers the profile after the change.',
        body: PreferencesBody,
        response: { 200: Profile, ...problemResponses },
      },
      config,
    },
    async (request) =>
      unit(request, async (trx, principal) => {
        const profile = await privacy
          .updatePreferences(trx, principal, request.body, auditContext(request), now())
          .catch((error: unknown) => {
            if (error instanceof InvalidPreference) throw fieldProblem(`/body/${error.field}`, error.reason);
            throw error;
          });
        if (!profile) throw noRecord();
        return profileJson(profile);
      }),
  );

  app.post(
    '/profile/corrections',
    {
      schema: {
        tags,
        summary: 'Ask for a value on my record to be corrected (a Privacy Act amendment request)',
        body: Type.Object(
          {
            valueId: Uuid,
            field: Type.String({ maxLength: 60 }),
            value: Type.String({ minLength: 1, maxLength: 1000 }),
            explanation: Type.String({ minLength: 1, maxLength: 10_000 }),
          },
          strict,
        ),
        response: { 201: Request, ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const opened = await unit(request, async (trx, principal) =>
        requestJson(
          await privacy.requestCorrection(trx, principal, request.body, auditContext(request), now()).catch(requestFailure('body')),
        ),
      );
      return reply.status(201).send(opened);
    },
  );

  app.get(
    '/privacy/requests',
    { schema: { tags, summary: 'My Privacy Act requests', response: { 200: Type.Array(Request), ...problemResponses } }, config },
    async (request) =>
      unit(request, async (trx, principal) => (await privacy.requests(trx, principal, auditContext(request), now())).map(requestJson)),
  );

  app.post(
    '/privacy/requests',
    {
      schema: {
        tags,
        summary: 'Ask whether you hold records about me (notification) or for a copy of them (access)',
        body: Type.Object(
          { kind: Type.Enum(['notification', 'access']), details: Type.String({ minLength: 1, maxLength: 10_000 }) },
          strict,
        ),
        response: { 201: Request, ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const opened = await unit(request, async (trx, principal) =>
        requestJson(await privacy.open(trx, principal, request.body, auditContext(request), now()).catch(requestFailure('body'))),
      );
      return reply.status(201).send(opened);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { format?: 'json' | 'pdf' } }>(
    '/privacy/requests/:id/records',
    {
      schema: {
        tags,
        summary: 'The records of my answered access request, with the accounting of disclosures (JSON, or ?format=pdf)',
        params: Id,
        querystring: Type.Object({ format: Type.Optional(Type.Enum(['json', 'pdf'])) }, strict),
        produces: ['application/json', 'application/pdf'],
      },
      config,
    },
    async (request, reply) => {
      const answer = await unit(request, (trx, principal) =>
        privacy.accessReport(trx, principal, request.params.id, auditContext(request), now()).catch(requestFailure('params')),
      );
      if (request.query.format === 'pdf')
        return sendPdf(reply, await renderAccessReportPdf(answer.report, { agency, timeZone }), `${answer.request.number}-records.pdf`);
      return reply.header('content-type', 'application/json; charset=utf-8').send(accessReportJson(answer.report));
    },
  );

  app.get(
    '/privacy/disclosures',
    {
      schema: {
        tags,
        summary: 'To whom records about me were disclosed, when and why (5 U.S.C. 552a(c)(3))',
        response: { 200: Type.Array(DisclosureView), ...problemResponses },
      },
      config,
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        (await privacy.disclosures(trx, principal, auditContext(request), now())).map(disclosureJson),
      ),
  );
};
