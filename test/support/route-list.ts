import type { App } from '../../src/http/app.ts';

/**
 * The routes the server has whose path starts with `prefix`, as "METHOD /path" (HEAD left out),
 * read from app.printRoutes().
 */
export function servedRoutes(app: App, prefix: string): Set<string> {
  // printRoutes draws a tree: a child's line holds only its part of the path, indented under its parent's.
  const served = new Set<string>();
  const parents: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = [...match[1]!].length / 4;
    const route = (parents[depth - 1] ?? '') + match[2]!;
    parents[depth] = route;
    if (route.startsWith(prefix) && match[3])
      for (const method of match[3].split(', ')) if (method !== 'HEAD') served.add(`${method} ${route}`);
  }
  return served;
}
