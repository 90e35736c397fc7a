import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { callDirections, callDispositions, CallNotFound, InvalidCallField, maxCallSeconds, type Call } from '../../modules/calls/index.ts';
import { CaseConflict, casePriorities } from '../../modules/cases/index.ts';
import { fieldProblem, problemTypes, ProblemError } from '../problem.ts';
import { BusinessAreaId, Nullable } from './common-schema.ts';

const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });

export const DirectionSchema = Type.Enum([...callDirections]);
export const DispositionSchema = Type.Enum([...callDispositions], {
  description:
    'resolved_on_call, case_opened (default with openCase), case_updated (default with caseId), callback_requested, voicemail, wrong_number, dropped',
});

export const NewCallSchema = Type.Object(
  {
    customerId: Type.Optional(Nullable(Uuid)),
    direction: DirectionSchema,
    number: Type.Optional(
      Nullable(
        Type.String({ maxLength: 40, description: 'the other party’s number in any common format (stored as E.164); null when withheld' }),
      ),
    ),
    durationSeconds: Type.Integer({ minimum: 0, maximum: maxCallSeconds }),
    disposition: Type.Optional(DispositionSchema),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
    startedAt: Type.Optional(Type.String({ format: 'date-time', description: 'default: durationSeconds before now' })),
    businessArea: Type.Optional(Nullable(BusinessAreaId)),
    openCase: Type.Optional(
      Nullable(
        Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 300 }),
            category: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
            priority: Type.Optional(Type.Enum([...casePriorities])),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    caseId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

export const CallSchema = Type.Object({
  id: Uuid,
  customerId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  caseNumber: Nullable(Type.String({ description: 'C-YYYY-NNNNNN' })),
  businessArea: Nullable(Type.String()),
  direction: DirectionSchema,
  number: Nullable(Type.String({ description: 'E.164' })),
  durationSeconds: Type.Integer(),
  disposition: DispositionSchema,
  notes: Nullable(Type.String()),
  agent: Type.String(),
  startedAt: DateTime,
  createdAt: DateTime,
  disposeAfter: Type.String({ format: 'date-time', description: 'when the call-center record type’s retention (1 year) disposes of it' }),
});

export const callJson = (c: Call) => ({
  ...c,
  startedAt: c.startedAt.toISOString(),
  createdAt: c.createdAt.toISOString(),
  disposeAfter: c.disposeAfter.toISOString(),
});

export function callFailure(error: unknown): never {
  if (error instanceof InvalidCallField) throw fieldProblem(`/body/${error.field}`, error.reason);
  // A routing rule that sends the new case to an area the agent cannot open cases in.
  if (error instanceof CaseConflict) throw new ProblemError(409, problemTypes.conflict, 'Conflict', error.message);
  if (error instanceof CallNotFound)
    throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such record, or not one you may see.');
  throw error;
}

/**
 * For routes declared with `attachValidation`: a body that breaks its schema is a request
 * the server understood but cannot accept, answered 422 naming each field (as the
 * service's own checks are), rather than the generic 400.
 */
export function rejectInvalid(request: FastifyRequest): void {
  const invalid = request.validationError as (Error & { validation?: unknown[]; validationContext?: string }) | undefined;
  if (!invalid) return;
  const context = invalid.validationContext ?? 'body';
  const errors = ((invalid.validation ?? []) as { instancePath: string; message?: string; params?: { missingProperty?: string } }[]).map(
    (v) => ({
      field: `/${context}${v.instancePath}${v.params?.missingProperty ? `/${v.params.missingProperty}` : ''}`,
      message: v.message ?? 'is invalid',
    }),
  );
  if (context !== 'body')
    throw new ProblemError(
      400,
      problemTypes.validation,
      'Invalid request',
      errors.map((e) => `${e.field} ${e.message}`).join('; '),
      errors,
    );
  throw new ProblemError(422, problemTypes.validation, 'Invalid field', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
}
