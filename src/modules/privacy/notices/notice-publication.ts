import { actorOf, appendAudit, authorize, systemPrincipal, type AuditContext } from '../../../access/index.ts';
import {
  diffNotices,
  noticeToJson,
  requiredAction,
  type Notice,
  type NoticeChangeAction,
  type NoticeDiff,
  type NoticeJson,
} from '../../../catalog/index.ts';
import { withPrincipal, type Database, type Principal, type Tx } from '../../../db/index.ts';
import {
  insertPublished,
  noticeDigest,
  selectLatestPublished,
  selectPublishedVersions,
  type PublishedNotice,
} from './published-notices.ts';

/** Where a notice stands against the Federal Register: what the catalog says now, what was last published, and what the difference requires. */
export interface NoticeReview {
  readonly notice: Notice;
  /** noticeToJson() of the catalog now: what a publication would record. */
  readonly current: NoticeJson;
  /** The latest published version; null when the notice was never published. */
  readonly latest: PublishedNotice | null;
  /** What changed since `latest`; null when there is none, everything in the notice being new. */
  readonly diff: NoticeDiff | null;
  /** The strongest action the difference requires: a notice never published needs a new one. */
  readonly action: NoticeChangeAction | 'none';
  /** 30 when a routine use is new or changed, as every one of a notice never published is (552a(e)(11)); else null. */
  readonly routineUseCommentDays: 30 | null;
  /** The action, in one sentence. */
  readonly requiredAction: string;
}

/** The required action of a notice never published: all of it is new, routine uses included. */
export const unpublishedAction =
  "Required action: a new notice in the Federal Register (5 U.S.C. 552a(e)(4)), with 30 days' notice for comment on its routine uses (5 U.S.C. 552a(e)(11)).";

/** The catalog's notice is the published version it would replace, digest for digest. */
export class NothingToPublish extends Error {
  readonly latest: PublishedNotice;
  constructor(latest: PublishedNotice) {
    super(`notice ${latest.noticeId} has not changed since version ${latest.version}`);
    this.latest = latest;
  }
}

/** A stored version whose JSON no longer matches the digest recorded with it was changed after publication. */
export function isAltered(published: PublishedNotice): boolean {
  return !published.sha256.equals(noticeDigest(published.notice));
}

export async function reviewNotice(trx: Tx, principal: Principal, notice: Notice): Promise<NoticeReview> {
  authorize(principal, 'catalog.read');
  const current = noticeToJson(notice);
  const latest = await selectLatestPublished(trx, notice.id);
  if (latest === null)
    return {
      notice,
      current,
      latest,
      diff: null,
      action: 'needs_new_notice',
      routineUseCommentDays: 30,
      requiredAction: unpublishedAction,
    };
  const diff = diffNotices(latest.notice, current);
  return {
    notice,
    current,
    latest,
    diff,
    action: diff.action,
    routineUseCommentDays: diff.routineUseCommentDays,
    requiredAction: requiredAction(diff),
  };
}

/** The publication history of a notice, newest first. */
export async function listPublications(trx: Tx, principal: Principal, notice: Notice): Promise<PublishedNotice[]> {
  authorize(principal, 'catalog.read');
  return selectPublishedVersions(trx, notice.id);
}

// published_notices takes inserts from the system only (0020_published_notices) and the audit
// log takes entries of the transaction's own principal only (0004_audit), so a person's
// publication is recorded by the system on their behalf and then audited as theirs. The
// version is stored first: an entry never names a version that was not.
const recorder = systemPrincipal('sorn');

/**
 * Records the catalog's notice as its next published version, by `principal`, and audits it.
 * Throws NothingToPublish when the catalog matches the latest version; two publishers racing
 * collide on the version number and one fails.
 */
export async function publishNotice(
  database: Database,
  principal: Principal,
  notice: Notice,
  ctx: AuditContext,
  now: Date,
): Promise<PublishedNotice> {
  authorize(principal, 'notices.publish');
  const current = noticeToJson(notice);
  const published = await withPrincipal(database.db, recorder, async (trx) => {
    const latest = await selectLatestPublished(trx, notice.id);
    if (latest !== null && noticeDigest(latest.notice).equals(noticeDigest(current))) throw new NothingToPublish(latest);
    return insertPublished(trx, {
      noticeId: notice.id,
      previous: latest?.version ?? 0,
      publishedAt: now,
      publishedBy: actorOf(principal),
      notice: current,
    });
  });
  await withPrincipal(database.db, principal, (trx) =>
    appendAudit(trx, {
      at: now,
      actor: principal,
      action: 'create',
      recordType: 'published_notice',
      recordId: `${published.noticeId}/${published.version}`,
      subjects: [],
      ...ctx,
      outcome: 'ok',
      detail: { notice_id: published.noticeId, version: published.version, sha256: published.sha256.toString('hex') },
    }),
  );
  return published;
}
