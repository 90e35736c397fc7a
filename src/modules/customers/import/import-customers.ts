import { authorize, type AuditContext } from '../../../access/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import { auditCustomer } from '../customer-records.ts';
import type { CustomerService } from '../customer-service.ts';
import { readImportRows, type ImportRow, type RowProblem } from './import-rows.ts';
import { parseCsv } from './parse-csv.ts';

/** More rows than this go in several files: one transaction holds them all until commit. */
export const maxImportRows = 10_000;

export interface ImportOptions {
  readonly businessArea: string | null;
  readonly recordSource: 'list_provider' | 'import';
  /** Check every row and report, creating nothing. */
  readonly dryRun: boolean;
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly rowsRead: number;
  /** Each row's line and the customer created from it (null in a dry run), with the customer's name. */
  readonly rows: readonly { readonly line: number; readonly customerId: string | null; readonly name: string }[];
}

/** A file with any bad row: nothing of it was imported; `problems` names every bad cell. */
export class ImportRejected extends Error {
  readonly problems: readonly RowProblem[];
  readonly rowsRead: number;
  constructor(problems: readonly RowProblem[], rowsRead: number) {
    super(`${problems.length} problem(s) in ${rowsRead} row(s): nothing was imported`);
    this.problems = problems;
    this.rowsRead = rowsRead;
  }
}

/**
 * Bulk registration from a CSV file (a list provider's, or an export from another system).
 * All or nothing: every row is checked before the first is created, and all are created
 * in the caller's transaction, so an error part-way (or a crash) leaves none behind.
 */
export async function importCustomers(
  customers: CustomerService,
  trx: Tx,
  principal: Principal,
  csv: string,
  options: ImportOptions,
  ctx: AuditContext,
  now: Date,
): Promise<ImportReport> {
  // Checked first, so that a dry run answers only those who could import: it is no way to learn what a file would do in an area one cannot write to.
  authorize(principal, 'record.create', { subjectId: null, businessArea: options.businessArea });
  const { rows, problems } = readImportRows(parseCsv(csv));
  const rowsRead = rows.length + new Set(problems.map((p) => p.line)).size;
  if (rowsRead > maxImportRows)
    throw new ImportRejected([{ line: 0, column: '', message: `at most ${maxImportRows} rows per file` }], rowsRead);
  if (problems.length > 0) throw new ImportRejected(problems, rowsRead);
  if (rowsRead === 0) throw new ImportRejected([{ line: 2, column: '', message: 'the file has a header but no rows' }], 0);
  if (options.dryRun) return { dryRun: true, rowsRead, rows: rows.map((row) => ({ line: row.line, customerId: null, name: nameOf(row) })) };
  const created: { line: number; customerId: string; name: string }[] = [];
  for (const row of rows) {
    const customer = await customers.create(
      trx,
      principal,
      { kind: row.kind, businessArea: options.businessArea, recordSource: options.recordSource, values: row.values },
      ctx,
      now,
    );
    created.push({ line: row.line, customerId: customer.id, name: customer.name });
  }
  await auditCustomer(
    trx,
    principal,
    ctx,
    now,
    'import',
    null,
    created.map((c) => c.customerId),
    { rows: created.length, record_source: options.recordSource },
  );
  return { dryRun: false, rowsRead, rows: created };
}

function nameOf(row: ImportRow): string {
  const name = row.values.find((v) => v.field === (row.kind === 'person' ? 'customer_name' : 'company_name'));
  return typeof name?.value === 'string' ? name.value.trim() : '';
}
