import { sql, type RawBuilder } from 'kysely';
import { authorize } from '../../../access/index.ts';
import { findNotice, type FieldClass } from '../../../catalog/index.ts';
import { DecryptionError, SubjectShreddedError, type Vault } from '../../../crypto/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import { subjectRecordTables } from '../subject-tables.ts';

/** One value of a record as the report shows it. */
export interface ReportField {
  readonly column: string;
  readonly class: FieldClass;
  /** The value as text: decrypted when the column holds ciphertext; null when the column is empty. */
  readonly value: string | null;
  /** Why a value is shown other than as stored (a file's key withheld, bytes that are not text). */
  readonly note?: string;
}

export interface ReportRecord {
  readonly id: string;
  readonly fields: readonly ReportField[];
}

export interface ReportSection {
  readonly table: string;
  readonly description: string;
  /** The notice the records are kept under ('880.000'), as the catalog declares the table. */
  readonly notice: string;
  readonly noticeName: string;
  readonly records: readonly ReportRecord[];
}

export interface AccessReport {
  readonly subjectId: string;
  readonly generatedAt: Date;
  readonly sections: readonly ReportSection[];
  /** What the notices exempt from access, in their words. */
  readonly exemptions: readonly { readonly notice: string; readonly text: string }[];
}

// Key material encrypted under the subject's key (an attachment file's own key): it is
// how the record is protected, not what the record says.
const keyColumns = new Set(['key_ct']);

/**
 * Rows the subject is not given by law: the accounting of disclosures made at a law
 * enforcement agency's written request (5 U.S.C. 552a(c)(3), with (c)(1) and (7)).
 */
const withheld: Readonly<Record<string, RawBuilder<unknown>>> = {
  disclosures: sql`AND NOT law_enforcement_request`,
};

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `(${value.length} bytes)`;
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Text a person can read, or null when the bytes are not UTF-8 text (a file's content, a key). */
function readable(bytes: Buffer): string | null {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return text.includes('\uFFFD') ? null : text;
}

/**
 * Everything held about one data subject, across every module, as the Privacy Act's
 * access provision (5 U.S.C. 552a(d)(1)) gives it to the subject: every record of every
 * table the catalog declares as theirs, every column, encrypted values decrypted with the
 * subject's own key. Nothing is left out but what the notices exempt (none claim an
 * exemption) and the subject's cryptographic bookkeeping. Read as `principal`, so
 * row-level security still holds the walk to records the reader may see; a privacy officer
 * or the system sees them all.
 */
export async function buildAccessReport(trx: Tx, vault: Vault, principal: Principal, subjectId: string, now: Date): Promise<AccessReport> {
  authorize(principal, 'record.export', { subjectId, businessArea: null });
  const sections: ReportSection[] = [];
  const notices = new Set<string>();
  for (const [table, decl] of subjectRecordTables()) {
    const rows = await sql<
      Record<string, unknown>
    >`SELECT * FROM ${sql.table(table)} WHERE subject_id = ${subjectId} ${withheld[table] ?? sql``}`.execute(trx);
    if (rows.rows.length === 0) continue;
    const records: ReportRecord[] = [];
    for (const row of rows.rows) {
      const rowId = String(row.id ?? row.subject_id);
      const fields: ReportField[] = [];
      for (const [column, fieldClass] of Object.entries(decl.columns)) {
        const value = row[column];
        if (column.endsWith('_ct') && Buffer.isBuffer(value)) {
          if (keyColumns.has(column)) {
            fields.push({
              column,
              class: fieldClass,
              value: null,
              note: 'a key protecting a file of this record; the file is listed, not the key',
            });
            continue;
          }
          try {
            const plain = await vault.decryptFor(trx, subjectId, { table, column, rowId }, value);
            const text = readable(plain);
            fields.push(
              text === null
                ? { column, class: fieldClass, value: null, note: `${plain.length} bytes that are not text` }
                : { column, class: fieldClass, value: text },
            );
          } catch (error) {
            if (!(error instanceof DecryptionError || error instanceof SubjectShreddedError)) throw error;
            fields.push({ column, class: fieldClass, value: null, note: 'could not be decrypted' });
          }
          continue;
        }
        fields.push({ column, class: fieldClass, value: asText(value) });
      }
      records.push({ id: rowId, fields });
    }
    const notice = decl.notice === 'system' || decl.notice === 'staff' ? undefined : findNotice(decl.notice);
    if (notice) notices.add(notice.id);
    sections.push({
      table,
      description: decl.description,
      notice: notice?.designation ?? decl.notice,
      noticeName: notice?.name ?? "Caseline's own records",
      records,
    });
  }
  return {
    subjectId,
    generatedAt: now,
    sections,
    exemptions: [...notices].map((id) => {
      const notice = findNotice(id)!;
      return { notice: notice.designation, text: notice.exemptions };
    }),
  };
}
