// SLA clocks on business-hours calendars: pure functions, no I/O. The case module feeds
// them a case's facts and the clock (`now`); a job compares states to warn and escalate.
export { federalHolidays, observedFederalHoliday, firstModelledYear } from './federal-holidays.ts';
export type { FederalHoliday, FederalHolidayName } from './federal-holidays.ts';
export type { LocalDate } from './local-date.ts';
export { parseLocalDate } from './local-date.ts';
export { addBusinessMinutes, businessCalendar, businessMinutesBetween, isOpen, weekdays } from './business-calendar.ts';
export type { BusinessCalendar, BusinessCalendarSpec, OpeningHours, Weekday } from './business-calendar.ts';
export type { MinuteRange } from './opening-intervals.ts';
export { slaPolicy, slaTargetsFor } from './sla-policy.ts';
export type { SlaPolicy, SlaRule, SlaTargets } from './sla-policy.ts';
export { slaClocks } from './sla-clock.ts';
export type { SlaCaseFacts, SlaClocks, SlaState, StatusChange, TargetClock } from './sla-clock.ts';
