import { Type } from 'typebox';
import {
  entryPoints,
  mailClasses,
  mailingStatuses,
  maxContainerLabels,
  maxPieceCount,
  maxProblemsLength,
  permitTypes,
  presortLevels,
  processingCategories,
  replyKinds,
  type Mailing,
  type MailingPerformance,
} from '../../modules/tracking/index.ts';
import { carryOver } from '../../access/index.ts';
import { Nullable } from './common-schema.ts';

// What the staff and portal routes of mailings share: the response shapes.
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });

export const ReplySchema = Type.Object(
  {
    kind: Type.Enum([...replyKinds], { description: 'Business Reply Mail, Courtesy Reply Mail or Qualified BRM' }),
    permitNumber: Type.String({ maxLength: 20, description: 'the reply permit: 1 to 8 digits' }),
  },
  { additionalProperties: false },
);

export const MailingSchema = Type.Object({
  id: Uuid,
  customerId: Uuid,
  businessArea: Nullable(Type.String()),
  recordType: Type.String({ description: 'usps-820/drop-ship (destination entry, kept 2 years) or usps-820/business-mailing' }),
  mailingId: Type.String({ description: 'the mailer’s own id for the mailing' }),
  mailerId: Type.String(),
  serialFirst: Nullable(Type.Integer()),
  serialLast: Nullable(Type.Integer()),
  postageStatement: Type.String(),
  mailingDate: Type.String({ format: 'date' }),
  mailClass: Type.Enum(Object.keys(mailClasses)),
  processingCategory: Type.Enum([...processingCategories]),
  priceCategory: Type.String(),
  presortLevel: Type.Enum(Object.keys(presortLevels)),
  pieceCount: Type.Integer(),
  weightGrams: Type.Integer(),
  postageCents: Type.Integer(),
  permitNumber: Type.String(),
  permitType: Type.Enum([...permitTypes]),
  containerLabels: Type.Array(Type.String()),
  entry: Type.Enum(Object.keys(entryPoints)),
  dropShipCode: Nullable(Type.String()),
  appointmentAt: Nullable(DateTime),
  reply: Nullable(ReplySchema),
  status: Type.Enum([...mailingStatuses]),
  problems: Nullable(Type.String()),
  enteredBy: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
  disposeAfter: Nullable(Type.String({ format: 'date-time', description: 'null for a business mailing until the relationship ends' })),
});

/** What a mailer sees of a mailing on the portal: no business area, no staff member who entered it. */
export const PortalMailingSchema = Type.Omit(MailingSchema, ['businessArea', 'enteredBy']);

export const PerformanceSchema = Type.Object({
  mailingId: Uuid,
  tracked: Type.Boolean({ description: 'false for parcels: their IMpb numbers are not read by serial range' }),
  pieceCount: Type.Integer(),
  piecesSeen: Type.Integer({ description: 'pieces with at least one scan' }),
  delivered: Type.Integer({ description: 'pieces with a delivered event' }),
  notScanned: Type.Integer({ description: 'pieces of the count without any scan yet' }),
  lastEventAt: Nullable(DateTime),
  byLastEvent: Type.Array(Type.Object({ event: Type.String(), description: Type.String(), pieces: Type.Integer() })),
  window: Type.Object({ from: DateTime, to: DateTime }),
  eventsKeptUntil: Type.String({ format: 'date-time', description: 'mail tracking events are kept 30 days' }),
});

// Null first: the request validator coerces types, and would read a null as serial 0 were the integer tried first.
const NullOrInteger = (description: string) => Type.Union([Type.Null(), Type.Integer()], { description });

export const NewMailingSchema = Type.Object(
  {
    mailingId: Type.String({ maxLength: 40, description: 'your own id for the mailing (job or mailing group id); unique per customer' }),
    mailerId: Type.String({ maxLength: 9, description: 'the Mailer ID in the pieces’ IMb: 6 digits, or 9 digits starting with 9' }),
    serialFirst: Type.Optional(NullOrInteger('letters and flats: the first IMb serial number of the pieces')),
    serialLast: Type.Optional(NullOrInteger('the last serial; the range holds one for every piece')),
    postageStatement: Type.String({ maxLength: 20, description: 'the postage statement number' }),
    mailingDate: Type.String({ maxLength: 10, description: 'YYYY-MM-DD, the agency’s calendar' }),
    mailClass: Type.String({ description: Object.keys(mailClasses).join(', ') }),
    processingCategory: Type.String({ description: processingCategories.join(', ') }),
    priceCategory: Type.String({ maxLength: 60, description: 'e.g. Automation, Nonautomation, Saturation' }),
    presortLevel: Type.String({ description: Object.keys(presortLevels).join(', ') }),
    pieceCount: Type.Integer({ maximum: maxPieceCount, description: 'the mailpiece count (volume)' }),
    weightGrams: Type.Integer({ description: 'the mailing’s total weight' }),
    postageCents: Type.Integer({ description: 'the postage amount, in cents' }),
    permitNumber: Type.String({ maxLength: 20 }),
    permitType: Type.String({ description: permitTypes.join(', ') }),
    containerLabels: Type.Optional(
      Type.Array(Type.String({ maxLength: 40 }), {
        maxItems: maxContainerLabels,
        description: '24-digit Intelligent Mail container barcodes',
      }),
    ),
    entry: Type.String({ description: 'origin, or destination entry: dndc, dscf, ddu' }),
    dropShipCode: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'destination entry: the facility’s drop ship code' }))),
    appointmentAt: Type.Optional(
      Nullable(Type.String({ maxLength: 40, description: 'induction appointment; required for DNDC and DSCF' })),
    ),
    reply: Type.Optional(Nullable(ReplySchema)),
    problems: Type.Optional(Nullable(Type.String({ maxLength: maxProblemsLength }))),
  },
  { additionalProperties: false },
);

export const MailingUpdateSchema = Type.Object(
  {
    status: Type.Optional(Type.Enum([...mailingStatuses])),
    problems: Type.Optional(Nullable(Type.String({ maxLength: maxProblemsLength, description: 'replaces the notes; null clears them' }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

// Converting keeps each record's subject mark: the portal's egress guard checks what is sent.
export const mailingJson = (m: Mailing) =>
  carryOver(m, {
    ...m,
    containerLabels: [...m.containerLabels],
    appointmentAt: m.appointmentAt?.toISOString() ?? null,
    reply: m.reply === null ? null : { ...m.reply },
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    disposeAfter: m.disposeAfter?.toISOString() ?? null,
  });

export const portalMailingJson = (m: Mailing) => {
  const { businessArea: _area, enteredBy: _by, ...shown } = mailingJson(m);
  return carryOver(m, shown);
};

export const performanceJson = (p: MailingPerformance) =>
  carryOver(p, {
    ...p,
    byLastEvent: p.byLastEvent.map((g) => ({ ...g })),
    lastEventAt: p.lastEventAt?.toISOString() ?? null,
    window: { from: p.window.from.toISOString(), to: p.window.to.toISOString() },
    eventsKeptUntil: p.eventsKeptUntil.toISOString(),
  });
