import { InvalidField, TrackingConflict, TrackingNotFound } from '../../modules/tracking/index.ts';
import { fieldProblem, ProblemError, problemTypes } from '../problem.ts';

export interface TrackingProblemOptions {
  /** Where a field the service names is in the request; default the body. */
  readonly fieldPath?: (field: string) => string;
  /** The 404's detail: the portal speaks to the customer of their own records. */
  readonly notFound?: string;
}

/**
 * A tracking service's refusals as problem+json: 422 naming the field, 404 alike for a record
 * that does not exist and one the reader may not see, 409 for one whose state forbids what was asked.
 */
export function trackingProblem(error: unknown, options: TrackingProblemOptions = {}): never {
  const { fieldPath = (field: string) => `/body/${field}`, notFound = 'No such record, or not one you may see.' } = options;
  if (error instanceof InvalidField) throw fieldProblem(fieldPath(error.field), error.reason);
  if (error instanceof TrackingNotFound) throw new ProblemError(404, problemTypes.notFound, 'Not found', notFound);
  if (error instanceof TrackingConflict) throw new ProblemError(409, problemTypes.conflict, 'Conflict', error.message);
  throw error;
}
