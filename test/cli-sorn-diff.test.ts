import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.ts';
import { cliPlace, runCli, type CliPlace } from './support/cli.ts';

// `caseline sorn publish` and `sorn diff` against a real data directory (embedded engine)
// or a fresh PostgreSQL database, as test/cli.test.ts runs the CLI.
let place: CliPlace;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  place = await cliPlace('caseline_sorn');
  ({ dataDir, env } = place);
  const migrated = await run(['migrate']);
  expect(migrated.code, migrated.err).toBe(0);
});
afterAll(async () => {
  await place.close();
});

const run = (args: string[]) => runCli(args, env);

/** Changes a published version behind the CLI's back, as the database owner (no row-level security). */
async function alterPublished(statement: ReturnType<typeof sql>): Promise<void> {
  const database = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir });
  try {
    await statement.execute(database.db);
  } finally {
    await database.close();
  }
}

describe('caseline sorn publish and diff', () => {
  it('prints help for the new commands', async () => {
    for (const command of [
      ['sorn', 'publish'],
      ['sorn', 'diff'],
    ]) {
      const result = await run([...command, '--help']);
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.out).toMatch(/^Usage: caseline sorn/);
    }
    expect((await run(['sorn', 'show', '--help'])).out).toMatch(/--diff/);
  });

  it('says a notice never published is new in every part', async () => {
    const diff = await run(['sorn', 'diff', '880.000']);
    expect(diff.code, diff.err).toBe(0);
    expect(diff.out).toMatch(/USPS 880\.000 has not been published yet: everything in it is new/);
    expect(diff.out).toMatch(/30 days' notice for comment on its routine uses \(5 U\.S\.C\. 552a\(e\)\(11\)\)/);
  });

  it('publishes version 1, then finds nothing changed and refuses to publish again', async () => {
    const published = await run(['sorn', 'publish', 'USPS 880.000']);
    expect(published.code, published.err).toBe(0);
    expect(published.out).toMatch(/^USPS 880\.000: recorded version 1, published \S+ by system:system:sorn \(SHA-256 [0-9a-f]{64}\)$/);

    const diff = await run(['sorn', 'diff', '880.000']);
    expect(diff.code).toBe(0);
    expect(diff.err).toBe('');
    expect(diff.out).toMatch(/^USPS 880\.000: no changes since version 1, published/);
    expect(diff.out).toMatch(/Required action: none/);

    const again = await run(['sorn', 'publish', '880.000']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^caseline: <id>: USPS 880\.000 has not changed since version 1, .*; nothing to publish$/);

    // Other notices have their own versions.
    const other = await run(['sorn', 'publish', '820.200']);
    expect(other.code, other.err).toBe(0);
    expect(other.out).toMatch(/recorded version 1/);
  });

  it('prints the diff after the notice with show --diff', async () => {
    const shown = await run(['sorn', 'show', '880.000', '--diff']);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/SYSTEM NAME AND NUMBER:/);
    expect(shown.out.indexOf('## Changes since the last published version')).toBeGreaterThan(shown.out.indexOf('HISTORY:'));
    expect(shown.out).toMatch(/no changes since version 1/);
  });

  it('reports a routine use the published version lacked as needing a new notice and 30 days', async () => {
    // As if version 1 had been published before standard routine use 11 was adopted.
    await alterPublished(sql`UPDATE published_notices SET notice = jsonb_set(notice, '{routineUses,standard}', '[1, 2, 3, 4, 5, 6, 7, 10]')
      WHERE notice_id = '880.000' AND version = 1`);
    const diff = await run(['sorn', 'diff', '880.000']);
    expect(diff.code).toBe(0);
    expect(diff.out).toMatch(/^USPS 880\.000: 1 change since version 1, published/);
    expect(diff.out).toMatch(/Required action: a new or altered notice .*30 days' notice for comment .*552a\(e\)\(11\)/);
    expect(diff.out).toMatch(/^- \[new notice, 30 days' comment\] Standard routine use added: 11$/m);
    // The stored JSON no longer matches the digest recorded when it was published.
    expect(diff.err).toMatch(/^warning: the stored USPS 880\.000 version 1, .* does not match its recorded SHA-256/);

    const published = await run(['sorn', 'publish', '880.000']);
    expect(published.code, published.err).toBe(0);
    expect(published.out).toMatch(/recorded version 2/);
    const after = await run(['sorn', 'diff', '880.000']);
    expect(after.out).toMatch(/no changes since version 2/);
    expect(after.err).toBe('');
  });

  it('reports a dropped purpose and a reworded safeguard with their actions', async () => {
    await alterPublished(sql`UPDATE published_notices SET notice = jsonb_set(
        jsonb_set(notice, '{sections,5,blocks,0,items}', (notice #> '{sections,5,blocks,0,items}') - 0),
        '{sections,13,blocks,0,text}', '"Old safeguards wording."')
      WHERE notice_id = '880.000' AND version = 2`);
    const diff = await run(['sorn', 'diff', '880.000']);
    expect(diff.code).toBe(0);
    expect(diff.out).toMatch(/^- \[new notice\] Purpose added: /m);
    expect(diff.out).toMatch(/^- \[revision\] Section changed: ADMINISTRATIVE, TECHNICAL, AND PHYSICAL SAFEGUARDS$/m);
    expect(diff.out).toMatch(/^ {2}- was: Old safeguards wording\./m);
    expect(diff.out).not.toMatch(/30 days/);
  });

  it('names the argument or option at fault', async () => {
    const unknown = await run(['sorn', 'diff', '123.456']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^caseline: <id>: no notice "123\.456"; known: 880\.000/);
    const unknownPublish = await run(['sorn', 'publish', 'nope']);
    expect(unknownPublish.code).toBe(1);
    expect(unknownPublish.err).toMatch(/<id>: no notice "nope"/);
    const json = await run(['sorn', 'show', '880.000', '--format', 'json', '--diff']);
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/^caseline: --diff: /);
    const missing = await run(['sorn', 'diff']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing required argument 'id'/);
  });
});
