import { api, fetchDocument } from './client.ts';

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

/** The waiting letters as one PDF, with the ids it holds (to confirm once printed) and those left out. */
export async function fetchPrintBatch(): Promise<PrintBatch> {
  const response = await fetchDocument('/api/print-queue/batch', { method: 'POST', body: {} });
  return {
    pdf: await response.blob(),
    printed: idList(response.headers.get('x-letters-printed')),
    skipped: idList(response.headers.get('x-letters-skipped')),
  };
}
