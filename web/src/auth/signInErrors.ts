import { ApiError } from '../api/problem.ts';

/**
 * A sign-in step answered 401 without naming a field: the half-finished sign-in
 * expired (10 minutes) or was ended, so the user must start again.
 */
export function signInGone(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && !(error.problem.errors?.length ?? 0);
}

/** 409: the session is at another step than this page thought. */
export function wrongStep(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}
