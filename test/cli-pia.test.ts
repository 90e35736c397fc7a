import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notices } from '../src/catalog/index.ts';
import { runCli } from './support/cli.ts';

// `caseline pia` needs no database: it reads the catalog and the configuration only.
let dir: string;
const masterKey = Buffer.alloc(32, 9).toString('base64');

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-cli-pia-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const run = (args: string[], env: NodeJS.ProcessEnv = { CASELINE_DATA: dir }) => runCli(args, env);

describe('caseline pia', () => {
  it('prints the assessment as Markdown by default', async () => {
    const result = await run(['pia']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^# Caseline Privacy Threshold Analysis \/ Privacy Impact Assessment \(PTA\/PIA\)\n/);
    expect(result.out).toContain('## Privacy Threshold Analysis (PTA)');
    expect(result.out).toContain('## Privacy Impact Assessment (PIA)');
    for (const notice of notices) expect(result.out).toContain(`#### ${notice.designation}, ${notice.name}`);
    expect(result.out).toContain('| Database engine | embedded PGlite (data directory) |');
    expect(result.out).not.toContain(dir);
  });

  it('reflects a PostgreSQL server and an environment key without reproducing either', async () => {
    const env = {
      CASELINE_DATA: dir,
      DATABASE_URL: 'postgres://caseline:Sup3r-Secret@pg.example.gov/caseline',
      CASELINE_MASTER_KEY: masterKey,
    };
    const result = await run(['pia', '--format', 'markdown'], env);
    expect(result.code).toBe(0);
    expect(result.out).toContain('| Database engine | PostgreSQL server (DATABASE_URL) |');
    expect(result.out).toContain('| Master key source | environment (CASELINE_MASTER_KEY) |');
    for (const secret of [masterKey, 'Sup3r-Secret', 'pg.example.gov']) expect(result.out).not.toContain(secret);
  });

  it('writes Markdown to a file with --output', async () => {
    const file = path.join(dir, 'pia.md');
    const result = await run(['pia', '--output', file]);
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toContain(file);
    expect(await fs.readFile(file, 'utf8')).toContain('### 7. Is a system of records being created under the Privacy Act, 5 U.S.C. 552a?');
  });

  it('writes a PDF with --format pdf --output', async () => {
    const file = path.join(dir, 'pia.pdf');
    const result = await run(['pia', '--format', 'pdf', '--output', file]);
    expect(result.code).toBe(0);
    const pdf = await fs.readFile(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(totalPages).toBeGreaterThan(10);
    expect(text).toContain('Privacy Impact Assessment (PIA)');
  });

  it('refuses a PDF without --output, naming the option', async () => {
    const result = await run(['pia', '--format', 'pdf']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^caseline: --output: /);
    expect(result.out).toBe('');
  });

  it('rejects an unknown format, naming the option', async () => {
    const result = await run(['pia', '--format', 'docx']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--format/);
  });

  it('reports a file it cannot write, naming the option', async () => {
    const result = await run(['pia', '--output', path.join(dir, 'missing', 'pia.md')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^caseline: --output: cannot write .*ENOENT/);
  });

  it('prints its help', async () => {
    const result = await run(['pia', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: caseline pia/);
    expect(result.out).toContain('--format');
    expect(result.out).toContain('--output');
  });
});
