import type { EngineKind } from '../src/db/index.ts';
import { agentApiToken } from './agent-token.ts';
import type { BenchContext } from './fixtures.ts';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';
import { sealBacklog, timeToDrain, watchBacklog, type CatchUp } from './sealer-lag.ts';
import type { Seeded } from './seed.ts';
import { startBenchServer } from './server.ts';

export interface HttpOptions {
  readonly levels: readonly number[];
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly maxRequests: number;
}

export interface AuditedLoad extends LoadResult {
  /** The most unsealed audit entries seen while the load ran (sampled every 250 ms). */
  readonly maxUnsealed: number;
  /** From the end of the load until every entry was sealed; null if not within 30 s. */
  readonly drainMs: number | null;
}

export interface HttpLevel {
  readonly concurrency: number;
  /** GET /healthz: the server alone, no database. */
  readonly healthz: LoadResult;
  /** GET /bench/plain/:id: one pooled primary-key SELECT, no principal, no audit. */
  readonly plain: LoadResult;
  /** GET /api/customers/:id with an API token: token check, RLS, decryption, one audit entry. */
  readonly audited: AuditedLoad;
  /** Plain requests per second over audited ones: how many times an audited request costs. */
  readonly ratio: number;
}

export interface HttpResult {
  readonly note: string;
  readonly levels: readonly HttpLevel[];
  /** The audited endpoint with no sealer running, at the middle level: sealing's share of the cost. */
  readonly sealerOff: LoadResult;
  /** Everything written before the sealer started (seeding, lookups, the sealer-off run), sealed back to back. */
  readonly catchUp: CatchUp;
  /** Requests per second at the middle level over those at one client. */
  readonly scaling: { readonly healthz: number; readonly plain: number; readonly audited: number };
  readonly sealerErrors: number;
}

const notes: Record<EngineKind, string> = {
  pglite:
    "PGlite is one connection in this process: every transaction, the sealer's included, waits its turn, so throughput cannot scale with clients by construction.",
  postgres: 'PostgreSQL server on the same 2 cores as the server and the load generator; server-default connection pool.',
};

/** 3. Audited requests per second at each concurrency, with the sealer running, against unaudited baselines. */
export async function benchHttp(ctx: BenchContext, seeded: Seeded, options: HttpOptions): Promise<HttpResult> {
  const { db } = ctx.bench.database;
  const server = await startBenchServer(ctx);
  try {
    const token = await agentApiToken(server.app, ctx);
    const load = (concurrency: number, paths: readonly string[], headers: Record<string, string> = {}): Promise<LoadResult> => {
      const level: LoadOptions = {
        port: server.port,
        paths,
        headers,
        concurrency,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        maxRequests: options.maxRequests,
      };
      return runLoad(level);
    };
    const customerPaths = seeded.ids.map((id) => `/api/customers/${id}`);
    const plainPaths = seeded.ids.map((id) => `/bench/plain/${id}`);
    const bearer = { authorization: `Bearer ${token}` };
    const middle = options.levels[Math.floor(options.levels.length / 2)]!;

    const baselines = [];
    for (const concurrency of options.levels) {
      baselines.push({ concurrency, healthz: await load(concurrency, ['/healthz']), plain: await load(concurrency, plainPaths) });
    }
    const sealerOff = await load(middle, customerPaths, bearer);
    const catchUp = await sealBacklog(db, server.signer, 500);

    const stopSealer = server.startSealer();
    const audited: AuditedLoad[] = [];
    try {
      for (const concurrency of options.levels) {
        const watch = watchBacklog(db, 250);
        const result = await load(concurrency, customerPaths, bearer);
        const maxUnsealed = await watch.stop();
        audited.push({ ...result, maxUnsealed, drainMs: await timeToDrain(db, 30_000) });
      }
    } finally {
      await stopSealer();
    }

    const levels = baselines.map((base, i) => ({
      ...base,
      audited: audited[i]!,
      ratio: Number((base.plain.requestsPerSec / audited[i]!.requestsPerSec).toFixed(2)),
    }));
    const scale = (pick: (level: HttpLevel) => LoadResult) => {
      const one = levels.find((l) => l.concurrency === options.levels[0])!;
      const mid = levels.find((l) => l.concurrency === middle)!;
      return Number((pick(mid).requestsPerSec / pick(one).requestsPerSec).toFixed(2));
    };
    return {
      note: notes[ctx.bench.engine],
      levels,
      sealerOff,
      catchUp,
      scaling: { healthz: scale((l) => l.healthz), plain: scale((l) => l.plain), audited: scale((l) => l.audited) },
      sealerErrors: server.sealerErrors.length,
    };
  } finally {
    await server.close();
  }
}
