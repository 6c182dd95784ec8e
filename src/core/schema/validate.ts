import type { ErrorObject } from 'ajv';
import { isDocument, type Document } from 'yaml';
import { schemaErrors, type SchemaName } from './schemas';
import { closest } from '../base/words';
import type { LineIndex } from '../base/lines';
import { pointerSegments } from '../yaml/locate';
import { documentFinder, type RangeFinder } from '../yaml/lineLocate';
import { EMPTY_RANGE, type Issue, type IssueCode, type Range, type Severity } from '../base/types';
import { l10nLanguage, t } from '../base/l10n';

/** The most issues one file reports; the rest are counted in one last issue (issue 19). */
export const MAX_ISSUES_PER_FILE = 100;

/** What `capIssues` left out: how many, the first of them, and the most severe. */
export interface LeftOut {
  count: number;
  first: Issue;
  worst: Severity;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function earlier(a: Issue, b: Issue): Issue {
  return compareIssues(a, b) <= 0 ? a : b;
}

/** A number as the user's language writes it: 4,996 in English, 4.996 in Indonesian. */
export function countText(n: number): string {
  return n.toLocaleString(l10nLanguage() === 'en' ? 'en-US' : l10nLanguage());
}

/**
 * Keeps the first `max` of a file's sorted issues and counts the rest. Nothing is left out of a
 * file with `max` issues or fewer.
 */
export function capIssues(sorted: Issue[], max = MAX_ISSUES_PER_FILE): { kept: Issue[]; leftOut?: LeftOut } {
  if (sorted.length <= max) return { kept: sorted };
  let worst: Severity = 'info';
  for (let i = max; i < sorted.length; i++) if (SEVERITY_RANK[sorted[i].severity] > SEVERITY_RANK[worst]) worst = sorted[i].severity;
  return { kept: sorted.slice(0, max), leftOut: { count: sorted.length - max, first: sorted[max], worst } };
}

/** Two counts of left-out issues as one. */
export function joinLeftOut(a: LeftOut | undefined, b: LeftOut | undefined): LeftOut | undefined {
  if (!a || !b) return a ?? b;
  return {
    count: a.count + b.count,
    first: earlier(a.first, b.first),
    worst: SEVERITY_RANK[a.worst] >= SEVERITY_RANK[b.worst] ? a.worst : b.worst,
  };
}

/**
 * The last issue of a capped file: how many more there are, where the first of them is, with the
 * severity of the worst (so that a file with errors left out still fails `kedb validate`).
 */
export function leftOutIssue(leftOut: LeftOut): Issue {
  return {
    code: 'too-many-issues',
    severity: leftOut.worst,
    message:
      leftOut.count === 1
        ? t('… and 1 more issue in this file.')
        : t('… and {0} more issues in this file.', countText(leftOut.count)),
    range: leftOut.first.range,
    data: { count: leftOut.count, max: MAX_ISSUES_PER_FILE },
  };
}

/** The order of a file's issues: by place, then by code. */
export function compareIssues(a: { range: Range; code: string }, b: { range: Range; code: string }): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code)
  );
}

/** What a schema describes, as a noun in the user's language: "incident", "known error". */
export function kindNoun(name: SchemaName): string {
  switch (name) {
    case 'incident':
      return t('incident');
    case 'problem':
      return t('problem');
    case 'known_error':
      return t('known error');
    case 'config':
      return t('configuration');
  }
}

/** " Did you mean "x"?" after a sentence, or nothing when there is no guess. */
export function didYouMean(guesses: readonly string[]): string {
  return guesses.length ? ' ' + t('Did you mean "{0}"?', guesses[0]) : '';
}

/** "a or b or c", in the user's language. */
export function orList(items: readonly string[]): string {
  return items.length === 0 ? '' : items.reduce((a, b) => t('{0} or {1}', a, b));
}

/** "reporter.email", "incidents[2]" — how a path reads in a message. */
export function pathLabel(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

/**
 * What a value JSON has no word for really is, as a message names it: a `!!timestamp` (a Date)
 * or `!!binary` data (bytes), which are objects to JavaScript but no mapping; undefined for any
 * other value.
 */
export function nonJsonValue(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (value instanceof Date) return t('a timestamp ({0})', Number.isNaN(value.getTime()) ? String(value) : value.toISOString());
  if (ArrayBuffer.isView(value)) return t('binary data ({0} bytes)', value.byteLength);
  return undefined;
}

/** Whether a value holds a `nonJsonValue` anywhere (shared and cyclic parts are looked at once). */
function holdsNonJson(value: unknown): boolean {
  const seen = new Set<object>();
  const stack: object[] = [];
  const visit = (x: unknown): boolean => {
    if (typeof x !== 'object' || x === null || seen.has(x)) return false;
    if (x instanceof Date || ArrayBuffer.isView(x)) return true;
    seen.add(x);
    stack.push(x);
    return false;
  };
  if (visit(value)) return true;
  while (stack.length > 0) {
    const v = stack.pop() as Record<string, unknown> | unknown[];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (visit(v[i])) return true;
    } else {
      for (const k in v) if (visit(v[k])) return true;
    }
  }
  return false;
}

/**
 * The value as the schema should see it: each `nonJsonValue` replaced by a symbol that names it.
 * No JSON Schema type accepts a symbol, so ajv reports the value where it sits (a Date is an
 * object to ajv, and bytes a mapping of indexes), and the message says what it really is.
 */
function jsonShaped(value: unknown): unknown {
  if (!holdsNonJson(value)) return value;
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const what = nonJsonValue(v);
    if (what !== undefined) return Symbol(what);
    const known = copies.get(v);
    if (known !== undefined) return known;
    if (Array.isArray(v)) {
      const items: unknown[] = [];
      copies.set(v, items);
      for (const x of v) items.push(copy(x));
      return items;
    }
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: copy(x), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return copy(value);
}

function show(value: unknown): string {
  if (typeof value === 'symbol') return value.description ?? '';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '…' : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return t('a list');
  if (typeof value === 'object') return t('a mapping');
  return String(value);
}

function typeName(value: unknown): string {
  if (typeof value === 'symbol') return value.description ?? '';
  if (value === null) return t('empty (null)');
  if (Array.isArray(value)) return t('a list');
  if (typeof value === 'object') return t('a mapping');
  if (typeof value === 'number') return Number.isInteger(value) ? t('an integer') : t('a number');
  if (typeof value === 'string') return t('a string');
  if (typeof value === 'boolean') return t('a boolean');
  return `a ${typeof value}`;
}

/**
 * A JSON Schema type in words, in the user's language: with its article as a message reads it
 * ("a mapping"), or bare as a completion list labels it ("mapping"). The one table of both.
 */
export function typeWord(type: string, { article = true } = {}): string {
  switch (type) {
    case 'string':
      return t('text');
    case 'object':
      return article ? t('a mapping') : t('mapping');
    case 'array':
      return article ? t('a list') : t('list');
    case 'integer':
      return article ? t('an integer') : t('integer');
    case 'number':
      return article ? t('a number') : t('number');
    case 'boolean':
      return t('true or false');
    case 'null':
      return t('empty');
    default:
      return type;
  }
}

/** What a format expects, with an example, or the format's name when it has no hint. */
function formatHint(format: string): string {
  switch (format) {
    case 'date-time':
      return t('an ISO 8601 date-time with a time zone, e.g. {0}', '2025-09-21T08:30:00+07:00');
    case 'date':
      return t('an ISO date, e.g. {0}', '2025-10-31');
    case 'email':
      return t('an email address, e.g. {0}', 'name@example.com');
    default:
      return format;
  }
}

/**
 * Drops errors that only restate a more precise one: with `type: [string, object]` unions ajv can
 * report both a type error and the object-branch errors for the same value.
 */
function prune(errors: readonly ErrorObject[]): ErrorObject[] {
  // By path, keyword and detail, in maps rather than joined into one string: a hostile record has
  // 100,000 errors to look at.
  const seen = new Map<string, Map<string, Set<string>>>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const p = e.params as Record<string, unknown>;
    const detail =
      e.keyword === 'additionalProperties'
        ? String(p.additionalProperty)
        : e.keyword === 'required'
          ? String(p.missingProperty)
          : e.keyword === 'type'
            ? String(p.type)
            : JSON.stringify(p);
    let byKeyword = seen.get(e.instancePath);
    if (!byKeyword) seen.set(e.instancePath, (byKeyword = new Map()));
    let details = byKeyword.get(e.keyword);
    if (!details) byKeyword.set(e.keyword, (details = new Set()));
    if (details.has(detail)) continue;
    details.add(detail);
    out.push(e);
  }
  return out;
}

/**
 * Validates one document's value against a schema and returns issues whose ranges point into the
 * YAML source: at the offending value, at the key for an unknown key, and at the mapping's first key
 * for a missing property.
 */
export function validateAgainstSchema(
  name: SchemaName,
  value: unknown,
  doc: Document | RangeFinder,
  lines: LineIndex,
  basePath: readonly string[] = [],
): Issue[] {
  return schemaIssues(name, value, doc, lines, { basePath }).issues;
}

export interface SchemaIssueOptions {
  /** Prefixed to every issue's path. */
  basePath?: readonly string[];
  /** Describe only the first `limit` issues in the document's order, and count the rest. */
  limit?: number;
  /** ajv's errors for `value`, when the caller has just validated it (saves validating twice). */
  errors?: readonly ErrorObject[];
  /** The value holds JSON values only (no `nonJsonValue`), so it need not be looked through for one. */
  plainJson?: boolean;
  /**
   * Place only the first this many of ajv's errors (in its order, which follows the document's);
   * the rest are counted, placed at `rest` (large files: a few hundred thousand lookups are
   * seconds, and only the first issues are ever shown).
   */
  placeAtMost?: { count: number; rest: Range };
}

/**
 * An issue placed but not yet described: what ordering and counting a file's issues need, and how
 * to describe it. A file shows only its first `MAX_ISSUES_PER_FILE` issues, and describing 100,000
 * (messages, spelling guesses) would cost more than finding them.
 */
export interface PlacedIssue {
  range: Range;
  code: IssueCode;
  severity: Severity;
  describe(): Issue;
}

/** An issue already described, as a `PlacedIssue`. */
export function placed(issue: Issue): PlacedIssue {
  return { range: issue.range, code: issue.code, severity: issue.severity, describe: () => issue };
}

/**
 * The first `max` of a file's placed issues in the file's order, described, and a count of the rest
 * (their first described, for its place).
 */
export function describeFirst(issues: PlacedIssue[], max = MAX_ISSUES_PER_FILE): { issues: Issue[]; leftOut?: LeftOut } {
  if (issues.length <= max) {
    const all = issues.map((p) => p.describe());
    all.sort(compareIssues);
    return { issues: all };
  }
  issues.sort(compareIssues);
  let worst: Severity = 'info';
  for (let i = max; i < issues.length; i++) if (SEVERITY_RANK[issues[i].severity] > SEVERITY_RANK[worst]) worst = issues[i].severity;
  return {
    issues: issues.slice(0, max).map((p) => p.describe()),
    leftOut: { count: issues.length - max, first: issues[max].describe(), worst },
  };
}

const CODES: Record<string, IssueCode> = {
  required: 'missing-property',
  additionalProperties: 'unknown-property',
  enum: 'invalid-value',
  const: 'invalid-value',
  type: 'invalid-type',
  format: 'invalid-format',
};

/** `validateAgainstSchema`, with the issues past `limit` counted instead of described. */
export function schemaIssues(
  name: SchemaName,
  value: unknown,
  doc: Document | RangeFinder,
  lines: LineIndex,
  options: SchemaIssueOptions = {},
): { issues: Issue[]; leftOut?: LeftOut } {
  const found = placeSchemaErrors(name, value, doc, lines, options);
  if (options.limit === undefined || found.length <= options.limit) return { issues: found.map((p) => p.describe()) };
  return describeFirst(found, options.limit);
}

/** The schema's issues for one document's value, placed in the YAML source but not yet described. */
export function placeSchemaErrors(
  name: SchemaName,
  value: unknown,
  doc: Document | RangeFinder,
  lines: LineIndex,
  options: Omit<SchemaIssueOptions, 'limit'> = {},
): PlacedIssue[] {
  const basePath = options.basePath ?? [];
  const errors = prune(options.errors ?? schemaErrors(name, options.plainJson ? value : jsonShaped(value)));
  const finder = isDocument(doc) ? documentFinder(doc, lines) : doc;
  // Only when a path has no place of its own (the line reader gives up rather than answer this).
  const docRange = () => finder.doc() ?? EMPTY_RANGE;
  const at = (r: Range | undefined) => r ?? docRange();
  // Errors by the thousand share a few paths (every unknown key of one mapping): split each once.
  const paths = new Map<string, string[]>();
  // Every issue is placed (cheap: the finders index the document once); only those kept are described.
  const most = options.placeAtMost;
  return errors.map((e, i): PlacedIssue => {
    if (most && i >= most.count) {
      const code = CODES[e.keyword] ?? 'schema';
      return { range: most.rest, code, severity: 'error', describe: () => describeError(name, e, [...basePath, ...pointerSegments(e.instancePath)], most.rest) };
    }
    let segments = paths.get(e.instancePath);
    if (!segments) paths.set(e.instancePath, (segments = [...basePath, ...pointerSegments(e.instancePath)]));
    let range: Range;
    if (e.keyword === 'required') range = at(finder.firstKey(segments));
    else if (e.keyword === 'additionalProperties') {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      range = at(finder.key([...segments, prop]) ?? finder.firstKey(segments));
    } else range = at(finder.value(segments));
    return { range, code: CODES[e.keyword] ?? 'schema', severity: 'error', describe: () => describeError(name, e, [...segments], range) };
  });
}

/** The issue for one of ajv's errors, placed at `range`. */
function describeError(name: SchemaName, e: ErrorObject, segments: string[], range: Range): Issue {
  const where = pathLabel(segments);
  const label = where || kindNoun(name);
  switch (e.keyword) {
    case 'required': {
      const prop = (e.params as { missingProperty: string }).missingProperty;
      return {
        code: 'missing-property',
        severity: 'error',
        message: where
          ? t('Missing required property "{0}" in {1}.', prop, where)
          : t('Missing required property "{0}" in this {1}.', prop, kindNoun(name)),
        range,
        data: { property: prop, path: segments },
      };
    }
    case 'additionalProperties': {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const guess = closest(prop, allowed, 1);
      return {
        code: 'unknown-property',
        severity: 'error',
        message:
          (where ? t('Unknown property "{0}" in {1}.', prop, where) : t('Unknown property "{0}" in this {1}.', prop, kindNoun(name))) +
          didYouMean(guess),
        range,
        data: { property: prop, suggestions: guess, allowed, path: segments },
      };
    }
    case 'enum':
    case 'const': {
      const allowedValues: unknown[] =
        e.keyword === 'enum'
          ? (e.params as { allowedValues: unknown[] }).allowedValues
          : [(e.params as { allowedValue: unknown }).allowedValue];
      const strings = allowedValues.map((v) => String(v));
      const guess = typeof e.data === 'string' ? closest(e.data, strings) : [];
      return {
        code: 'invalid-value',
        severity: 'error',
        message:
          (allowedValues.length === 1
            ? t('{0} is not a valid {1}. Expected {2}.', show(e.data), label, strings.join(', '))
            : t('{0} is not a valid {1}. Expected one of: {2}.', show(e.data), label, strings.join(', '))) + didYouMean(guess),
        range,
        data: { allowed: allowedValues, suggestions: guess, path: segments },
      };
    }
    case 'type': {
      const types = (e.params as { type: string | string[] }).type;
      const wanted = orList((Array.isArray(types) ? types : String(types).split(',')).map((type) => typeWord(type)));
      return {
        code: 'invalid-type',
        severity: 'error',
        message: t('{0} must be {1}, but is {2}.', label, wanted, typeName(e.data)),
        range,
        data: { path: segments },
      };
    }
    case 'format': {
      const f = (e.params as { format: string }).format;
      return {
        code: 'invalid-format',
        severity: 'error',
        message: t('{0} is not a valid {1}: expected {2}.', show(e.data), label, formatHint(f)),
        range,
        data: { format: f, path: segments },
      };
    }
    default: {
      let message: string;
      const p = e.params as Record<string, unknown>;
      if (e.keyword === 'minLength') message = t('{0} must not be empty.', label);
      else if (e.keyword === 'minItems')
        message = p.limit === 1 ? t('{0} needs at least 1 item.', label) : t('{0} needs at least {1} items.', label, String(p.limit));
      else if (e.keyword === 'uniqueItems')
        message = t('{0} lists the same item twice (items {1} and {2}).', label, String(p.j), String(p.i));
      else if (e.keyword === 'pattern') message = t('{0} is not a valid {1} (must match {2}).', show(e.data), label, String(p.pattern));
      else if (/^(?:exclusiveM|m)(?:in|ax)imum$/.test(e.keyword) && typeof p.comparison === 'string' && typeof p.limit === 'number')
        // ajv's own words, "must be >= 0", said again so that they can be translated.
        message = t('{0} must be {1} {2}.', label, p.comparison, p.limit);
      else message = e.message ? `${label} ${e.message}.` : t('{0} is invalid.', label);
      return {
        code: 'schema',
        severity: 'error',
        message,
        range,
        data: { keyword: e.keyword, path: segments },
      };
    }
  }
}
