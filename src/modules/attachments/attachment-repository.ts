import type { Insertable, Selectable } from 'kysely';
import type { Tables, Tx } from '../../db/index.ts';

type CaseAttachmentsTable = Tables['case_attachments'];

export type AttachmentRow = Selectable<CaseAttachmentsTable>;

export async function insertAttachment(trx: Tx, row: Insertable<CaseAttachmentsTable>): Promise<void> {
  await trx.insertInto('case_attachments').values(row).execute();
}

/** A case's attachments, oldest first (the order they arrived in). */
export function selectCaseAttachments(trx: Tx, caseId: string): Promise<AttachmentRow[]> {
  return trx.selectFrom('case_attachments').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

export function selectCaseAttachment(trx: Tx, caseId: string, id: string): Promise<AttachmentRow | undefined> {
  return trx.selectFrom('case_attachments').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}
