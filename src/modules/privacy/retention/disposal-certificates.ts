import { authorize, can } from '../../../access/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';

export interface DisposalCertificate {
  readonly runId: string;
  readonly runBy: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly lines: readonly {
    readonly recordTable: string;
    readonly recordType: string;
    readonly rule: string;
    readonly method: string;
    readonly records: number;
    readonly files: number;
    readonly keysDestroyed: number;
    readonly dueFrom: Date;
    readonly dueTo: Date;
    readonly idsSha256: string;
  }[];
}

/** The certificates of the runs that finished in [from, to), newest first; records managers and auditors read them. */
export async function listCertificates(trx: Tx, principal: Principal, from: Date, to: Date): Promise<DisposalCertificate[]> {
  if (!can(principal, 'audit.read')) authorize(principal, 'retention.manage');
  const rows = await trx
    .selectFrom('disposal_certificates')
    .selectAll()
    .where('finished_at', '>=', from)
    .where('finished_at', '<', to)
    .orderBy('started_at', 'desc')
    .orderBy('run_id')
    .orderBy('record_table')
    .orderBy('record_type')
    .execute();
  const runs = new Map<
    string,
    { -readonly [K in keyof DisposalCertificate]: K extends 'lines' ? DisposalCertificate['lines'][number][] : DisposalCertificate[K] }
  >();
  for (const row of rows) {
    let run = runs.get(row.run_id);
    if (!run) {
      run = { runId: row.run_id, runBy: row.run_by, startedAt: row.started_at, finishedAt: row.finished_at, lines: [] };
      runs.set(row.run_id, run);
    }
    // Every batch moves its line's finish: the run finished with its last line.
    if (row.finished_at.getTime() > run.finishedAt.getTime()) run.finishedAt = row.finished_at;
    run.lines.push({
      recordTable: row.record_table,
      recordType: row.record_type,
      rule: row.rule,
      method: row.method,
      records: row.records,
      files: row.files,
      keysDestroyed: row.keys_destroyed,
      dueFrom: row.due_from,
      dueTo: row.due_to,
      idsSha256: row.ids_sha256.toString('hex'),
    });
  }
  return [...runs.values()];
}
