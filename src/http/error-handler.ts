import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccessDenied } from '../access/index.ts';
import { problemTypes, ProblemError, type Problem } from './problem.ts';
import { wantsConsolePage } from './web-console.ts';

function send(reply: FastifyReply, request: FastifyRequest, problem: Problem) {
  return reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send({ ...problem, instance: `urn:caseline:request:${request.id}` });
}

/** AJV's instancePath is a JSON pointer into the part it validated; missing properties name themselves. */
function fieldOf(error: FastifyError['validation'] extends (infer T)[] | undefined ? T : never, context: string | undefined): string {
  const missing = (error.params as { missingProperty?: string } | undefined)?.missingProperty;
  const base = `/${context ?? 'body'}${error.instancePath}`;
  return missing ? `${base}/${missing}` : base;
}

/** One error handler: problem+json always; 5xx detail and every stack trace stay in the server. */
export function installErrorHandler(
  app: FastifyInstance,
  consolePage: ((request: FastifyRequest, reply: FastifyReply) => FastifyReply) | null = null,
): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof ProblemError) {
      return send(reply, request, {
        type: error.type,
        title: error.title,
        status: error.status,
        detail: error.message,
        errors: error.errors,
      });
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const errors = fe.validation.map((v) => ({ field: fieldOf(v, fe.validationContext), message: v.message ?? 'is invalid' }));
      return send(reply, request, {
        type: problemTypes.validation,
        title: 'Invalid request',
        status: 400,
        detail: errors.map((e) => `${e.field} ${e.message}`).join('; '),
        errors,
      });
    }
    if (error instanceof AccessDenied) {
      return send(reply, request, {
        type: problemTypes.forbidden,
        title: 'Forbidden',
        status: 403,
        detail: `Your roles do not allow ${error.action} here.`,
      });
    }
    if (fe.statusCode === 429) {
      return send(reply, request, {
        type: problemTypes.rateLimited,
        title: 'Too many requests',
        status: 429,
        detail: 'Wait a moment before trying again.',
      });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own client errors (bad JSON, body too large, wrong content type): their messages carry no data.
      return send(reply, request, { type: problemTypes.validation, title: 'Bad request', status: fe.statusCode, detail: fe.message });
    }
    // The message is left out: database errors quote the offending value, which may be personal data.
    const frames = (error.stack ?? '').split('\n').slice(1).join('\n');
    request.log.error({ err: { type: error.name, code: fe.code, frames } }, 'request failed');
    return send(reply, request, {
      type: problemTypes.internal,
      title: 'Internal error',
      status: 500,
      detail: 'The request failed; the error was logged under this request id.',
    });
  });

  app.setNotFoundHandler((request, reply) => {
    if (consolePage && wantsConsolePage(request)) return consolePage(request, reply);
    return send(reply, request, { type: problemTypes.notFound, title: 'Not found', status: 404, detail: 'No such resource.' });
  });
}
