import { parseArgs } from 'node:util';
import type { EngineKind } from '../src/db/index.ts';
import { defaultDataDir, type StoreOptions } from './customer-store.ts';
import type { GenerationOptions } from './generation.ts';

/** The command-line options the generator and the lookup benchmark share. */
export const storeArgOptions = {
  engine: { type: 'string', default: 'pglite' },
  customers: { type: 'string', default: '100000' },
  seed: { type: 'string', default: '20250101' },
  batch: { type: 'string', default: '2000' },
  builders: { type: 'string', default: '2' },
  'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  'pg-database': { type: 'string', default: 'bench_customers' },
  'data-dir': { type: 'string', default: defaultDataDir },
} as const;

export interface StoreArgs {
  readonly engine: EngineKind;
  readonly customers: number;
  readonly store: StoreOptions;
  readonly generation: GenerationOptions;
}

function positiveInteger(value: string, name: string): number {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive whole number`);
  return parsed;
}

type StoreArgValues = { readonly [K in keyof typeof storeArgOptions]: string };

export function parseStoreArgs(values: StoreArgValues, log: (line: string) => void): StoreArgs {
  if (values.engine !== 'pglite' && values.engine !== 'postgres') throw new Error('--engine must be pglite or postgres');
  if (!/^[a-z_][a-z0-9_]*$/.test(values['pg-database'])) throw new Error('--pg-database must be a plain lower-case identifier');
  return {
    engine: values.engine,
    customers: positiveInteger(values.customers, 'customers'),
    store: { pgUrl: values['pg-url'], pgDatabase: values['pg-database'], dataDir: values['data-dir'] },
    generation: {
      seed: positiveInteger(values.seed, 'seed'),
      batch: positiveInteger(values.batch, 'batch'),
      builders: positiveInteger(values.builders, 'builders'),
      // PGlite's WebAssembly heap is far smaller than the server's memory.
      maintenanceMemory: values.engine === 'pglite' ? '256MB' : '2GB',
      log,
    },
  };
}

export { parseArgs };
