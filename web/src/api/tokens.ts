import { api } from './client.ts';
import type { Scope } from './grants.ts';

/** Shapes of the /api/tokens routes (src/http/routes/admin.ts). */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string | null;
  readonly revoked: boolean;
}

export interface NewApiToken {
  readonly name: string;
  readonly scopes: readonly Scope[];
  /** 1 to 366; the server's default is 90. */
  readonly expiresInDays: number;
}

export interface CreatedApiToken {
  /** Shown once: the server keeps only its hash. */
  readonly token: string;
  readonly apiToken: ApiToken;
}

export const listTokens = () => api.get<ApiToken[]>('/api/tokens');
export const createToken = (token: NewApiToken) => api.post<CreatedApiToken>('/api/tokens', token);
export const revokeToken = (id: string) => api.delete(`/api/tokens/${encodeURIComponent(id)}`);
