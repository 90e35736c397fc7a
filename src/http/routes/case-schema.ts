import { Type } from 'typebox';
import {
  caseChannels,
  CaseConflict,
  CaseNotFound,
  casePriorities,
  caseRecordTypes,
  caseStatuses,
  InvalidCaseField,
  resolutionCodes,
  type CaseDetail,
  type CaseMessage,
  type CaseSummary,
} from '../../modules/cases/index.ts';
import { fieldProblem, problemTypes, ProblemError } from '../problem.ts';
import { Nullable } from './common-schema.ts';

const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });

export const ChannelSchema = Type.Enum([...caseChannels]);
export const PrioritySchema = Type.Enum([...casePriorities]);
export const StatusSchema = Type.Enum([...caseStatuses]);
export const RecordTypeSchema = Type.Enum(Object.keys(caseRecordTypes) as (keyof typeof caseRecordTypes)[], {
  description: Object.entries(caseRecordTypes)
    .map(([id, name]) => `${id}: ${name}`)
    .join('; '),
});
export const ResolutionCodeSchema = Type.Enum([...resolutionCodes]);

export const SenderSchema = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

export const CaseSummarySchema = Type.Object({
  id: Uuid,
  number: Type.String({ description: 'C-YYYY-NNNNNN' }),
  customerId: Nullable(Uuid),
  title: Type.String(),
  channel: ChannelSchema,
  recordType: RecordTypeSchema,
  businessArea: Nullable(Type.String()),
  category: Nullable(Type.String()),
  priority: PrioritySchema,
  status: StatusSchema,
  assignee: Nullable(Uuid),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const CaseMessageSchema = Type.Object({
  id: Uuid,
  kind: Type.Enum(['inbound', 'outbound', 'note']),
  channel: Type.Enum([...caseChannels, 'internal']),
  author: Nullable(Type.String()),
  from: Nullable(SenderSchema),
  to: Type.Array(Type.String()),
  body: Type.String(),
  createdAt: DateTime,
});

export const CaseDetailSchema = Type.Intersect([
  CaseSummarySchema,
  Type.Object({
    sender: Nullable(SenderSchema),
    tags: Type.Array(Type.String()),
    resolutionCode: Nullable(ResolutionCodeSchema),
    resolution: Nullable(Type.String()),
    firstResponseAt: Nullable(DateTime),
    resolvedAt: Nullable(DateTime),
    closedAt: Nullable(DateTime),
    disposeAfter: Nullable(Type.String({ format: 'date-time', description: 'when the record type’s retention rule disposes of the case' })),
    messages: Type.Array(CaseMessageSchema),
    events: Type.Array(
      Type.Object({
        id: Uuid,
        at: DateTime,
        actor: Type.String(),
        kind: Type.String(),
        detail: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
    personnel: Type.Array(Type.Object({ id: Uuid, displayName: Nullable(Type.String()) }), {
      description: 'The assignee and every staff member who acted on the case (880.000: personnel involved)',
    }),
    links: Type.Array(Type.Object({ id: Uuid, kind: Type.Enum(['article', 'order', 'pickup']), number: Type.String() })),
  }),
]);

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export const caseSummaryJson = (c: CaseSummary) => ({ ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() });
export const caseMessageJson = (m: CaseMessage) => ({ ...m, to: [...m.to], createdAt: m.createdAt.toISOString() });
export const caseDetailJson = (c: CaseDetail) => ({
  ...caseSummaryJson(c),
  sender: c.sender,
  tags: [...c.tags],
  resolutionCode: c.resolutionCode,
  resolution: c.resolution,
  firstResponseAt: iso(c.firstResponseAt),
  resolvedAt: iso(c.resolvedAt),
  closedAt: iso(c.closedAt),
  disposeAfter: iso(c.disposeAfter),
  messages: c.messages.map(caseMessageJson),
  events: c.events.map((e) => ({ ...e, at: e.at.toISOString(), detail: { ...e.detail } })),
  personnel: [...c.personnel],
  links: [...c.links],
});

export function caseFailure(error: unknown): never {
  if (error instanceof InvalidCaseField) throw fieldProblem(`/body/${error.field}`, error.reason);
  if (error instanceof CaseNotFound)
    throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such case, or not one you may see.');
  if (error instanceof CaseConflict) throw new ProblemError(409, problemTypes.conflict, 'Conflict', error.message);
  throw error;
}
