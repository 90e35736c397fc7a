// Tracking seen from cases: the articles a case or a customer's cases link, with their scans.
export { createCaseTracking, type CaseTrackingService } from './case-tracking-service.ts';
export {
  articlesPerCustomer,
  casesPerCustomer,
  eventsPerArticle,
  type ArticleTracking,
  type CaseTracking,
  type CustomerTracking,
} from './case-tracking.ts';
