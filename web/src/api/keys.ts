import { api } from './client.ts';

/** Shape of src/http/routes/keys.ts. */
export interface RotationStatus {
  readonly state: 'idle' | 'running' | 'done' | 'failed';
  readonly activeKeyId: string | null;
  readonly rewrapped: number;
  readonly retired: readonly string[];
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export const fetchKeyStatus = () => api.get<RotationStatus>('/api/admin/keys');
export const rotateMasterKey = (resume = false) => api.post<RotationStatus>('/api/admin/keys/rotate', { resume });
