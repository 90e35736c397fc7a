import { api } from './client.ts';

/** Shapes of src/http/routes/catalog.ts (from src/catalog/notice-to-json.ts and notice-sections.ts). */
export interface NoticeSummary {
  readonly id: string;
  readonly designation: string;
  readonly name: string;
  readonly recordTypes: number;
}

export interface ListItem {
  readonly title?: string;
  readonly text: string;
}

export type Block = { readonly kind: 'paragraph'; readonly text: string } | { readonly kind: 'list'; readonly items: readonly ListItem[] };

export interface NoticeSection {
  readonly heading: string;
  readonly blocks: readonly Block[];
}

export const fieldClasses = ['identifier', 'sensitive', 'content', 'operational'] as const;
export type FieldClass = (typeof fieldClasses)[number];

export interface RetentionPeriod {
  readonly amount: number;
  readonly unit: string;
}

export interface RecordTypeJson {
  readonly id: string;
  readonly name: string;
  readonly categories: readonly string[];
  readonly retention: { readonly kind: string; readonly period?: RetentionPeriod; readonly [key: string]: unknown };
  readonly retentionDescription: string;
  readonly retentionStatement: string;
  readonly retrievalKeys: readonly string[];
  readonly fields: Readonly<Record<string, FieldClass>>;
}

export interface NoticeDocument {
  readonly id: string;
  readonly designation: string;
  readonly name: string;
  readonly source: string;
  readonly sections: readonly NoticeSection[];
  readonly routineUses: { readonly text: string; readonly standard: readonly number[] };
  readonly retrievalKeys: readonly string[];
  readonly recordTypes: readonly RecordTypeJson[];
}

export interface RecordTypeRow {
  readonly id: string;
  readonly notice: string;
  readonly name: string;
  readonly retention: string;
  readonly retentionStatement: string;
}

export const listNotices = () => api.get<NoticeSummary[]>('/api/catalog/notices');
export const fetchNotice = (id: string) => api.get<NoticeDocument>(`/api/catalog/notices/${encodeURIComponent(id)}`);
export const listRecordTypes = () => api.get<RecordTypeRow[]>('/api/catalog/record-types');
