import { api } from './client.ts';
import { ApiError, problemTypes, type Problem } from './problem.ts';

/** Shapes of src/http/routes/print-queue.ts. */
export interface QueuedLetter {
  readonly id: string;
  readonly kind: 'portal_link_code';
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface PrintBatch {
  readonly pdf: Blob;
  /** The letters in the PDF, to confirm once printed. */
  readonly printed: readonly string[];
  /** Left out (their customer has no mailing address now): still waiting. */
  readonly skipped: readonly string[];
}

export const fetchPrintQueue = () => api.get<QueuedLetter[]>('/api/print-queue');

export const confirmPrinted = (ids: readonly string[]) => api.post<{ printed: number }>('/api/print-queue/printed', { ids });

const idList = (header: string | null) => (header ? header.split(',').filter((id) => id !== '') : []);

/** The waiting letters as one PDF; fetched by itself because the API client takes JSON only. */
export async function fetchPrintBatch(csrfToken: string): Promise<PrintBatch> {
  let response: Response;
  try {
    response = await fetch('/api/print-queue/batch', {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/pdf, application/problem+json', 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: '{}',
    });
  } catch {
    throw new ApiError({
      type: problemTypes.unavailable,
      title: 'Server unreachable',
      status: 0,
      detail: 'Caseline could not be reached. Try again.',
    });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Partial<Problem> | null;
    throw new ApiError({
      type: body?.type ?? 'about:blank',
      title: body?.title ?? 'Request failed',
      status: response.status,
      detail: body?.detail ?? `The server answered ${response.status}.`,
    });
  }
  return {
    pdf: await response.blob(),
    printed: idList(response.headers.get('x-letters-printed')),
    skipped: idList(response.headers.get('x-letters-skipped')),
  };
}
