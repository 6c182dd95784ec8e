/**
 * Days and weeks for the figures: an ISO date-time's own day (as written, in its own offset),
 * day numbers since 1970-01-01, the Monday that starts a day's ISO week, and medians.
 */
import { dayNumber, isoMoment } from '../base/dates';

export { DAY_MS, dayString, mondayOf } from '../base/dates';

/** The day number of an ISO date or date-time's own day (`2025-09-21T08:30:00+07:00` → its 2025-09-21), or undefined. */
export function dayNumberOf(value: unknown): number | undefined {
  const m = isoMoment(value);
  return m ? dayNumber(m.day) : undefined;
}

/** Milliseconds since the epoch of an ISO date-time (or date), or undefined. */
export function timeOf(value: unknown): number | undefined {
  return isoMoment(value)?.time;
}

/** The median of some numbers (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Rounded to two decimals (days of a state: about a quarter of an hour). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
