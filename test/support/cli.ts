import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { main } from '../../src/cli/main.ts';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `caseline <args>` in-process with `env`, capturing what it prints. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'caseline', ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    stdin: Readable.from([stdin]),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export interface CliPlace {
  readonly dataDir: string;
  /** CASELINE_DATA, and DATABASE_URL of a database of its own when the run uses PostgreSQL. */
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** A fresh data directory for the CLI, and a fresh PostgreSQL database when DATABASE_URL is set. */
export async function cliPlace(prefix: string): Promise<CliPlace> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  const env: NodeJS.ProcessEnv = { CASELINE_DATA: dataDir };
  const url = process.env.DATABASE_URL;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (url) {
    const name = `${prefix.replace(/\W/g, '_')}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    env.DATABASE_URL = target.toString();
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
  }
  return {
    dataDir,
    env,
    async close() {
      await dropDatabase?.();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
