/**
 * The order of the dates a recurrence compares: when an incident was reported and when its
 * problem was resolved, each read by `isoMoment` (core/base/dates.ts) in any ISO 8601 form.
 */
import type { IsoMoment } from '../base/dates';

/**
 * Whether `a` comes before `b`. When either is a date alone, the days as written are compared
 * (an incident on the day a problem was resolved is not before it); else the instants.
 */
export function isBefore(a: IsoMoment, b: IsoMoment): boolean {
  if (!a.hasTime || !b.hasTime) return a.day < b.day;
  return a.time < b.time;
}
