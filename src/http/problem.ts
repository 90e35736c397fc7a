import { Type, type Static } from 'typebox';

/** RFC 9457 problem details; `errors` names each offending field by its JSON pointer. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof ProblemSchema>;

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

/** Thrown by route handlers; the error handler renders it. Its text must hold no personal data. */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: Problem['errors'];
  constructor(status: number, type: string, title: string, detail?: string, errors?: Problem['errors']) {
    super(detail ?? title);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = errors;
  }
}

export function fieldProblem(field: string, message: string): ProblemError {
  return new ProblemError(422, problemTypes.validation, 'Invalid field', `${field}: ${message}`, [{ field, message }]);
}

/** Shorthand for routes' response maps: every error status answers with a Problem. */
export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
} as const;
