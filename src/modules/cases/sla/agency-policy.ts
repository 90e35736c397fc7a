import type { CaseChannel, CasePriority } from '../../../db/index.ts';
import { businessCalendar } from './business-calendar.ts';
import { slaPolicy, type SlaPolicy } from './sla-policy.ts';

const hour = 60;
/** A business day of the agency's calendar (08:00–17:00). */
const day = 9 * hour;

/**
 * The contact center's service levels, in business minutes on a Monday–Friday, 08:00–17:00
 * calendar closed on the observed federal holidays, in the agency's time zone. Priority
 * sets both clocks; a letter is answered by letter, so its first response gets five days.
 */
export function agencySlaPolicy(timeZone: string): SlaPolicy<CaseChannel, CasePriority> {
  const office = [{ opens: '08:00', closes: '17:00' }];
  return slaPolicy<CaseChannel, CasePriority>({
    calendar: businessCalendar({
      timeZone,
      hours: { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office },
    }),
    warningFraction: 0.75,
    rules: [
      { priority: 'urgent', firstResponseMinutes: 1 * hour, resolutionMinutes: 1 * day },
      { priority: 'high', firstResponseMinutes: 4 * hour, resolutionMinutes: 3 * day },
      { priority: 'low', firstResponseMinutes: 2 * day, resolutionMinutes: 10 * day },
      { channel: 'letter', priority: 'normal', firstResponseMinutes: 5 * day, resolutionMinutes: 10 * day },
    ],
    fallback: { firstResponseMinutes: 1 * day, resolutionMinutes: 5 * day },
  });
}
