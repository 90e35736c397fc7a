import { Worker } from 'node:worker_threads';
import type { Latency } from './stats.ts';

export interface LoadOptions {
  /** Always a port on 127.0.0.1: the load never leaves the machine. */
  readonly port: number;
  /** Each request takes one of these at random. */
  readonly paths: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  /** Clients, each with one keep-alive connection and one request in flight. */
  readonly concurrency: number;
  /** Requests before this are sent but not counted: connections open, caches fill. */
  readonly warmupMs: number;
  readonly durationMs: number;
  /** A bound on requests however fast the server answers. */
  readonly maxRequests: number;
}

export interface LoadResult {
  readonly concurrency: number;
  readonly requests: number;
  /** Answers other than 200, and failed connections. */
  readonly errors: number;
  readonly requestsPerSec: number;
  /** Per request, as one client waits for it (opsPerSec is one client's, not the server's). */
  readonly latency: Latency;
}

/** Runs one bounded load level in a worker thread and returns its figures. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-client.ts', import.meta.url), { workerData: options });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited (${code}) without a result`)));
  });
}
