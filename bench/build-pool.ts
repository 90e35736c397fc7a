import { Worker } from 'node:worker_threads';
import type { BuilderData } from './build-worker.ts';
import type { ColumnBatch } from './bulk-load.ts';

/** Builder threads, each handed batches in turn; a batch's promise settles with its columns. */
export interface BuildPool {
  readonly size: number;
  build(from: number, count: number): Promise<ColumnBatch>;
  close(): Promise<void>;
}

export function buildPool(size: number, data: BuilderData): BuildPool {
  const waiting = new Map<number, { resolve: (rows: ColumnBatch) => void; reject: (error: Error) => void }>();
  const fail = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./build-worker.ts', import.meta.url), { workerData: data });
    worker.on('message', ({ id, columns }: { id: number; columns: ColumnBatch }) => {
      waiting.get(id)?.resolve(columns);
      waiting.delete(id);
    });
    worker.on('error', fail);
    return worker;
  });
  let next = 0;
  return {
    size,
    build(from, count) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[id % size]!.postMessage({ id, from, count });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
