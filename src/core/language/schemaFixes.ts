import { kindNoun } from '../schema/validate';
import { isMap, isPair, isScalar, type Document, type Node, type Pair } from 'yaml';
import { kindFor, schemaNameFor } from './completion';
import { t } from '../base/l10n';
import { idPattern } from '../records/config';
import { planRename, recordSites, type NavigationHost } from './navigation';
import type { RangedFile } from '../records/parse';
import type { SchemaName } from '../schema/schemas';
import { placeholderFor, propertiesAt, schemaAt, yamlScalar, type Segment } from '../schema/navigate';
import { closest, editDistance } from '../base/words';
import { isoWithOffset, recordTemplate } from '../records/templates';
import { folderFor, KIND_FOLDERS } from '../records/kinds';
import type { FileEdit, Position, Range, RecordKind } from '../base/types';
import type { RecordStore } from '../workspace/store';
import { locate } from '../yaml/locate';
import { oneLine } from '../base/lines';
import type { FixableIssue, FixProvider, QuickFix, QuickFixContext } from '../workspace/fixes';

function docAt(ranged: RangedFile, pos: Position): { doc: Document; index: number } | undefined {
  const offset = ranged.lines.offset(pos);
  const index = ranged.documents.findIndex((d) => d.range && offset >= d.range[0] && offset <= d.range[2]);
  return index < 0 ? undefined : { doc: ranged.documents[index], index };
}

function pathOf(data: Record<string, unknown> | undefined): Segment[] {
  const p = data?.path;
  return Array.isArray(p) ? p.map((s) => (typeof s === 'number' ? s : /^\d+$/.test(String(s)) ? Number(s) : String(s))) : [];
}

/** Where the text after a pair ends: the start of the line after its value (and its comment). */
function afterPair(pair: Pair, text: string): { offset: number; needsNewline: boolean } {
  const value = pair.value as Node | null;
  const key = pair.key as Node | null;
  const end = (value?.range && value.range[1] > value.range[0] ? value.range[1] : key?.range?.[1]) ?? 0;
  if (end > 0 && text[end - 1] === '\n') return { offset: end, needsNewline: false };
  const nl = text.indexOf('\n', end);
  return nl < 0 ? { offset: text.length, needsNewline: true } : { offset: nl + 1, needsNewline: false };
}

/** The position reached after inserting `inserted` at `at`. */
function advance(at: Position, inserted: string): Position {
  const parts = inserted.split('\n');
  if (parts.length === 1) return { line: at.line, character: at.character + inserted.length };
  return { line: at.line + parts.length - 1, character: parts[parts.length - 1].length };
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

function title(ws: RecordStore, id: string): string {
  const value = ws.get(id)?.value.title;
  return typeof value === 'string' && value ? value : '';
}

/** Replaces the value at `range`, or inserts one after the colon when the value is empty. */
function setValue(ranged: RangedFile, file: string, range: Range, path: Segment[], value: string): FileEdit {
  const at = docAt(ranged, range.start);
  const found = at ? locate(at.doc, path) : null;
  const node = found?.node;
  const empty = !node || !node.range || node.range[1] <= node.range[0];
  if (empty && found?.key?.range) {
    const text = ranged.lines.text;
    const colon = text.indexOf(':', found.key.range[1]);
    const pos = ranged.lines.position(colon + 1);
    return { file, range: { start: pos, end: pos }, newText: ' ' + value };
  }
  return { file, range, newText: value };
}

// ---- one function per issue code ---------------------------------------------------------------

function invalidValue(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  const suggestions = (issue.data?.suggestions as unknown[] | undefined) ?? [];
  const allowed = (issue.data?.allowed as unknown[] | undefined) ?? [];
  const close = suggestions.length > 0;
  const values = close ? suggestions : allowed;
  return values.map((v, i) => ({
    title: t('Change to {0}', yamlScalar(v)),
    isPreferred: close && i === 0 ? true : undefined,
    edits: [setValue(ctx.ranged, ctx.path, issue.range, issue.code === 'unknown-kind' ? ['kind'] : pathOf(issue.data), yamlScalar(v))],
  }));
}

function unknownProperty(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  const suggestions = (issue.data?.suggestions as string[] | undefined) ?? [];
  const at = docAt(ctx.ranged, issue.range.start);
  const parent = at ? locate(at.doc, pathOf(issue.data))?.node : undefined;
  const present = new Set(isMap(parent) ? parent.items.filter(isPair).map(keyName) : []);
  return suggestions
    .filter((s) => !present.has(s))
    .map((s, i) => ({
      title: t('Rename to "{0}"', s),
      isPreferred: i === 0 ? true : undefined,
      edits: [{ file: ctx.path, range: issue.range, newText: s }],
    }));
}

function missingProperty(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  const prop = issue.data?.property;
  if (typeof prop !== 'string') return [];
  const path = pathOf(issue.data);
  const at = docAt(ctx.ranged, issue.range.start);
  if (!at) return [];
  const map = locate(at.doc, path)?.node;
  if (!isMap(map)) return [];
  const lines = ctx.ranged.lines;
  const docLines = lines.text.split('\n');
  const startLine = lines.position(at.doc.range?.[0] ?? 0).line;
  const endLine = lines.position(at.doc.range?.[2] ?? lines.text.length).line + 1;
  const name = schemaNameFor(ctx.path, docLines, startLine, endLine);
  if (!name) return [];
  const placeholder = placeholderValue(name, path, prop, ctx, kindFor(ctx.path, docLines, startLine, endLine));
  const pairs = map.items.filter(isPair);
  const fixTitle = t('Add "{0}: {1}"', prop, placeholder);

  if (map.flow) {
    const last = pairs[pairs.length - 1];
    const end = (last?.value as Node | null)?.range?.[1] ?? (last?.key as Node | null)?.range?.[1] ?? (map.range ? map.range[0] + 1 : 0);
    const pos = lines.position(end);
    return [{ title: fixTitle, isPreferred: true, edits: [{ file: ctx.path, range: { start: pos, end: pos }, newText: `${pairs.length ? ', ' : ''}${prop}: ${placeholder}` }] }];
  }

  // Keep the schema's order: after the last present key that the schema lists before this one.
  const order = propertiesAt(name, path).map((p) => p.name);
  const rank = order.indexOf(prop);
  let after: Pair | undefined;
  let afterRank = -1;
  for (const p of pairs) {
    const r = order.indexOf(keyName(p) ?? '');
    if (r >= 0 && r < rank && r > afterRank) {
      after = p;
      afterRank = r;
    }
  }
  const firstKey = pairs[0]?.key as Node | undefined;
  if (!firstKey?.range) return [];
  const indent = lines.position(firstKey.range[0]).character;
  const line = `${prop}: ${placeholder}`;
  let insertAt: Position;
  let newText: string;
  let placeholderAt: Position;
  if (after) {
    const { offset, needsNewline } = afterPair(after, lines.text);
    insertAt = lines.position(offset);
    const lead = (needsNewline ? '\n' : '') + ' '.repeat(indent);
    newText = `${lead}${line}${needsNewline ? '' : '\n'}`;
    placeholderAt = advance(insertAt, `${lead}${prop}: `);
  } else {
    insertAt = lines.position(firstKey.range[0]);
    newText = `${line}\n${' '.repeat(indent)}`;
    placeholderAt = advance(insertAt, `${prop}: `);
  }
  return [
    {
      title: fixTitle,
      isPreferred: true,
      edits: [{ file: ctx.path, range: { start: insertAt, end: insertAt }, newText }],
      select: { start: placeholderAt, end: { line: placeholderAt.line, character: placeholderAt.character + placeholder.length } },
    },
  ];
}

/** The value a missing property starts with: the schema's, or a fitting id for `id`. */
function placeholderValue(name: SchemaName, path: Segment[], prop: string, ctx: QuickFixContext, kind: RecordKind | undefined): string {
  if (path.length === 0 && prop === 'id' && kind) {
    const fromFile = baseName(ctx.path);
    if (idPattern(ctx.workspace.config, kind).test(fromFile) && !ctx.workspace.get(fromFile)) return fromFile;
    return ctx.workspace.nextId(kind);
  }
  const schema = schemaAt(name, [...path, prop]);
  return schema ? placeholderFor(schema) : '""';
}

function idFilenameMismatch(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  const id = issue.data?.id;
  const fileId = issue.data?.fileId;
  if (typeof id !== 'string' || typeof fileId !== 'string') return [];
  const ws = ctx.workspace;
  const fixes: QuickFix[] = [];
  const file = ctx.path;
  const ext = /\.ya?ml$/i.exec(file)?.[0] ?? '.yaml';
  const to = `${dirOf(file)}${id}${ext}`;
  const duplicated = ws.getAll(id).length > 1;
  const docLines = ctx.ranged.lines.text.split('\n');
  const kind = kindFor(file, docLines, 0, docLines.length) ?? ws.get(id)?.kind;
  let changeId: QuickFix | undefined;
  if (kind && idPattern(ws.config, kind).test(fileId) && !ws.get(fileId)) {
    const host: NavigationHost = { workspace: ws, textOf: (p) => (p === file ? ctx.ranged.lines.text : ctx.textOf?.(p)) };
    // The id is unique: rename it everywhere, so that references follow. A duplicated id is
    // ambiguous: only this record's own id changes.
    const plan = duplicated ? undefined : planRename(host, id, fileId, kind, [file]);
    const edits = plan && 'edits' in plan ? plan.edits : [{ file, range: issue.range, newText: fileId }];
    const others = new Set(edits.filter((e) => e.file !== file).map((e) => e.file)).size;
    changeId = {
      title:
        others === 0
          ? t('Change the id to {0}', fileId)
          : others === 1
            ? t('Change the id to {0} (and the references in 1 other file)', fileId)
            : t('Change the id to {0} (and the references in {1} other files)', fileId, others),
      edits,
    };
  }
  if (!ws.hasFile(to)) {
    fixes.push({ title: t('Rename the file to {0}', id + ext), isPreferred: !duplicated || !changeId ? true : undefined, edits: [], renameFile: { from: file, to } });
  }
  if (changeId) {
    if (duplicated || fixes.length === 0) changeId.isPreferred = true;
    fixes.push(changeId);
  }
  return fixes;
}

function unknownReference(issue: FixableIssue, ctx: QuickFixContext, create: boolean): QuickFix[] {
  const target = issue.data?.target;
  const kind = issue.data?.kind as RecordKind | undefined;
  if (typeof target !== 'string' || !kind || !(kind in KIND_FOLDERS)) return [];
  const ws = ctx.workspace;
  const fixes: QuickFix[] = [];
  const ids: string[] = [];
  for (const r of ws.records(kind)) if (r.id !== undefined && r.id !== target) ids.push(r.id);
  ids.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const near = closest(target, ids, 3);
  const wellFormed = idPattern(ws.config, kind).test(target);
  // A well-formed id that does not exist yet is most often a record still to write: creating it
  // is preferred. A malformed one next to an existing id is a typo of it.
  const typo = !wellFormed && near.length > 0 && editDistance(target.toLowerCase(), near[0].toLowerCase()) <= 2;

  if (create && wellFormed) {
    const path = `${folderFor(kind, ctx.path)}/${target}.yaml`;
    if (!ws.hasFile(path)) {
      const contents = newRecordText(kind, target, issue, ctx);
      fixes.push({
        title: t('Create {0} {1}', kindNoun(kind), target),
        isPreferred: typo ? undefined : true,
        edits: [],
        createFile: { path, contents },
        open: path,
      });
    }
  }
  near.forEach((id, i) => {
    const named = title(ws, id);
    fixes.push({
      title: named ? t('Change to {0} ({1})', id, oneLine(named, 48)) : t('Change to {0}', id),
      isPreferred: typo && i === 0 ? true : undefined,
      edits: [{ file: ctx.path, range: issue.range, newText: id }],
    });
  });
  if (ids.length > 0) {
    const label = kindNoun(kind);
    fixes.push({
      title: t('Pick an existing {0}…', label),
      edits: [],
      pick: {
        range: issue.range,
        placeHolder: t('Replace {0} with the id of an existing {1}', target, label),
        choices: ids.map((id) => {
          const r = ws.get(id)!;
          const status = typeof r.value.status === 'string' ? r.value.status : undefined;
          return { label: id, detail: title(ws, id) || undefined, description: status };
        }),
      },
    });
  }
  return fixes;
}

/** A new record from the template, linked back to the record that names it. */
function newRecordText(kind: RecordKind, id: string, issue: FixableIssue, ctx: QuickFixContext): string {
  const config = ctx.workspace.config;
  const now = ctx.now ?? isoWithOffset(new Date());
  const sites = recordSites(ctx.ranged, ctx.path);
  const offsetOf = (p: Position) => ctx.ranged.lines.offset(p);
  const here = offsetOf(issue.range.start);
  let fromKind: RecordKind | undefined;
  let fromId: string | undefined;
  let field: Segment | undefined;
  let fromProblem: string | undefined;
  for (const rec of sites) {
    const ref = rec.references.find((r) => offsetOf(r.range.start) <= here + 1 && offsetOf(r.range.end) >= here);
    if (ref) {
      fromKind = rec.kind;
      fromId = rec.definition?.id;
      field = ref.path[0];
      fromProblem = rec.references.find((r) => r.path[0] === 'problem')?.id;
    }
  }
  let problem: string | undefined;
  if (kind === 'incident' && fromKind === 'problem') problem = fromId;
  if (kind === 'known_error' && fromKind === 'problem') problem = fromId;
  if (kind === 'known_error' && fromKind === 'incident') problem = fromProblem;
  let text = recordTemplate(kind, { id, now, problem }, config);
  if (kind === 'problem' && fromId && fromKind === 'incident' && field === 'problem') {
    text = text.replace(/^incidents: \[\]$/m, `incidents:\n  - ${fromId}`);
  }
  if (kind === 'problem' && fromId && fromKind === 'known_error' && field === 'problem') {
    text = text.replace(/^(incidents: \[\])$/m, `$1\nknown_error: ${fromId}`);
  }
  return text;
}

/** The fixes of the schema, id and link checks (the store's own and the JSON Schema's issues). */
export const schemaFixes: FixProvider = {
  codes: ['invalid-value', 'unknown-kind', 'unknown-property', 'missing-property', 'id-filename-mismatch', 'unknown-reference', 'wrong-reference-kind'],
  fixes(issue, ctx) {
    switch (issue.code) {
      case 'invalid-value':
      case 'unknown-kind':
        return invalidValue(issue, ctx);
      case 'unknown-property':
        return unknownProperty(issue, ctx);
      case 'missing-property':
        return missingProperty(issue, ctx);
      case 'id-filename-mismatch':
        return idFilenameMismatch(issue, ctx);
      case 'unknown-reference':
        return unknownReference(issue, ctx, true);
      case 'wrong-reference-kind':
        return unknownReference(issue, ctx, false);
      default:
        return [];
    }
  },
};
