import { kindNoun, orList, typeWord } from '../schema/validate';
import { isScalar, isSeq, type Document } from 'yaml';
import { idPattern } from '../records/config';
import { isConfigPath, type RecordStore } from '../workspace/store';
import { inRecordFolder, kindOfPath } from '../records/kinds';
import type { RecordEntry } from '../records/entry';
import { referenceFields } from '../records/references';
import {
  enumOf,
  isObjectSchema,
  propertiesAt,
  schemaAt,
  structuralKeys,
  typesOf,
  yamlScalar,
  type JsonSchema,
  type PropertyInfo,
  type Segment,
} from '../schema/navigate';
import type { SchemaName } from '../schema/schemas';
import { summarize } from '../workspace/summary';
import { isoWithOffset } from '../records/templates';
import { escalationTeam, proposedEscalation } from '../priority/policy';
import { classify, resolveMatrix } from '../records/matrix';
import { RECORD_KINDS, type Position, type Range, type RecordKind } from '../base/types';
import { cursorContext, type CursorContext } from '../yaml/cursor';
import { locate } from '../yaml/locate';
import { t } from '../base/l10n';

export type CompletionKind = 'property' | 'block' | 'value' | 'reference';

/** One completion item as plain data; the editor adapter turns it into its own type. */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label (type, or a record's title). */
  detail?: string;
  /** Short text after the label: a record's status and priority. */
  description?: string;
  /** Markdown shown in the details pane. */
  documentation?: string;
  insertText: string;
  /** `insertText` is in snippet syntax (`$1`, `${1|a,b|}`). */
  snippet: boolean;
  /** The text the item replaces. */
  range: Range;
  sortText: string;
  filterText?: string;
  /** Ask for completion again after inserting (after `key: `, to offer its values). */
  retrigger?: boolean;
  preselect?: boolean;
}

export interface CompletionResult {
  items: CompletionEntry[];
  /** More items exist than were returned: ask again as the user types. */
  isIncomplete: boolean;
}

export interface CompletionOptions {
  /** The file's path in the workspace, `/`-separated (decides the kind when `kind:` is missing). */
  path: string;
  workspace: RecordStore;
  /** The current time as an ISO 8601 date-time with offset, for date-time values. */
  now?: string;
  /** The ranged parse of the same text, when the caller has it cached. */
  documents?: readonly Document[];
  /** Most items of one kind of reference returned at once (default 1000). */
  maxReferences?: number;
}

/** The root-level plain value of `key` in a document's lines, read without parsing. */
export function rootValue(lines: readonly string[], start: number, end: number, key: string): string | undefined {
  const re = new RegExp(`^${key}:[ \\t]+(.*)$`);
  for (let i = start; i < end; i++) {
    const m = re.exec(lines[i]);
    if (!m) continue;
    let v = m[1].replace(/\s+#.*$/, '').trim();
    if (/^"(.*)"$/.test(v)) v = v.slice(1, -1);
    else if (/^'(.*)'$/.test(v)) v = v.slice(1, -1);
    return v || undefined;
  }
  return undefined;
}

/** "list of incident ids" or "incident id": what a reference field holds. */
export function referenceTypeLabel(kind: RecordKind, list: boolean): string {
  return list ? t('list of {0} ids', kindNoun(kind)) : t('{0} id', kindNoun(kind));
}


/** The record kind declared by the lines, else given by the file's folder. */
export function kindFor(filePath: string, lines: readonly string[], start: number, end: number): RecordKind | undefined {
  const declared = rootValue(lines, start, end, 'kind');
  if (declared && (RECORD_KINDS as readonly string[]).includes(declared)) return declared as RecordKind;
  if (declared) return undefined;
  return kindOfPath(filePath);
}

/** The schema that applies to a document: the config's, or the record kind's. */
export function schemaNameFor(filePath: string, lines: readonly string[], start: number, end: number): SchemaName | undefined {
  return isConfigPath(filePath) ? 'config' : kindFor(filePath, lines, start, end);
}

/** The reference field a value path falls in, if any. */
export function referenceFieldAt(kind: RecordKind, valuePath: readonly Segment[]): { kind: RecordKind; list: boolean; path: string[]; whole: boolean } | undefined {
  for (const f of referenceFields(kind)) {
    const prefix = f.path.every((p, i) => valuePath[i] === p);
    if (!prefix) continue;
    if (!f.list && valuePath.length === f.path.length) return { kind: f.kind, list: false, path: f.path, whole: false };
    if (f.list && valuePath.length === f.path.length + 1 && typeof valuePath[f.path.length] === 'number') {
      return { kind: f.kind, list: true, path: f.path, whole: false };
    }
    if (f.list && valuePath.length === f.path.length) return { kind: f.kind, list: true, path: f.path, whole: true };
  }
  return undefined;
}

// ---- snippets --------------------------------------------------------------------------------

/** Escapes text for a snippet body. */
export function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

function choice(n: number, values: readonly unknown[]): string {
  return `\${${n}|${values.map((v) => yamlScalar(v).replace(/[\\,|$}]/g, (c) => '\\' + c)).join(',')}|}`;
}

/** A small YAML tree for building snippets with the document's indentation. */
type Block = { map: [string, Block][] } | { seq: Block[] } | { text: string };

function emit(block: Block, unit: string): string[] {
  if ('text' in block) return [block.text];
  const out: string[] = [];
  if ('map' in block) {
    for (const [k, v] of block.map) {
      if ('text' in v) out.push(`${k}: ${v.text}`);
      else {
        out.push(`${k}:`);
        for (const l of emit(v, unit)) out.push(unit + l);
      }
    }
    return out;
  }
  for (const item of block.seq) {
    const lines = 'text' in item ? [item.text] : emit(item, unit);
    out.push(`- ${lines[0]}`);
    for (const l of lines.slice(1)) out.push(`  ${l}`);
  }
  return out;
}

interface SnippetEnv {
  workspace: RecordStore;
  /** The file's path in the workspace. */
  path: string;
  unit: string;
  config: RecordStore['config'];
  now: string;
  lines: readonly string[];
  doc: { start: number; end: number };
}

function counter(): () => number {
  let n = 0;
  return () => ++n;
}

const text = (next: () => number): Block => ({ text: `"\${${next()}}"` });

function fishboneBlock(env: SnippetEnv, next: () => number): Block {
  return {
    map: [
      [
        'categories',
        {
          seq: env.config.fishboneCategories.map(
            (c): Block => ({ map: [['name', { text: snippetText(yamlScalar(c)) }], ['causes', { seq: [text(next)] }]] }),
          ),
        },
      ],
    ],
  };
}

function fiveWhysBlock(next: () => number): Block {
  return { seq: [{ map: [['why', text(next)], ['because', text(next)]] }] };
}

/** The root-level facts escalation and priority read, taken from the lines. */
function rootFacts(lines: readonly string[], doc: { start: number; end: number }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['category', 'service', 'reported_at', 'impact', 'urgency', 'priority']) {
    const v = rootValue(lines, doc.start, doc.end, k);
    if (v !== undefined) out[k] = /^\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

/** The priority impact × urgency give under the workspace's matrix, if both are set. */
function matrixPriority(config: RecordStore['config'], facts: Record<string, unknown>): { priority: string; matrix: string } | undefined {
  const { matrix } = resolveMatrix(config.priorityMatrix);
  const p = classify(matrix, facts.impact, facts.urgency);
  return p ? { priority: p, matrix: matrix.name } : undefined;
}

/** Whole-block snippets for the properties that have one, keyed by schema name and path. */
function blockSnippet(name: SchemaName, path: readonly Segment[], prop: string, env: SnippetEnv): Block | undefined {
  const next = counter();
  const at = [...path, prop].join('.');
  if (name === 'incident' && at === 'initial_analysis') {
    return {
      map: [
        ['understanding', text(next)],
        [
          'existing_solutions',
          {
            map: [
              ['knowledge_base', { text: choice(next(), [true, false]) }],
              ['restart', { text: choice(next(), [true, false]) }],
              ['reinstall', { text: choice(next(), [true, false]) }],
              ['notes', text(next)],
            ],
          },
        ],
        ['recent_changes', text(next)],
        ['related_events', text(next)],
        ['logs_reviewed', text(next)],
        ['diagnostic_tools', { text: `[\${${next()}}]` }],
        ['related_components', { text: `[\${${next()}}]` }],
      ],
    };
  }
  if (name === 'incident' && at === 'escalation') {
    // The same proposal as the escalation check: routed team, reported (or now), ETA by priority.
    const facts = rootFacts(env.lines, env.doc);
    const priority = typeof facts.priority === 'string' ? facts.priority : matrixPriority(env.config, facts)?.priority ?? '';
    const p = proposedEscalation(facts, priority, env.config, env.now);
    return {
      map: [
        ['team', { text: `\${${next()}:${snippetText(yamlScalar(p.team))}}` }],
        ['escalated_at', { text: `\${${next()}:${snippetText(p.escalated_at)}}` }],
        ['eta', { text: `\${${next()}:${snippetText(p.eta)}}` }],
        ['level', { text: choice(next(), [2, 1, 3, 4, 5]) }],
      ],
    };
  }
  if (name === 'problem' && at === 'rca') {
    const methods = enumOf(schemaAt('problem', ['rca', 'method']) ?? {}) ?? [];
    return {
      map: [
        ['method', { text: choice(next(), ['fishbone-and-five-whys', ...methods.filter((m) => m !== 'fishbone-and-five-whys')]) }],
        ['fishbone', fishboneBlock(env, next)],
        ['five_whys', fiveWhysBlock(next)],
        ['root_causes', { seq: [text(next)] }],
      ],
    };
  }
  if (name === 'problem' && at === 'rca.fishbone') return fishboneBlock(env, next);
  if (name === 'problem' && at === 'rca.fishbone.categories') {
    const b = fishboneBlock(env, next);
    return 'map' in b ? b.map[0][1] : undefined;
  }
  if (name === 'problem' && at === 'rca.five_whys') return fiveWhysBlock(next);
  return undefined;
}

// ---- labels ------------------------------------------------------------------------------------


function typeLabel(schema: JsonSchema, ref: { kind: RecordKind; list: boolean } | undefined, items?: JsonSchema): string {
  if (ref) return referenceTypeLabel(ref.kind, ref.list);
  const values = enumOf(schema);
  if (values) return values.length === 1 ? String(values[0]) : values.map(String).join(' | ');
  if (schema.format) return schema.format;
  const types = typesOf(schema);
  if (types.includes('array') && items) {
    const inner = typesOf(items).map((type) => typeWord(type, { article: false }));
    return t('list of {0}', orList(inner) || t('values'));
  }
  return orList(types.map((type) => typeWord(type, { article: false }))) || t('value');
}

/** A property's one-line insertion (`key: $0`, `key:\n  - $0`, a choice of values). */
function propertyInsert(p: PropertyInfo, ref: { kind: RecordKind; list: boolean } | undefined, env: SnippetEnv): { text: string; retrigger: boolean } {
  const s = p.schema;
  const values = enumOf(s);
  if (values && values.length === 1) return { text: `${p.name}: ${snippetText(yamlScalar(values[0]))}`, retrigger: false };
  if (values) return { text: `${p.name}: ${choice(1, values)}`, retrigger: false };
  if (ref?.list) return { text: `${p.name}:\n${env.unit}- $0`, retrigger: true };
  if (ref) return { text: `${p.name}: $0`, retrigger: true };
  const types = typesOf(s);
  if (types[0] === 'boolean') return { text: `${p.name}: ${choice(1, [true, false])}`, retrigger: false };
  if (s.format === 'date-time') return { text: `${p.name}: \${1:${snippetText(env.now)}}`, retrigger: false };
  if (s.format === 'date') return { text: `${p.name}: \${1:${snippetText(env.now.slice(0, 10))}}`, retrigger: false };
  if (types[0] === 'array') {
    const items = s.items && !Array.isArray(s.items) ? s.items : undefined;
    if (items && isObjectSchema(items) && !typesOf(items).includes('string')) return { text: `${p.name}:\n${env.unit}- $0`, retrigger: true };
    return { text: `${p.name}:\n${env.unit}- $0`, retrigger: false };
  }
  if (types[0] === 'object' || (types.length === 0 && s.properties)) return { text: `${p.name}:\n${env.unit}$0`, retrigger: true };
  return { text: `${p.name}: $0`, retrigger: false };
}

// ---- new list items ----------------------------------------------------------------------------

/** A new item of a block list (from its dash) or a named entry (from its key), as the schema shapes it. */
interface NewItem {
  label: string;
  detail: string;
  documentation: string | undefined;
  /** Snippet text; later lines are indented relative to the first with the document's unit. */
  text: string;
  filterText: string | undefined;
  /** The value the cursor lands on after inserting (`- name: |`), when that is all the item asks. */
  valuePath?: Segment[];
}

/** The snippet lines of one required key of a new mapping item (`why: $1`, `causes:\n  - $2`). */
function requiredKeyLines(key: string, schema: JsonSchema, next: () => number, unit: string): string[] {
  const values = enumOf(schema);
  if (values && values.length === 1) return [`${key}: ${snippetText(yamlScalar(values[0]))}`];
  if (values) return [`${key}: ${choice(next(), values)}`];
  const types = typesOf(schema);
  if (types[0] === 'boolean') return [`${key}: ${choice(next(), [true, false])}`];
  if (types[0] === 'array') return [`${key}:`, `${unit}- $${next()}`];
  if (types[0] === 'object') return [`${key}:`, `${unit}$${next()}`];
  return [`${key}: $${next()}`];
}

/** A list item's forms: a mapping with its required keys (`- cause: `), and plain text where allowed. */
function itemForms(name: SchemaName, itemPath: readonly Segment[], next: () => number, unit: string): NewItem[] {
  const item = schemaAt(name, itemPath);
  if (!item) return [];
  const out: NewItem[] = [];
  const props = Object.keys(item.properties ?? {});
  if (isObjectSchema(item) && props.length > 0) {
    const required = (item.required ?? []).filter((k) => props.includes(k));
    const keys = required.length > 0 ? required : [props[0]];
    const body = keys.flatMap((k) => requiredKeyLines(k, schemaAt(name, [...itemPath, k]) ?? {}, next, unit));
    let text = body.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)).join('\n');
    // A single stop is where the snippet ends.
    if (!/\$2(?!\d)|\$\{2[:|]/.test(text)) text = text.replace(/\$1(?!\d)/, '$$0');
    out.push({
      label: `- ${keys.join(', ')}`,
      detail: t('new list item ({0})', typeWord('object', { article: false })),
      documentation: item.description,
      text,
      filterText: keys[0],
      valuePath: text.endsWith(': $0') ? [...itemPath, keys[0]] : undefined,
    });
  }
  if (typesOf(item).includes('string')) {
    out.push({ label: `- ${t('text')}`, detail: t('new list item ({0})', typeWord('string', { article: false })), documentation: item.description, text: '- $0', filterText: undefined });
  }
  return out;
}

/**
 * What may start a new line of the block at `listPath`: new list items (a mapping with the item's
 * required keys, plain text) when it is a list, and a named entry when it is a mapping that takes
 * names of one's own (5 Whys chains), unless a list is already `open` there. Nothing for lists of
 * record ids, which have their own items.
 */
function newItems(name: SchemaName, listPath: readonly Segment[], env: SnippetEnv, open = false): NewItem[] {
  const schema = schemaAt(name, listPath);
  if (!schema) return [];
  if (name !== 'config' && referenceFieldAt(name, [...listPath, 0])) return [];
  const types = typesOf(schema);
  const out: NewItem[] = [];
  if (types.includes('array')) out.push(...itemForms(name, [...listPath, 0], counter(), env.unit));
  const extra = schema.additionalProperties;
  if (!open && types.includes('object') && !schema.properties && extra && typeof extra === 'object') {
    const entry = schemaAt(name, [...listPath, '*']);
    const entryItem = entry && typesOf(entry).includes('array') ? schemaAt(name, [...listPath, '*', 0]) : undefined;
    if (entry) {
      const next = counter();
      const key = `\${${next()}:${snippetText(t('name'))}}:`;
      const first = entryItem ? itemForms(name, [...listPath, '*', 0], next, env.unit)[0] : undefined;
      out.push({
        label: t('new named entry'),
        detail: typeLabel(entry, undefined, entryItem),
        documentation: entry.description,
        text: first ? `${key}\n${first.text.split('\n').map((l) => env.unit + l).join('\n')}` : `${key} $0`,
        filterText: undefined,
      });
    }
  }
  return out;
}

/** Whether completion has values to offer where the new item leaves the cursor (a fishbone category's name). */
function offersValues(name: SchemaName, item: NewItem, ctx: CursorContext, env: SnippetEnv, lines: readonly string[]): boolean {
  return !!item.valuePath && knownValueItems(name, item.valuePath, ctx, env, lines).length > 0;
}

/** New list items on a line of their own (`causes:` then `|` on a deeper line, or between items). */
function lineItems(name: SchemaName, listPath: readonly Segment[], ctx: CursorContext, env: SnippetEnv, lines: readonly string[]): CompletionEntry[] {
  const lineText = lines[ctx.range.end.line] ?? '';
  const lead = /^ */.exec(lineText)![0].length;
  const extra = ' '.repeat(Math.max(0, ctx.indent - lead));
  // Between a list's items (a `none` place) only another item goes.
  return newItems(name, listPath, env, ctx.kind === 'none').map((e, i) => ({
    label: e.label,
    kind: 'block' as const,
    detail: e.detail,
    documentation: e.documentation,
    insertText: e.text.replace(/\n/g, '\n' + extra),
    snippet: true,
    range: ctx.range,
    sortText: pad(5000 + i),
    filterText: e.filterText,
    retrigger: offersValues(name, e, ctx, env, lines) || undefined,
  }));
}

/** New list items right after `key:` with no value yet: they go on the next line, one unit in. */
function afterKeyItems(name: SchemaName, ctx: CursorContext, env: SnippetEnv, lines: readonly string[]): CompletionEntry[] {
  const valuePath = ctx.valuePath ?? [];
  const schema = schemaAt(name, valuePath);
  const types = schema ? typesOf(schema) : [];
  if (ctx.inList || ctx.quoted || ctx.word !== '' || types.includes('string') || !(types.includes('array') || types.includes('object'))) return [];
  const line = ctx.range.start.line;
  const lineText = lines[line] ?? '';
  const ch = ctx.range.end.character;
  if (lineText.slice(ch).trim() !== '') return [];
  const before = lineText.slice(0, ch).trimEnd();
  if (!before.endsWith(':')) return [];
  const lead = /^ */.exec(lineText)![0].length;
  const indent = '\n' + ' '.repeat(Math.max(0, ctx.indent - lead)) + env.unit;
  // The spaces typed after the colon are replaced too, so no trailing space stays behind.
  const range: Range = { start: { line, character: before.length }, end: { line, character: Math.max(ch, lineText.length) } };
  return newItems(name, valuePath, env).map((e, i) => ({
    label: e.label,
    kind: 'block' as const,
    detail: e.detail,
    documentation: e.documentation,
    insertText: indent + e.text.replace(/\n/g, indent),
    snippet: true,
    range,
    sortText: pad(i),
    filterText: e.filterText,
    retrigger: offersValues(name, e, ctx, env, lines) || undefined,
  }));
}

/**
 * A line ending in a key whose value the schemas make a list or a mapping (`causes:`,
 * `- rca:  # note`): pressing Enter after it indents the next line.
 */
export function opensBlockPattern(): RegExp {
  const keys = structuralKeys()
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  return new RegExp(`^\\s*(?:-\\s+)*(["']?)(?:${keys})\\1\\s*:\\s*(?:#.*)?$`);
}

// ---- the entry point -----------------------------------------------------------------------

function detectIndentUnit(lines: readonly string[]): string {
  let best = 0;
  for (const l of lines) {
    const m = /^( +)[^ #-]/.exec(l);
    if (m && (best === 0 || m[1].length < best)) best = m[1].length;
  }
  return ' '.repeat(best >= 2 && best <= 8 ? best : 2);
}

/** Ids in numeric order: INC-0002 before INC-0010. */
const ID_ORDER = new Intl.Collator('en', { numeric: true });

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

/** The completion items at a position of a record (or config) file. */
export function completionsAt(textIn: string, position: Position, options: CompletionOptions): CompletionResult {
  const ctx = cursorContext(textIn, position, options.documents);
  const empty: CompletionResult = { items: [], isIncomplete: false };
  if (ctx.kind === 'none' && !ctx.listPath) return empty;
  const lines = textIn.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const name = schemaNameFor(options.path, lines, ctx.docStartLine, ctx.docEndLine);
  const env: SnippetEnv = {
    workspace: options.workspace,
    path: options.path,
    unit: detectIndentUnit(lines),
    config: options.workspace.config,
    now: options.now ?? isoWithOffset(new Date()),
    lines,
    doc: { start: ctx.docStartLine, end: ctx.docEndLine },
  };

  if (!name) {
    // Other YAML files (CI workflows, manifests with their own `kind`) are none of our business.
    if (!inRecordFolder(options.path)) return empty;
    // In a record folder without a valid kind: the only useful thing is to say which.
    if (ctx.kind === 'key' && ctx.path.length === 0 && !ctx.presentKeys.includes('kind')) {
      return {
        items: [
          {
            label: 'kind',
            kind: 'property',
            detail: 'incident | problem | known_error',
            documentation: t('What this record is: an incident, a problem or a known error.'),
            insertText: `kind: ${choice(1, RECORD_KINDS)}`,
            snippet: true,
            range: ctx.range,
            sortText: pad(0),
          },
        ],
        isIncomplete: false,
      };
    }
    if (ctx.kind === 'value' && ctx.path.length === 0 && ctx.key === 'kind') {
      return { items: valueItems(RECORD_KINDS, ctx, undefined), isIncomplete: false };
    }
    return empty;
  }

  // A new line under `causes:` (or between its items) takes new items: never words from the file.
  const listItems = ctx.listPath ? lineItems(name, ctx.listPath, ctx, env, lines) : [];
  if (ctx.kind === 'none') return { items: listItems, isIncomplete: false };
  if (ctx.kind === 'key') return { items: [...keyItems(name, ctx.path, ctx, env, lines), ...listItems], isIncomplete: false };

  const valuePath = ctx.valuePath ?? [];
  const schema = schemaAt(name, valuePath);
  const kind = name === 'config' ? undefined : name;
  const ref = kind ? referenceFieldAt(kind, valuePath) : undefined;
  if (ref) return referenceItems(ref, ctx, options, lines, kind!);
  if (!schema) return empty;

  const items: CompletionEntry[] = afterKeyItems(name, ctx, env, lines);
  if (ctx.bareItem && isObjectSchema(schema) && ctx.word.indexOf(':') < 0) {
    // `- |` in a list of mappings: the item's first key.
    items.push(...keyItems(name, valuePath, { ...ctx, presentKeys: [] }, env, lines));
  }
  const values = enumOf(schema);
  if (values && name !== 'config' && name !== 'known_error' && valuePath.length === 1 && valuePath[0] === 'priority') {
    // The priority the matrix gives comes first.
    const fromMatrix = matrixPriority(env.config, rootFacts(lines, env.doc));
    items.push(
      ...valueItems(values, ctx, schema.description).map((e) =>
        e.label === fromMatrix?.priority
          ? {
              ...e,
              sortText: '',
              preselect: true,
              detail: t(
                'impact {0} × urgency {1} ({2})',
                String(rootValue(lines, env.doc.start, env.doc.end, 'impact')),
                String(rootValue(lines, env.doc.start, env.doc.end, 'urgency')),
                fromMatrix.matrix,
              ),
            }
          : e,
      ),
    );
  } else if (values) items.push(...valueItems(values, ctx, schema.description));
  else if (typesOf(schema).includes('boolean')) items.push(...valueItems([true, false], ctx, schema.description));
  else if (schema.format === 'date-time' || schema.format === 'date') {
    const v = schema.format === 'date' ? env.now.slice(0, 10) : env.now;
    items.push({ ...valueItems([v], ctx, schema.format === 'date' ? t('Today') : t('Now'))[0], detail: schema.format === 'date' ? t('today') : t('now') });
  } else items.push(...knownValueItems(name, valuePath, ctx, env, lines));
  return { items, isIncomplete: false };
}

function keyItems(name: SchemaName, path: readonly Segment[], ctx: CursorContext, env: SnippetEnv, lines: readonly string[]): CompletionEntry[] {
  const present = new Set(ctx.presentKeys);
  const lineText = lines[ctx.range.end.line] ?? '';
  // On an existing key (`sta|tus: new`), only the name is replaced.
  const keyOnly = lineText.slice(ctx.range.end.character).trimStart().startsWith(':');
  // The editor indents a snippet's later lines like the current line; a list item's keys sit
  // two columns further in, after the `- `.
  const lead = /^ */.exec(lineText)![0].length;
  const extra = ' '.repeat(Math.max(0, ctx.indent - lead));
  const reindent = (s: string) => ctx.insertPrefix + s.replace(/\n/g, '\n' + extra);
  const kind = name === 'config' ? undefined : name;
  const out: CompletionEntry[] = [];
  propertiesAt(name, path).forEach((p, i) => {
    if (present.has(p.name)) return;
    const ref = kind ? referenceFieldAt(kind, [...path, p.name]) : undefined;
    const type = typeLabel(p.schema, ref, schemaAt(name, [...path, p.name, 0]));
    const detail = p.required ? t('{0} · required', type) : type;
    const order = (p.required ? 0 : 1) * 1000 + i * 2;
    if (keyOnly) {
      out.push({ label: p.name, kind: 'property', detail, documentation: p.description, insertText: ctx.insertPrefix + p.name, snippet: false, range: ctx.range, sortText: pad(order) });
      return;
    }
    const ins = propertyInsert(p, ref, env);
    out.push({
      label: p.name,
      kind: 'property',
      detail,
      documentation: p.description,
      insertText: reindent(ins.text),
      snippet: true,
      range: ctx.range,
      sortText: pad(order),
      retrigger: ins.retrigger || undefined,
    });
    const block = blockSnippet(name, path, p.name, env);
    if (block) {
      const body = emit(block, env.unit);
      const insert = 'seq' in block || 'map' in block ? `${p.name}:\n${body.map((l) => env.unit + l).join('\n')}` : `${p.name}: ${body[0]}`;
      out.push({
        label: p.name,
        kind: 'block',
        detail: t('{0} block', p.name),
        documentation: `${p.description ?? ''}\n\n${t('Inserts the whole block:')}\n\n\`\`\`yaml\n${insert.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:?([^}]*)\}/g, '$1').replace(/\$\d+/g, '')}\n\`\`\``,
        insertText: reindent(insert),
        snippet: true,
        range: ctx.range,
        sortText: pad(order + 1),
      });
    }
  });
  return out;
}

function valueItems(values: readonly unknown[], ctx: CursorContext, description: string | undefined): CompletionEntry[] {
  return values.map((v, i) => ({
    label: String(v),
    kind: 'value' as const,
    documentation: description,
    insertText: ctx.insertPrefix + (ctx.quoted && typeof v === 'string' ? JSON.stringify(v) : yamlScalar(v)),
    snippet: false,
    range: ctx.range,
    sortText: pad(i),
    filterText: ctx.quoted ? `"${String(v)}` : undefined,
  }));
}

/** Values the workspace already knows for free-text fields: categories, fishbone bones, teams. */
function knownValueItems(name: SchemaName, valuePath: readonly Segment[], ctx: CursorContext, env: SnippetEnv, lines: readonly string[]): CompletionEntry[] {
  const at = valuePath.map((s) => (typeof s === 'number' ? '#' : s)).join('.');
  const config = env.config;
  let values: string[] = [];
  let detail = '';
  if (name !== 'config' && at === 'id') {
    // The file's name when it is a free id of this kind, and the next free id.
    const base = env.path.slice(env.path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
    const own = rootValue(lines, ctx.docStartLine, ctx.docEndLine, 'id');
    const fromFile = idPattern(config, name).test(base) && (!env.workspace.get(base) || base === own) ? [base] : [];
    values = [...new Set([...fromFile, env.workspace.nextId(name)])];
    detail = t('free id');
  } else if (name !== 'config' && at === 'category' && config.categories) {
    values = config.categories;
    detail = t('category from kedb.config.yaml');
  } else if (name === 'problem' && at === 'rca.fishbone.categories.#.name') {
    // The configured bones not yet used in this diagram.
    const used = new Set<string>();
    for (let i = ctx.docStartLine; i < ctx.docEndLine; i++) {
      const m = /^\s*-\s+name:\s*["']?([^"'#]+?)["']?\s*(#.*)?$/.exec(lines[i]);
      if (m && i !== ctx.range.start.line) used.add(m[1]);
    }
    values = config.fishboneCategories.filter((c) => !used.has(c));
    detail = t('fishbone category');
  } else if (name === 'incident' && at === 'escalation.team') {
    const routed = escalationTeam(rootFacts(lines, { start: ctx.docStartLine, end: ctx.docEndLine }), config);
    values = [...new Set([routed, ...config.escalation.routes.map((r) => r.team), config.escalation.defaultTeam])];
    detail = t('team');
  }
  return valueItems(values, ctx, undefined).map((e, i) => ({ ...e, detail: i === 0 && at === 'escalation.team' ? t('routed team') : detail }));
}

function referenceItems(
  ref: { kind: RecordKind; list: boolean; path: string[]; whole: boolean },
  ctx: CursorContext,
  options: CompletionOptions,
  lines: readonly string[],
  fromKind: RecordKind,
): CompletionResult {
  const ws = options.workspace;
  const selfId = rootValue(lines, ctx.docStartLine, ctx.docEndLine, 'id');
  // Ids already in this list (elsewhere than at the cursor) are not offered again.
  const taken = new Set<string>();
  const doc = options.documents?.[ctx.docIndex];
  if (ref.list && doc) {
    const found = locate(doc, ref.path);
    const index = ref.whole ? -1 : (ctx.valuePath?.[ref.path.length] as number);
    if (found && isSeq(found.node)) {
      found.node.items.forEach((item, i) => {
        if (i !== index && isScalar(item) && typeof item.value === 'string') taken.add(item.value);
      });
    }
  }
  // Cheap facts first: a 20,000-incident workspace is filtered before anything is summarised.
  let candidates: RecordEntry[] = [];
  for (const r of ws.records(ref.kind)) {
    if (r.id !== undefined && r.id !== selfId && !taken.has(r.id)) candidates.push(r);
  }
  const max = options.maxReferences ?? 1000;
  let isIncomplete = false;
  if (candidates.length > max) {
    isIncomplete = true;
    const w = ctx.word.toLowerCase();
    if (w) {
      candidates = candidates.filter((r) => {
        const title = r.value.title;
        return r.id!.toLowerCase().includes(w) || (typeof title === 'string' && title.toLowerCase().includes(w));
      });
    }
  }
  // Records that already point back at this one come first (an incident whose problem is this).
  const linksBack = (v: Record<string, unknown>): boolean => {
    if (!selfId) return false;
    if (fromKind === 'problem' && ref.kind === 'incident') return v.problem === selfId;
    if (fromKind === 'problem' && ref.kind === 'known_error') return v.problem === selfId;
    if (fromKind === 'known_error' && ref.kind === 'problem') return v.known_error === selfId;
    if (fromKind === 'incident' && ref.kind === 'problem') return Array.isArray(v.incidents) && v.incidents.includes(selfId);
    return false;
  };
  const list = candidates.map((r) => ({ r, back: linksBack(r.value) }));
  list.sort((a, b) => Number(b.back) - Number(a.back) || ID_ORDER.compare(a.r.id!, b.r.id!));
  if (list.length > max) list.length = max;
  const items = list.map(({ r, back }, i): CompletionEntry => {
    const s = summarize(r)!;
    const facts = [s.status, s.priority].filter(Boolean).join(' · ');
    const value = ref.whole ? `[${s.id}]` : s.id;
    return {
      label: s.id,
      kind: 'reference',
      detail: s.title,
      description: facts || undefined,
      documentation: `**${s.id}** — ${s.title}\n\n${[s.status && t('Status: {0}', s.status), s.priority && t('Priority: {0}', s.priority), back && t('Links back to {0}', String(selfId))].filter(Boolean).join('  \n')}\n\n\`${s.file}\``,
      insertText: ctx.insertPrefix + value,
      snippet: false,
      range: ctx.range,
      sortText: pad(i),
      filterText: ctx.quoted ? `"${s.id} ${s.title}` : `${s.id} ${s.title}`,
      preselect: back && i === 0 ? true : undefined,
    };
  });
  return { items, isIncomplete };
}
