/**
 * Dates as the records write them, read one way everywhere: any ISO 8601 form (`2025-10-06`,
 * `2025-10-06T10:00:00+07:00`, `2025-10-06 03:00Z`, the basic `20251006T030000Z`), with or
 * without a time zone, or a date the YAML reader made. Day numbers count days since 1970-01-01.
 */

export const DAY_MS = 86_400_000;

/** A date or date-time, read: the instant, and the day as written in its own offset. */
export interface IsoMoment {
  /** Milliseconds since the epoch; a time without a zone counts as UTC, a date alone as its midnight UTC. */
  time: number;
  /** `YYYY-MM-DD`, the calendar day as written. */
  day: string;
  /** Whether a time of day was written. */
  hasTime: boolean;
}

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[Tt ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Reads an ISO 8601 date or date-time (a string, or a date the YAML reader made); undefined for anything else. */
export function isoMoment(v: unknown): IsoMoment | undefined {
  if (v instanceof Date) {
    const time = v.getTime();
    return Number.isNaN(time) ? undefined : { time, day: v.toISOString().slice(0, 10), hasTime: true };
  }
  if (typeof v !== 'string') return undefined;
  const m = ISO.exec(v.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  // 2025-02-30 and 25:00 are no dates; 24:00 ends a day.
  const base = Date.UTC(y, mo - 1, d);
  const check = new Date(base);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  if (h > 24 || mi > 59 || s > 60 || (h === 24 && (mi > 0 || s > 0 || ms > 0))) return undefined;
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const zh = Number(z[2]);
    const zm = Number(z[3] ?? 0);
    if (zh > 23 || zm > 59) return undefined;
    offset = (z[1] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  const time = base + ((h * 60 + mi - offset) * 60 + Math.min(s, 59)) * 1000 + ms;
  return { time, day: `${m[1]}-${m[2]}-${m[3]}`, hasTime: m[4] !== undefined };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date (`2025-10-01`), or undefined for anything else (2025-02-30 is no date). */
export function dayNumber(date: string | undefined): number | undefined {
  const m = date ? DATE.exec(date) : null;
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return undefined;
  return Math.round(ms / DAY_MS);
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
