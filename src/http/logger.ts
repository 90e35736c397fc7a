import type { FastifyServerOptions } from 'fastify';

/**
 * pino options for the server. Personal data must never reach the logs: secrets and cookies
 * are redacted, query strings (where lookups carry e-mail addresses and phone numbers) are
 * cut from logged URLs, bodies are never logged, and errors are logged without messages.
 */
export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; id: string }) {
        const path = request.url.split('?')[0];
        return { id: request.id, method: request.method, path };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
