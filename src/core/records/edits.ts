/**
 * The one module for comment-preserving edits of a record's YAML: replace a value, set a value at a
 * path (creating the mappings on the way), append to a list in its own style, add top-level keys
 * after the keys they belong beside, and the text helpers those edits share. Every edit is
 * computed on the text as written and touches only the bytes it must; everything else, comments
 * included, stays as it was. Features (priority, the checklist, the KEDB) build their edits from
 * these, never from copies of them.
 */
import { isMap, isPair, isScalar, isSeq, parse, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FileEdit } from '../base/types';
import { LineIndex } from '../base/lines';
import type { KedbConfig } from './config';
import { parseRangedFile } from './parse';

/** A text replacement in one file: `[start, end)` offsets replaced by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A value to write: a scalar already in YAML form, or block lines (a mapping or a list) relative to the key. */
export type YamlValue = { inline: string } | { block: string[] };

const SPECIAL = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;

/** A string as a one-line YAML scalar: plain when that reads back the same, else double-quoted. */
export function yamlInline(s: string): string {
  if (/^[A-Za-z][A-Za-z0-9 ,.;()/&+'’_-]*$/.test(s) && !/\s$/.test(s) && !SPECIAL.test(s)) return s;
  return JSON.stringify(s);
}

/**
 * A string as YAML, readable: one line when short; a folded block (`>-`) wrapped at `width`
 * when long; a literal block (`|-`) when it has line breaks; double-quoted when neither block
 * would read back exactly.
 */
export function yamlString(s: string, width = 96): YamlValue {
  const inline = yamlInline(s);
  if (!s.includes('\n') && inline.length <= width) return { inline };
  // eslint-disable-next-line no-control-regex
  const plainText = !/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(s);
  if (plainText && !s.includes('\n') && !/^\s|\s$|\t/.test(s)) {
    const lines: string[] = [];
    let line = '';
    for (const word of s.split(/(?<! ) (?! )/)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
    const v: YamlValue = { block: ['>-', ...lines.map((l) => '  ' + l)] };
    if (readsBack(v, s)) return v;
  }
  if (plainText && s.includes('\n') && !/^\s|\n$/.test(s) && !/[ \t]\n/.test(s)) {
    const v: YamlValue = { block: ['|-', ...s.split('\n').map((l) => (l ? '  ' + l : ''))] };
    if (readsBack(v, s)) return v;
  }
  return { inline: JSON.stringify(s) };
}

function readsBack(v: YamlValue, s: string): boolean {
  try {
    return parse(render('k', v, '').join('\n')).k === s;
  } catch {
    return false;
  }
}

/** `key: value` as lines at an indentation. A block's first line (`>-`, `|-`) stays on the key's line. */
export function render(key: string, v: YamlValue, indent: string): string[] {
  if ('inline' in v) return [`${indent}${key}: ${v.inline}`];
  const [first, ...rest] = v.block;
  if (first === '>-' || first === '|-') return [`${indent}${key}: ${first}`, ...rest.map((l) => (l ? indent + l : ''))];
  return [`${indent}${key}:`, ...v.block.map((l) => (l ? indent + '  ' + l : ''))];
}

/** A nested value for a path of keys: `{a: {b: v}}` as block lines under `a`. */
function nest(keys: string[], v: YamlValue): YamlValue {
  let out = v;
  for (let i = keys.length - 1; i >= 0; i--) out = { block: render(keys[i], out, '') };
  return out;
}

function keyOf(p: Pair): string | undefined {
  return isScalar(p.key) ? String(p.key.value) : undefined;
}

export function findPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return map.items.find((p) => isPair(p) && keyOf(p) === key) as Pair<Node, Node | null> | undefined;
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line holding `offset`, or the text's end. */
export function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Where a pair's text ends: after its value's last line (a block value's range already ends there). */
function pairEnd(text: string, pair: Pair<Node, Node | null>): number {
  const end = pair.value?.range && pair.value.range[1] > pair.value.range[0] ? pair.value.range[1] : (pair.key.range?.[1] ?? 0);
  return text[end - 1] === '\n' ? end : endOfLine(text, end);
}

/** The spaces that indent the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  return /^[ ]*/.exec(text.slice(lineStart(text, offset)))![0];
}

/** Whether a `- ` list dash stands before `offset` on its line (the key opens a list item). */
function dashBefore(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).includes('-');
}

/** Whole lines inserted at a line start, with a line break first when the text has no final one. */
export function insertLines(text: string, at: number, lines: string[]): TextEdit {
  const needsBreak = at === text.length && text.length > 0 && !text.endsWith('\n');
  return { start: at, end: at, text: (needsBreak ? '\n' : '') + lines.join('\n') + '\n' };
}

/** The document of a file's `ordinal`-th record, parsed with ranges. */
export function recordDocument(text: string, ordinal: number, config: KedbConfig): Document | undefined {
  const ranged = parseRangedFile(text, config);
  const rec = ranged.records[ordinal];
  return rec ? ranged.documents[rec.docIndex] : undefined;
}

export interface SetOptions {
  /** For a new top-level key: the keys to place it after, the first present wins (else at the end). */
  after?: string[];
}

/**
 * The edit that sets `path` (keys) to `value` in a record: replaces the value when the key exists,
 * else adds the key, and any missing mappings on the way, as the last keys of the innermost
 * mapping that exists (or after `after` at the top level). A number in the path is an index into
 * a block list whose item is a block mapping (`['tasks', 1, 'done_at']`); it is never created.
 * Undefined when the path runs into something that is not a block mapping (or such a list).
 */
export function setIn(text: string, ordinal: number, path: (string | number)[], value: YamlValue, config: KedbConfig, options: SetOptions = {}): TextEdit | undefined {
  return setInDocument(text, recordDocument(text, ordinal, config), path, value, options);
}

/** {@link setIn} on a document already parsed from `text` (kedb.config.yaml's, which holds no record). */
export function setInDocument(text: string, doc: Document | undefined, path: (string | number)[], value: YamlValue, options: SetOptions = {}): TextEdit | undefined {
  const root = doc?.contents;
  if (!isMap(root) || root.flow) return undefined;
  let map: YAMLMap = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (typeof step === 'number') return undefined;
    const pair = findPair(map, step);
    if (!pair) {
      const keys = path.slice(i);
      return keys.every((k) => typeof k === 'string') ? addToMap(text, map, keys as string[], value, i === 0 ? options.after : undefined) : undefined;
    }
    const v = pair.value;
    const last = i === path.length - 1;
    const empty = !v || (isScalar(v) && (v.value === null || v.value === '') && (!v.range || v.range[1] <= v.range[0]));
    if (last && 'inline' in value && v && isScalar(v) && v.range && v.range[1] > v.range[0]) {
      // A scalar replaced by a scalar: only the value changes; a comment after it stays.
      const block = text[v.range[1] - 1] === '\n';
      return { start: v.range[0], end: v.range[1], text: value.inline + (block ? '\n' : '') };
    }
    if (last || empty) {
      const rest = path.slice(i + 1);
      if (!rest.every((k) => typeof k === 'string') || dashBefore(text, pair.key.range![0])) return undefined;
      const indent = indentAt(text, pair.key.range![0]);
      const lines = render(step, rest.length ? nest(rest as string[], value) : value, indent);
      return { start: lineStart(text, pair.key.range![0]), end: pairEnd(text, pair), text: lines.join('\n') + '\n' };
    }
    let next: unknown = v;
    // Indexes into block lists: `tasks: [- id: T1, …]` → the mapping of item N.
    while (typeof path[i + 1] === 'number') {
      const n = path[++i] as number;
      if (!isSeq(next) || next.flow) return undefined;
      next = next.items[n];
    }
    if (!isMap(next) || next.flow) return undefined;
    map = next;
  }
  return undefined;
}

function addToMap(text: string, map: YAMLMap, keys: string[], value: YamlValue, after: string[] | undefined): TextEdit | undefined {
  const pairs = map.items.filter(isPair) as Pair<Node, Node | null>[];
  const first = pairs[0];
  if (!first?.key.range) return undefined;
  // A list item's mapping (`- id: T1`) is indented to its first key, past the dash.
  const before = text.slice(lineStart(text, first.key.range[0]), first.key.range[0]);
  const indent = /^[ -]*$/.test(before) ? ' '.repeat(before.length) : indentAt(text, first.key.range[0]);
  const lines = render(keys[0], keys.length > 1 ? nest(keys.slice(1), value) : value, indent);
  let anchor: Pair<Node, Node | null> | undefined;
  for (const k of after ?? []) {
    anchor = pairs.find((p) => keyOf(p) === k);
    if (anchor) break;
  }
  anchor ??= pairs[pairs.length - 1];
  return insertLines(text, pairEnd(text, anchor), lines);
}

/**
 * The edit that appends `item` (a scalar in YAML form) to the list at `path`, in its style: a new
 * `- item` line for a block list, `, item` inside a flow list; a new list when there is none.
 */
export function appendToList(text: string, ordinal: number, path: string[], item: string | readonly string[], config: KedbConfig, options: SetOptions = {}): TextEdit | undefined {
  // A block item of several lines (a mapping): the first after the dash, the others under it.
  const lines = typeof item === 'string' ? [item] : item;
  const block = [`- ${lines[0]}`, ...lines.slice(1).map((l) => `  ${l}`)];
  const doc = recordDocument(text, ordinal, config);
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let pair: Pair<Node, Node | null> | undefined;
  for (const k of path) {
    if (!isMap(node)) return undefined;
    pair = findPair(node, k);
    if (!pair) return setIn(text, ordinal, path, { block }, config, options);
    node = pair.value;
  }
  if (!pair) return undefined;
  const seq = pair.value;
  if (!seq || (isScalar(seq) && seq.value === null)) return setIn(text, ordinal, path, { block }, config, options);
  if (!isSeq(seq) || !seq.range) return undefined;
  if (seq.flow) {
    if (typeof item !== 'string') return undefined;
    // `[a, b]` → `[a, b, item]`; `[]` → `[item]`.
    const close = text.lastIndexOf(']', seq.range[1]);
    if (close < 0) return undefined;
    return { start: close, end: close, text: (seq.items.length ? ', ' : '') + item };
  }
  const lastItem = seq.items[seq.items.length - 1] as Node | undefined;
  if (!lastItem?.range) return undefined;
  const dash = text.lastIndexOf('-', lastItem.range[0]);
  const indent = text.slice(lineStart(text, dash), dash);
  const end = text[seq.range[1] - 1] === '\n' ? seq.range[1] : endOfLine(text, seq.range[1]);
  return insertLines(text, end, block.map((l) => indent + l));
}

/** An offset edit as a `FileEdit` with a line/character range. */
export function toFileEdit(file: string, text: string, e: TextEdit, lines = new LineIndex(text)): FileEdit {
  return { file, range: lines.range(e.start, e.end), newText: e.text };
}

/**
 * Several edits of one text, each computed on the text the previous one left, as one edit of the
 * original: the span between the common start and the common end of the two texts.
 */
export function chainEdits(text: string, steps: ((current: string) => TextEdit | undefined)[]): TextEdit | undefined {
  let current = text;
  for (const step of steps) {
    const e = step(current);
    if (e) current = current.slice(0, e.start) + e.text + current.slice(e.end);
  }
  if (current === text) return undefined;
  let start = 0;
  while (start < text.length && start < current.length && text[start] === current[start]) start++;
  let end = 0;
  while (end < text.length - start && end < current.length - start && text[text.length - 1 - end] === current[current.length - 1 - end]) end++;
  return { start, end: text.length - end, text: current.slice(start, current.length - end) };
}

/**
 * Adds `key: value` as the last top-level key of the file's `ordinal`-th record, after its last
 * value and before any trailing comments or the next document, keeping the rest byte for byte.
 */
export function appendTopLevelKey(text: string, ordinal: number, key: string, value: string, config: KedbConfig): TextEdit | undefined {
  const range = recordDocument(text, ordinal, config)?.contents?.range;
  if (!range) return undefined;
  let at = range[1];
  // Stay on the value's own line: insert after its line break.
  while (at < text.length && text[at] !== '\n') at++;
  const line = `${key}: ${value}`;
  if (at >= text.length) return { start: text.length, end: text.length, text: (text.endsWith('\n') || text === '' ? '' : '\n') + line + '\n' };
  return { start: at + 1, end: at + 1, text: line + '\n' };
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
