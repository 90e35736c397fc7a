import type { FastifyServerOptions } from 'fastify';

/**
 * pino options for the server. Personal data must never reach the logs: secrets and cookies
 * are redacted, a request is logged by its route pattern (`/api/customers/:id`), never its
 * URL (paths and query strings can carry phone numbers and e-mail addresses), bodies are
 * never logged, and errors are logged without messages.
 */
export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; id: string; routeOptions?: { url?: string } }) {
        return { id: request.id, method: request.method, route: request.routeOptions?.url ?? '(no route)' };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
