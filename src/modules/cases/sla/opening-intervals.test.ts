import { describe, expect, it } from 'vitest';
import { openIntervalsFrom } from './opening-intervals.ts';
import type { DaySchedule } from './opening-intervals.ts';

const hours = (opens: number, closes: number): DaySchedule => ({
  timeZone: 'America/New_York',
  hoursOn: () => [{ opens: opens * 60, closes: closes * 60 }],
});

function firstInterval(schedule: DaySchedule, from: string): [string, string] {
  const interval = openIntervalsFrom(schedule, Date.parse(from)).next().value;
  return [new Date(interval.start).toISOString(), new Date(interval.end).toISOString()];
}

describe('openIntervalsFrom', () => {
  it('gives a range the time really elapsed on the days the clocks change', () => {
    // 00:00–04:00 lasts 3 hours on 2025-03-09 and 5 hours on 2025-11-02.
    expect(firstInterval(hours(0, 4), '2025-03-09T05:00:00Z')).toEqual(['2025-03-09T05:00:00.000Z', '2025-03-09T08:00:00.000Z']);
    expect(firstInterval(hours(0, 4), '2025-11-02T04:00:00Z')).toEqual(['2025-11-02T04:00:00.000Z', '2025-11-02T09:00:00.000Z']);
  });

  it('drops hours the clocks skip', () => {
    const skipped: DaySchedule = { timeZone: 'America/New_York', hoursOn: () => [{ opens: 150, closes: 170 }] }; // 02:30–02:50
    expect(firstInterval(skipped, '2025-03-09T05:00:00Z')).toEqual(['2025-03-10T06:30:00.000Z', '2025-03-10T06:50:00.000Z']);
  });

  it('skips intervals that ended before `from` and closed days', () => {
    const weekdays: DaySchedule = { timeZone: 'UTC', hoursOn: (date) => (date.day === 6 ? [] : [{ opens: 540, closes: 1020 }]) };
    expect(firstInterval(weekdays, '2025-01-05T18:00:00Z')).toEqual(['2025-01-07T09:00:00.000Z', '2025-01-07T17:00:00.000Z']);
    expect(firstInterval(weekdays, '2025-01-07T16:59:59Z')).toEqual(['2025-01-07T09:00:00.000Z', '2025-01-07T17:00:00.000Z']);
  });
});
