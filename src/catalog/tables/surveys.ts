import type { TableDecl } from '../types.ts';

// Migration 0014_surveys: satisfaction surveys of resolved cases. The responses are the
// survey records of 890.000 (seed 002: "Customer insight, market research, and survey
// records will be retained for 3 years"), record type usps-890/customer-insight; each row
// names it, and its rule sets dispose_after.
export const surveyTables = {
  survey_invitations: {
    personal: true,
    notice: '890.000',
    description:
      'Satisfaction survey invitations: one live per resolved case, with the rated agent, area and channel, its expiry and when it was used or voided.',
    columns: {
      id: 'operational',
      case_id: 'operational',
      case_number: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      agent_id: 'operational',
      channel: 'operational',
      created_at: 'operational',
      expires_at: 'operational',
      used_at: 'operational',
      voided_at: 'operational',
    },
  },
  survey_responses: {
    personal: true,
    notice: '890.000',
    description: "Satisfaction survey responses: a rating of 1 to 5 and the customer's comment (encrypted), kept 3 years from the answer.",
    columns: {
      id: 'operational',
      invitation_id: 'operational',
      case_id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      record_type: 'operational',
      agent_id: 'operational',
      channel: 'operational',
      // A score of 1 to 5, kept in the clear so reports can aggregate it in SQL; the words are the comment.
      rating: 'operational',
      comment_ct: 'content',
      answered_at: 'operational',
      dispose_after: 'operational',
    },
  },
} as const satisfies Readonly<Record<string, TableDecl>>;
