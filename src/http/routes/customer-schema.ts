import { Type } from 'typebox';
import { CustomerNotFound, InvalidCustomerField, WeakLookup, type Customer } from '../../modules/customers/index.ts';
import { fieldProblem, problemTypes, ProblemError } from '../problem.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const CustomerSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  zip: Nullable(Type.String()),
  ssnLast4: Nullable(Type.String({ description: "'••••' unless revealed with ?reveal=ssnLast4 (needs MFA; audited)" })),
  ssnLast4Revealed: Type.Boolean(),
  businessArea: Nullable(Type.String()),
  recordSource: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export const DuplicateSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  score: Type.Number({ minimum: 0, maximum: 1, description: 'how likely the two are one person' }),
  reasons: Type.Array(Type.String(), { description: 'the fields that agreed, strongest first' }),
});
export const Optional = (t: ReturnType<typeof Type.String>) => Type.Optional(Nullable(t));

export const customerJson = (c: Customer) => ({ ...c, createdAt: c.createdAt.toISOString() });

export function customerFailure(error: unknown): never {
  if (error instanceof InvalidCustomerField) throw fieldProblem(`/body/${error.field}`, error.message.slice(error.field.length + 2));
  if (error instanceof CustomerNotFound)
    throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such customer, or not one you may see.');
  if (error instanceof WeakLookup) throw fieldProblem('/body', error.message);
  throw error;
}
