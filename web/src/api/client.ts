import { ApiError, problemTypes, type Problem } from './problem.ts';

/**
 * The one fetch wrapper: JSON in and out, the session cookie (same origin), the CSRF
 * header on every unsafe method, and problem+json turned into ApiError.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const unsafe = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let serverOffsetMs = 0;

/** Server time minus this machine's time, from the Date header of the latest answer (to a second). */
export function serverClockOffset(): number {
  return serverOffsetMs;
}

/** Set from POST /api/auth/login and GET /api/auth/session; cleared at sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener<T> = (value: T) => void;
const activityListeners = new Set<Listener<void>>();
const sessionLostListeners = new Set<Listener<Problem>>();

/** Every answer from the server (other than a lost session) keeps the session alive. */
export function onServerActivity(listener: () => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

/** A data request answered 401 or 'sign-in incomplete': the session is gone. */
export function onSessionLost(listener: (problem: Problem) => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

export interface RequestOptions {
  readonly body?: unknown;
  /** A body that is not JSON (a CSV file), sent as is with its content type. */
  readonly raw?: { readonly contentType: string; readonly text: string };
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Sign-in steps answer 401 for a wrong password or code: not a lost session. */
  readonly signingIn?: boolean;
  readonly signal?: AbortSignal;
}

function unreachable(): Problem {
  return {
    type: problemTypes.unavailable,
    title: 'Server unreachable',
    status: 0,
    detail: 'Caseline could not be reached. Check your connection and try again.',
  };
}

/** A refused answer as a Problem: its problem+json body, or the status in words. */
export async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body.title === 'string')
        return { ...body, type: body.type ?? 'about:blank', title: body.title, status: body.status ?? response.status };
    } catch {
      // fall through to the generic problem
    }
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered ${response.status}.`,
  };
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {}))
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.raw) headers['content-type'] = options.raw.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (unsafe.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.raw ? options.raw.text : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(unreachable());
  }
  const serverDate = Date.parse(response.headers.get('date') ?? '');
  if (!Number.isNaN(serverDate)) serverOffsetMs = serverDate - Date.now();
  if (response.ok) {
    activityListeners.forEach((listener) => listener());
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const problem = await problemOf(response);
  const lost = response.status === 401 || (response.status === 403 && problem.type === problemTypes.stage);
  if (lost && !options.signingIn) sessionLostListeners.forEach((listener) => listener(problem));
  else if (response.status !== 401) activityListeners.forEach((listener) => listener());
  throw new ApiError(problem);
}

/**
 * A document (a PDF) from the API, fetched by itself rather than followed as a link, so that a
 * refusal arrives as a Problem the page can show. Unsafe methods carry the session's CSRF token.
 */
export async function fetchDocument(path: string, options: { readonly method?: Method; readonly body?: unknown } = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/pdf, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (unsafe.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(unreachable());
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  return response;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
