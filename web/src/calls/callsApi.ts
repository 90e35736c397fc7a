import { api } from '../api/client.ts';
import type { CasePriority } from '../api/cases.ts';

export type CallDirection = 'inbound' | 'outbound';
export type CallDisposition =
  'resolved_on_call' | 'case_opened' | 'case_updated' | 'callback_requested' | 'voicemail' | 'wrong_number' | 'dropped';

export const callDispositions: readonly CallDisposition[] = [
  'resolved_on_call',
  'case_opened',
  'case_updated',
  'callback_requested',
  'voicemail',
  'wrong_number',
  'dropped',
];

export const dispositionLabels: Readonly<Record<CallDisposition, string>> = {
  resolved_on_call: 'Resolved on the call',
  case_opened: 'Case opened',
  case_updated: 'Case updated',
  callback_requested: 'Callback requested',
  voicemail: 'Voicemail',
  wrong_number: 'Wrong number',
  dropped: 'Dropped',
};

export interface Call {
  readonly id: string;
  readonly customerId: string | null;
  readonly caseId: string | null;
  readonly caseNumber: string | null;
  readonly businessArea: string | null;
  readonly direction: CallDirection;
  readonly number: string | null;
  readonly durationSeconds: number;
  readonly disposition: CallDisposition;
  readonly notes: string | null;
  readonly agent: string;
  readonly startedAt: string;
  readonly createdAt: string;
  readonly disposeAfter: string;
}

export interface NewCall {
  readonly customerId?: string | null;
  readonly direction: CallDirection;
  readonly number: string | null;
  readonly durationSeconds: number;
  readonly disposition?: CallDisposition;
  readonly notes?: string | null;
  readonly openCase?: { readonly title: string; readonly category?: string | null; readonly priority?: CasePriority } | null;
  readonly caseId?: string | null;
}

export const logCall = (call: NewCall) => api.post<Call>('/api/calls', call);
export const customerCalls = (customerId: string, limit = 10) =>
  api.get<Call[]>(`/api/customers/${encodeURIComponent(customerId)}/calls`, { query: { limit } });
export const caseCalls = (caseId: string) => api.get<Call[]>(`/api/cases/${encodeURIComponent(caseId)}/calls`);

/** 312 → '5 min 12 s'. */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes === 0 ? `${rest} s` : rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
