import { Type } from 'typebox';
import { casePriorities, resolutionCodes } from '../../modules/cases/index.ts';
import { InvalidMacro, MacroNameTaken, MacroNotFound, macroStatuses, placeholderNames, type Macro } from '../../modules/macros/index.ts';
import { BusinessAreaId } from './common-schema.ts';
import { fieldProblem, problemTypes, ProblemError } from '../problem.ts';

export const MacroActionsSchema = Type.Object(
  {
    status: Type.Optional(Type.Enum([...macroStatuses])),
    resolutionCode: Type.Optional(Type.Enum([...resolutionCodes])),
    priority: Type.Optional(Type.Enum([...casePriorities])),
    tags: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const MacroBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    body: Type.String({
      minLength: 1,
      maxLength: 20_000,
      description: `The reply template. Placeholders: ${placeholderNames.map((n) => `{{${n}}}`).join(', ')}. Braces are for placeholders only; a line holding {{survey.link}} is left out when there is no survey.`,
    }),
    businessArea: Type.Optional(Type.Union([BusinessAreaId, Type.Null()])),
    actions: Type.Optional(MacroActionsSchema),
  },
  { additionalProperties: false },
);

export const MacroSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  body: Type.String(),
  businessArea: Type.Union([Type.String(), Type.Null()]),
  actions: MacroActionsSchema,
  placeholders: Type.Array(Type.Enum([...placeholderNames])),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const MacroPreviewSchema = Type.Object({ body: Type.String(), actions: MacroActionsSchema });

export const macroJson = (macro: Macro) =>
  ({
    ...macro,
    actions: { ...macro.actions },
    createdAt: macro.createdAt.toISOString(),
    updatedAt: macro.updatedAt.toISOString(),
  }) as never;

export function macroFailure(error: unknown): never {
  if (error instanceof InvalidMacro)
    throw fieldProblem(error.field === 'macroId' ? '/params/macroId' : `/body/${error.field}`, error.reason);
  if (error instanceof MacroNameTaken)
    throw new ProblemError(409, problemTypes.conflict, 'Conflict', 'Another macro has this name.', [
      { field: '/body/name', message: 'another macro has this name' },
    ]);
  if (error instanceof MacroNotFound) throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such macro.');
  throw error;
}
