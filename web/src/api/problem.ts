/** RFC 9457 problem details, as every Caseline error answers (src/http/problem.ts). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  /** Each offending field by its JSON pointer, e.g. '/body/username'. */
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

export const problemTypes = {
  validation: 'urn:caseline:problem:validation',
  unauthenticated: 'urn:caseline:problem:unauthenticated',
  forbidden: 'urn:caseline:problem:forbidden',
  notFound: 'urn:caseline:problem:not-found',
  conflict: 'urn:caseline:problem:conflict',
  csrf: 'urn:caseline:problem:csrf',
  stage: 'urn:caseline:problem:sign-in-incomplete',
  rateLimited: 'urn:caseline:problem:rate-limited',
  unavailable: 'urn:caseline:problem:unavailable',
  internal: 'urn:caseline:problem:internal',
} as const;

/** Thrown by the API client for every answer that is not 2xx, and when the server cannot be reached. */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

/** The sentence to show for any failure: the problem's detail, else its title. */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  return 'Something went wrong. Try again.';
}

/**
 * Field messages keyed by the field's name: '/body/username' → 'username',
 * '/body/businessAreas/0' → 'businessAreas', '/querystring/from' → 'from'.
 * Pointers naming no field ('/body') are left to the form-level message.
 */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of problem?.errors ?? []) {
    const [, , name] = error.field.split('/');
    if (name && !(name in out)) out[name] = error.message;
  }
  return out;
}
