import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

export const consoleRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/**
 * Serves the built web console (web/dist) at `/`. Its routes are the browser's: any other
 * GET that wants HTML and is not the API gets index.html, and the client router decides.
 * Returns the fallback for the not-found handler, or null when the console is not built.
 */
export async function installWebConsole(
  app: FastifyInstance,
  root = consoleRoot,
): Promise<((request: FastifyRequest, reply: FastifyReply) => FastifyReply) | null> {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn('the web console is not built (npm run build:web); serving the API only');
    return null;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: 'index.html',
    cacheControl: false,
    setHeaders: (res, file) => {
      // Hashed asset names change with their content; index.html must always be fetched anew.
      res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
}

export function wantsConsolePage(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    !request.url.startsWith('/api/') &&
    !request.url.startsWith('/docs') &&
    (request.headers.accept ?? '').includes('text/html')
  );
}
