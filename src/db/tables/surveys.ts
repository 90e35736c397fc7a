// Kysely row types of this module's tables (src/db/tables.ts merges them into Tables; the module's migration creates them).
import type { ColumnType } from 'kysely';

/** Timestamps are written as Date and read back as Date on both engines. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type SurveyChannel = 'email' | 'phone' | 'fax' | 'web' | 'letter' | 'walk_in';

/** Migration 0014_surveys: the invitation a resolved case sends (its link is computed, never stored). */
export interface SurveyInvitationsTable {
  id: string;
  case_id: string;
  case_number: string;
  subject_id: string;
  business_area: string | null;
  agent_id: string | null;
  channel: SurveyChannel;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  voided_at: Timestamp | null;
}

/** A customer's answer: a rating of 1 to 5 and an optional comment (ciphertext). */
export interface SurveyResponsesTable {
  id: string;
  invitation_id: string;
  case_id: string;
  subject_id: string;
  business_area: string | null;
  record_type: string;
  agent_id: string | null;
  channel: SurveyChannel;
  rating: number;
  comment_ct: Buffer | null;
  answered_at: Timestamp;
  dispose_after: Timestamp;
}

export interface SurveyTables {
  survey_invitations: SurveyInvitationsTable;
  survey_responses: SurveyResponsesTable;
}
