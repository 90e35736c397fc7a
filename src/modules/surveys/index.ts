// The surveys module's public face: satisfaction survey invitations of resolved cases, the
// customers' answers (890.000 survey records) and the satisfaction report.
export {
  commentMaxLength,
  createSurveyService,
  surveyRecordType,
  type SurveyService,
  type SurveyServiceOptions,
} from './survey-service.ts';
export { createSatisfactionReports, type SatisfactionReports } from './satisfaction-report.ts';
export { createSurveyTokens, surveyTokenKey, type SurveyTokens } from './survey-token.ts';
export { surveyMover } from './survey-merge-mover.ts';
export { InvalidSurveyField, SurveyAlreadyAnswered, SurveyNotFound } from './survey-errors.ts';
export {
  reportDimensions,
  type ReportDimension,
  type ResolvedCase,
  type SatisfactionQuery,
  type SatisfactionReport,
  type SatisfactionRow,
  type SurveyAnswer,
  type SurveyChannel,
  type SurveyInvitation,
  type SurveyLinkHolder,
  type SurveyPage,
  type SurveyResponse,
} from './survey.ts';
