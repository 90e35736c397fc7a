import { describeRetention } from './describe-retention.ts';
import { noticeSections } from './notice-sections.ts';
import type { NoticeSection } from './notice-sections.ts';
import type { FieldClass, FieldMask, Notice, NoticeId, RecordTypeId, RetentionRule, RetrievalKey, RoutineUses } from './types.ts';

export interface RecordTypeJson {
  readonly id: RecordTypeId;
  readonly name: string;
  readonly categories: readonly string[];
  readonly retention: RetentionRule;
  readonly retentionDescription: string;
  readonly retentionStatement: string;
  readonly retrievalKeys: readonly RetrievalKey[];
  readonly fields: Readonly<Record<string, FieldClass>>;
  readonly masked: Readonly<Record<string, FieldMask>>;
}

export interface NoticeJson {
  readonly id: NoticeId;
  readonly designation: string;
  readonly name: string;
  readonly source: string;
  readonly sections: readonly NoticeSection[];
  readonly routineUses: RoutineUses;
  readonly retrievalKeys: readonly RetrievalKey[];
  readonly recordTypes: readonly RecordTypeJson[];
}

/** The notice as JSON: its Federal Register sections and the typed declarations behind them. */
export function noticeToJson(notice: Notice): NoticeJson {
  return {
    id: notice.id,
    designation: notice.designation,
    name: notice.name,
    source: notice.source,
    sections: noticeSections(notice),
    routineUses: notice.routineUses,
    retrievalKeys: notice.retrieval.keys,
    recordTypes: notice.recordTypes.map((recordType) => ({
      id: recordType.id,
      name: recordType.name,
      categories: recordType.categories,
      retention: recordType.retention,
      retentionDescription: describeRetention(recordType.retention),
      retentionStatement: recordType.retentionStatement,
      retrievalKeys: recordType.retrievalKeys,
      fields: recordType.fields,
      masked: recordType.masked ?? {},
    })),
  };
}
