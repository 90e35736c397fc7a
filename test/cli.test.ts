import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.ts';
import { cliPlace, runCli, type CliPlace } from './support/cli.ts';

// The CLI against a real data directory (embedded engine) or a fresh PostgreSQL database.
let place: CliPlace;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  place = await cliPlace('caseline_cli');
  ({ dataDir, env } = place);
});
afterAll(async () => {
  await place.close();
});

const run = (args: string[], stdin = '') => runCli(args, env, stdin);

describe('caseline CLI', () => {
  it('prints help for every command', async () => {
    for (const command of [
      [],
      ['serve'],
      ['migrate'],
      ['user', 'add'],
      ['audit', 'verify'],
      ['sorn', 'list'],
      ['sorn', 'show'],
      ['keys', 'rotate'],
    ]) {
      const result = await run([...command, '--help']);
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.out, command.join(' ')).toMatch(/^Usage: caseline/);
    }
  });

  it('prints a notice in the Federal Register layout, or as JSON', async () => {
    const markdown = await run(['sorn', 'show', '880.000']);
    expect(markdown.code).toBe(0);
    const headings = [
      'SYSTEM NAME AND NUMBER:',
      'SYSTEM LOCATION:',
      'CATEGORIES OF RECORDS IN THE SYSTEM:',
      'POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS:',
      'HISTORY:',
    ];
    const positions = headings.map((h) => markdown.out.indexOf(`**${h}**`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const json = JSON.parse((await run(['sorn', 'show', 'USPS 820.200', '--format', 'json'])).out);
    expect(json.id).toBe('820.200');
    expect(json.recordTypes.length).toBeGreaterThan(5);
  });

  it('names the bad argument and exits non-zero', async () => {
    const unknown = await run(['sorn', 'show', '123.456']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/<id>: no notice "123.456"/);
    const badRole = await run(['user', 'add', 'bob', '--role', 'wizard']);
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/--role/);
    const badName = await run(['user', 'add', 'Bob Smith', '--role', 'agent']);
    expect(badName.code).toBe(1);
    expect(badName.err).toMatch(/<username>/);
  });

  it('migrates, adds areas and users, and verifies the audit log', async () => {
    const migrated = await run(['migrate']);
    expect(migrated.code).toBe(0);
    expect((await run(['migrate', '--status'])).out).toMatch(/up to date/);
    expect((await run(['area', 'add', 'trademarks', 'Trademark Assistance Center'])).code).toBe(0);
    const added = await run(['user', 'add', 'tina', '--role', 'agent', 'supervisor', '--area', 'trademarks']);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/one-time password \(shown once, must be changed at first sign-in\): \S{12,}/);
    const unknownArea = await run(['user', 'add', 'tom', '--role', 'agent', '--area', 'nowhere']);
    expect(unknownArea.code).toBe(1);
    expect(unknownArea.err).toMatch(/--area: unknown business area: nowhere/);
    const weak = await run(['user', 'add', 'tim', '--role', 'auditor', '--password-stdin'], 'short\n');
    expect(weak.err).toMatch(/password: must be at least 12 characters/);
    expect((await run(['user', 'list'])).out).toMatch(/tina\s+agent,supervisor\s+trademarks/);
    expect((await run(['audit', 'seal'])).code).toBe(0);
    const verified = await run(['audit', 'verify']);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/audit log: intact\. [1-9]\d* sealed entries/);
  });

  it('detects an audit entry changed behind its back', async () => {
    const database = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir });
    try {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_immutable`.execute(database.db);
      await sql`UPDATE audit_log SET purpose = 'nothing to see' WHERE chain_pos = 1`.execute(database.db);
    } finally {
      await database.close();
    }
    const verified = await run(['audit', 'verify']);
    expect(verified.code).toBe(1);
    expect(verified.err).toMatch(/BROKEN at chain position 1/);
  });

  it('rotates the master key and retires the old one', async () => {
    const before = JSON.parse(await fs.readFile(path.join(dataDir, 'keyring.json'), 'utf8')).active;
    const rotated = await run(['keys', 'rotate']);
    expect(rotated.code, rotated.err).toBe(0);
    const after = JSON.parse(await fs.readFile(path.join(dataDir, 'keyring.json'), 'utf8')).active;
    expect(after).not.toBe(before);
    expect(rotated.out).toContain(`master key ${after} is active`);
    expect(rotated.out).toContain(`retired: ${before}`);
  });
});
