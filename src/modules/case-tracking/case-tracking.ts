import type { TrackingEventView } from '../tracking/index.ts';

/** The most recent events shown of one article: a long-haul package can have dozens of scans, the latest say where it is. */
export const eventsPerArticle = 50;

/** Articles a customer's tracking answers at most (the newest cases' first): each is a lookup of its own. */
export const articlesPerCustomer = 20;

/** The customer's newest cases whose linked articles are looked at. */
export const casesPerCustomer = 50;

/** One article linked to a case, and what the tracking events say of it. */
export interface ArticleTracking {
  /** The article number as linked to the case. */
  readonly number: string;
  /** The numbers of the cases that link it. */
  readonly cases: readonly string[];
  /** Newest first, at most `eventsPerArticle`. */
  readonly events: readonly TrackingEventView[];
  /** Every event stored for the article (more than `events` holds when capped). */
  readonly eventCount: number;
  /** Why the linked number cannot be looked up (it is not an article number); null when it was. */
  readonly unreadable: string | null;
}

export interface CaseTracking {
  readonly articles: readonly ArticleTracking[];
  readonly eventsPerArticle: number;
}

export interface CustomerTracking {
  readonly articles: readonly ArticleTracking[];
  readonly eventsPerArticle: number;
  readonly articleLimit: number;
  /** The customer's cases linked more articles than `articleLimit`, or had more than were looked at. */
  readonly truncated: boolean;
}
