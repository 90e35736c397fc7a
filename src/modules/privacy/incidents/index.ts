// Privacy incidents' public face (OMB M-17-12): declaring an incident, its blast radius from the
// audit log, the timeline and the one-hour CISA clock, and the notification letters and e-mails.
export { createIncidentService, type IncidentService, type IncidentServiceOptions } from './incident-service.ts';
export {
  checkIncident,
  IncidentConflict,
  IncidentNotFound,
  InvalidIncidentField,
  maxDescriptionLength,
  maxRoutes,
  maxTitleLength,
} from './check-incident.ts';
export { cisaClock, cisaReportWindowMs } from './cisa-clock.ts';
export { noticeEmail, noticeParagraphs, noticeSections, renderIncidentLetters, type IncidentNotice } from './incident-letters.ts';
export * from './incident.ts';
