/**
 * What both webviews' protocols (fishbone.ts, kedbTable.ts) check messages with, and the one way
 * their scripts fill a label's `{0}`, `{1}`… No imports: bundled into the host and the browser.
 */

/** A plain object (not null, not an array), its properties still to be checked. */
export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string of at most `max` UTF-16 units. */
export const isStr = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max;

/** A label with `{0}`, `{1}`… replaced by `args` (the values are not read again for placeholders). */
export function fillLabel(label: string, ...args: Array<string | number>): string {
  return label.replace(/\{(\d+)\}/g, (whole, n: string) => (Number(n) < args.length ? String(args[Number(n)]) : whole));
}
