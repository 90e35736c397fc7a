import type { TableDecl } from '../types.ts';

// Migration 0012_attachments: files attached to cases (880.000), kept encrypted outside the database.
export const attachmentTables = {
  case_attachments: {
    personal: true,
    notice: '880.000',
    description:
      "Files attached to a case (e-mail and fax attachments, scanned letters): the file is stored outside the database, encrypted under a per-file key that is kept here encrypted under the data subject's key; the file name is encrypted too.",
    columns: {
      id: 'operational',
      case_id: 'operational',
      message_id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      // What the sender named the file: written by the person, encrypted like a message body.
      filename_ct: 'content',
      media_type: 'operational',
      size_bytes: 'operational',
      sha256: 'operational',
      storage_id: 'operational',
      // The per-file key, encrypted under the subject's key: whoever can open it can read the file (a letter, a fax).
      key_ct: 'content',
      uploaded_by: 'operational',
      created_at: 'operational',
    },
  },
} as const satisfies Readonly<Record<string, TableDecl>>;
