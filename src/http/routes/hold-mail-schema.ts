import { Type } from 'typebox';
import { carryOver } from '../../access/index.ts';
import {
  endActions,
  holdMailPhases,
  holdMailStatuses,
  holdScreeningOutcomes,
  holdScreeningThresholds,
  type HeldDelivery,
  type HoldMail,
} from '../../modules/tracking/index.ts';
import { VerificationSchema } from './change-of-address.ts';
import { Nullable } from './common-schema.ts';
import { AddressSchema } from './customer-schema.ts';

// The hold mail schemas both the console's routes and the portal's answer with.
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, the agency’s calendar' });

export const EndActionSchema = Type.Enum([...endActions], {
  description: 'deliver: the carrier delivers all held mail on the end date; pickup: the customer collects it at the Post Office',
});

const ScreeningSchema = Type.Object({
  score: Type.Integer({ minimum: 0, maximum: holdScreeningThresholds.cap }),
  outcome: Type.Enum([...holdScreeningOutcomes], {
    description: `pass below ${holdScreeningThresholds.review}, review from ${holdScreeningThresholds.review}, refuse from ${holdScreeningThresholds.refuse}`,
  }),
  reasons: Type.Array(Type.Object({ rule: Type.String(), points: Type.Integer(), explanation: Type.String() })),
});

export const HoldMailSchema = Type.Object({
  id: Uuid,
  customerId: Uuid,
  businessArea: Nullable(Type.String()),
  name: Type.String(),
  beginDate: CalendarDate,
  endDate: CalendarDate,
  address: AddressSchema,
  endAction: EndActionSchema,
  instructions: Nullable(Type.String()),
  verification: Nullable(VerificationSchema),
  screening: ScreeningSchema,
  status: Type.Enum([...holdMailStatuses]),
  phase: Nullable(Type.Enum([...holdMailPhases], { description: 'a scheduled hold: upcoming, active (today within its dates) or ended' })),
  review: Nullable(
    Type.Object({ decision: Type.Enum(['approve', 'deny']), reason: Type.String(), decidedBy: Type.String(), decidedAt: DateTime }),
  ),
  enteredBy: Type.String(),
  createdAt: DateTime,
  cancelledAt: Nullable(DateTime),
  cancelledBy: Nullable(Type.String()),
  disposeAfter: Type.String({ format: 'date-time', description: 'hold mail records are kept 1 year from the request' }),
});

export const HeldDeliverySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  address: AddressSchema,
  beginDate: CalendarDate,
  endDate: CalendarDate,
  endAction: EndActionSchema,
  instructions: Nullable(Type.String()),
});

// Converting keeps each record's subject mark, for the portal's egress guard.
export const holdJson = (h: HoldMail) =>
  carryOver(h, {
    ...h,
    verification: h.verification
      ? { ...h.verification, verifiedAt: h.verification.verifiedAt.toISOString(), disposeAfter: h.verification.disposeAfter.toISOString() }
      : null,
    screening: { ...h.screening, reasons: [...h.screening.reasons] },
    review: h.review ? { ...h.review, decidedAt: h.review.decidedAt.toISOString() } : null,
    createdAt: h.createdAt.toISOString(),
    cancelledAt: h.cancelledAt?.toISOString() ?? null,
    disposeAfter: h.disposeAfter.toISOString(),
  });

export const heldDeliveryJson = (d: HeldDelivery) => carryOver(d, { ...d });
