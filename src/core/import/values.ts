/** Value conversions of the importer: dates, ids, lists, numbers and titles. */
import { t } from '../base/l10n';

/** How a date column is written: ISO (`2016-02-29 01:16[:00][+01:00]`) or day/month first. */
export type DateFormat = 'iso' | 'd/m/y' | 'm/d/y';
export const DATE_FORMATS: readonly DateFormat[] = ['iso', 'd/m/y', 'm/d/y'];

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASH_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `+0100` / `+01` / `z` → `+01:00` / `Z`; undefined for an offset out of range. */
export function normalizeOffset(zone: string): string | undefined {
  if (zone === 'Z' || zone === 'z') return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const h = Number(m[2]);
  const min = Number(m[3] ?? '0');
  if (h > 14 || min > 59) return undefined;
  return `${m[1]}${m[2]}:${pad2(min)}`;
}

/**
 * Parses a date or date-time and returns it as an ISO 8601 date-time with a time zone, the form the
 * schema requires. A value without a zone gets `defaultZone` (`Z` unless the mapping says
 * otherwise). Returns undefined when the text is not a real date in that format.
 */
export function parseDate(text: string, format: DateFormat, defaultZone = 'Z'): string | undefined {
  const m = (format === 'iso' ? ISO_RE : SLASH_RE).exec(text.trim());
  if (!m) return undefined;
  let year: number, month: number, day: number;
  if (format === 'iso') [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if (format === 'd/m/y') [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[8] === undefined ? defaultZone : normalizeOffset(m[8]);
  if (zone === undefined) return undefined;
  const frac = m[7] ? '.' + m[7] : '';
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}${frac}${zone}`;
}

/** Longest digit run kept in an id; longer "numbers" are refused rather than made into file names. */
const MAX_ID_DIGITS = 18;

export type IdResult = { ok: true; id: string } | { ok: false; code: 'unsafe-id' | 'bad-id'; reason: string };

/** Pads a number's digits to at least four, as record ids require. */
export function idFromDigits(prefix: string, digits: string): string {
  return `${prefix}-${digits.padStart(4, '0')}`;
}

/**
 * The record id for a ticket number: `INC0000045` → `INC-0000045`, `IM0000013` → `INC-0000013`,
 * `7` → `INC-0007`. Leading letters (and one `-`, `_` or space after them) are the source system's
 * prefix and are dropped; the digits are kept as written. Anything that could name another file
 * (`../x`, `a/b`) is refused.
 */
export function incidentIdFor(raw: string, prefix: string): IdResult {
  const value = raw.trim();
  if (/[/\\\0]|\.\./.test(value) || value === '.' || /^[A-Za-z]:/.test(value)) {
    return {
      ok: false,
      code: 'unsafe-id',
      reason: t('ticket id {0} could name a file outside the target folder; refused', JSON.stringify(raw)),
    };
  }
  const m = /^[A-Za-z]*[-_ ]?(\d+)$/.exec(value);
  if (!m || m[1].length > MAX_ID_DIGITS) {
    return {
      ok: false,
      code: 'bad-id',
      reason: t('ticket id {0} is not a ticket number (digits, optionally after letters, e.g. INC0000045)', JSON.stringify(raw)),
    };
  }
  return { ok: true, id: idFromDigits(prefix, m[1]) };
}

/**
 * Splits a list written as a Python/JSON list literal (`['Account', 'Disruption']`, the seed's
 * Tags column) or, without brackets, by commas.
 */
export function parseListLiteral(text: string): string[] {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const out: string[] = [];
  const re = /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < s.length && (m = re.exec(s)) !== null) {
    const quoted = m[1] ?? m[2];
    const item = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    if (item) out.push(item);
    if (m[0] === '') break;
  }
  return out;
}

/** Splits on a separator, trimming items and dropping empty ones. */
export function splitList(text: string, separator: string): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Turns the two characters `\` `n` into line breaks, the way some exports encode them. */
export function unescapeNewlines(text: string): string {
  return text.includes('\\') ? text.replace(/\\r\\n|\\n|\\r/g, '\n') : text;
}

const SALUTATION = /^(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening)|to whom it may concern|sehr geehrte[rs]?|liebe[rs]?|hallo|guten (?:tag|morgen)|estimad[oa]s?|hola|bonjour|cher|chère|prezad[oa]s?|olá|ola)\b[^,.!?:\n]{0,60}[,:!]\s*/i;

/**
 * A one-line title made from a ticket's text: the first sentence after any greeting, cut at a
 * word boundary to at most `max` characters with an ellipsis.
 */
export function summarize(text: string, max: number): string {
  let s = text.trim().replace(SALUTATION, '');
  const lineEnd = s.search(/\n/);
  if (lineEnd > 0) s = s.slice(0, lineEnd);
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(s);
  if (sentence && sentence[1].length >= 12) s = sentence[1];
  s = s.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '') + '…';
}

/** `as: integer|number|boolean|string` conversions; undefined when the text does not fit. */
export function convertScalar(text: string, as: 'string' | 'integer' | 'number' | 'boolean'): string | number | boolean | undefined {
  switch (as) {
    case 'string':
      return text;
    case 'integer':
      return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
    case 'number': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean': {
      const t = text.toLowerCase();
      if (t === 'true' || t === 'yes' || t === '1') return true;
      if (t === 'false' || t === 'no' || t === '0') return false;
      return undefined;
    }
  }
}
