import { kindNoun } from '../schema/validate';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { kindFor, referenceFieldAt, referenceTypeLabel, schemaNameFor } from './completion';
import { t } from '../base/l10n';
import { idPattern } from '../records/config';
import type { RangedFile } from '../records/parse';
import { referenceFields } from '../records/references';
import { describeKey, enumOf, schemaAt, typesOf, type Segment } from '../schema/navigate';
import { summarize, type RecordSummary } from '../workspace/summary';
import { LineIndex, oneLine, stripBom } from '../base/lines';
import type { FileEdit, FileRange, Position, Range, RecordKind } from '../base/types';
import type { RecordStore } from '../workspace/store';
import { cursorContext } from '../yaml/cursor';
import { locate, nodeRange } from '../yaml/locate';

/** An id written in a file: a record's own `id`, or a reference field naming another record. */
export interface IdSite {
  id: string;
  range: Range;
  role: 'definition' | 'reference';
  /** The record's kind (definition) or the kind the field expects (reference). */
  kind: RecordKind | undefined;
  docIndex: number;
  /** Path of the value inside its record, e.g. ['incidents', 2]. */
  path: Segment[];
}

/** The ids of one record (one YAML document) with their ranges. */
export interface RecordSites {
  docIndex: number;
  kind: RecordKind;
  definition: IdSite | undefined;
  references: IdSite[];
}

/**
 * How navigation reads the workspace. `textOf` should return an open editor's buffer when there
 * is one, so that ranges match what the user sees.
 */
export interface NavigationHost {
  workspace: RecordStore;
  textOf?(path: string): string | undefined;
}

// ---- syntax trees of other files --------------------------------------------------------------

/** What navigation needs of a file: its YAML documents with source ranges, and its lines. */
export type SyntaxFile = Pick<RangedFile, 'lines' | 'documents'>;

/** Parses YAML with ranges only: no validation, which navigation over many files does not need. */
export function parseSyntax(rawText: string): SyntaxFile {
  const text = stripBom(rawText);
  const documents = parseAllDocuments(text, { prettyErrors: false });
  return { lines: new LineIndex(text), documents: Array.isArray(documents) ? documents : [] };
}

const cache = new Map<string, { text: string; syntax: SyntaxFile }>();

/** The syntax tree of a file (the open buffer's when the host has one), kept for the last 64 files. */
export function syntaxOf(host: NavigationHost, path: string): SyntaxFile | undefined {
  const text = host.textOf?.(path) ?? host.workspace.textOf(path);
  if (text === undefined) return undefined;
  const hit = cache.get(path);
  if (hit && hit.text === text) return hit.syntax;
  const syntax = parseSyntax(text);
  cache.delete(path);
  cache.set(path, { text, syntax });
  if (cache.size > 64) cache.delete(cache.keys().next().value as string);
  return syntax;
}

// ---- sites -----------------------------------------------------------------------------------

/** A scalar's range without its quotes, so that a rename keeps them. */
function innerRange(node: Node, lines: LineIndex): Range | undefined {
  const r = node.range;
  if (!r) return undefined;
  let [start, end] = [r[0], r[1]];
  const first = lines.text[start];
  if ((first === '"' || first === "'") && end - start >= 2 && lines.text[end - 1] === first) {
    start++;
    end--;
  }
  return lines.range(start, end);
}

function stringAt(doc: Document, path: readonly Segment[]): { value: string; node: Node } | undefined {
  const found = locate(doc, path);
  const node = found?.node;
  if (isScalar(node) && typeof node.value === 'string') return { value: node.value, node };
  return undefined;
}

/** Every id site of every record in a file, read from the syntax tree (works on broken files). */
export function recordSites(ranged: SyntaxFile, filePath: string): RecordSites[] {
  const out: RecordSites[] = [];
  ranged.documents.forEach((doc, docIndex) => {
    if (!isMap(doc.contents)) return;
    const declared = stringAt(doc, ['kind'])?.value;
    const kind = declared !== undefined ? (['incident', 'problem', 'known_error'].includes(declared) ? (declared as RecordKind) : undefined) : kindFor(filePath, [], 0, 0);
    const idNode = stringAt(doc, ['id']);
    const idRange = idNode && innerRange(idNode.node, ranged.lines);
    // Only records have ids: an `id:` in some other YAML file (a CI workflow, a manifest) is not ours.
    if (!kind) return;
    const definition: IdSite | undefined =
      idNode && idRange && idNode.value ? { id: idNode.value, range: idRange, role: 'definition', kind, docIndex, path: ['id'] } : undefined;
    const references: IdSite[] = [];
    {
      for (const f of referenceFields(kind)) {
        const found = locate(doc, f.path);
        if (!found?.node) continue;
        const add = (node: unknown, path: Segment[]) => {
          if (!isScalar(node) || typeof node.value !== 'string' || !node.value) return;
          const range = innerRange(node, ranged.lines);
          if (range) references.push({ id: node.value, range, role: 'reference', kind: f.kind, docIndex, path });
        };
        if (f.list && isSeq(found.node)) found.node.items.forEach((item, i) => add(item, [...f.path, i]));
        else if (!f.list) add(found.node, [...f.path]);
      }
    }
    out.push({ docIndex, kind, definition, references });
  });
  return out;
}

function contains(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

/** The id token at a position: the value of `id:` or of a reference field (list items included). */
export function idAt(ranged: SyntaxFile, filePath: string, position: Position): IdSite | undefined {
  for (const rec of recordSites(ranged, filePath)) {
    if (rec.definition && contains(rec.definition.range, position)) return rec.definition;
    const ref = rec.references.find((r) => contains(r.range, position));
    if (ref) return ref;
  }
  return undefined;
}

/** Where a record is defined: its file and the range of its `id` value. Several when duplicated. */
export function definitionsOf(host: NavigationHost, id: string): FileRange[] {
  const out: FileRange[] = [];
  const files = [...new Set(host.workspace.getAll(id).map((r) => r.file))];
  for (const file of files) {
    const ranged = syntaxOf(host, file);
    if (!ranged) continue;
    for (const rec of recordSites(ranged, file)) {
      if (rec.definition?.id === id) out.push({ file, range: rec.definition.range });
    }
  }
  return out;
}

function compareRanges(a: FileRange, b: FileRange): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * Every place an id is written: its definition (when `includeDefinition`) and every reference
 * to it, across files, sorted by file and position. `extraFiles` are searched too (the current
 * document, whose newest text the index may not have yet).
 */
export function findReferences(host: NavigationHost, id: string, includeDefinition = true, extraFiles: readonly string[] = []): (FileRange & { role: IdSite['role'] })[] {
  const ws = host.workspace;
  const files = new Set<string>(extraFiles);
  for (const r of ws.getAll(id)) files.add(r.file);
  for (const r of ws.referencesTo(id)) files.add(r.file);
  const out: (FileRange & { role: IdSite['role'] })[] = [];
  for (const file of files) {
    const ranged = syntaxOf(host, file);
    if (!ranged) continue;
    for (const rec of recordSites(ranged, file)) {
      if (includeDefinition && rec.definition?.id === id) out.push({ file, range: rec.definition.range, role: 'definition' });
      for (const ref of rec.references) if (ref.id === id) out.push({ file, range: ref.range, role: 'reference' });
    }
  }
  return out.sort(compareRanges);
}

// ---- rename ----------------------------------------------------------------------------------

export interface RenamePlan {
  edits: FileEdit[];
  /** Files named after the old id, renamed after the new one. */
  renames: { from: string; to: string }[];
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
}

/** Why a new id cannot be used, or undefined when it can. */
export function checkNewId(host: NavigationHost, oldId: string, newId: string, kind: RecordKind | undefined): string | undefined {
  if (!newId.trim()) return t('The new id is empty.');
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(newId)) return t('"{0}" is not a valid id: use letters, digits, "-", "_" and ".".', newId);
  if (kind && !idPattern(host.workspace.config, kind).test(newId)) {
    const prefix = host.workspace.config.idPrefixes[kind];
    return t('"{0}" does not match the {1} id pattern: {2}- and at least four digits, e.g. {2}-0001.', newId, kindNoun(kind), prefix);
  }
  if (newId !== oldId) {
    const taken = host.workspace.get(newId);
    if (taken) return t('{0} is already the id of a record in {1}.', newId, taken.file);
  }
  return undefined;
}

/**
 * The edits that rename an id everywhere: its definition, every reference, and the file named
 * after it. Returns an error message when the new id cannot be used.
 */
export function planRename(host: NavigationHost, oldId: string, newId: string, kind?: RecordKind, extraFiles: readonly string[] = []): RenamePlan | { error: string } {
  const k = kind ?? host.workspace.get(oldId)?.kind;
  const problem = checkNewId(host, oldId, newId, k);
  if (problem) return { error: problem };
  if (newId === oldId) return { edits: [], renames: [] };
  const sites = findReferences(host, oldId, true, extraFiles);
  const edits: FileEdit[] = sites.map((s) => ({ file: s.file, range: s.range, newText: newId }));
  const renames: RenamePlan['renames'] = [];
  for (const file of new Set(sites.filter((s) => s.role === 'definition').map((s) => s.file))) {
    if (baseName(file) !== oldId || host.workspace.recordsInFile(file).length > 1) continue;
    const to = file.slice(0, file.lastIndexOf('/') + 1) + newId + file.slice(file.lastIndexOf('/') + 1 + oldId.length);
    if (host.workspace.hasFile(to)) return { error: t('Cannot rename {0}: {1} already exists.', file, to) };
    renames.push({ from: file, to });
  }
  return { edits, renames };
}

// ---- links and outline -----------------------------------------------------------------------

export interface IdLink {
  range: Range;
  id: string;
  /** The file defining the id. */
  file: string;
}

/** A link on every reference value whose record exists. */
export function documentLinks(ranged: SyntaxFile, filePath: string, ws: RecordStore): IdLink[] {
  const out: IdLink[] = [];
  for (const rec of recordSites(ranged, filePath)) {
    for (const ref of rec.references) {
      const target = ws.get(ref.id);
      if (target) out.push({ range: ref.range, id: ref.id, file: target.file });
    }
  }
  return out;
}

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'record' | 'category' | 'cause';
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** A node's range without the line breaks and blanks a block collection ends with. */
function symbolRange(node: Node | null | undefined, lines: LineIndex): Range | undefined {
  const r = node?.range;
  if (!r) return undefined;
  let end = r[1];
  while (end > r[0] && /\s/.test(lines.text[end - 1])) end--;
  return lines.range(r[0], end);
}

function causeSymbols(node: unknown, lines: LineIndex): OutlineSymbol[] {
  if (!isSeq(node)) return [];
  const out: OutlineSymbol[] = [];
  for (const item of node.items) {
    const range = symbolRange(item as Node, lines);
    if (!range) continue;
    if (isScalar(item)) {
      out.push({ name: oneLine(String(item.value ?? '')) || t('(empty)'), detail: '', kind: 'cause', range, selectionRange: range, children: [] });
    } else if (isMap(item)) {
      const textNode = item.get('text', true);
      const text = isScalar(textNode) ? String(textNode.value ?? '') : '';
      const children = causeSymbols(item.get('causes', true), lines);
      out.push({
        name: oneLine(text) || t('(cause)'),
        detail: children.length === 0 ? '' : children.length === 1 ? t('1 sub-cause') : t('{0} sub-causes', children.length),
        kind: 'cause',
        range,
        selectionRange: (isScalar(textNode) && nodeRange(textNode, lines)) || range,
        children,
      });
    }
  }
  return out;
}

/** The outline: one symbol per record, `ID — title`, with the fishbone's categories and causes. */
export function outline(ranged: SyntaxFile, filePath: string): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const sites = recordSites(ranged, filePath);
  for (const rec of sites) {
    const doc = ranged.documents[rec.docIndex];
    const range = symbolRange(doc.contents as Node, ranged.lines);
    if (!range) continue;
    const title = stringAt(doc, ['title'])?.value;
    const id = rec.definition?.id;
    const children: OutlineSymbol[] = [];
    const cats = locate(doc, ['rca', 'fishbone', 'categories'])?.node;
    if (isSeq(cats)) {
      for (const cat of cats.items) {
        const catRange = symbolRange(cat as Node, ranged.lines);
        if (!catRange || !isMap(cat)) continue;
        const nameNode = cat.get('name', true);
        const causes = causeSymbols(cat.get('causes', true), ranged.lines);
        children.push({
          name: (isScalar(nameNode) ? String(nameNode.value ?? '') : '') || t('(unnamed)'),
          detail: causes.length === 1 ? t('1 cause') : t('{0} causes', causes.length),
          kind: 'category',
          range: catRange,
          selectionRange: (isScalar(nameNode) && nodeRange(nameNode, ranged.lines)) || catRange,
          children: causes,
        });
      }
    }
    out.push({
      name: `${id ?? t('(no id)')} — ${title ? oneLine(title) : t('(untitled)')}`,
      detail: rec.kind ? kindNoun(rec.kind) : '',
      kind: 'record',
      range,
      selectionRange: rec.definition?.range ?? range,
      children,
    });
  }
  return out;
}

// ---- hover -----------------------------------------------------------------------------------

export type HoverInfo =
  | {
      kind: 'id';
      range: Range;
      id: string;
      role: IdSite['role'];
      /** The record the id names, when it exists. */
      record: RecordSummary | undefined;
      /** The kind the field expects (a reference), for "no such record" messages. */
      expects: RecordKind | undefined;
      /** Ids of the records that refer to this one (for a definition). */
      referencedBy: string[];
    }
  | { kind: 'key'; range: Range; key: string; path: Segment[]; description: string; type: string; allowed: string[] | undefined };

/**
 * What to show when hovering: an id's record, or a key's schema description (a value shows its
 * key's description).
 */
export function hoverAt(ranged: SyntaxFile, filePath: string, position: Position, ws: RecordStore): HoverInfo | undefined {
  const site = idAt(ranged, filePath, position);
  if (site) {
    const record = ws.get(site.id);
    const referencedBy =
      site.role === 'definition' ? [...new Set(ws.referencesTo(site.id).map((r) => r.from.id).filter((x): x is string => !!x))].sort() : [];
    return {
      kind: 'id',
      range: site.range,
      id: site.id,
      role: site.role,
      record: record ? summarize(record) : undefined,
      expects: site.role === 'reference' ? site.kind : undefined,
      referencedBy,
    };
  }
  const ctx = cursorContext(ranged.lines.text, position, ranged.documents);
  if (ctx.kind === 'none') return undefined;
  const lines = ranged.lines.text.split('\n');
  const name = schemaNameFor(filePath, lines, ctx.docStartLine, ctx.docEndLine);
  if (!name) return undefined;
  let path: Segment[];
  let range: Range;
  if (ctx.kind === 'key') {
    const lineText = lines[ctx.range.start.line] ?? '';
    const key = lineText.slice(ctx.range.start.character, ctx.range.end.character).replace(/^["']|["']$/g, '');
    if (!key || !lineText.slice(ctx.range.end.character).trimStart().startsWith(':')) return undefined;
    path = [...ctx.path, key];
    range = ctx.range;
  } else {
    if (!ctx.valuePath || ctx.range.start.character === ctx.range.end.character) return undefined;
    path = ctx.valuePath;
    range = ctx.range;
  }
  const description = describeKey(name, path);
  const schema = schemaAt(name, path);
  if (!description || !schema) return undefined;
  const key = [...path].reverse().find((s): s is string => typeof s === 'string') ?? '';
  const kind = name === 'config' ? undefined : name;
  const ref = kind ? referenceFieldAt(kind, path) : undefined;
  const type = ref ? referenceTypeLabel(ref.kind, ref.list && ref.whole) : typesOf(schema).join(' | ');
  return { kind: 'key', range, key, path, description, type, allowed: enumOf(schema)?.map(String) };
}

/** Text from a file, escaped for Markdown but keeping its spaces. */
function markdownText(s: string): string {
  return s.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/&/g, '&amp;');
}

function markdownCode(s: string): string {
  // Inline code cannot hold a backtick run of its own length; none of ours has backticks.
  return '`' + s.replace(/`/g, "'") + '`';
}

/**
 * The hover's Markdown, in the user's language. Record titles come from files, so they go in as
 * escaped text. `openLink` gives the command link that opens a record (shown on a reference).
 */
export function hoverMarkdownText(info: HoverInfo, openLink: (id: string) => string): string {
  if (info.kind === 'key') {
    let md = `**${info.key}** · _${info.type}_\n\n${info.description}`;
    if (info.allowed && info.allowed.length > 1) md += `\n\n${t('Allowed: {0}', info.allowed.map(markdownCode).join(' · '))}`;
    return md;
  }
  const rec = info.record;
  if (!rec) {
    const noun = info.expects ? kindNoun(info.expects) : t('record');
    return `${markdownCode(info.id)}: ${markdownText(t('no {0} with this id exists in this workspace.', noun))}`;
  }
  let md = `**${rec.id}** — ${markdownText(rec.title)}`;
  const facts = [
    kindNoun(rec.kind),
    rec.status && t('status {0}', markdownCode(rec.status)),
    rec.priority && t('priority {0}', markdownCode(rec.priority)),
  ].filter(Boolean);
  md += `\n\n${facts.join(' · ')}`;
  if (info.referencedBy.length) md += `\n\n${t('Referenced by {0}', info.referencedBy.map(markdownCode).join(', '))}`;
  if (info.role === 'reference') {
    md += `\n\n[${t('Open {0}', rec.id)}](${openLink(rec.id)} "${t('Open {0}', rec.file).replace(/"/g, "'")}")`;
  }
  return md;
}

export type { RecordSummary };
