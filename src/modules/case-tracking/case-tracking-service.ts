import type { AuditContext } from '../../access/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import type { CaseLinks, CaseService } from '../cases/index.ts';
import { InvalidTrackingQuery, lookupTracking, normaliseArticleNumber } from '../tracking/index.ts';
import {
  articlesPerCustomer,
  casesPerCustomer,
  eventsPerArticle,
  type ArticleTracking,
  type CaseTracking,
  type CustomerTracking,
} from './case-tracking.ts';

export interface CaseTrackingService {
  /** The tracking of the articles linked to a case; null when the principal may not read the case (or there is none), audited as refused. */
  ofCase(trx: Tx, principal: Principal, caseId: string, ctx: AuditContext, now: Date): Promise<CaseTracking | null>;
  /** The tracking of the articles linked to the customer's cases the principal may read, each article once. */
  ofCustomer(trx: Tx, principal: Principal, customerId: string, ctx: AuditContext, now: Date): Promise<CustomerTracking>;
}

interface LinkedArticle {
  readonly number: string;
  readonly cases: string[];
}

/** The articles of these cases, each once (by its normalised number), in the order first linked. */
function articlesOf(cases: readonly CaseLinks[]): LinkedArticle[] {
  const byNumber = new Map<string, LinkedArticle>();
  for (const detail of cases)
    for (const link of detail.links) {
      if (link.kind !== 'article') continue;
      const key = normaliseArticleNumber(link.number);
      const known = byNumber.get(key);
      if (!known) byNumber.set(key, { number: link.number, cases: [detail.number] });
      else if (!known.cases.includes(detail.number)) known.cases.push(detail.number);
    }
  return [...byNumber.values()];
}

/**
 * Where a case's articles are: the one place the cases module (which knows which articles a
 * case is about) and the tracking module (which knows their scans) meet. The case's links are
 * read through the case service (linksOf: its links alone, not its messages), so its
 * visibility decides and the read is audited as a read of the case's links; each article is
 * looked up through lookupTracking, audited as every lookup is.
 */
export function createCaseTracking(cases: CaseService): CaseTrackingService {
  async function track(trx: Tx, principal: Principal, article: LinkedArticle, ctx: AuditContext, now: Date): Promise<ArticleTracking> {
    try {
      const answer = await lookupTracking(trx, principal, { by: 'article', number: article.number }, ctx, now);
      const newestFirst = answer.events.toReversed();
      return {
        number: article.number,
        cases: article.cases,
        events: newestFirst.slice(0, eventsPerArticle),
        eventCount: newestFirst.length,
        unreadable: null,
      };
    } catch (error) {
      // A case may link any text an agent typed as an article: say why it finds nothing.
      if (error instanceof InvalidTrackingQuery)
        return { number: article.number, cases: article.cases, events: [], eventCount: 0, unreadable: error.message };
      throw error;
    }
  }

  async function trackAll(trx: Tx, principal: Principal, articles: readonly LinkedArticle[], ctx: AuditContext, now: Date) {
    const tracked: ArticleTracking[] = [];
    // One transaction answers one query at a time: in turn, not all at once.
    for (const article of articles) tracked.push(await track(trx, principal, article, ctx, now));
    return tracked;
  }

  return {
    async ofCase(trx, principal, caseId, ctx, now) {
      const read = await cases.linksOf(trx, principal, [caseId], ctx, now);
      if (read.length === 0) return null;
      return { articles: await trackAll(trx, principal, articlesOf(read), ctx, now), eventsPerArticle };
    },

    async ofCustomer(trx, principal, customerId, ctx, now) {
      const summaries = await cases.list(trx, principal, { customerIds: [customerId], limit: casesPerCustomer + 1 }, ctx, now);
      const read = await cases.linksOf(
        trx,
        principal,
        summaries.slice(0, casesPerCustomer).map((summary) => summary.id),
        ctx,
        now,
      );
      const articles = articlesOf(read);
      return {
        articles: await trackAll(trx, principal, articles.slice(0, articlesPerCustomer), ctx, now),
        eventsPerArticle,
        articleLimit: articlesPerCustomer,
        truncated: articles.length > articlesPerCustomer || summaries.length > casesPerCustomer,
      };
    },
  };
}
