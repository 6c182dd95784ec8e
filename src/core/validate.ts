import type { ErrorObject } from 'ajv';
import type { Document } from 'yaml';
import { schemaErrors, type SchemaName } from './schemas';
import { closest } from './suggest';
import type { LineIndex } from './text';
import { firstKeyRange, locate, pointerSegments, valueRange, nodeRange } from './yamlLocate';
import { EMPTY_RANGE, type Issue, type Range } from './types';

const KIND_LABEL: Record<SchemaName, string> = {
  incident: 'incident',
  problem: 'problem',
  known_error: 'known error',
  config: 'configuration',
};

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
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  object: 'a mapping',
  array: 'a list',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

const FORMAT_HINTS: Record<string, string> = {
  'date-time': 'an ISO 8601 date-time with a time zone, e.g. 2025-09-21T08:30:00+07:00',
  date: 'an ISO date, e.g. 2025-10-31',
  email: 'an email address, e.g. name@example.com',
};

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
  doc: Document,
  lines: LineIndex,
  basePath: readonly string[] = [],
): Issue[] {
  const errors = prune(schemaErrors(name, value));
  const issues: Issue[] = [];
  const docRange = nodeRange(doc.contents, lines) ?? EMPTY_RANGE;
  for (const e of errors) {
    const segments = [...basePath, ...pointerSegments(e.instancePath)];
    const found = locate(doc, segments);
    const where = pathLabel(segments);
    const label = where || KIND_LABEL[name];
    const at = (r: Range | undefined) => r ?? docRange;
    switch (e.keyword) {
      case 'required': {
        const prop = (e.params as { missingProperty: string }).missingProperty;
        issues.push({
          code: 'missing-property',
          severity: 'error',
          message: where
            ? `Missing required property "${prop}" in ${where}.`
            : `Missing required property "${prop}" in this ${KIND_LABEL[name]}.`,
          range: at(firstKeyRange(found?.node ?? null, lines)),
          data: { property: prop, path: segments },
        });
        break;
      }
      case 'additionalProperties': {
        const prop = (e.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
        const guess = closest(prop, allowed, 1);
        const keyFound = locate(doc, [...segments, prop]);
        issues.push({
          code: 'unknown-property',
          severity: 'error',
          message:
            `Unknown property "${prop}" in ${where || `this ${KIND_LABEL[name]}`}.` +
            (guess.length ? ` Did you mean "${guess[0]}"?` : ''),
          range: at(nodeRange(keyFound?.key, lines) ?? firstKeyRange(found?.node ?? null, lines)),
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
            `${show(e.data)} is not a valid ${label}. Expected ${allowedValues.length === 1 ? '' : 'one of: '}${strings.join(', ')}.` +
            (guess.length ? ` Did you mean "${guess[0]}"?` : ''),
          range: at(found ? valueRange(found, lines) : undefined),
          data: { allowed: allowedValues, suggestions: guess, path: segments },
        });
        break;
      }
      case 'type': {
        const t = (e.params as { type: string | string[] }).type;
        const wanted = (Array.isArray(t) ? t : String(t).split(','))
          .map((x) => TYPE_WORDS[x] ?? x)
          .join(' or ');
        issues.push({
          code: 'invalid-type',
          severity: 'error',
          message: `${label} must be ${wanted}, but is ${typeName(e.data)}.`,
          range: at(found ? valueRange(found, lines) : undefined),
          data: { path: segments },
        });
        break;
      }
      case 'format': {
        const f = (e.params as { format: string }).format;
        issues.push({
          code: 'invalid-format',
          severity: 'error',
          message: `${show(e.data)} is not a valid ${label}: expected ${FORMAT_HINTS[f] ?? f}.`,
          range: at(found ? valueRange(found, lines) : undefined),
          data: { format: f, path: segments },
        });
        break;
      }
      default: {
        let message: string;
        const p = e.params as Record<string, unknown>;
        if (e.keyword === 'minLength') message = `${label} must not be empty.`;
        else if (e.keyword === 'minItems') message = `${label} needs at least ${p.limit} item${p.limit === 1 ? '' : 's'}.`;
        else if (e.keyword === 'uniqueItems')
          message = `${label} lists the same item twice (items ${p.j} and ${p.i}).`;
        else if (e.keyword === 'pattern') message = `${show(e.data)} is not a valid ${label} (must match ${p.pattern}).`;
        else message = `${label} ${e.message ?? 'is invalid'}.`;
        issues.push({
          code: 'schema',
          severity: 'error',
          message,
          range: at(found ? valueRange(found, lines) : undefined),
          data: { keyword: e.keyword, path: segments },
        });
      }
    }
  }
  return issues;
}
