// The catalog's public face: the notices Caseline obeys, declared once as data, and what
// is computed from them. Other modules import from here only.
export type {
  CalendarAnchor,
  EndingEvent,
  FieldClass,
  FieldMask,
  NonPersonalTableDecl,
  Notice,
  NoticeId,
  NoticeSlug,
  Period,
  PersonalTableDecl,
  RecordCategory,
  RecordHistory,
  RecordType,
  RecordTypeId,
  RetentionRule,
  RetrievalKey,
  RoutineUses,
  TableDecl,
} from './types.ts';
export { fieldClasses, retrievalKeys } from './types.ts';
export { findNotice, getNotice, notices } from './notices.ts';
export { getRecordType, recordTypes } from './record-types.ts';
export { agencyTimeZone, disposeAfter } from './dispose-after.ts';
export type { DisposeOptions } from './dispose-after.ts';
export { describeRetention } from './describe-retention.ts';
export { noticeHeadings } from './notice-sections.ts';
export type { Block, ListItem, NoticeHeading, NoticeSection } from './notice-sections.ts';
export { renderNotice } from './render-notice.ts';
export type { NoticeFormat } from './render-notice.ts';
export { noticeToJson } from './notice-to-json.ts';
export type { NoticeJson, RecordTypeJson } from './notice-to-json.ts';
export { tables } from './tables.ts';
export { fieldClassOf, isSensitiveField, personalTables } from './field-class-of.ts';
export {
  assertTimeZone,
  firstInstantReading,
  localDateOf,
  offsetAt,
  startOfLocalDay,
  wallClockMs,
  type LocalDate,
} from './local-calendar.ts';
export { canonicalNoticeJson, diffNotices, renderNoticeDiff, requiredAction } from './notice-diff.ts';
export type { NoticeChange, NoticeChangeAction, NoticeDiff, NoticeDiffTopic } from './notice-diff.ts';
