// The published systems of records notices: their versions, the review of the catalog
// against the latest, and the publication of a new one.
export {
  isAltered,
  listPublications,
  NothingToPublish,
  publishNotice,
  reviewNotice,
  unpublishedAction,
  type NoticeReview,
} from './notice-publication.ts';
export { noticeDigest, type PublishedNotice } from './published-notices.ts';
