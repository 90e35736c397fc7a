import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InvalidInquiryField, type WebInquiryIntake } from '../../modules/intake/index.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { InquiryFormSchema, InquiryReceivedSchema, InquirySchema } from './public-inquiry-schema.ts';

/** The answer to every form that is stale, tampered with or sent by a machine: the same words, whatever the reason. */
function staleForm(): ProblemError {
  return new ProblemError(422, problemTypes.validation, 'Form expired', 'This form has expired. Reload it and send your message again.', [
    { field: '/body/token', message: 'has expired: reload the form and send your message again' },
  ]);
}

/**
 * The public inquiry form (no sign-in): GET a form token, POST the inquiry. Rate limited
 * per client address; see src/modules/intake/web-form/inquiry-to-case.ts for what the
 * answers reveal and what they do not.
 */
export const publicInquiryRoutes: FastifyPluginAsync<{ intake: WebInquiryIntake; rateLimit: number }> = async (
  base,
  { intake, rateLimit },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['public'];

  app.get(
    '/form',
    {
      schema: {
        tags,
        summary: 'A new inquiry form: its token and the categories',
        security: [],
        response: { 200: InquiryFormSchema, ...problemResponses },
      },
      config: { auth: 'public', rateLimit: { max: Math.max(60, rateLimit * 6), timeWindow: '1 minute' } },
    },
    async () => {
      const form = intake.form();
      return { token: form.token, categories: [...form.categories] };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Send an inquiry; the answer is its case number',
        description:
          'No sign-in. The inquiry becomes a web case, matched to the customer holding the e-mail address if there is one; the answer is the same either way (202 with the case number only). A form that is stale, more than 2 hours old or already expired answers 422 naming token: fetch a new form and send again. Fields that break their rules answer 422 naming each. Limited per client address (CASELINE_WEB_FORM_RATE_LIMIT a minute, then 429).',
        security: [],
        body: InquirySchema,
        response: { 202: InquiryReceivedSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { auth: 'public', rateLimit: { max: rateLimit, timeWindow: '1 minute' }, purpose: 'public web inquiry' },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const outcome = await intake
        .submit({ ...request.body, token: request.body.token ?? null }, { requestId: request.id, clientAddr: request.ip })
        .catch((error: unknown) => {
          if (error instanceof InvalidInquiryField) throw fieldProblem(`/body/${error.field}`, error.reason);
          throw error;
        });
      if (outcome.kind === 'stale_form') {
        // Reason codes only: what the sender wrote stays out of the log.
        request.log.info({ webForm: 'refused', reason: outcome.reason }, 'web inquiry refused');
        throw staleForm();
      }
      if (outcome.spam.suspected) request.log.info({ webForm: 'suspected_spam', reasons: outcome.spam.reasons }, 'web inquiry tagged');
      return reply.status(202).send({ received: true as const, caseNumber: outcome.caseNumber });
    },
  );
};
