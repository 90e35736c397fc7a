// A worker thread: the load must not share the server's event loop, or the figures would
// measure the client's JavaScript as much as the server's. It shares the 2 cores, though.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { summarise } from './stats.ts';
import type { LoadOptions, LoadResult } from './load.ts';

const options = workerData as LoadOptions;
const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });

function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: options.port, path, headers: options.headers, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

const samples: number[] = [];
let issued = 0;
let errors = 0;
const measureFrom = performance.now() + options.warmupMs;
const stopAt = measureFrom + options.durationMs;

async function client(): Promise<void> {
  while (performance.now() < stopAt && issued < options.maxRequests) {
    issued++;
    const path = options.paths[Math.floor(Math.random() * options.paths.length)]!;
    const start = performance.now();
    const status = await get(path).catch(() => 0);
    if (start < measureFrom) continue;
    samples.push(performance.now() - start);
    if (status !== 200) errors++;
  }
}

await Promise.all(Array.from({ length: options.concurrency }, client));
const elapsedMs = performance.now() - measureFrom;
agent.destroy();
const result: LoadResult = {
  concurrency: options.concurrency,
  requests: samples.length,
  errors,
  requestsPerSec: Math.round((samples.length / elapsedMs) * 1000),
  latency: summarise(samples),
};
parentPort!.postMessage(result);
