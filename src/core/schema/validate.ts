import type { ErrorObject } from 'ajv';
import { isDocument, type Document } from 'yaml';
import { schemaErrors, type SchemaName } from './schemas';
import { closest } from '../base/words';
import type { LineIndex } from '../base/lines';
import { pointerSegments } from '../yaml/locate';
import { documentFinder, type RangeFinder } from '../yaml/lineLocate';
import { EMPTY_RANGE, type Issue, type Range } from '../base/types';
import { t } from '../base/l10n';

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

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '…' : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return t('a list');
  if (typeof value === 'object') return t('a mapping');
  return String(value);
}

function typeName(value: unknown): string {
  if (value === null) return t('empty (null)');
  if (Array.isArray(value)) return t('a list');
  if (typeof value === 'object') return t('a mapping');
  if (typeof value === 'number') return Number.isInteger(value) ? t('an integer') : t('a number');
  if (typeof value === 'string') return t('a string');
  if (typeof value === 'boolean') return t('a boolean');
  return `a ${typeof value}`;
}

/** A JSON Schema type as the message reads it ("text", "a mapping"), in the user's language. */
function typeWord(type: string): string {
  switch (type) {
    case 'string':
      return t('text');
    case 'object':
      return t('a mapping');
    case 'array':
      return t('a list');
    case 'integer':
      return t('an integer');
    case 'number':
      return t('a number');
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
function prune(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
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
  const errors = prune(schemaErrors(name, value));
  const issues: Issue[] = [];
  const finder = isDocument(doc) ? documentFinder(doc, lines) : doc;
  // Only when a path has no place of its own (the line reader gives up rather than answer this).
  const docRange = () => finder.doc() ?? EMPTY_RANGE;
  for (const e of errors) {
    const segments = [...basePath, ...pointerSegments(e.instancePath)];
    const where = pathLabel(segments);
    const label = where || kindNoun(name);
    const at = (r: Range | undefined) => r ?? docRange();
    switch (e.keyword) {
      case 'required': {
        const prop = (e.params as { missingProperty: string }).missingProperty;
        issues.push({
          code: 'missing-property',
          severity: 'error',
          message: where
            ? t('Missing required property "{0}" in {1}.', prop, where)
            : t('Missing required property "{0}" in this {1}.', prop, kindNoun(name)),
          range: at(finder.firstKey(segments)),
          data: { property: prop, path: segments },
        });
        break;
      }
      case 'additionalProperties': {
        const prop = (e.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
        const guess = closest(prop, allowed, 1);
        issues.push({
          code: 'unknown-property',
          severity: 'error',
          message:
            (where ? t('Unknown property "{0}" in {1}.', prop, where) : t('Unknown property "{0}" in this {1}.', prop, kindNoun(name))) +
            didYouMean(guess),
          range: at(finder.key([...segments, prop]) ?? finder.firstKey(segments)),
          data: { property: prop, suggestions: guess, allowed, path: segments },
        });
        break;
      }
      case 'enum':
      case 'const': {
        const allowedValues: unknown[] =
          e.keyword === 'enum'
            ? (e.params as { allowedValues: unknown[] }).allowedValues
            : [(e.params as { allowedValue: unknown }).allowedValue];
        const strings = allowedValues.map((v) => String(v));
        const guess = typeof e.data === 'string' ? closest(e.data, strings) : [];
        issues.push({
          code: 'invalid-value',
          severity: 'error',
          message:
            (allowedValues.length === 1
              ? t('{0} is not a valid {1}. Expected {2}.', show(e.data), label, strings.join(', '))
              : t('{0} is not a valid {1}. Expected one of: {2}.', show(e.data), label, strings.join(', '))) + didYouMean(guess),
          range: at(finder.value(segments)),
          data: { allowed: allowedValues, suggestions: guess, path: segments },
        });
        break;
      }
      case 'type': {
        const types = (e.params as { type: string | string[] }).type;
        const wanted = orList((Array.isArray(types) ? types : String(types).split(',')).map(typeWord));
        issues.push({
          code: 'invalid-type',
          severity: 'error',
          message: t('{0} must be {1}, but is {2}.', label, wanted, typeName(e.data)),
          range: at(finder.value(segments)),
          data: { path: segments },
        });
        break;
      }
      case 'format': {
        const f = (e.params as { format: string }).format;
        issues.push({
          code: 'invalid-format',
          severity: 'error',
          message: t('{0} is not a valid {1}: expected {2}.', show(e.data), label, formatHint(f)),
          range: at(finder.value(segments)),
          data: { format: f, path: segments },
        });
        break;
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
        issues.push({
          code: 'schema',
          severity: 'error',
          message,
          range: at(finder.value(segments)),
          data: { keyword: e.keyword, path: segments },
        });
      }
    }
  }
  return issues;
}
