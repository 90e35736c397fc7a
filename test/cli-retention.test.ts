import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { loadConfig } from '../src/config.ts';
import { withPrincipal } from '../src/db/index.ts';
import { openRuntime } from '../src/runtime.ts';
import { createServices } from '../src/services.ts';
import { runCli } from './support/cli.ts';

// `caseline retention` on the embedded database of a data directory of its own, holding
// one case resolved in 2020 (usps-880/inquiry: 2 years from resolution, so long due).
let dir: string;
const env = () => ({ CASELINE_DATA: dir });

const run = (args: string[]) => runCli(args, env());

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-cli-retention-'));
  const runtime = await openRuntime(loadConfig(env()), { migrate: true });
  try {
    const services = createServices({ config: runtime.config, vault: runtime.vault, keyring: runtime.keyring, clock: runtime.clock });
    const system = systemPrincipal('test');
    const ctx = { requestId: null, clientAddr: null, purpose: 'retention cli test' };
    await withPrincipal(runtime.database.db, system, async (trx) => {
      const opened = await services.cases.open(
        trx,
        system,
        {
          sender: { name: 'Perpetua Llewellyn-Okafor' },
          channel: 'letter',
          recordType: 'usps-880/inquiry',
          title: 'Old letter',
          body: 'From 2020.',
        },
        ctx,
        new Date('2020-02-03T15:00:00Z'),
      );
      await services.cases.changeStatus(
        trx,
        system,
        opened.case.id,
        { status: 'resolved', resolutionCode: 'answered', resolution: 'Answered by letter.' },
        ctx,
        new Date('2020-02-10T15:00:00Z'),
      );
    });
  } finally {
    await runtime.close();
  }
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('caseline retention', () => {
  it('check fails while a record is past its retention, run disposes of it with a certificate, and check then passes', async () => {
    const failing = await run(['retention', 'check']);
    expect(failing.code).toBe(1);
    expect(failing.out).toContain('FAILED');
    expect(failing.out).toMatch(/cases usps-880\/inquiry\s+1 due\s+0 held/);

    const dry = await run(['retention', 'run', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/cases usps-880\/inquiry\s+1 due/);
    expect((await run(['retention', 'check'])).code).toBe(1);

    const disposed = await run(['retention', 'run']);
    expect(disposed.code).toBe(0);
    expect(disposed.out).toMatch(/^disposal certificate [0-9a-f-]{36}/);
    expect(disposed.out).toMatch(/cases usps-880\/inquiry\s+1 records, 0 files, 1 keys destroyed/);
    expect(disposed.out).toMatch(/ids sha256 [0-9a-f]{64}/);
    expect(disposed.out).not.toContain('Perpetua');

    const passing = await run(['retention', 'check']);
    expect(passing.code).toBe(0);
    expect(passing.out).toContain('PASSED');
    expect((await run(['retention', 'run'])).out).toContain('nothing was due');
  });

  it('names the option in a usage error and touches nothing', async () => {
    for (const [args, option] of [
      [['retention', 'forecast', '--days', 'soon'], '--days'],
      [['retention', 'run', '--batch-size', '0'], '--batch-size'],
      [['retention', 'check', '--grace-hours', '-3'], '--grace-hours'],
    ] as const) {
      const result = await run([...args]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.err).toContain(option);
    }
  });

  it('records the end of a relationship on a subject, and names the option or argument it refuses', async () => {
    const runtime = await openRuntime(loadConfig(env()), { migrate: false });
    const system = systemPrincipal('test');
    let subjectId: string;
    try {
      const services = createServices({ config: runtime.config, vault: runtime.vault, keyring: runtime.keyring, clock: runtime.clock });
      const opened = await withPrincipal(runtime.database.db, system, (trx) =>
        services.cases.open(
          trx,
          system,
          {
            sender: { name: 'Cosmo Featherstonehaugh' },
            channel: 'letter',
            recordType: 'usps-880/inquiry',
            title: 'A letter',
            body: 'Hello.',
          },
          { requestId: null, clientAddr: null, purpose: 'retention cli test' },
          runtime.clock(),
        ),
      );
      subjectId = (
        await withPrincipal(runtime.database.db, system, (trx) =>
          trx.selectFrom('cases').select('subject_id').where('id', '=', opened.case.id).executeTakeFirstOrThrow(),
        )
      ).subject_id;
    } finally {
      await runtime.close();
    }
    for (const [args, named] of [
      [['retention', 'relationship-end', subjectId], '--on'],
      [['retention', 'relationship-end', subjectId, '--on', '2026-02-30'], '--on'],
      [['retention', 'relationship-end', subjectId, '--on', '2026-01-05', '--resume'], '--on'],
      [['retention', 'relationship-end', '2b1c7e0a-3d4f-4a5b-8c6d-7e8f9a0b1c2d', '--on', '2026-01-05'], '<subject-id>'],
    ] as const) {
      const refused = await run([...args]);
      expect(refused.code, args.join(' ')).not.toBe(0);
      expect(refused.err).toContain(named);
    }
    const ended = await run(['retention', 'relationship-end', subjectId, '--on', '2026-01-05']);
    expect(ended.code, ended.err).toBe(0);
    // A case runs from its resolution, not from the end of a relationship: nothing to reschedule.
    expect(ended.out.trim()).toBe(`${subjectId}: relationship ended on 2026-01-05; 0 records rescheduled`);
    const check = await openRuntime(loadConfig(env()), { migrate: false });
    try {
      const row = await withPrincipal(check.database.db, system, (trx) =>
        trx.selectFrom('data_subjects').select('relationship_ended_at').where('id', '=', subjectId).executeTakeFirstOrThrow(),
      );
      expect(row.relationship_ended_at?.toISOString()).toBe('2026-01-05T05:00:00.000Z');
    } finally {
      await check.close();
    }
    expect((await run(['retention', 'relationship-end', subjectId, '--resume'])).out).toContain(
      'relationship lasts; 0 records rescheduled',
    );
  });
});
