import { api } from './client.ts';
import type { ScanSource, TrackingClass } from './tracking.ts';

/** Shapes of src/http/routes/case-tracking.ts. */
export interface ArticleEvent {
  readonly class: TrackingClass;
  readonly event: string;
  /** The event in words, from the server. */
  readonly description: string;
  readonly at: string;
  readonly facilityZip: string | null;
  readonly source: ScanSource;
}

export interface ArticleTracking {
  readonly number: string;
  /** The numbers of the cases linking the article. */
  readonly cases: readonly string[];
  /** Newest first, at most `eventsPerArticle`. */
  readonly events: readonly ArticleEvent[];
  readonly eventCount: number;
  /** Why the linked number is not an article number; null when it is. */
  readonly unreadable: string | null;
}

export interface CaseTracking {
  readonly articles: readonly ArticleTracking[];
  readonly eventsPerArticle: number;
}

export interface CustomerTracking extends CaseTracking {
  readonly articleLimit: number;
  readonly truncated: boolean;
}

export const caseTracking = (caseId: string) => api.get<CaseTracking>(`/api/cases/${caseId}/tracking`);
export const customerTracking = (customerId: string) => api.get<CustomerTracking>(`/api/customers/${customerId}/tracking`);
