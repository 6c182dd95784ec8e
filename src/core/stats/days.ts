/**
 * Days and weeks for the figures: an ISO date-time's own day (as written, in its own offset),
 * day numbers since 1970-01-01, the Monday that starts a day's ISO week, and medians.
 */
import { taskDayNumber } from '../tasks/model';

export const DAY_MS = 86_400_000;

/** The day number of an ISO date or date-time's own day (`2025-09-21T08:30:00+07:00` → its 2025-09-21), or undefined. */
export function dayNumberOf(value: unknown): number | undefined {
  const s = dateText(value);
  if (s === undefined) return undefined;
  const day = taskDayNumber(s.slice(0, 10));
  if (day === undefined) return undefined;
  // A date-time must parse as one, not only start like a date.
  if (s.length > 10 && !Number.isFinite(Date.parse(s))) return undefined;
  return day;
}

/** Milliseconds since the epoch of an ISO date-time (or date), or undefined. */
export function timeOf(value: unknown): number | undefined {
  const s = dateText(value);
  if (s === undefined || taskDayNumber(s.slice(0, 10)) === undefined) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A YAML date (read as a Date) or a string, as text; anything else undefined. */
function dateText(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `YYYY-MM-DD` of a day number. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of the Monday that starts the ISO week of `day` (1970-01-01 was a Thursday). */
export function mondayOf(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday
  return day - weekday;
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
