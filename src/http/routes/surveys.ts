import type { FastifyError, FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { customerPrincipal, systemPrincipal } from '../../access/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  commentMaxLength,
  InvalidSurveyField,
  SurveyAlreadyAnswered,
  SurveyNotFound,
  type SurveyLinkHolder,
  type SurveyService,
} from '../../modules/surveys/index.ts';
import { auditContext } from '../auth.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError, ProblemSchema } from '../problem.ts';

const purpose = 'customer experience and satisfaction survey (PAT-TM-20; survey records of 890.000)';
/** Caseline itself, only to find which invitation (and data subject) a verified link is for. */
const linkReader = systemPrincipal('survey-link');

const Token = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'The token of the survey link' }) });
const SurveyPageSchema = Type.Object(
  {
    caseNumber: Type.String({ description: 'The number of the case the survey is about, as in the letters' }),
    description: Type.String({ description: 'A neutral sentence naming the case and the day it was resolved' }),
    resolvedAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
    answered: Type.Boolean({ description: 'true: the survey has been answered and cannot be answered again' }),
  },
  { additionalProperties: false },
);
const AnswerSchema = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5, description: '1 (very dissatisfied) to 5 (very satisfied)' }),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: commentMaxLength }), Type.Null()])),
  },
  { additionalProperties: false },
);
const answeredType = 'urn:caseline:problem:survey-answered';

const notFound = () =>
  new ProblemError(404, problemTypes.notFound, 'Not found', 'This survey link is not valid, or it has expired or been replaced.');

function surveyFailure(error: unknown): never {
  if (error instanceof SurveyNotFound) throw notFound();
  if (error instanceof SurveyAlreadyAnswered)
    throw new ProblemError(410, answeredType, 'Already answered', 'This survey has been answered already. Thank you.');
  if (error instanceof InvalidSurveyField) throw fieldProblem(`/body/${error.field}`, error.reason);
  throw error;
}

/** AJV's errors of the answer, as a 422 naming each field (a rating of 0 or 6 is a wrong value, not a malformed request). */
function answerProblem(validation: NonNullable<FastifyError['validation']>): ProblemError {
  const errors = validation.map((v) => {
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    return { field: `/body${v.instancePath}${missing ? `/${missing}` : ''}`, message: v.message ?? 'is invalid' };
  });
  return new ProblemError(422, problemTypes.validation, 'Invalid field', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
}

/**
 * The public survey API: no sign-in, the link's token is the only credential. Rate-limited
 * like sign-in. An altered, expired or replaced link is 404 whatever case it was meant for;
 * everything after the token check runs as the case's data subject (a customer principal),
 * so row-level security admits that subject's rows only.
 */
export const surveyRoutes: FastifyPluginAsync<{
  database: Database;
  surveys: SurveyService;
  clock: () => Date;
  rateLimit: number;
}> = async (base, { database, surveys, clock, rateLimit }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['surveys'];
  const config = { auth: 'public' as const, purpose, rateLimit: { max: rateLimit, timeWindow: '1 minute' } };

  async function holderOf(token: string): Promise<SurveyLinkHolder> {
    const holder = await withPrincipal(database.db, linkReader, (trx) => surveys.holderOf(trx, token, clock()));
    if (!holder) throw notFound();
    return holder;
  }

  app.get(
    '/:token',
    {
      schema: {
        tags,
        summary: 'A satisfaction survey: which case it is about and whether it has been answered',
        description: 'No sign-in: the link is the credential. Shows no personal data.',
        security: [],
        params: Token,
        response: { 200: SurveyPageSchema, ...problemResponses },
      },
      config,
    },
    async (request) => {
      const holder = await holderOf(request.params.token);
      const principal = customerPrincipal(holder.subjectId);
      const page = await withPrincipal(database.db, principal, (trx) =>
        surveys.show(trx, principal, holder.invitationId, auditContext(request), clock()),
      ).catch(surveyFailure);
      return {
        caseNumber: page.caseNumber,
        description: page.description,
        resolvedAt: page.resolvedAt.toISOString(),
        expiresAt: page.expiresAt.toISOString(),
        answered: page.answered,
      };
    },
  );

  app.post(
    '/:token',
    {
      schema: {
        tags,
        summary: 'Answer a satisfaction survey: a rating of 1 to 5 and an optional comment',
        description:
          'Once per link: the answer and the use of the link are one transaction; a second answer gets 410. The comment is encrypted and kept with the rating 3 years (890.000).',
        security: [],
        params: Token,
        body: AnswerSchema,
        response: {
          201: Type.Object({ answered: Type.Literal(true) }, { additionalProperties: false }),
          410: ProblemSchema,
          ...problemResponses,
        },
      },
      attachValidation: true,
      config,
    },
    async (request, reply) => {
      const holder = await holderOf(request.params.token);
      if (request.validationError) throw answerProblem((request.validationError as FastifyError).validation ?? []);
      const principal = customerPrincipal(holder.subjectId);
      await withPrincipal(database.db, principal, (trx) =>
        surveys.answer(trx, principal, holder.invitationId, request.body, auditContext(request), clock()),
      ).catch(surveyFailure);
      return reply.status(201).send({ answered: true });
    },
  );
};
