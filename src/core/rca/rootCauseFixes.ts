/**
 * The fixes for a root cause that matches nothing of the analysis, as plain data. Every fix is one
 * comment-preserving edit of the record's own file, built from the steps of `records/edits`
 * (`chainEdits` joins them): the entries and causes it touches are found by their path in the
 * parsed document, everything else stays as written.
 *
 * - `root-cause-unmatched` (a problem's `rca.root_causes` entry): "Mark "<cause>" as a root cause"
 *   when a fishbone cause is close to the entry (`closeness.ts`): that cause gets
 *   `root_cause: true` (a plain-text cause becomes `cause: …` with it) and the entry takes the
 *   cause's words; and "Add "<entry>" as a cause under <bone>", one per fishbone bone, which
 *   appends `{cause: <entry>, root_cause: true}` to that bone's causes.
 * - `known-error-root-cause-unmatched` (a known error's `root_causes` entry): "Replace with
 *   "<root cause>" from <problem>" when one of the problem's root causes is close.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { KedbConfig } from '../records/config';
import { chainEdits, endOfLine, findPair, insertLines, lineStart, recordDocument, setIn, toFileEdit, yamlInline, type TextEdit } from '../records/edits';
import type { FixableIssue, FixProvider, QuickFix, QuickFixContext } from '../workspace/fixes';
import { t } from '../base/l10n';
import { oneLine } from '../base/lines';
import { closestCause } from './closeness';
import { oneLineCause, problemRootCauses, rootCauseKey } from './diagnostics';
import { allCauses, readRca, type RcaPath } from './model';

type Step = (text: string) => TextEdit | undefined;

/** A string as a scalar inside `[…]` or `{…}`, where a plain `,` would end it. */
function flowInline(s: string): string {
  const inline = yamlInline(s);
  return /[,[\]{}]/.test(inline) && !inline.startsWith('"') ? JSON.stringify(s) : inline;
}

function nodeAt(text: string, ordinal: number, config: KedbConfig, path: RcaPath): { doc: Document; node: unknown } | undefined {
  const doc = recordDocument(text, ordinal, config);
  return doc ? { doc, node: doc.getIn(path, true) } : undefined;
}

function isFlow(node: unknown): boolean {
  return (isSeq(node) || isMap(node)) && node.flow === true;
}

/** Spaces as wide as the column of `offset`. */
function columnOf(text: string, offset: number): string {
  return ' '.repeat(offset - lineStart(text, offset));
}

/** Where a pair's text ends: past its value's line (a block value's range already ends there). */
function afterPair(text: string, pair: Pair<Node, Node | null>): number {
  const v = pair.value;
  const end = v?.range && v.range[1] > v.range[0] ? v.range[1] : pair.key.range![1];
  return text[end - 1] === '\n' ? end : endOfLine(text, end);
}

/** Replaces the scalar at `path` (a list entry, a cause's text) by `value`, one line. */
function replaceScalar(ordinal: number, config: KedbConfig, path: RcaPath, value: string): Step {
  return (text) => {
    const at = nodeAt(text, ordinal, config, path);
    if (!at || !isScalar(at.node) || !at.node.range) return undefined;
    const [start, end] = at.node.range;
    const inline = isFlow(at.doc.getIn(path.slice(0, -1), true)) ? flowInline(value) : yamlInline(value);
    // A block scalar (`>-`) ends with its line break: keep it.
    return { start, end, text: inline + (text[end - 1] === '\n' ? '\n' : '') };
  };
}

/** A plain-text cause (`- text`) made a mapping (`- cause: text`), the text as written when it is one line. */
function causeToMapping(ordinal: number, config: KedbConfig, itemPath: RcaPath): Step {
  return (text) => {
    const at = nodeAt(text, ordinal, config, itemPath);
    if (!at || !isScalar(at.node) || !at.node.range || typeof at.node.value !== 'string') return undefined;
    const [start, end] = at.node.range;
    const cause = oneLineCause(at.node.value);
    if (isFlow(at.doc.getIn(itemPath.slice(0, -1), true))) return { start, end, text: `{cause: ${flowInline(cause)}, root_cause: true}` };
    const source = text.slice(start, end);
    const block = at.node.type === 'BLOCK_FOLDED' || at.node.type === 'BLOCK_LITERAL';
    if (block || source.trimEnd().includes('\n')) return { start, end, text: `cause: ${yamlInline(cause)}` + (text[end - 1] === '\n' ? '\n' : '') };
    return { start, end: start, text: 'cause: ' };
  };
}

/** `root_cause: true` on the cause mapping at `itemPath`: the value set, or the key added after `cause`. */
function setRootCause(ordinal: number, config: KedbConfig, itemPath: RcaPath): Step {
  return (text) => {
    const node = nodeAt(text, ordinal, config, itemPath)?.node;
    if (!isMap(node) || !node.range) return undefined;
    const pair = findPair(node, 'root_cause');
    if (pair) {
      const v = pair.value;
      if (isScalar(v) && v.value === true) return undefined;
      return isScalar(v) && v.range && v.range[1] > v.range[0] ? { start: v.range[0], end: v.range[1], text: 'true' } : undefined;
    }
    if (node.flow) {
      const close = text.lastIndexOf('}', node.range[1]);
      return close < 0 ? undefined : { start: close, end: close, text: ', root_cause: true' };
    }
    const anchor = findPair(node, 'cause') ?? (node.items[0] as Pair<Node, Node | null> | undefined);
    if (!anchor?.key.range) return undefined;
    return insertLines(text, afterPair(text, anchor), [`${columnOf(text, anchor.key.range[0])}root_cause: true`]);
  };
}

/** Appends `{cause, root_cause: true}` to the causes of the bone at `categoryPath`, in the list's style; the list made when empty. */
function appendCause(ordinal: number, config: KedbConfig, categoryPath: RcaPath, cause: string): Step[] {
  const flowItem = `{cause: ${flowInline(cause)}, root_cause: true}`;
  const blockItem = (dash: string) => [`${dash}- cause: ${yamlInline(cause)}`, `${dash}  root_cause: true`];
  const category = (text: string) => {
    const node = nodeAt(text, ordinal, config, categoryPath)?.node;
    return isMap(node) && node.range ? node : undefined;
  };
  // First an empty list (`causes: []`, `causes: ~`) becomes a bare `causes:` in a block bone, so
  // that the item is added as a block below it.
  const empty: Step = (text) => {
    const cat = category(text);
    const pair = cat && !cat.flow ? findPair(cat, 'causes') : undefined;
    const v = pair?.value;
    if (!pair?.key.range || !v?.range || v.range[1] <= v.range[0]) return undefined;
    const isEmpty = (isSeq(v) && v.flow && v.items.length === 0) || (isScalar(v) && v.value === null);
    return isEmpty ? { start: pair.key.range[1], end: v.range[1], text: ':' } : undefined;
  };
  const append: Step = (text) => {
    const cat = category(text);
    if (!cat) return undefined;
    const pair = findPair(cat, 'causes');
    if (!pair) {
      if (cat.flow) {
        const close = text.lastIndexOf('}', cat.range![1]);
        return close < 0 ? undefined : { start: close, end: close, text: `, causes: [${flowItem}]` };
      }
      const first = cat.items[0] as Pair<Node, Node | null> | undefined;
      const last = cat.items[cat.items.length - 1] as Pair<Node, Node | null> | undefined;
      if (!first?.key.range || !last) return undefined;
      const indent = columnOf(text, first.key.range[0]);
      return insertLines(text, afterPair(text, last), [`${indent}causes:`, ...blockItem(indent + '  ')]);
    }
    const seq = pair.value;
    if (!seq || (isScalar(seq) && seq.value === null)) {
      if (!pair.key.range || cat.flow) return undefined;
      return insertLines(text, endOfLine(text, pair.key.range[1]), blockItem(columnOf(text, pair.key.range[0]) + '  '));
    }
    if (!isSeq(seq) || !seq.range) return undefined;
    if (seq.flow) {
      const close = text.lastIndexOf(']', seq.range[1]);
      return close < 0 ? undefined : { start: close, end: close, text: (seq.items.length ? ', ' : '') + flowItem };
    }
    const lastItem = seq.items[seq.items.length - 1] as Node | undefined;
    if (!lastItem?.range) return undefined;
    const dash = text.lastIndexOf('-', lastItem.range[0]);
    const end = text[seq.range[1] - 1] === '\n' ? seq.range[1] : endOfLine(text, seq.range[1]);
    return insertLines(text, end, blockItem(text.slice(lineStart(text, dash), dash)));
  };
  return [empty, append];
}

function oneEdit(ctx: QuickFixContext, file: string, text: string, steps: Step[]) {
  const e = chainEdits(text, steps);
  return e ? [toFileEdit(file, text, e, file === ctx.path ? ctx.ranged.lines : undefined)] : undefined;
}

function problemFixes(ctx: QuickFixContext, entry: string, index: number, ordinal: number): QuickFix[] {
  const config = ctx.workspace.config;
  const text = ctx.ranged.lines.text;
  const record = ctx.ranged.records[ordinal];
  if (record?.kind !== 'problem') return [];
  const rca = record.value.rca as Record<string, unknown> | undefined;
  const listed = Array.isArray(rca?.root_causes) ? rca.root_causes : [];
  // The diagnostic is about this entry: stale when the list changed since.
  if (typeof listed[index] !== 'string' || rootCauseKey(listed[index] as string) !== rootCauseKey(entry)) return [];
  const listedKeys = new Set(listed.filter((s): s is string => typeof s === 'string').map(rootCauseKey));
  const model = readRca(record.value, config);
  const fixes: QuickFix[] = [];
  const entryPath: RcaPath = ['rca', 'root_causes', index];

  // (a) The fishbone cause the entry probably means, if one is close and not listed already.
  const causes = [...allCauses(model)].map((c) => c.cause).filter((c) => c.text.trim() !== '' && !listedKeys.has(rootCauseKey(c.text)));
  const best = closestCause(entry, causes.map((c) => c.text));
  if (best >= 0) {
    const cause = causes[best];
    const words = oneLineCause(cause.text);
    const edits = oneEdit(ctx, ctx.path, text, [
      causeToMapping(ordinal, config, cause.itemPath),
      setRootCause(ordinal, config, cause.itemPath),
      replaceScalar(ordinal, config, entryPath, words),
    ]);
    const title = cause.rootCause ? t('Replace with "{0}" from the fishbone', oneLine(words, 60)) : t('Mark "{0}" as a root cause', oneLine(words, 60));
    if (edits) fixes.push({ title, isPreferred: true, edits });
  }

  // (b) The entry as a new cause, on the bone the author picks: the record's bones, else (no
  // categories written yet) the workspace's, the list of categories then made.
  const cause = oneLineCause(entry);
  const fishbone = (rca?.fishbone ?? {}) as Record<string, unknown>;
  for (const category of model.categories) {
    let edits;
    if (category.itemPath) edits = oneEdit(ctx, ctx.path, text, appendCause(ordinal, config, category.itemPath, cause));
    else if (fishbone.categories === undefined || fishbone.categories === null) {
      const block = [`- name: ${yamlInline(category.name)}`, '  causes:', `    - cause: ${yamlInline(cause)}`, '      root_cause: true'];
      edits = oneEdit(ctx, ctx.path, text, [(current) => setIn(current, ordinal, ['rca', 'fishbone', 'categories'], { block }, config)]);
    }
    if (edits) fixes.push({ title: t('Add "{0}" as a cause under {1}', oneLine(cause, 60), oneLine(category.name, 30)), edits });
  }
  return fixes;
}

function knownErrorFixes(ctx: QuickFixContext, entry: string, index: number, ordinal: number, problemId: string): QuickFix[] {
  const record = ctx.ranged.records[ordinal];
  if (record?.kind !== 'known_error') return [];
  const listed = Array.isArray(record.value.root_causes) ? record.value.root_causes : [];
  if (typeof listed[index] !== 'string' || rootCauseKey(listed[index] as string) !== rootCauseKey(entry)) return [];
  const problem = ctx.workspace.get(problemId);
  if (problem?.kind !== 'problem') return [];
  const listedKeys = new Set(listed.filter((s): s is string => typeof s === 'string').map(rootCauseKey));
  const candidates = problemRootCauses(readRca(problem.value, ctx.workspace.config)).filter((c) => !listedKeys.has(rootCauseKey(c)));
  const best = closestCause(entry, candidates);
  if (best < 0) return [];
  const text = ctx.ranged.lines.text;
  const edits = oneEdit(ctx, ctx.path, text, [replaceScalar(ordinal, ctx.workspace.config, ['root_causes', index], candidates[best])]);
  return edits ? [{ title: t('Replace with "{0}" from {1}', oneLine(candidates[best], 60), problemId), isPreferred: true, edits }] : [];
}

/** The quick fixes for a root cause that matches nothing of the analysis, best first; none for other codes. */
export function rootCauseFixes(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  const entry = issue.data?.rootCause;
  const index = issue.data?.index;
  if (typeof entry !== 'string' || entry.trim() === '' || typeof index !== 'number') return [];
  const ordinal = typeof issue.data?.ordinal === 'number' ? issue.data.ordinal : 0;
  if (issue.code === 'root-cause-unmatched') return problemFixes(ctx, entry, index, ordinal);
  if (issue.code === 'known-error-root-cause-unmatched' && typeof issue.data?.problem === 'string') return knownErrorFixes(ctx, entry, index, ordinal, issue.data.problem);
  return [];
}

/** The fixes for root causes that match nothing of the analysis, for the workspace's fix registry. */
export const rootCauseFixProvider: FixProvider = { codes: ['root-cause-unmatched', 'known-error-root-cause-unmatched'], fixes: rootCauseFixes };
