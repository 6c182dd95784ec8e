/**
 * Column mappings: which CSV column (or template, or constant) fills each incident field, with
 * value maps, date formats and list splitting. Presets are mappings too (see `presets.ts`); a
 * mapping file (YAML) may start from one with `preset:` and change some fields.
 */
import { parseDocument } from 'yaml';
import { t } from '../base/l10n';
import { SCHEMAS } from '../schema/schemas';
import { closest } from '../base/words';
import { LineIndex } from '../base/lines';
import { locate, nodeRange } from '../yaml/locate';
import type { SkipCode } from './types';
import {
  convertScalar,
  DATE_FORMATS,
  normalizeOffset,
  parseDate,
  parseListLiteral,
  splitList,
  summarize,
  unescapeNewlines,
  type DateFormat,
} from './values';

export type Scalar = string | number | boolean;

/** How one field gets its value. Exactly one of column, columns, template and value is given. */
export interface FieldRule {
  /** The column holding the value. */
  column?: string;
  /** Several columns whose non-empty values make a list (tag_1 … tag_8 → tags). Missing ones are ignored. */
  columns?: string[];
  /** Text with `{column}` placeholders; gives nothing when a placeholder's column is empty. */
  template?: string;
  /** A constant. */
  value?: Scalar;
  /** The column may be absent from the file (the field is then left out). */
  optional?: boolean;
  /** Turn the two characters `\n` into line breaks. */
  unescape?: boolean;
  /** Value map, matched exactly first, then ignoring case and surrounding spaces. */
  map?: Record<string, Scalar>;
  /** The value for anything the map does not list; without it such a row is skipped. */
  other?: Scalar;
  /** Parse as a date and write an ISO 8601 date-time with a zone. */
  date?: DateFormat;
  /** Convert the text to another scalar type. */
  as?: 'string' | 'integer' | 'number' | 'boolean';
  /** Split one column into a list: `python` for `['a', 'b']`, or a separator such as `,`. */
  list?: string;
  /** Make a one-line title of at most this many characters from the text. */
  summary?: number;
}

/** A column name, a rule, or alternatives tried in order until one gives a value. */
export type FieldSpec = string | FieldRule | (string | FieldRule)[];

/** A mapping as written in a mapping file or a preset. */
export interface MappingSpec {
  /** Start from this preset; the fields given here replace the preset's (null removes one). */
  preset?: string;
  /** `source.dataset` of every record. */
  dataset?: string;
  description?: string;
  /** Force the file's encoding (`utf-8`, `windows-1252`, …) instead of detecting it. */
  encoding?: string;
  /** Force the separator instead of detecting it from the header. */
  delimiter?: string;
  /** Zone for dates written without one, `Z` (UTC) by default, e.g. `+07:00`. */
  timezone?: string;
  /** Values meaning "no value" besides the empty string, e.g. `?` or `NA`. */
  empty?: string[];
  /** Header columns that identify the format, for `detectPreset`. */
  detect?: string[];
  /** Where the id comes from: a ticket-number column (`strip`: a text every number starts with, dropped), or the row number. */
  id?: { column: string; strip?: string } | { row: true };
  /** The kind of record written: `incident` (the default) or `problem`. */
  kind?: ImportKind;
  /**
   * Event logs of problems: each event (row) of a problem becomes one entry of its `history`
   * (`at`, the state it entered, and the source's own name for it); the record's `status` is the
   * last entry's and its `created_at` the first's.
   */
  history?: { at: FieldSpec; status: FieldSpec; original_status?: FieldSpec };
  /** The priority matrix the data's impact, urgency and priority follow (`rabobank-5x5`, …). */
  matrix?: string;
  /** Event logs: rows with the same value here are one incident's events… */
  group_by?: string;
  /** …and the event with the highest value here (ties: the later row) gives the incident's values. */
  latest_by?: string;
  fields?: Record<string, FieldSpec | null>;
}

/** The record kinds an import writes. */
export type ImportKind = 'incident' | 'problem';

/** One entry of an imported problem's `history`, with its time for sorting. */
export interface HistoryEntry {
  status: string;
  at: string;
  original_status?: string;
}

export class RowError extends Error {
  constructor(
    readonly code: SkipCode,
    message: string,
  ) {
    super(message);
  }
}

// ---- the fields a mapping may fill --------------------------------------------------------------

type SchemaNode = { type?: unknown; properties?: Record<string, SchemaNode>; additionalProperties?: unknown };

/** Fields the importer sets itself; a mapping may not name them. */
export const IMPORTER_FIELDS = ['kind', 'id', 'source.dataset', 'source.file', 'source.row', 'source.original_id', 'source.hash'];

function leafPaths(node: SchemaNode, prefix: string, out: string[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child.type === 'object' && child.properties) leafPaths(child, path, out);
    else out.push(path);
  }
}

let targets: string[] | undefined;
/** Every incident field path a mapping may fill, e.g. `title`, `reporter.name`, `source.problem_id`. */
export function mappableFields(): string[] {
  if (!targets) {
    const all: string[] = [];
    leafPaths(SCHEMAS.incident as SchemaNode, '', all);
    targets = all.filter((p) => !IMPORTER_FIELDS.includes(p));
  }
  return targets;
}

function isMappableField(path: string): boolean {
  if (IMPORTER_FIELDS.includes(path)) return false;
  if (/^source\.[A-Za-z_][A-Za-z0-9_]*$/.test(path)) return true;
  return mappableFields().includes(path);
}

/** The order keys are written in: the schema's, with `source` facts first and the hash last. */
const TOP_ORDER = Object.keys((SCHEMAS.incident as SchemaNode).properties ?? {});
const SOURCE_ORDER = ['dataset', 'file', 'row', 'original_id', 'original_priority', 'problem_id', 'knowledge_id'];

/** Sort key of a field path for writing new records. */
export function keyOrder(path: readonly string[], fallback: number, kind: ImportKind = 'incident'): number[] {
  const out: number[] = [];
  let node: SchemaNode | undefined = SCHEMAS[kind] as SchemaNode;
  path.forEach((seg, i) => {
    let idx: number;
    if (i === 1 && path[0] === 'source') {
      idx = seg === 'hash' ? 10_000 : SOURCE_ORDER.indexOf(seg);
      if (idx < 0) idx = 100 + fallback;
    } else {
      const keys = Object.keys(node?.properties ?? {});
      idx = keys.indexOf(seg);
      if (idx < 0) idx = 100 + fallback;
    }
    out.push(idx);
    node = node?.properties?.[seg];
  });
  return out;
}

/** Position at which a new key goes among a mapping's keys (for in-place updates). */
export function orderOfKey(parent: readonly string[], key: string, kind: ImportKind = 'incident'): number {
  if (parent.length === 0) {
    const i = (kind === 'incident' ? TOP_ORDER : Object.keys((SCHEMAS[kind] as SchemaNode).properties ?? {})).indexOf(key);
    return i < 0 ? 1000 : i;
  }
  if (parent.length === 1 && parent[0] === 'source') {
    if (key === 'hash') return 10_000;
    const i = SOURCE_ORDER.indexOf(key);
    return i < 0 ? 100 : i;
  }
  let node: SchemaNode | undefined = SCHEMAS[kind] as SchemaNode;
  for (const seg of parent) node = node?.properties?.[seg];
  const i = Object.keys(node?.properties ?? {}).indexOf(key);
  return i < 0 ? 1000 : i;
}

// ---- reading and checking a mapping spec --------------------------------------------------------

const SPEC_KEYS = ['preset', 'dataset', 'description', 'encoding', 'delimiter', 'timezone', 'empty', 'detect', 'id', 'kind', 'history', 'group_by', 'latest_by', 'matrix', 'fields'];
const RULE_KEYS = ['column', 'columns', 'template', 'value', 'optional', 'unescape', 'map', 'other', 'date', 'as', 'list', 'summary'];

export interface SpecProblem {
  /** Dotted path inside the mapping, e.g. `fields.impact.map`. */
  path: string;
  /** The same path as keys (field names hold dots themselves). */
  segments?: (string | number)[];
  message: string;
  /** 1-based line in the mapping file, when known. */
  line?: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function checkRule(rule: unknown, at: string, segs: (string | number)[], problems: SpecProblem[]): void {
  const push = (sub: string | undefined, message: string) =>
    problems.push({ path: sub ? `${at}.${sub}` : at, segments: sub ? [...segs, sub] : segs, message });
  if (typeof rule === 'string') {
    if (!rule.trim()) push(undefined, t('a column name must not be empty'));
    return;
  }
  if (!isObj(rule)) {
    push(undefined, t('must be a column name, a rule (column:, template:, …) or a list of them'));
    return;
  }
  for (const k of Object.keys(rule)) {
    if (!RULE_KEYS.includes(k)) {
      const guess = closest(k, RULE_KEYS, 1);
      push(k, `${unknownKey(k, guess)} ${t('(allowed: {0})', RULE_KEYS.join(', '))}`);
    }
  }
  const sources = ['column', 'columns', 'template', 'value'].filter((k) => rule[k] !== undefined);
  if (sources.length !== 1) push(undefined, t('give exactly one of column, columns, template and value'));
  if (rule.column !== undefined && typeof rule.column !== 'string') push('column', t('must be a column name'));
  if (rule.columns !== undefined && !(Array.isArray(rule.columns) && rule.columns.every((c) => typeof c === 'string')))
    push('columns', t('must be a list of column names'));
  if (rule.template !== undefined && !(typeof rule.template === 'string' && /\{[^}]+\}/.test(rule.template)))
    push('template', t('must be text with at least one {column} placeholder'));
  if (rule.value !== undefined && !isScalar(rule.value)) push('value', t('must be text, a number or true/false'));
  if (rule.map !== undefined && !(isObj(rule.map) && Object.values(rule.map).every(isScalar)))
    push('map', t('must map source values to text, numbers or true/false'));
  if (rule.other !== undefined && !isScalar(rule.other)) push('other', t('must be text, a number or true/false'));
  if (rule.date !== undefined && !DATE_FORMATS.includes(rule.date as DateFormat))
    push('date', t('must be one of {0}', DATE_FORMATS.join(', ')));
  if (rule.as !== undefined && !['string', 'integer', 'number', 'boolean'].includes(rule.as as string))
    push('as', t('must be string, integer, number or boolean'));
  if (rule.list !== undefined && !(typeof rule.list === 'string' && rule.list.length > 0))
    push('list', t('must be python or a separator such as ","'));
  if (rule.summary !== undefined && !(typeof rule.summary === 'number' && rule.summary >= 10))
    push('summary', t('must be a length of at least 10'));
  for (const b of ['optional', 'unescape'] as const) {
    if (rule[b] !== undefined && typeof rule[b] !== 'boolean') push(b, t('must be true or false'));
  }
}

/** Checks a mapping's shape and field names; returns what is wrong, or nothing. */
export function checkMappingSpec(spec: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (!isObj(spec)) return [{ path: '', message: t('a mapping file must be a YAML mapping (preset:, id:, fields:, …)') }];
  for (const k of Object.keys(spec)) {
    if (!SPEC_KEYS.includes(k)) {
      const guess = closest(k, SPEC_KEYS, 1);
      problems.push({ path: k, message: unknownKey(k, guess) });
    }
  }
  if (spec.kind !== undefined && spec.kind !== 'incident' && spec.kind !== 'problem') problems.push({ path: 'kind', message: t('must be incident or problem') });
  for (const k of ['preset', 'dataset', 'description', 'encoding', 'group_by', 'latest_by', 'matrix'] as const) {
    if (spec[k] !== undefined && typeof spec[k] !== 'string') problems.push({ path: k, message: t('must be text') });
  }
  if (spec.delimiter !== undefined && !(typeof spec.delimiter === 'string' && spec.delimiter.length === 1))
    problems.push({ path: 'delimiter', message: t('must be one character, e.g. ";"') });
  if (spec.timezone !== undefined && !(typeof spec.timezone === 'string' && normalizeOffset(spec.timezone)))
    problems.push({ path: 'timezone', message: t('must be Z or an offset such as +07:00') });
  for (const k of ['empty', 'detect'] as const) {
    const v = spec[k];
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) problems.push({ path: k, message: t('must be a list of text values') });
  }
  const id = spec.id;
  if (id !== undefined) {
    const ok = typeof id === 'string' || (isObj(id) && ((typeof id.column === 'string' && id.row === undefined) || (id.row === true && id.column === undefined)));
    if (!ok) problems.push({ path: 'id', message: t('must be a column name, { column: NAME } or { row: true }') });
  }
  if (spec.fields !== undefined) {
    if (!isObj(spec.fields)) problems.push({ path: 'fields', message: t('must map incident fields to columns') });
    else {
      for (const [field, fspec] of Object.entries(spec.fields)) {
        const at = `fields.${field}`;
        if (!isMappableField(field)) {
          const owned = IMPORTER_FIELDS.includes(field);
          const guess = owned ? [] : closest(field, mappableFields(), 1);
          problems.push({
            path: at,
            segments: ['fields', field],
            message: owned
              ? t('"{0}" is set by the importer and cannot be mapped', field)
              : guess.length
                ? t('"{0}" is not an incident field; did you mean "{1}"? (source.<name> keeps any other fact)', field, guess[0])
                : t('"{0}" is not an incident field (source.<name> keeps any other fact)', field),
          });
          continue;
        }
        if (fspec === null) continue;
        if (Array.isArray(fspec)) {
          if (fspec.length === 0) problems.push({ path: at, message: t('an empty list of alternatives gives no value') });
          fspec.forEach((r, i) => checkRule(r, `${at}.${i}`, ['fields', field, i], problems));
        } else checkRule(fspec, at, ['fields', field], problems);
      }
    }
  }
  return problems;
}

/** Parses a mapping file's text. Problems carry 1-based lines. */
export function parseMappingText(text: string): { ok: true; spec: MappingSpec } | { ok: false; problems: SpecProblem[] } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const lines = new LineIndex(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: '',
        message: t('YAML syntax error: {0}', e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')),
        line: lines.position(e.pos[0]).line + 1,
      })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    // `yaml` throws a ReferenceError past maxAliasCount (an alias bomb such as `a: &a [*a, *a]` nested).
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [{ path: '', message: t('Too many YAML aliases: this document expands more than {0} aliases, which looks like an alias bomb ({1}).', 100, detail), line: 1 }] };
  }
  const problems = checkMappingSpec(value);
  if (problems.length > 0) {
    for (const p of problems) {
      const found = p.path ? locate(doc, p.segments ?? p.path.split('.')) : null;
      const range = nodeRange(found?.key ?? found?.node ?? (doc.contents as never), lines);
      if (range) p.line = range.start.line + 1;
    }
    return { ok: false, problems };
  }
  return { ok: true, spec: value as MappingSpec };
}

/** A mapping with its preset applied. */
export interface ResolvedMapping extends Omit<MappingSpec, 'fields' | 'id'> {
  dataset: string;
  id: { column: string; strip?: string } | { row: true };
  fields: Record<string, FieldSpec>;
}

/** Applies `preset:` (looked up in `presets`) under the spec's own settings. */
export function resolveMapping(
  spec: MappingSpec,
  presets: Readonly<Record<string, MappingSpec>>,
): { ok: true; mapping: ResolvedMapping } | { ok: false; message: string } {
  let base: MappingSpec = {};
  if (spec.preset !== undefined) {
    const found = presets[spec.preset];
    if (!found) {
      const names = Object.keys(presets);
      const guess = closest(spec.preset, names, 1);
      return {
        ok: false,
        message: guess.length
          ? t('unknown preset "{0}"; did you mean "{1}"? (presets: {2})', spec.preset, guess[0], names.join(', '))
          : t('unknown preset "{0}" (presets: {1})', spec.preset, names.join(', ')),
      };
    }
    base = found;
  }
  const fields: Record<string, FieldSpec> = {};
  for (const [k, v] of Object.entries({ ...base.fields, ...spec.fields })) if (v !== null && v !== undefined) fields[k] = v;
  const merged: MappingSpec = { ...base, ...spec, fields };
  const rawId = merged.id as MappingSpec['id'] | string | undefined;
  if (rawId === undefined) return { ok: false, message: t('the mapping does not say where ids come from: add id: COLUMN or id: { row: true }') };
  const id = typeof rawId === 'string' ? { column: rawId } : rawId;
  if (!fields.title) return { ok: false, message: t('the mapping has no title field; every incident needs one (fields: title: COLUMN)') };
  return {
    ok: true,
    mapping: {
      ...merged,
      preset: spec.preset ?? base.preset,
      dataset: merged.dataset ?? spec.preset ?? 'csv',
      id,
      fields,
    },
  };
}

// ---- compiling a mapping against a header -------------------------------------------------------

/** Per-row facts a field may use besides the row's values. */
export interface RowContext {
  /** 1-based data row number (the header is not a row). */
  row: number;
  /** The id column's raw value, when ids come from a column. */
  originalId?: string;
  /** A problem event log's entries for this problem, oldest first. */
  history?: HistoryEntry[];
}

export interface CompiledField {
  path: string[];
  key: string;
  /** "priority (column "priority")": how messages name the field. */
  label: string;
  order: number[];
  /**
   * Where the row came from (`source.file`, `source.row`): refreshed when a record is updated, but
   * not covered by the hash, so a renamed or re-sorted export alone changes nothing.
   */
  provenance?: boolean;
  /** The value for a row, or undefined. Throws `RowError` on a value it cannot convert. */
  get(row: readonly string[], ctx: RowContext): unknown;
}

export interface CompiledMapping {
  dataset: string;
  kind: ImportKind;
  /** A text every id starts with, dropped (see `MappingSpec.id`). */
  idStrip?: string;
  /** For a problem event log: each event's history entry, or undefined when its row gives none. */
  historyEntry?: (row: readonly string[], ctx: RowContext) => HistoryEntry | undefined;
  preset?: string;
  /** Index of the id column, or -1 when ids are row numbers. */
  idColumn: number;
  idColumnName?: string;
  groupBy: number;
  latestBy: number;
  /** Fields in the order they are written, the importer's own `source` facts included. */
  fields: CompiledField[];
  /** Paths covered by `source.hash`, sorted: every field but the provenance ones. */
  hashPaths: string[][];
  /** `source.file` and `source.row`. */
  provenancePaths: string[][];
  columnCount: number;
  header: string[];
}

export interface MissingColumn {
  column: string;
  /** The field that needs it (`id`, `priority`, …). */
  field: string;
}

/** Finds a column by name: exactly, else ignoring case and surrounding spaces. */
export function columnIndex(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const want = name.trim().toLowerCase();
  return header.findIndex((h) => h.trim().toLowerCase() === want);
}

interface CompileCtx {
  header: string[];
  empty: Set<string>;
  zone: string;
  missing: MissingColumn[];
  field: string;
}

type Getter = (row: readonly string[], ctx: RowContext) => unknown;

/** `unknown key "x"`, with the closest allowed key when one is near. */
function unknownKey(key: string, guess: readonly string[]): string {
  return guess.length ? t('unknown key "{0}"; did you mean "{1}"?', key, guess[0]) : t('unknown key "{0}"', key);
}

/** "label: "x" is not an integer" (or a number, a boolean). */
function notAn(label: string, shown: string, as: NonNullable<FieldRule['as']>): string {
  switch (as) {
    case 'integer':
      return t('{0}: {1} is not an integer', label, shown);
    case 'number':
      return t('{0}: {1} is not a number', label, shown);
    case 'boolean':
      return t('{0}: {1} is not a boolean', label, shown);
    default:
      return t('{0}: {1} is not a string', label, shown);
  }
}

function describeSource(rule: FieldRule): string {
  if (rule.column !== undefined) return t('column "{0}"', rule.column);
  if (rule.columns !== undefined) return t('columns {0}', rule.columns.join(', '));
  if (rule.template !== undefined) return t('template "{0}"', rule.template);
  return t('constant');
}

function lowerMap(map: Record<string, Scalar>): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  for (const [k, v] of Object.entries(map)) {
    const lk = k.trim().toLowerCase();
    if (!out.has(lk)) out.set(lk, v);
  }
  return out;
}

function compileRule(input: string | FieldRule, c: CompileCtx): { get: Getter; label: string } {
  const rule: FieldRule = typeof input === 'string' ? { column: input } : input;
  const label = `${c.field} (${describeSource(rule)})`;
  const { empty } = c;
  const clean = (s: string | undefined): string | undefined => {
    if (s === undefined) return undefined;
    let t = s.trim();
    if (t === '' || empty.has(t)) return undefined;
    // A Windows line break inside a quoted field is a line break like any other.
    if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    return t;
  };

  // Where the raw text comes from.
  let raw: ((row: readonly string[]) => string | undefined) | undefined;
  let rawList: ((row: readonly string[]) => string[] | undefined) | undefined;
  let constant: Scalar | undefined;
  if (rule.column !== undefined) {
    const idx = columnIndex(c.header, rule.column);
    if (idx < 0 && !rule.optional) c.missing.push({ column: rule.column, field: c.field });
    raw = idx < 0 ? () => undefined : (row) => clean(row[idx]);
  } else if (rule.columns !== undefined) {
    const idxs = rule.columns.map((col) => columnIndex(c.header, col)).filter((i) => i >= 0);
    rawList = (row) => {
      const items: string[] = [];
      for (const i of idxs) {
        const v = clean(row[i]);
        if (v !== undefined) items.push(v);
      }
      return items.length ? items : undefined;
    };
  } else if (rule.template !== undefined) {
    const parts = rule.template.split(/(\{[^}]+\})/).filter((p) => p !== '');
    const pieces = parts.map((p) => (p.startsWith('{') && p.endsWith('}') ? columnIndex(c.header, p.slice(1, -1).trim()) : p));
    raw = (row) => {
      let out = '';
      for (const piece of pieces) {
        if (typeof piece === 'string') out += piece;
        else {
          const v = piece < 0 ? undefined : clean(row[piece]);
          if (v === undefined) return undefined;
          out += v;
        }
      }
      return out;
    };
  } else {
    constant = rule.value;
  }

  const map = rule.map ? new Map(Object.entries(rule.map)) : undefined;
  const loose = rule.map ? lowerMap(rule.map) : undefined;
  const mapValue = (v: string): Scalar => {
    if (!map || !loose) return v;
    const hit = map.get(v) ?? loose.get(v.toLowerCase());
    if (hit !== undefined) return hit;
    if (rule.other !== undefined) return rule.other;
    const known = [...map.keys()];
    throw new RowError(
      'bad-value',
      t('{0}: {1} is not one of the mapped values ({2})', label, JSON.stringify(v), known.slice(0, 8).join(', ') + (known.length > 8 ? ', …' : '')),
    );
  };
  const zone = c.zone;
  const convert = (text: string): unknown => {
    let v: unknown = rule.unescape ? unescapeNewlines(text) : text;
    if (rule.list !== undefined) {
      const items = rule.list === 'python' ? parseListLiteral(v as string) : splitList(v as string, rule.list);
      const mapped = items.map((i) => mapValue(i));
      return mapped.length ? [...new Set(mapped)] : undefined;
    }
    v = mapValue(v as string);
    if (rule.date !== undefined && typeof v === 'string') {
      const d = parseDate(v, rule.date, zone);
      if (d === undefined) throw new RowError('bad-value', t('{0}: {1} is not a date in {2} form', label, JSON.stringify(v), rule.date));
      v = d;
    }
    if (rule.as !== undefined && typeof v === 'string') {
      const conv = convertScalar(v, rule.as);
      if (conv === undefined) throw new RowError('bad-value', notAn(label, JSON.stringify(v), rule.as));
      v = conv;
    }
    if (rule.summary !== undefined && typeof v === 'string') v = summarize(v, rule.summary);
    return v;
  };

  let get: Getter;
  if (constant !== undefined) {
    const k = constant;
    get = () => k;
  } else if (rawList) {
    const list = rawList;
    get = (row) => {
      const items = list(row);
      if (!items) return undefined;
      const mapped = items.map((i) => mapValue(rule.unescape ? unescapeNewlines(i) : i));
      return [...new Set(mapped)];
    };
  } else {
    const read = raw!;
    get = (row) => {
      const t = read(row);
      return t === undefined ? undefined : convert(t);
    };
  }
  return { get, label };
}

function compileField(key: string, spec: FieldSpec, c: CompileCtx): { get: Getter; label: string } {
  c.field = key;
  if (!Array.isArray(spec)) return compileRule(spec, c);
  // Alternatives: each one's columns are optional, since another alternative may give the value.
  const compiled = spec.map((r) => compileRule(typeof r === 'string' ? { column: r, optional: true } : { ...r, optional: true }, c));
  return {
    label: `${key} (${spec.map((r) => (typeof r === 'string' ? t('column "{0}"', r) : describeSource(r))).join(t(', else '))})`,
    get: (row, ctx) => {
      for (const alt of compiled) {
        const v = alt.get(row, ctx);
        if (v !== undefined) return v;
      }
      return undefined;
    },
  };
}

/**
 * Binds a mapping to a file's header: finds each column and builds the getters. Returns the
 * columns that are missing instead when a required one is not in the header.
 */
export function compileMapping(
  mapping: ResolvedMapping,
  header: readonly string[],
  fileName: string,
): { ok: true; compiled: CompiledMapping } | { ok: false; missing: MissingColumn[] } {
  const c: CompileCtx = {
    header: [...header],
    empty: new Set(mapping.empty ?? []),
    zone: normalizeOffset(mapping.timezone ?? 'Z') ?? 'Z',
    missing: [],
    field: '',
  };
  const find = (column: string, field: string) => {
    const i = columnIndex(header, column);
    if (i < 0) c.missing.push({ column, field });
    return i;
  };
  const idColumn = 'column' in mapping.id ? find(mapping.id.column, 'id') : -1;
  const groupBy = mapping.group_by ? find(mapping.group_by, 'group_by') : -1;
  const latestBy = mapping.latest_by ? find(mapping.latest_by, 'latest_by') : -1;

  const kind: ImportKind = mapping.kind ?? 'incident';
  const fields: CompiledField[] = [];
  const add = (key: string, label: string, get: Getter, provenance = false) => {
    const path = key.split('.');
    fields.push({ path, key, label, order: keyOrder(path, fields.length, kind), get, provenance });
  };
  const dataset = mapping.dataset;
  add('source.dataset', 'source.dataset', () => dataset);
  add('source.file', 'source.file', () => fileName, true);
  add('source.row', 'source.row', (_row, ctx) => ctx.row, true);
  if (idColumn >= 0) add('source.original_id', `source.original_id (${t('column "{0}"', header[idColumn])})`, (_row, ctx) => ctx.originalId);
  for (const [key, spec] of Object.entries(mapping.fields)) {
    const { get, label } = compileField(key, spec, c);
    add(key, label, get);
  }
  let historyEntry: CompiledMapping['historyEntry'];
  if (mapping.history) {
    const at = compileField('history.at', mapping.history.at, c).get;
    const status = compileField('history.status', mapping.history.status, c).get;
    const original = mapping.history.original_status !== undefined ? compileField('history.original_status', mapping.history.original_status, c).get : undefined;
    historyEntry = (row, ctx) => {
      const a = at(row, ctx);
      const st = status(row, ctx);
      if (typeof a !== 'string' || typeof st !== 'string') return undefined;
      const o = original?.(row, ctx);
      return typeof o === 'string' ? { status: st, at: a, original_status: o } : { status: st, at: a };
    };
    // The record's history, and the state and opening time it gives.
    add('history', 'history', (_row, ctx) => (ctx.history?.length ? ctx.history.map((e) => ({ ...e })) : undefined));
    add('status', 'status (history)', (_row, ctx) => ctx.history?.[ctx.history.length - 1]?.status);
    add('created_at', 'created_at (history)', (_row, ctx) => ctx.history?.[0]?.at);
  }
  if (c.missing.length > 0) return { ok: false, missing: c.missing };
  fields.sort((a, b) => {
    for (let i = 0; i < Math.max(a.order.length, b.order.length); i++) {
      const d = (a.order[i] ?? -1) - (b.order[i] ?? -1);
      if (d !== 0) return d;
    }
    return 0;
  });
  const hashPaths = fields
    .filter((f) => !f.provenance)
    .map((f) => f.path)
    .sort((a, b) => (a.join('.') < b.join('.') ? -1 : 1));
  const provenancePaths = fields.filter((f) => f.provenance).map((f) => f.path);
  return {
    ok: true,
    compiled: {
      dataset,
      kind,
      idStrip: 'column' in mapping.id ? mapping.id.strip : undefined,
      historyEntry,
      preset: mapping.preset,
      idColumn,
      idColumnName: idColumn >= 0 ? header[idColumn] : undefined,
      groupBy,
      latestBy,
      fields,
      hashPaths,
      provenancePaths,
      columnCount: header.length,
      header: [...header],
    },
  };
}
