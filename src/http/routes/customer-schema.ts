import { Type } from 'typebox';
import {
  contactRelationships,
  CustomerConflict,
  customerFieldNames,
  CustomerNotFound,
  InvalidCustomerField,
  searchKeys,
  WeakLookup,
  type Customer,
  type CustomerSummary,
} from '../../modules/customers/index.ts';
import { fieldProblem, problemTypes, ProblemError } from '../problem.ts';
import { Nullable } from './common-schema.ts';

const literals = <const T extends string[]>(values: readonly [...T]) => Type.Enum(values);

export const KindSchema = literals(['person', 'organisation']);
export const RecordSourceSchema = literals(['customer', 'agent', 'list_provider', 'import']);
export const FieldSchema = Type.Enum([...customerFieldNames]);
export const RelationshipSchema = Type.Enum([...contactRelationships]);

export const AddressInputSchema = Type.Object(
  {
    lines: Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 3 })]),
    city: Type.String({ maxLength: 60 }),
    state: Type.String({ maxLength: 30 }),
    zip: Type.String({ maxLength: 15 }),
  },
  { additionalProperties: false, description: 'a US mailing address; stored in USPS Publication 28 standard form' },
);

export const NewValueSchema = Type.Object(
  {
    field: FieldSchema,
    value: Type.Union([Type.String({ maxLength: 300 }), Type.Integer({ minimum: 0, maximum: 999 }), AddressInputSchema]),
    label: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    primary: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A stored address in USPS Publication 28 standard form, as customers' values and change-of-address requests show it. */
export const AddressSchema = Type.Object({
  kind: literals(['street', 'po-box', 'rural-route', 'highway-contract', 'military']),
  primaryNumber: Type.String(),
  preDirectional: Nullable(Type.String()),
  streetName: Type.String(),
  suffix: Nullable(Type.String()),
  postDirectional: Nullable(Type.String()),
  unitDesignator: Nullable(Type.String()),
  unitNumber: Nullable(Type.String()),
  city: Type.String(),
  state: Type.String(),
  zip5: Type.String(),
  zip4: Nullable(Type.String()),
  deliveryPoint: Nullable(Type.String()),
  deliveryLine: Type.String(),
  lastLine: Type.String(),
});

export const CustomerValueSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  field: FieldSchema,
  label: Nullable(Type.String()),
  value: Type.Union([Type.String(), AddressSchema], { description: "'••••' (or '••••' and the last four) while masked" }),
  masked: Type.Boolean({ description: 'masked as the catalog says; reveal with ?reveal=<field> (audited)' }),
  primary: Type.Boolean(),
  recordSource: RecordSourceSchema,
  recordedAt: Type.String({ format: 'date-time' }),
});

export const KeyContactSchema = Type.Object({
  linkId: Type.String({ format: 'uuid' }),
  customerId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  relationship: RelationshipSchema,
});

export const CustomerSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: KindSchema,
  name: Type.String(),
  businessArea: Nullable(Type.String()),
  recordSource: RecordSourceSchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  values: Type.Array(CustomerValueSchema),
  contacts: Type.Array(KeyContactSchema),
});

export const CustomerSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: KindSchema,
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  zip: Nullable(Type.String()),
  address: Nullable(Type.String({ description: 'the primary mailing address on one line' })),
  businessArea: Nullable(Type.String()),
});

export const DuplicateSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  score: Type.Number({ minimum: 0, maximum: 1, description: 'how likely the two are one customer' }),
  reasons: Type.Array(Type.String(), { description: 'the fields that agreed, strongest first' }),
});

export const SearchSchema = Type.Object(
  {
    ...Object.fromEntries(Object.keys(searchKeys).map((key) => [key, Type.Optional(Type.String({ minLength: 1, maxLength: 320 }))])),
    address: Type.Optional(AddressInputSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

const iso = (d: Date) => d.toISOString();

export const customerJson = (c: Customer) => ({
  ...c,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
  values: c.values.map((v) => ({ ...v, recordedAt: iso(v.recordedAt) })),
  contacts: [...c.contacts],
});

export const summaryJson = (c: CustomerSummary) => ({ ...c });

export function customerFailure(error: unknown): never {
  if (error instanceof InvalidCustomerField) throw fieldProblem(`/body/${error.field}`, error.reason);
  if (error instanceof CustomerNotFound)
    throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such customer, or not one you may see.');
  if (error instanceof CustomerConflict)
    throw new ProblemError(409, problemTypes.conflict, 'Conflict', error.message, [
      { field: `/body/${error.field}`, message: error.message },
    ]);
  if (error instanceof WeakLookup) throw fieldProblem('/body', error.message);
  throw error;
}
