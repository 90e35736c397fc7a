import type { NoticeSection } from './catalog.ts';
import { api } from './client.ts';

/** Shapes of src/http/routes/notices.ts. */
export type NoticeAction = 'needs_new_notice' | 'revision' | 'none';

export interface NoticeChange {
  readonly topic: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly item: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly action: 'needs_new_notice' | 'revision';
  /** 30 for a new or changed routine use (5 U.S.C. 552a(e)(11)). */
  readonly routineUseCommentDays: number | null;
}

export interface Publication {
  readonly noticeId: string;
  readonly version: number;
  readonly publishedAt: string;
  /** 'staff:<id>', or 'system:system:sorn' for `caseline sorn publish`. */
  readonly publishedBy: string;
  readonly sha256: string;
  /** The stored notice no longer matches its recorded SHA-256. */
  readonly altered: boolean;
}

export interface NoticeStatus {
  readonly id: string;
  readonly designation: string;
  readonly name: string;
  readonly sections: readonly NoticeSection[];
  readonly routineUses: { readonly text: string; readonly standard: readonly number[] };
  readonly review: {
    readonly status: 'unpublished' | 'changed' | 'current';
    readonly action: NoticeAction;
    readonly routineUseCommentDays: number | null;
    readonly requiredAction: string;
    readonly changes: readonly NoticeChange[];
  };
  /** Newest first. */
  readonly publications: readonly Publication[];
}

export type PiaBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

export interface PiaQuestion {
  readonly number: string;
  readonly question: string;
  readonly answer: readonly PiaBlock[];
}

export interface Pia {
  readonly title: string;
  readonly systemName: string;
  readonly preparedFor: string;
  readonly generatedAt: string;
  readonly parts: readonly { readonly title: string; readonly questions: readonly PiaQuestion[] }[];
  /** What `caseline pia` prints. */
  readonly markdown: string;
}

export const listNoticeStatus = () => api.get<NoticeStatus[]>('/api/privacy/notices');
export const publishNotice = (id: string) => api.post<Publication>(`/api/privacy/notices/${encodeURIComponent(id)}/publish`);
export const fetchPia = () => api.get<Pia>('/api/privacy/pia');
export const piaPdfUrl = '/api/privacy/pia.pdf';
