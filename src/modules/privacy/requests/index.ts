// Privacy Act requests' public face (5 U.S.C. 552a(d)): notification, access, amendment and
// appeal, with their business-day clocks, identity verification, decisions and letters.
export * from './deadlines.ts';
export {
  createPrivacyRequestService,
  hasStatementOfDisagreement,
  privacyRequestRecordType,
  PrivacyRequestNotFound,
  type PrivacyRequestService,
  type PrivacyRequestServiceOptions,
  type RequestAccessReport,
} from './request-service.ts';
export { checkRequest, InvalidRequestField, RequestConflict } from './check-request.ts';
export { renderRequestLetter, type RequestLetter } from './request-letters.ts';
export * from './request.ts';
export { remindOfDeadlines, startRequestReminders, type ReminderResult, type RequestReminders } from './request-reminders.ts';
