import type { TableDecl } from '../types.ts';

// Migration 0011_mail_out: e-mail Caseline sends about a case (replies, acknowledgements),
// queued until the relay takes it. Part of the case's correspondence under 880.000.
export const mailOutTables = {
  mail_outbox: {
    personal: true,
    notice: '880.000',
    description:
      'Outbound e-mail of a case waiting for (or delivered to) the mail relay: recipients, subject, body and threading headers encrypted, cleared once delivered or failed.',
    columns: {
      id: 'operational',
      case_id: 'operational',
      case_message_id: 'operational',
      case_number: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      kind: 'operational',
      to_ct: 'identifier',
      subject_ct: 'content',
      body_ct: 'content',
      threading_ct: 'identifier',
      message_id: 'operational',
      status: 'operational',
      attempts: 'operational',
      next_attempt_at: 'operational',
      last_error: 'operational',
      sent_at: 'operational',
      created_at: 'operational',
    },
  },
} as const satisfies Readonly<Record<string, TableDecl>>;
