import { personalTables, type PersonalTableDecl } from '../../catalog/index.ts';

/**
 * A subject's own bookkeeping, not records about it: the subject row, the key that encrypts
 * its records, the keyed digests that find them, and a legal hold naming it. Retention,
 * the access report and the accounting of disclosures all leave these out.
 */
export const subjectBookkeeping: ReadonlySet<string> = new Set(['data_subjects', 'subject_keys', 'blind_index', 'legal_holds']);

/**
 * Every table that holds records about a data subject, read from the catalog: the tables it
 * declares as personal data with a subject_id column, by name. A table added to the catalog
 * is in the access report, counts for erasure and can be disclosed without anyone editing
 * the privacy module.
 */
export function subjectRecordTables(): [string, PersonalTableDecl][] {
  return Object.entries(personalTables())
    .filter(([table, decl]) => !subjectBookkeeping.has(table) && Object.hasOwn(decl.columns, 'subject_id'))
    .sort(([a], [b]) => a.localeCompare(b));
}
