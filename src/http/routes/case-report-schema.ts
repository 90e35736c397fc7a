import { Type } from 'typebox';
import { caseChannels } from '../../modules/cases/index.ts';
import { backlogBuckets, maxReportDays } from '../../modules/reports/index.ts';
import { Nullable } from './common-schema.ts';

// The case report's request and response. The response lists every field: codes, areas,
// counts and durations — a field not named here cannot leave (no case, customer or text).

export const CaseReportQuerySchema = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'first local day of the period (YYYY-MM-DD), in the agency time zone' }),
    to: Type.String({ format: 'date', description: `last local day of the period, included; at most ${maxReportDays} days after from` }),
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
const ChannelCountsSchema = Type.Object(
  Object.fromEntries(caseChannels.map((c) => [c, Count])) as Record<(typeof caseChannels)[number], typeof Count>,
  {
    additionalProperties: false,
    description: 'a count for each channel',
  },
);
const ChannelSchema = Type.Enum([...caseChannels]);
const AreaSchema = Nullable(Type.String({ description: 'business area id; null: the shared queue' }));

const PercentilesSchema = Nullable(
  Type.Object(
    {
      p50: Type.Number(),
      p90: Type.Number(),
      p99: Type.Number(),
    },
    {
      additionalProperties: false,
      description:
        'nearest-rank percentiles (the value at rank ⌈p/100 × count⌉ of the sorted durations, as percentile_disc), in hours to the hundredth, computed in the application because business hours need the agency calendar; null without cases',
    },
  ),
);
const durationFields = {
  count: Type.Integer({ minimum: 0, description: 'cases opened in the period that have taken this step' }),
  elapsedHours: PercentilesSchema,
  businessHours: PercentilesSchema,
};
const DurationReportSchema = (description: string) =>
  Type.Object(
    {
      all: Type.Object(durationFields, { additionalProperties: false }),
      byChannel: Type.Array(Type.Object({ channel: ChannelSchema, ...durationFields }, { additionalProperties: false }), {
        description: 'channels with at least one case, in a fixed channel order',
      }),
    },
    {
      additionalProperties: false,
      description: `${description}; business hours on the agency's service-level calendar (Monday–Friday 08:00–17:00, federal holidays closed)`,
    },
  );

const backlogFields = {
  buckets: Type.Array(Count, {
    minItems: backlogBuckets.length,
    maxItems: backlogBuckets.length,
    description: `open cases by age since opening: ${backlogBuckets.map((b) => b.label).join(', ')} (each lower bound included)`,
  }),
  total: Count,
  oldestAgeHours: Nullable(Type.Number({ description: 'age of the oldest open case, wall-clock hours to the hundredth' })),
};
const AlertCountsSchema = Type.Object({ warning: Count, breached: Count }, { additionalProperties: false });

export const CaseReportSchema = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    timeZone: Type.String({ description: 'the agency time zone the days are read in' }),
    volume: Type.Object(
      {
        total: Count,
        byDay: Type.Array(
          Type.Object(
            { day: Type.String({ format: 'date' }), total: Count, byChannel: ChannelCountsSchema },
            { additionalProperties: false },
          ),
          { description: 'every local day of the period, days without cases included' },
        ),
        byChannel: ChannelCountsSchema,
        byArea: Type.Array(Type.Object({ area: AreaSchema, label: Type.String(), count: Count }, { additionalProperties: false })),
      },
      { additionalProperties: false, description: 'cases opened in the period' },
    ),
    firstResponse: DurationReportSchema('from opening to the first reply, for cases opened in the period'),
    resolution: DurationReportSchema('from opening to the last resolution, for cases opened in the period and resolved or closed now'),
    backlog: Type.Object(
      {
        asOf: Type.String({ format: 'date-time' }),
        bucketLabels: Type.Array(Type.String()),
        byArea: Type.Array(Type.Object({ area: AreaSchema, label: Type.String(), ...backlogFields }, { additionalProperties: false })),
        all: Type.Object(backlogFields, { additionalProperties: false }),
      },
      {
        additionalProperties: false,
        description: 'cases open at the moment of the report (new, open, pending or reopened), whatever the period',
      },
    ),
    sla: Type.Object(
      { firstResponse: AlertCountsSchema, resolution: AlertCountsSchema },
      { additionalProperties: false, description: 'service-level warnings and breaches announced in the period' },
    ),
  },
  { additionalProperties: false },
);
