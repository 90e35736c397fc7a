import { api } from '../api/client.ts';

/** GET /api/public/surveys/{token}: which case the survey is about; no personal data. */
export interface SurveyInfo {
  readonly caseNumber: string;
  readonly description: string;
  readonly resolvedAt: string;
  readonly expiresAt: string;
  readonly answered: boolean;
}

export interface SurveyAnswer {
  readonly rating: number;
  readonly comment?: string;
}

const path = (token: string) => `/api/public/surveys/${encodeURIComponent(token)}`;

export const fetchSurvey = (token: string, signal?: AbortSignal) => api.get<SurveyInfo>(path(token), signal ? { signal } : {});
export const answerSurvey = (token: string, answer: SurveyAnswer) => api.post<{ answered: true }>(path(token), answer);

export const commentMaxLength = 2000;

/** The five answers, from worst to best, as the rating's radio buttons read them. */
export const ratingLabels = [
  'Very dissatisfied',
  'Dissatisfied',
  'Neither satisfied nor dissatisfied',
  'Satisfied',
  'Very satisfied',
] as const;
