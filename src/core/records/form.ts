/**
 * A record as a form: the schema-driven field model the "Open as Form" editor draws (one field per
 * schema property, groups for mappings, rows for lists, the fishbone's causes and the 5 Whys as
 * their own shapes), where the file's issues belong in it, and the edit each form operation makes.
 * The edits are built from the comment-preserving pieces of `edits.ts` (`yamlString`, `render`,
 * `insertLines`, `appendToList`, `chainEdits`) and, like them, touch only the bytes they must.
 * Paths here run through list indexes too (`rca.fishbone.categories[2].causes[0]`), which
 * `setIn` and `appendToList` (keys only) do not.
 */
import { isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Issue, RecordKind, Severity } from '../base/types';
import { LineIndex } from '../base/lines';
import { t } from '../base/l10n';
import { enumOf, resolveRef, schemaAt, typesOf, type JsonSchema, type Segment } from '../schema/navigate';
import { SCHEMAS } from '../schema/schemas';
import type { KedbConfig } from './config';
import { appendToList, chainEdits, endOfLine, findPair, insertLines, lineStart, recordDocument, render, yamlInline, yamlString, type TextEdit, type YamlValue } from './edits';

export type FormPath = Segment[];

interface FieldBase {
  path: FormPath;
  /** The YAML key (or `#n` for a list row). */
  key: string;
  /** What the user reads for the key, in the interface's language (`fieldLabel`). */
  label: string;
  description?: string;
  required: boolean;
}

/** One field of the form. Every value is data: the page writes it as text, never as markup. */
export type FormField =
  | (FieldBase & { type: 'text'; value: string | undefined; long: boolean; format?: string; readonly?: boolean })
  | (FieldBase & { type: 'enum'; value: string | number | undefined; options: (string | number)[] })
  | (FieldBase & { type: 'boolean'; value: boolean | undefined })
  | (FieldBase & { type: 'number'; value: number | undefined })
  | (FieldBase & { type: 'group'; present: boolean; fields: FormField[] })
  | (FieldBase & { type: 'list'; item: FormListItem; items: FormField[] })
  | (FieldBase & { type: 'cause'; text: string; textPath: FormPath; rootCause: boolean; evidence?: FormField; because: FormField })
  | (FieldBase & { type: 'why'; why: string; whyPath: FormPath; because: string; becausePath: FormPath })
  | (FieldBase & { type: 'chains'; chains: { name?: string; steps: FormField }[] })
  /**
   * A problem task (a row of `tasks`): its fields as a group's, with its id and status as written
   * and the days it is overdue (0 unless the host says otherwise: `withTaskState` of src/core/tasks).
   */
  | (FieldBase & { type: 'task'; id?: string; status?: string; overdueDays: number; fields: FormField[] })
  | (FieldBase & { type: 'other'; value: string });

/** What a list's rows are, so the page knows what "add a row" asks for. */
export type FormListItem = 'text' | 'cause' | 'category' | 'why' | 'task' | 'other';

/** A record's form: its fields in schema order, and the issues placed on them. */
export interface RecordForm {
  kind: RecordKind;
  id?: string;
  fields: FormField[];
}

/** One issue as the form shows it, on the field at `path` (the record itself for `[]`). */
export interface FormIssue {
  path: FormPath;
  severity: Severity;
  message: string;
  code: string;
  line: number;
}

/** What a form edit asks for. Strings are written as `yamlString` decides; `null` removes a key. */
export type FormOp =
  | { op: 'set'; path: FormPath; value: string | number | boolean | null }
  | { op: 'add'; path: FormPath; item: string | Record<string, string> }
  | { op: 'remove'; path: FormPath }
  | { op: 'move'; path: FormPath; from: number; to: number }
  | { op: 'rootCause'; path: FormPath; on: boolean }
  /**
   * A new, empty 5 Whys chain `name` in the chains at `path` (`rca.five_whys`). A single chain
   * written as a list becomes the mapping's first chain, under `first`.
   */
  | { op: 'addChain'; path: FormPath; name: string; first: string }
  /**
   * The problem-task operations, written by `taskFormEdit` of src/core/tasks (`formEdit` leaves
   * them): a new task at the end of the list at `path` (`tasks`) under the next free id, and a task
   * (`tasks[n]`) marked done today.
   */
  | { op: 'addTask'; path: FormPath; title: string; owner?: string; due?: string }
  | { op: 'taskDone'; path: FormPath };

/** Keys whose text is prose: the form gives them a text area. */
const LONG = new Set(['title', 'description', 'problem_statement', 'symptoms', 'workaround', 'causes', 'notes', 'body', 'effect', 'summary', 'understanding', 'recent_changes', 'related_events', 'logs_reviewed', 'evidence', 'root_causes', 'lessons', 'actions', 'cause', 'why', 'because']);

/** The schemas' keys as the form labels them; the key stays as it is in the YAML. */
const LABELS: Record<string, () => string> = {
  actions: () => t('Actions'),
  assigned_to: () => t('Assigned to'),
  assignment_group: () => t('Assignment group'),
  because: () => t('Because'),
  body: () => t('Body'),
  categories: () => t('Categories'),
  category: () => t('Category'),
  cause: () => t('Cause'),
  causes: () => t('Causes'),
  change: () => t('Change'),
  channel: () => t('Channel'),
  code: () => t('Code'),
  configuration_item: () => t('Configuration item'),
  created_at: () => t('Created at'),
  dataset: () => t('Dataset'),
  department: () => t('Department'),
  description: () => t('Description'),
  detected_at: () => t('Detected at'),
  detection: () => t('Detection'),
  diagnostic_tools: () => t('Diagnostic tools'),
  done_at: () => t('Done at'),
  duplicate_of: () => t('Duplicate of'),
  due: () => t('Due'),
  effect: () => t('Effect'),
  email: () => t('Email'),
  escalated_at: () => t('Escalated at'),
  escalation: () => t('Escalation'),
  eta: () => t('ETA'),
  evidence: () => t('Evidence'),
  existing_solutions: () => t('Existing solutions'),
  fishbone: () => t('Fishbone'),
  five_whys: () => t('5 Whys'),
  hash: () => t('Hash'),
  held_at: () => t('Held at'),
  id: () => t('ID'),
  impact: () => t('Impact'),
  incidents: () => t('Incidents'),
  initial_analysis: () => t('Initial analysis'),
  kind: () => t('Kind'),
  knowledge_base: () => t('Knowledge base'),
  knowledge_id: () => t('Knowledge ID'),
  known_error: () => t('Known error'),
  lessons: () => t('Lessons'),
  level: () => t('Level'),
  link: () => t('Link'),
  logs_reviewed: () => t('Logs reviewed'),
  major: () => t('Major'),
  method: () => t('Method'),
  name: () => t('Name'),
  notes: () => t('Notes'),
  original_id: () => t('Original ID'),
  original_priority: () => t('Original priority'),
  owner: () => t('Owner'),
  permanent_fix: () => t('Permanent fix'),
  phone: () => t('Phone'),
  priority: () => t('Priority'),
  problem: () => t('Problem'),
  problem_id: () => t('Problem ID'),
  problem_statement: () => t('Problem statement'),
  rca: () => t('Root cause analysis'),
  recent_changes: () => t('Recent changes'),
  reinstall: () => t('Reinstall'),
  related_components: () => t('Related components'),
  related_events: () => t('Related events'),
  reported_at: () => t('Reported at'),
  reporter: () => t('Reporter'),
  resolution: () => t('Resolution'),
  resolved_at: () => t('Resolved at'),
  restart: () => t('Restart'),
  review: () => t('Review'),
  root_cause: () => t('Root cause'),
  root_causes: () => t('Root causes'),
  row: () => t('Row'),
  service: () => t('Service'),
  source: () => t('Source'),
  status: () => t('Status'),
  subcategory: () => t('Subcategory'),
  summary: () => t('Summary'),
  symptoms: () => t('Symptoms'),
  tags: () => t('Tags'),
  target_date: () => t('Target date'),
  tasks: () => t('Tasks'),
  team: () => t('Team'),
  title: () => t('Title'),
  type: () => t('Type'),
  understanding: () => t('Understanding'),
  urgency: () => t('Urgency'),
  valid_to: () => t('Valid to'),
  why: () => t('Why'),
  workaround: () => t('Workaround'),
};

/**
 * A YAML key as the form labels it: the product's words for the schemas' keys (in the interface's
 * language), else the key made readable (`problem_statement` → `Problem statement`); a row's
 * `#2` stays.
 */
export function fieldLabel(key: string): string {
  const known = Object.prototype.hasOwnProperty.call(LABELS, key) ? LABELS[key] : undefined;
  if (known) return known();
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const pathKey = (p: readonly Segment[]) => JSON.stringify(p.map(String));

function isCauseSchema(s: JsonSchema): boolean {
  return !!s.properties?.cause && !!s.properties?.because && !!s.properties?.root_cause;
}

function isWhySchema(s: JsonSchema): boolean {
  return !!s.properties?.why && !!s.properties?.because;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value the form cannot edit, shown as JSON text. */
function otherText(v: unknown): string {
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The form's field for `value` at `path` under `schema`. */
function field(kind: RecordKind, path: FormPath, schema: JsonSchema | undefined, value: unknown, required: boolean): FormField {
  const last = path[path.length - 1];
  const key = typeof last === 'number' ? `#${last + 1}` : String(last ?? '');
  const base: FieldBase = { path, key, label: fieldLabel(key), description: schema?.description, required };
  if (!schema) return { ...base, type: 'other', value: otherText(value) };
  if (isCauseSchema(schema)) return causeField(kind, base, value);
  if (isWhySchema(schema)) return whyField(base, value);
  if (path.length === 2 && path[0] === 'rca' && path[1] === 'five_whys') return chainsField(kind, base, value);
  const values = enumOf(schema);
  if ('const' in schema) return { ...base, type: 'text', value: value === undefined ? String(schema.const) : String(value), long: false, readonly: true };
  if (values) {
    if (value === undefined || typeof value === 'string' || typeof value === 'number') return { ...base, type: 'enum', value, options: values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number') };
    return { ...base, type: 'other', value: otherText(value) };
  }
  const types = typesOf(schema);
  if (typeof value === 'string' && types.includes('string')) return textField(base, schema, value);
  if (types.includes('array') && (value === undefined || value === null || Array.isArray(value))) return listField(kind, base, schema, (value ?? []) as unknown[]);
  if (types.includes('object') && schema.properties && (value === undefined || value === null || isObj(value))) return groupField(kind, base, schema, value ?? undefined);
  if (types.includes('boolean') && (value === undefined || typeof value === 'boolean')) return { ...base, type: 'boolean', value };
  if ((types.includes('integer') || types.includes('number')) && (value === undefined || typeof value === 'number')) return { ...base, type: 'number', value };
  if (types.includes('string') && (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean')) return textField(base, schema, value == null ? undefined : String(value));
  return { ...base, type: 'other', value: otherText(value) };
}

function textField(base: FieldBase, schema: JsonSchema, value: string | undefined): FormField {
  const long = LONG.has(base.key) || (typeof base.path[base.path.length - 1] === 'number' && LONG.has(String(base.path[base.path.length - 2]))) || (value ?? '').includes('\n');
  return { ...base, type: 'text', value, long, ...(typeof schema.format === 'string' ? { format: schema.format } : {}) };
}

function groupField(kind: RecordKind, base: FieldBase, schema: JsonSchema, value: Record<string, unknown> | undefined): FormField {
  const required = new Set(schema.required ?? []);
  const root = SCHEMAS[kind] as JsonSchema;
  const fields: FormField[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    fields.push(field(kind, [...base.path, name], resolveRef(root, raw), value?.[name], required.has(name)));
  }
  // Keys the schema does not know stay visible, as text to edit in the YAML.
  for (const [name, v] of Object.entries(value ?? {})) {
    if (schema.properties && name in schema.properties) continue;
    const extra = schema.additionalProperties;
    const s = extra && typeof extra === 'object' ? resolveRef(root, extra) : undefined;
    fields.push(s ? field(kind, [...base.path, name], s, v, false) : { path: [...base.path, name], key: name, label: fieldLabel(name), required: false, type: 'other', value: otherText(v) });
  }
  return { ...base, type: 'group', present: value !== undefined, fields };
}

function listField(kind: RecordKind, base: FieldBase, schema: JsonSchema, value: unknown[]): FormField {
  const root = SCHEMAS[kind] as JsonSchema;
  const itemSchema = schema.items && !Array.isArray(schema.items) ? resolveRef(root, schema.items) : undefined;
  const tasks = kind === 'problem' && base.path.length === 1 && base.path[0] === 'tasks' && !!itemSchema;
  const items = value.map((v, i) => (tasks && isObj(v) ? taskField(kind, [...base.path, i], itemSchema, v) : field(kind, [...base.path, i], itemSchema, v, false)));
  let item: FormListItem = 'other';
  if (tasks) item = 'task';
  else if (itemSchema && isCauseSchema(itemSchema)) item = 'cause';
  else if (itemSchema && isWhySchema(itemSchema)) item = 'why';
  else if (itemSchema?.properties?.name && itemSchema.properties.causes) item = 'category';
  else if (itemSchema && typesOf(itemSchema).includes('string')) item = 'text';
  return { ...base, type: 'list', item, items };
}

/** A problem task: the fields of its schema, its id and status as written, not (yet) overdue. */
function taskField(kind: RecordKind, path: FormPath, schema: JsonSchema, value: Record<string, unknown>): FormField {
  const key = `#${Number(path[path.length - 1]) + 1}`;
  const base: FieldBase = { path, key, label: key, description: schema.description, required: false };
  const group = groupField(kind, base, schema, value);
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return { ...base, type: 'task', id: text(value.id), status: text(value.status), overdueDays: 0, fields: group.type === 'group' ? group.fields : [] };
}

function causeField(kind: RecordKind, base: FieldBase, value: unknown): FormField {
  const causeSchema = schemaAt(kind, ['rca', 'fishbone', 'categories', 0, 'causes', 0])!;
  const plain = !isObj(value);
  const v = plain ? {} : value;
  const text = plain ? (typeof value === 'string' ? value : value == null ? '' : String(value)) : typeof v.cause === 'string' ? v.cause : '';
  const becauseSchema = resolveRef(SCHEMAS[kind] as JsonSchema, causeSchema.properties!.because);
  const because = listField(kind, { path: [...base.path, 'because'], key: 'because', label: fieldLabel('because'), description: becauseSchema.description, required: false }, becauseSchema, Array.isArray(v.because) ? v.because : []);
  const out: FormField = { ...base, type: 'cause', text, textPath: plain ? base.path : [...base.path, 'cause'], rootCause: v.root_cause === true, because };
  if (v.evidence !== undefined) out.evidence = field(kind, [...base.path, 'evidence'], resolveRef(SCHEMAS[kind] as JsonSchema, causeSchema.properties!.evidence), v.evidence, false);
  return out;
}

function whyField(base: FieldBase, value: unknown): FormField {
  if (!isObj(value)) return { ...base, type: 'why', why: '', whyPath: [...base.path, 'why'], because: value == null ? '' : String(value), becausePath: base.path };
  const s = (x: unknown) => (typeof x === 'string' ? x : x == null ? '' : String(x));
  return { ...base, type: 'why', why: s(value.why), whyPath: [...base.path, 'why'], because: s(value.because), becausePath: [...base.path, 'because'] };
}

function chainsField(kind: RecordKind, base: FieldBase, value: unknown): FormField {
  const chainSchema = schemaAt(kind, ['rca', 'five_whys', 'chain']) ?? { type: 'array' };
  const chain = (path: FormPath, steps: unknown) => listField(kind, { path, key: String(path[path.length - 1]), label: String(path[path.length - 1]), required: false }, chainSchema, Array.isArray(steps) ? steps : []);
  if (isObj(value)) return { ...base, type: 'chains', chains: Object.entries(value).map(([name, steps]) => ({ name, steps: chain([...base.path, name], steps) })) };
  return { ...base, type: 'chains', chains: [{ steps: chain(base.path, value) }] };
}

/** The form of the file's `ordinal`-th record, or undefined when it has none the form can show. */
export function recordForm(kind: RecordKind, value: Record<string, unknown>): RecordForm {
  const root = SCHEMAS[kind] as JsonSchema;
  const group = groupField(kind, { path: [], key: '', label: '', required: true }, resolveRef(root, root), value);
  return { kind, id: typeof value.id === 'string' ? value.id : undefined, fields: group.type === 'group' ? group.fields : [] };
}

/** Every path of the form that has a field the page draws, with its span in the text (key to value end). */
function fieldSpans(doc: Document, form: RecordForm): { path: FormPath; start: number; end: number }[] {
  const out: { path: FormPath; start: number; end: number }[] = [];
  const visit = (f: FormField) => {
    const found = locateIn(doc, f.path);
    const node = found?.node;
    const start = found?.keyNode?.range?.[0] ?? node?.range?.[0];
    const end = node?.range?.[1] ?? found?.keyNode?.range?.[1];
    if (start !== undefined && end !== undefined) out.push({ path: f.path, start, end: Math.max(end, start + 1) });
    if (f.type === 'group' || f.type === 'task') f.fields.forEach(visit);
    if (f.type === 'list') f.items.forEach(visit);
    if (f.type === 'cause') {
      visit(f.because);
      if (f.evidence) visit(f.evidence);
    }
    if (f.type === 'chains') f.chains.forEach((c) => visit(c.steps));
  };
  form.fields.forEach(visit);
  return out;
}

/**
 * Where each issue of the file goes in the form: on the field its `data.path` names (or the
 * nearest one the form has), else on the innermost field whose text holds the issue's start,
 * else on the record (`[]`).
 */
export function placeIssues(text: string, doc: Document, form: RecordForm, issues: readonly Issue[]): FormIssue[] {
  const spans = fieldSpans(doc, form);
  const known = new Set(spans.map((s) => pathKey(s.path)));
  const lines = new LineIndex(text);
  return issues.map((i) => {
    const base = { severity: i.severity, message: i.message, code: i.code, line: i.range.start.line + 1 };
    const given = i.data?.path;
    if (Array.isArray(given)) {
      let p: FormPath = given.map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s) as Segment);
      if (typeof i.data?.property === 'string' && known.has(pathKey([...p, i.data.property]))) p = [...p, i.data.property];
      while (p.length && !known.has(pathKey(p))) p = p.slice(0, -1);
      if (p.length) return { ...base, path: p };
    }
    const at = lines.offset(i.range.start);
    let best: { path: FormPath; start: number; end: number } | undefined;
    for (const s of spans) if (s.start <= at && at < s.end && (!best || s.path.length > best.path.length)) best = s;
    return { ...base, path: best?.path ?? [] };
  });
}

// ---- edits --------------------------------------------------------------------------------

interface Found {
  node: Node | null;
  keyNode: Node | null;
  /** The pair holding the node, when its parent is a mapping. */
  pair?: Pair<Node, Node | null>;
  /** The parent collection. */
  parent?: YAMLMap | YAMLSeq;
}

function locateIn(doc: Document, path: readonly Segment[]): Found | undefined {
  let node: unknown = doc.contents;
  let found: Found = { node: (node as Node) ?? null, keyNode: null };
  for (const seg of path) {
    if (isMap(node)) {
      const pair = findPair(node, String(seg));
      if (!pair) return undefined;
      found = { node: pair.value, keyNode: pair.key, pair, parent: node };
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (item === undefined) return undefined;
      found = { node: item, keyNode: null, parent: node };
      node = item;
    } else return undefined;
  }
  return found;
}

/** Where a node's text ends: past its last line (a block value's range already ends there). */
function endOf(text: string, node: Node | null | undefined, key?: Node | null): number {
  const end = node?.range && node.range[1] > node.range[0] ? node.range[1] : (key?.range?.[1] ?? node?.range?.[1] ?? 0);
  return text[end - 1] === '\n' ? end : endOfLine(text, end);
}

const column = (text: string, offset: number) => offset - lineStart(text, offset);

/** True when only spaces stand before `offset` on its line (not a `- ` that opens a list row). */
const startsLine = (text: string, offset: number) => /^ *$/.test(text.slice(lineStart(text, offset), offset));

/** A value as the lines of a list row: the first after `- `, the rest relative to the row's content. */
interface Row {
  first: string;
  rest: string[];
}

function rowOf(v: YamlValue): Row {
  if ('inline' in v) return { first: v.inline, rest: [] };
  const [first, ...rest] = v.block;
  if (first === '>-' || first === '|-') return { first, rest: rest.map((l) => l.replace(/^ {2}/, '')) };
  return { first, rest };
}

function rowLines(row: Row, pad: string): string[] {
  return [`${pad}- ${row.first}`, ...row.rest.map((l) => (l ? `${pad}  ${l}` : ''))];
}

/** A row's value: a string as `yamlString` writes it; a mapping's string values the same way. */
function rowValue(item: string | Record<string, string | boolean>): Row {
  if (typeof item === 'string') return rowOf(yamlString(item));
  const lines = Object.entries(item).flatMap(([k, v]) => render(k, typeof v === 'boolean' ? { inline: String(v) } : yamlString(v), ''));
  if (lines.length === 0) return { first: '{}', rest: [] };
  return { first: lines[0], rest: lines.slice(1) };
}

function nestKeys(keys: string[], v: YamlValue): YamlValue {
  let out = v;
  for (let i = keys.length - 1; i >= 0; i--) out = { block: render(keys[i], out, '') };
  return out;
}

/** Replaces a pair's value (the key stays where it is, a comment after a scalar stays too). */
function replacePair(text: string, pair: Pair<Node, Node | null>, v: YamlValue): TextEdit {
  const value = pair.value;
  if ('inline' in v && value && isScalar(value) && value.range && value.range[1] > value.range[0]) {
    const block = text[value.range[1] - 1] === '\n';
    return { start: value.range[0], end: value.range[1], text: v.inline + (block ? '\n' : '') };
  }
  const keyAt = pair.key.range![0];
  const col = column(text, keyAt);
  const lines = render(String((pair.key as Scalar).value), v, ' '.repeat(col));
  const own = startsLine(text, keyAt);
  const start = own ? lineStart(text, keyAt) : keyAt;
  if (!own) lines[0] = lines[0].slice(col);
  return { start, end: endOf(text, value, pair.key), text: lines.join('\n') + '\n' };
}

/** Replaces a list row's value. */
function replaceRow(text: string, item: Node, v: YamlValue | Row): TextEdit | undefined {
  if (!item.range) return undefined;
  if ('inline' in v && isScalar(item) && item.range[1] > item.range[0]) {
    const block = text[item.range[1] - 1] === '\n';
    return { start: item.range[0], end: item.range[1], text: v.inline + (block ? '\n' : '') };
  }
  const row = 'first' in v ? v : rowOf(v);
  const dash = text.lastIndexOf('-', item.range[0]);
  const pad = ' '.repeat(column(text, dash));
  const lines = rowLines(row, pad);
  return { start: dash, end: endOf(text, item), text: lines.join('\n').slice(pad.length) + '\n' };
}

/** Adds keys (and the mappings on the way) as the last keys of a block mapping. */
function addKeys(text: string, map: YAMLMap, keys: string[], v: YamlValue): TextEdit | undefined {
  const pairs = map.items.filter(isPair) as Pair<Node, Node | null>[];
  const first = pairs[0];
  if (!first?.key.range || map.flow) return undefined;
  const pad = ' '.repeat(column(text, first.key.range[0]));
  const lines = render(keys[0], keys.length > 1 ? nestKeys(keys.slice(1), v) : v, pad);
  const last = pairs[pairs.length - 1];
  return insertLines(text, endOf(text, last.value, last.key), lines);
}

/** The edit that sets the value at `path` (keys and list indexes), adding missing keys on the way. */
export function setAt(text: string, ordinal: number, path: FormPath, v: YamlValue, config: KedbConfig): TextEdit | undefined {
  const doc = recordDocument(text, ordinal, config);
  let node: unknown = doc?.contents;
  if (!isMap(node) || node.flow || path.length === 0) return undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      if (node.flow) return undefined;
      const pair = findPair(node, String(seg));
      const rest = path.slice(i);
      if (!pair) return rest.every((s) => typeof s === 'string') ? addKeys(text, node, rest as string[], v) : undefined;
      if (last) return replacePair(text, pair, v);
      const value = pair.value;
      const empty = !value || (isScalar(value) && value.value === null);
      if (empty) {
        const keys = path.slice(i + 1);
        return keys.every((s) => typeof s === 'string') ? replacePair(text, pair, nestKeys(keys as string[], v)) : undefined;
      }
      node = value;
    } else if (isSeq(node) && !node.flow && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return undefined;
      if (last) return replaceRow(text, item, v);
      node = item;
    } else return undefined;
  }
  return undefined;
}

/** The edit that removes the key or list row at `path`; a list's last row leaves `[]`. */
export function removeAt(text: string, ordinal: number, path: FormPath, config: KedbConfig): TextEdit | undefined {
  const doc = recordDocument(text, ordinal, config);
  const found = doc && locateIn(doc, path);
  if (!found?.parent) return undefined;
  const { parent } = found;
  if (isMap(parent) && found.pair) {
    if (parent.flow) return undefined;
    const pairs = parent.items as Pair<Node, Node | null>[];
    const at = pairs.indexOf(found.pair);
    const keyAt = found.pair.key.range![0];
    if (pairs.length === 1) return path.length > 1 ? setAt(text, ordinal, path.slice(0, -1), { inline: '{}' }, config) : undefined;
    if (!startsLine(text, keyAt)) {
      // The first key of a list row (`- key: value`): the next key moves up onto the dash line.
      const next = pairs[at + 1]?.key.range?.[0];
      return next === undefined ? undefined : { start: keyAt, end: next, text: '' };
    }
    return { start: lineStart(text, keyAt), end: endOf(text, found.pair.value, found.pair.key), text: '' };
  }
  if (isSeq(parent)) {
    const items = parent.items as Node[];
    const index = path[path.length - 1] as number;
    if (parent.flow) return setAt(text, ordinal, path.slice(0, -1), { inline: flowList(text, items.filter((_, i) => i !== index)) }, config);
    if (items.length === 1) return setAt(text, ordinal, path.slice(0, -1), { inline: '[]' }, config);
    const item = items[index];
    if (!item?.range) return undefined;
    const dash = text.lastIndexOf('-', item.range[0]);
    return { start: lineStart(text, dash), end: endOf(text, item), text: '' };
  }
  return undefined;
}

function flowList(text: string, items: Node[]): string {
  return `[${items.map((n) => (n.range ? text.slice(n.range[0], n.range[1]).trim() : 'null')).join(', ')}]`;
}

/** The edit that moves a list's row `from` to `to`; the comments between rows stay where they are. */
export function moveRow(text: string, ordinal: number, path: FormPath, from: number, to: number, config: KedbConfig): TextEdit | undefined {
  const doc = recordDocument(text, ordinal, config);
  const found = doc && locateIn(doc, path);
  const seq = found?.node;
  if (!isSeq(seq) || from === to) return undefined;
  const items = seq.items as Node[];
  if (from < 0 || to < 0 || from >= items.length || to >= items.length || items.some((n) => !n?.range)) return undefined;
  const order = items.map((_, i) => i);
  order.splice(to, 0, ...order.splice(from, 1));
  if (seq.flow) return setAt(text, ordinal, path, { inline: flowList(text, order.map((i) => items[i])) }, config);
  // Each row from its dash's line to its end; what lies between rows (comments) keeps its place.
  const padded = text.endsWith('\n') ? text : text + '\n';
  const spans = items.map((n) => ({ start: lineStart(padded, padded.lastIndexOf('-', n.range![0])), end: endOf(padded, n) }));
  let out = '';
  for (let i = 0; i < spans.length; i++) {
    const s = spans[order[i]];
    out += padded.slice(s.start, s.end);
    if (i < spans.length - 1) out += padded.slice(spans[i].end, spans[i + 1].start);
  }
  const start = spans[0].start;
  let end = spans[spans.length - 1].end;
  if (end > text.length) {
    end = text.length;
    out = out.slice(0, -1);
  }
  return { start, end, text: out };
}

/** The edit that adds a row to the list at `path`, making the list when there is none. */
export function addRow(text: string, ordinal: number, path: FormPath, item: string | Record<string, string | boolean>, config: KedbConfig, textToList = false): TextEdit | undefined {
  const doc = recordDocument(text, ordinal, config);
  if (!doc) return undefined;
  const row = rowValue(item);
  const found = locateIn(doc, path);
  const seq = found?.node;
  if (!found || !seq || (isScalar(seq) && seq.value === null)) return setAt(text, ordinal, path, { block: rowLines(row, '') }, config);
  if (!isSeq(seq)) {
    // A one-text value of a field that may be a list too (a cause's `evidence`): it becomes the list's first row.
    if (!textToList || !isScalar(seq) || typeof seq.value !== 'string') return undefined;
    return setAt(text, ordinal, path, { block: [...rowLines(rowOf(yamlString(seq.value)), ''), ...rowLines(row, '')] }, config);
  }
  if (seq.flow) {
    if (row.rest.length) return setAt(text, ordinal, path, { block: [...(seq.items as Node[]).flatMap((n) => rowLines({ first: text.slice(n.range![0], n.range![1]).trim(), rest: [] }, '')), ...rowLines(row, '')] }, config);
    const close = text.lastIndexOf(']', seq.range![1]);
    return close < 0 ? undefined : { start: close, end: close, text: (seq.items.length ? ', ' : '') + row.first };
  }
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!last?.range) return undefined;
  const dash = text.lastIndexOf('-', last.range[0]);
  return insertLines(text, endOf(text, last), rowLines(row, ' '.repeat(column(text, dash))));
}

/**
 * The edit that adds an empty 5 Whys chain `name` to the chains at `path` (`rca.five_whys`),
 * making them when there are none. A single chain written as a list becomes a mapping's first
 * chain, named `first`, its rows (and the comments between them) moved in as they are.
 * Undefined when a chain of that name exists or the YAML there is written in flow style.
 */
export function addChain(text: string, ordinal: number, path: FormPath, name: string, first: string, config: KedbConfig): TextEdit | undefined {
  const doc = recordDocument(text, ordinal, config);
  if (!doc || !name.trim()) return undefined;
  const key = yamlInline(name);
  const found = locateIn(doc, path);
  const node = found?.node;
  if (!found || !node || (isScalar(node) && node.value === null)) return setAt(text, ordinal, [...path, key], { inline: '[]' }, config);
  if (isMap(node)) return node.flow || findPair(node, name) ? undefined : setAt(text, ordinal, [...path, key], { inline: '[]' }, config);
  if (!isSeq(node)) return undefined;
  const items = node.items as Node[];
  if (items.length === 0) return setAt(text, ordinal, path, { block: render(key, { inline: '[]' }, '') }, config);
  if (node.flow || !found.keyNode?.range || name === first || !first.trim() || items.some((n) => !n?.range)) return undefined;
  const pad = ' '.repeat(column(text, found.keyNode.range[0]) + 2);
  const dash = text.lastIndexOf('-', items[0].range![0]);
  const start = lineStart(text, dash);
  const end = endOf(text, items[items.length - 1]);
  const shift = ' '.repeat(Math.max(0, pad.length + 2 - column(text, dash)));
  const body = text.slice(start, end).replace(/\n$/, '').split('\n').map((l) => (l.trim() ? shift + l : l));
  return { start, end, text: [`${pad}${yamlInline(first)}:`, ...body, `${pad}${key}: []`].join('\n') + '\n' };
}

/**
 * When `path` runs through a list row written as plain text (a cause, a 5 Whys answer) into a key
 * of it, the edit that turns that row into a mapping first: `- text` becomes `- cause: text` (or
 * `- because: text` for a 5 Whys step), the text kept as written.
 */
function promoteStep(ordinal: number, path: FormPath, config: KedbConfig, kind: RecordKind): (text: string) => TextEdit | undefined {
  return (text) => {
    const doc = recordDocument(text, ordinal, config);
    if (!doc) return undefined;
    for (let i = 1; i < path.length; i++) {
      if (typeof path[i - 1] !== 'number' || typeof path[i] !== 'string') continue;
      const found = locateIn(doc, path.slice(0, i));
      const item = found?.node;
      if (!isScalar(item) || !item.range || !isSeq(found?.parent)) continue;
      const schema = schemaAt(kind, path.slice(0, i));
      const key = schema?.properties?.cause ? 'cause' : schema?.properties?.why ? 'because' : undefined;
      if (!key) return undefined;
      if (item.type === Scalar.PLAIN || item.type === Scalar.QUOTE_DOUBLE || item.type === Scalar.QUOTE_SINGLE) return { start: item.range[0], end: item.range[0], text: `${key}: ` };
      return replaceRow(text, item, { first: render(key, yamlString(String(item.value ?? '')), '')[0], rest: render(key, yamlString(String(item.value ?? '')), '').slice(1) });
    }
    return undefined;
  };
}

/**
 * A value to write at a field. A date of a `format: date` field is written plain, as the records
 * write them (`due: 2025-10-01`), which still reads back as the same string.
 */
function valueOf(v: string | number | boolean, schema?: JsonSchema): YamlValue {
  if (typeof v === 'string' && schema?.format === 'date' && /^\d{4}-\d\d-\d\d$/.test(v)) return { inline: v };
  return typeof v === 'string' ? yamlString(v) : { inline: String(v) };
}

/** The string at `path`, when there is one. */
function stringAt(text: string, ordinal: number, path: FormPath, config: KedbConfig): string | undefined {
  const doc = recordDocument(text, ordinal, config);
  const node = doc && locateIn(doc, path)?.node;
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * The one edit a form operation makes to the file's `ordinal`-th record of the `kind`, or undefined
 * when it changes nothing or the YAML there has a shape the form cannot edit in place.
 * A root-cause toggle also keeps `rca.root_causes` in step: the cause's words are added there
 * when it becomes a root cause and taken out when it stops being one.
 */
export function formEdit(text: string, ordinal: number, kind: RecordKind, op: FormOp, config: KedbConfig): TextEdit | undefined {
  const promote = promoteStep(ordinal, op.path, config, kind);
  switch (op.op) {
    case 'set':
      return chainEdits(text, [
        promote,
        (t) => {
          if (op.value === null) return stringAt(t, ordinal, op.path, config) !== undefined || locateExists(t, ordinal, op.path, config) ? removeAt(t, ordinal, op.path, config) : undefined;
          return setAt(t, ordinal, op.path, valueOf(op.value, schemaAt(kind, op.path)), config);
        },
      ]);
    case 'add': {
      const many = typesOf(schemaAt(kind, op.path) ?? {}).includes('array');
      return chainEdits(text, [promote, (t) => addRow(t, ordinal, op.path, op.item, config, many)]);
    }
    case 'addChain':
      return addChain(text, ordinal, op.path, op.name, op.first, config);
    case 'addTask':
    case 'taskDone':
      // Problem tasks: `taskFormEdit` of src/core/tasks, which knows the free ids and today.
      return undefined;
    case 'remove':
      return removeAt(text, ordinal, op.path, config);
    case 'move':
      return moveRow(text, ordinal, op.path, op.from, op.to, config);
    case 'rootCause': {
      const flag = [...op.path, 'root_cause'];
      const words = () => {
        const doc = recordDocument(text, ordinal, config);
        const node = doc && locateIn(doc, op.path)?.node;
        if (isScalar(node)) return typeof node.value === 'string' ? node.value : undefined;
        return isMap(node) ? (node.get('cause') as string | undefined) : undefined;
      };
      const cause = words();
      return chainEdits(text, [
        promoteStep(ordinal, flag, config, kind),
        (t) => (op.on ? setAt(t, ordinal, flag, { inline: 'true' }, config) : locateExists(t, ordinal, flag, config) ? removeAt(t, ordinal, flag, config) : undefined),
        (t) => {
          if (typeof cause !== 'string' || !cause) return undefined;
          const listed = listedAt(t, ordinal, ['rca', 'root_causes'], config);
          const at = listed.indexOf(cause);
          if (op.on) return at < 0 ? appendToList(t, ordinal, ['rca', 'root_causes'], yamlInline(cause), config) : undefined;
          return at >= 0 ? removeAt(t, ordinal, ['rca', 'root_causes', at], config) : undefined;
        },
      ]);
    }
  }
}

function locateExists(text: string, ordinal: number, path: FormPath, config: KedbConfig): boolean {
  const doc = recordDocument(text, ordinal, config);
  return !!doc && locateIn(doc, path) !== undefined;
}

function listedAt(text: string, ordinal: number, path: FormPath, config: KedbConfig): string[] {
  const doc = recordDocument(text, ordinal, config);
  const node = doc && locateIn(doc, path)?.node;
  return isSeq(node) ? node.items.map((n) => (isScalar(n) ? String(n.value) : '')) : [];
}

/** The parsed document of a record, for `placeIssues` (re-exported so hosts need not import `yaml`). */
export function formDocument(text: string, ordinal: number, config: KedbConfig): Document | undefined {
  return recordDocument(text, ordinal, config);
}
