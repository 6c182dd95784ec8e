import { visit, type Document } from 'yaml';
import type { Segment } from '../schema/navigate';
import type { Position, Range } from '../base/types';

/**
 * What the cursor is on in a YAML file being edited. Built from the lines by indentation, so that
 * it works on the incomplete YAML of a line being typed, where a parser gives up.
 */
export interface CursorContext {
  /**
   * `key`: a key of the mapping at `path` goes here. `value`: the value at `valuePath` (of `key`,
   * or a list item). `none`: a comment, block-scalar text, a document marker, or a place no key
   * or value can go.
   */
  kind: 'key' | 'value' | 'none';
  /** Path of the enclosing mapping: the one the key belongs to, or that holds `key`. */
  path: Segment[];
  /** In value position: the key whose value this is (for a list item, the list's key). */
  key: string | undefined;
  /** In value position: the full path of the value, list index included. */
  valuePath: Segment[] | undefined;
  /** The part of the token typed before the cursor, without an opening quote. */
  word: string;
  /** The whole token under the cursor (typed part and the rest), which a completion replaces. */
  range: Range;
  /** The value is an item of a list, block (`- `) or flow (`[a, b]`). */
  inList: boolean;
  /** The value is inside a flow list. */
  flow: boolean;
  /**
   * A block list item with no key on its line (`- text`): it may be a scalar item or the first
   * key of a mapping item; the schema decides.
   */
  bareItem: boolean;
  /** Text to put before an inserted value: a space right after `:` or `-`, else nothing. */
  insertPrefix: string;
  /** The value starts with a quote. */
  quoted: boolean;
  /** Column where the mapping's keys sit (key position, or the item's keys for a bare item). */
  indent: number;
  /** Keys already in the mapping at `path`, before and after the cursor, the one at it excluded. */
  presentKeys: string[];
  /**
   * A line with no key or dash yet where a new item of a block list may start (`- `): the path of
   * the list, or of the key with no value above (`causes:`, then a deeper line or one at its
   * column), whose schema decides whether a list goes there. At the dashes' column of an open
   * list the kind is `none` (no key goes there), with this set.
   */
  listPath: Segment[] | undefined;
  /** Which YAML document of the file (0-based), and its lines [start, end). */
  docIndex: number;
  docStartLine: number;
  docEndLine: number;
}

interface KeyToken {
  text: string;
  start: number;
  end: number;
  /** Column of the `:`. */
  colon: number;
}

interface LineTokens {
  blank: boolean;
  indent: number;
  /** Columns of the `- ` markers at the line's start. */
  dashes: number[];
  key: KeyToken | undefined;
  /** Column where the value (after `key:`) or the scalar (after the dashes) starts, or -1. */
  valueStart: number;
  /** Column where a comment starts, or the line's length. */
  commentStart: number;
}

/** Column of the first `#` that starts a comment (after whitespace, outside quotes), or the length. */
export function commentColumn(line: string, from = 0): number {
  let quote: string | undefined;
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      // A quote only opens a quoted scalar at a token's start.
      const prev = i === 0 ? ' ' : line[i - 1];
      if (/[\s[{,:-]/.test(prev)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return i;
    }
  }
  return line.length;
}

function quotedEnd(line: string, start: number): number {
  const q = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (q === '"' && line[i] === '\\') i++;
    else if (line[i] === q) {
      if (q === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** Splits a line into its indentation, list markers, key and value start. */
export function tokenizeLine(line: string): LineTokens {
  let c = 0;
  while (c < line.length && line[c] === ' ') c++;
  const indent = c;
  const commentStart = commentColumn(line, c);
  const content = line.slice(0, commentStart).trimEnd();
  const blank = c >= content.length;
  const dashes: number[] = [];
  while (c < content.length && content[c] === '-' && (c + 1 === content.length || content[c + 1] === ' ')) {
    dashes.push(c);
    c++;
    while (c < content.length && content[c] === ' ') c++;
  }
  let key: KeyToken | undefined;
  let valueStart = c < content.length ? c : -1;
  if (c < content.length) {
    let keyEnd = -1;
    let keyText = '';
    const first = content[c];
    if (first === '"' || first === "'") {
      const end = quotedEnd(content, c);
      if (end > 0) {
        let j = end;
        while (content[j] === ' ') j++;
        if (content[j] === ':' && (j + 1 === content.length || content[j + 1] === ' ')) {
          keyEnd = end;
          keyText = first === '"' ? safeJson(content.slice(c, end)) : content.slice(c + 1, end - 1).replace(/''/g, "'");
        }
      }
    } else if (!/[[{|>&*!%@`,?\]}]/.test(first)) {
      const m = /:(?= |$)/.exec(content.slice(c));
      if (m) {
        keyEnd = c + content.slice(c, c + m.index).trimEnd().length;
        keyText = content.slice(c, keyEnd);
      }
    }
    if (keyEnd > c) {
      let colon = keyEnd;
      while (content[colon] !== ':') colon++;
      key = { text: keyText, start: c, end: keyEnd, colon };
      let v = colon + 1;
      while (v < content.length && content[v] === ' ') v++;
      valueStart = v < content.length ? v : -1;
    }
  }
  return { blank, indent, dashes, key, valueStart, commentStart };
}

function safeJson(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

interface Frame {
  type: 'map' | 'seq';
  /** Column of the mapping's keys or the list's dashes. */
  col: number;
  path: Segment[];
  /** Index of the current item (lists). */
  index: number;
  keys: string[];
}

interface Pending {
  /** Column of the key or dash that opens a container on the next, deeper lines. */
  col: number;
  path: Segment[];
  fromKey: boolean;
}

interface FlowState {
  depth: number;
  index: number;
  quote: string | undefined;
}

/** Advances a flow collection's state over `text`; returns the offset of the current item's start. */
function scanFlow(text: string, state: FlowState, itemStart: number): number {
  let start = itemStart;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state.quote) {
      if (c === '\\' && state.quote === '"') i++;
      else if (c === state.quote) state.quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") state.quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) break;
    else if (c === '[' || c === '{') {
      state.depth++;
      if (state.depth === 1) start = i + 1;
    } else if (c === ']' || c === '}') state.depth--;
    else if (c === ',' && state.depth === 1) {
      state.index++;
      start = i + 1;
    }
  }
  return start;
}

/** The lines of the document holding `line`: after the previous `---`, up to the next. */
function documentBounds(lines: string[], line: number): { start: number; end: number; index: number } {
  let start = 0;
  let index = 0;
  // Whether the current document has begun (content or `---`), and whether `...` closed it.
  let begun = false;
  let ended = false;
  for (let i = 0; i < line && i < lines.length; i++) {
    const s = lines[i];
    if (/^---(\s|$)/.test(s)) {
      if (begun || ended) index++;
      begun = true;
      ended = false;
      start = i + 1;
    } else if (/^\.\.\.(\s|$)/.test(s)) {
      begun = false;
      ended = true;
      start = i + 1;
    } else if (s.trim() !== '' && !s.trimStart().startsWith('#') && !s.startsWith('%')) {
      if (ended) index++;
      ended = false;
      begun = true;
    }
  }
  let end = lines.length;
  for (let i = line + 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)(\s|$)/.test(lines[i])) {
      end = i;
      break;
    }
  }
  return { start, end, index };
}

/** The indentation-driven walk over a document's lines. */
class LineScanner {
  readonly stack: Frame[] = [];
  pending: Pending | undefined;
  /** Lines indented deeper than this belong to a scalar (block or multi-line plain). */
  skipAbove: number | undefined;
  /** An open multi-line flow collection and where it belongs. */
  flow: { state: FlowState; path: Segment[]; key: string; mapPath: Segment[] } | undefined;

  /**
   * The list a new item at `col` would belong to, without changing the state: the value of a key
   * with no value above (deeper, or at the key's column), or an open block list whose dashes sit
   * at `col`.
   */
  listAt(col: number): Segment[] | undefined {
    const pending = this.pending;
    if (pending?.fromKey && col >= pending.col) return pending.path;
    if (pending && col > pending.col) return undefined;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i];
      if (frame.col > col) continue;
      return frame.col === col && frame.type === 'seq' ? frame.path : undefined;
    }
    return undefined;
  }

  /** The frame a key, dash or scalar at `col` belongs to; creates frames for new containers. */
  place(col: number, token: 'key' | 'dash' | 'scalar'): Frame | undefined {
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      if (col > pending.col || (col === pending.col && token === 'dash' && pending.fromKey)) {
        if (token === 'scalar') {
          this.skipAbove = pending.col;
          return undefined;
        }
        const frame: Frame = { type: token === 'dash' ? 'seq' : 'map', col, path: pending.path, index: -1, keys: [] };
        this.stack.push(frame);
        return frame;
      }
    }
    const want = token === 'dash' ? 'seq' : 'map';
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].col > col) this.stack.pop();
    // A list written at its key's column (`key:\n- a`) ends at the next key of that column.
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].col === col && this.stack[this.stack.length - 1].type !== want) this.stack.pop();
    if (token === 'scalar') return undefined;
    if (this.stack.length === 0) {
      const root: Frame = { type: want, col, path: [], index: -1, keys: [] };
      this.stack.push(root);
      return root;
    }
    const top = this.stack[this.stack.length - 1];
    return top.col === col && top.type === want ? top : undefined;
  }

  /** Consumes one whole line that is not the cursor's. */
  feed(line: string): void {
    const t = tokenizeLine(line);
    if (this.flow) {
      scanFlow(line.slice(0, t.commentStart), this.flow.state, 0);
      if (this.flow.state.depth <= 0) this.flow = undefined;
      return;
    }
    if (t.blank) return;
    if (this.skipAbove !== undefined) {
      if (t.indent > this.skipAbove) return;
      this.skipAbove = undefined;
    }
    let itemPath: Segment[] | undefined;
    for (const d of t.dashes) {
      const frame = this.place(d, 'dash');
      if (!frame) return;
      frame.index++;
      itemPath = [...frame.path, frame.index];
      this.pending = { col: d, path: itemPath, fromKey: false };
    }
    const content = line.slice(0, t.commentStart).trimEnd();
    if (t.key) {
      const frame = this.place(t.key.start, 'key');
      if (!frame) {
        this.skipAbove = t.indent;
        return;
      }
      frame.keys.push(t.key.text);
      this.afterValue(content, t.valueStart, t.key.start, [...frame.path, t.key.text], t.key.text, frame.path);
    } else if (t.valueStart >= 0) {
      const lastDash = t.dashes.length ? t.dashes[t.dashes.length - 1] : undefined;
      this.place(t.valueStart, 'scalar');
      if (lastDash !== undefined && itemPath) this.afterValue(content, t.valueStart, lastDash, itemPath, undefined, itemPath);
      else this.skipAbove = Math.min(this.skipAbove ?? t.indent, t.indent);
    }
  }

  /** After a key or a dash: what its value (from `valueStart`) opens. */
  private afterValue(content: string, valueStart: number, col: number, path: Segment[], key: string | undefined, mapPath: Segment[]): void {
    if (valueStart < 0) {
      if (key !== undefined) this.pending = { col, path, fromKey: true };
      return;
    }
    this.pending = undefined;
    const first = content[valueStart];
    if (first === '[' || first === '{') {
      const state: FlowState = { depth: 0, index: 0, quote: undefined };
      scanFlow(content.slice(valueStart), state, 0);
      if (state.depth > 0) this.flow = { state, path, key: key ?? '', mapPath };
      return;
    }
    // Block scalars and multi-line plain or quoted scalars continue on deeper lines.
    this.skipAbove = col;
  }
}

function emptyContext(position: Position, bounds: { start: number; end: number; index: number }): CursorContext {
  return {
    kind: 'none',
    path: [],
    key: undefined,
    valuePath: undefined,
    word: '',
    range: { start: position, end: position },
    inList: false,
    flow: false,
    bareItem: false,
    insertPrefix: '',
    quoted: false,
    indent: position.character,
    presentKeys: [],
    listPath: undefined,
    docIndex: bounds.index,
    docStartLine: bounds.start,
    docEndLine: bounds.end,
  };
}

/** End of the plain or quoted token starting at `start`, stopping at `stops` and the comment. */
function tokenEnd(line: string, start: number, limit: number, stops: RegExp): number {
  if (line[start] === '"' || line[start] === "'") {
    const end = quotedEnd(line, start);
    if (end > 0) return Math.min(end, limit);
  }
  let e = start;
  while (e < limit && !stops.test(line[e])) e++;
  while (e > start && line[e - 1] === ' ') e--;
  return e;
}

function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Whether the offset lies inside a scalar that began on an earlier line (block or multi-line). */
function insideMultilineScalar(doc: Document, offset: number, lineStart: number): boolean {
  const r = doc.range;
  if (!r || offset < r[0] || offset > r[2]) return false;
  let inside = false;
  visit(doc, {
    Scalar(_k, node) {
      const nr = node.range;
      if (nr && nr[0] < lineStart && offset > nr[0] && offset < nr[1]) {
        inside = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return inside;
}

/**
 * What the cursor at `position` is on. `documents` (from a ranged parse of the same text) are used,
 * when given, to tell text inside a multi-line scalar from new keys.
 */
export function cursorContext(text: string, position: Position, documents?: readonly Document[]): CursorContext {
  const lines = splitLines(text);
  const lineNo = Math.min(position.line, lines.length - 1);
  const line = lines[lineNo] ?? '';
  const ch = Math.min(position.character, line.length);
  const pos = { line: lineNo, character: ch };
  const bounds = documentBounds(lines, lineNo);
  const none = emptyContext(pos, bounds);
  if (/^(---|\.\.\.)(\s|$)/.test(line) || line.startsWith('%')) return none;

  if (documents && documents.length > 0) {
    let lineStart = 0;
    for (let i = 0; i < lineNo; i++) lineStart = text.indexOf('\n', lineStart) + 1;
    const offset = lineStart + ch;
    const doc = documents.find((d) => d.range && offset >= d.range[0] && offset <= d.range[2]);
    if (doc && insideMultilineScalar(doc, offset, lineStart)) return none;
  }

  const scanner = new LineScanner();
  for (let i = bounds.start; i < lineNo; i++) scanner.feed(lines[i]);

  const t = tokenizeLine(line);
  if (ch > t.commentStart) return none;
  if (!t.blank && ch < t.indent) return none;
  const content = line.slice(0, t.commentStart);
  const ctx: CursorContext = { ...none };

  if (scanner.flow) {
    // Inside a flow list that began on an earlier line.
    const flow = scanner.flow;
    const state = { ...flow.state };
    const start = scanFlow(content.slice(0, ch), state, 0);
    if (state.depth !== 1 || state.quote) return none;
    return flowItem(ctx, line, content, start, ch, state.index, flow.path, flow.key, flow.mapPath);
  }
  const effectiveIndent = t.blank ? ch : t.indent;
  if (scanner.skipAbove !== undefined && effectiveIndent > scanner.skipAbove) return none;
  scanner.skipAbove = undefined;

  // List markers before the cursor open items; a dash after the cursor is not ours to count.
  let itemFrame: Frame | undefined;
  for (const d of t.dashes) {
    if (d >= ch) break;
    const frame = scanner.place(d, 'dash');
    if (!frame) return none;
    frame.index++;
    itemFrame = frame;
    scanner.pending = { col: d, path: [...frame.path, frame.index], fromKey: false };
  }
  const lastDash = t.dashes.length ? t.dashes[t.dashes.length - 1] : -1;

  if (t.key && ch > t.key.colon) {
    // Value position: `key: |`.
    const frame = scanner.place(t.key.start, 'key');
    if (!frame) return none;
    const valueStart = t.valueStart >= 0 && t.valueStart <= ch ? t.valueStart : ch;
    ctx.insertPrefix = ch === t.key.colon + 1 ? ' ' : '';
    const first = content[valueStart];
    if (t.valueStart >= 0 && t.valueStart < ch && first === '[') {
      const state: FlowState = { depth: 0, index: 0, quote: undefined };
      const start = scanFlow(content.slice(valueStart, ch), state, 0) + valueStart;
      if (state.depth !== 1 || state.quote) return none;
      return flowItem(ctx, line, content, start, ch, state.index, [...frame.path, t.key.text], t.key.text, frame.path);
    }
    if (t.valueStart >= 0 && t.valueStart < ch && /[{|>]/.test(first)) return none;
    ctx.kind = 'value';
    ctx.path = frame.path;
    ctx.key = t.key.text;
    ctx.valuePath = [...frame.path, t.key.text];
    ctx.indent = t.key.start;
    return scalarValue(ctx, line, content, valueStart, ch);
  }

  if (t.dashes.length > 0 && !t.key && itemFrame && lastDash < ch) {
    // A bare list item: `- |` or `- text|`.
    const itemStart = Math.min(lastDash + 2, ch);
    if (content[itemStart] === '[' || content[itemStart] === '{') return none;
    ctx.kind = 'value';
    ctx.bareItem = true;
    ctx.inList = true;
    ctx.path = itemFrame.path.slice(0, -1);
    const last = itemFrame.path[itemFrame.path.length - 1];
    ctx.key = typeof last === 'string' ? last : undefined;
    ctx.valuePath = [...itemFrame.path, itemFrame.index];
    ctx.indent = lastDash + 2;
    ctx.insertPrefix = ch === lastDash + 1 ? ' ' : '';
    return scalarValue(ctx, line, content, itemStart, ch);
  }
  if (t.dashes.some((d) => d >= ch)) return none;

  // Key position: on an existing key, on a word being typed, or on an empty line.
  const col = t.key ? t.key.start : t.valueStart >= 0 && t.valueStart <= ch ? t.valueStart : ch;
  const listPath = !t.key && t.dashes.length === 0 ? scanner.listAt(col) : undefined;
  const frame = scanner.place(col, 'key');
  const end = t.key ? t.key.end : t.valueStart >= 0 ? tokenEnd(line, col, content.trimEnd().length, /[:]/) : ch;
  if (!frame) {
    if (!listPath) return none;
    // At the dashes' column of a list: no key, only a new item goes here.
    return {
      ...none,
      listPath,
      indent: col,
      word: line.slice(col, ch),
      range: { start: { line: lineNo, character: col }, end: { line: lineNo, character: Math.max(end, ch) } },
    };
  }
  ctx.listPath = listPath;
  ctx.kind = 'key';
  ctx.path = frame.path;
  ctx.indent = col;
  ctx.word = line.slice(col, ch).replace(/^["']/, '');
  ctx.quoted = line[col] === '"' || line[col] === "'";
  ctx.range = { start: { line: lineNo, character: col }, end: { line: lineNo, character: Math.max(end, ch) } };
  // Keys of the same mapping further down.
  if (t.key) {
    scanner.pending = undefined;
    const tail = content.slice(t.key.colon + 1).trim();
    if (tail === '') scanner.pending = { col, path: [...frame.path, t.key.text], fromKey: true };
    else scanner.skipAbove = col;
  }
  for (let i = lineNo + 1; i < bounds.end; i++) {
    scanner.feed(lines[i]);
    if (!scanner.stack.includes(frame)) break;
  }
  ctx.presentKeys = [...new Set(frame.keys)];
  return ctx;
}

function scalarValue(ctx: CursorContext, line: string, content: string, valueStart: number, ch: number): CursorContext {
  const quoted = content[valueStart] === '"' || content[valueStart] === "'";
  const end = valueStart < content.length ? tokenEnd(line, valueStart, content.trimEnd().length, /$^/) : ch;
  ctx.quoted = quoted;
  ctx.word = line.slice(valueStart + (quoted ? 1 : 0), ch);
  ctx.range = { start: { line: ctx.range.start.line, character: valueStart }, end: { line: ctx.range.start.line, character: Math.max(end, ch) } };
  return ctx;
}

function flowItem(
  ctx: CursorContext,
  line: string,
  content: string,
  itemStart: number,
  ch: number,
  index: number,
  listPath: Segment[],
  key: string,
  mapPath: Segment[],
): CursorContext {
  let start = itemStart;
  while (start < ch && line[start] === ' ') start++;
  const end = start < content.length ? tokenEnd(line, start, content.length, /[,\]}]/) : ch;
  ctx.kind = 'value';
  ctx.inList = true;
  ctx.flow = true;
  ctx.path = mapPath;
  ctx.key = key || undefined;
  ctx.valuePath = [...listPath, index];
  ctx.quoted = line[start] === '"' || line[start] === "'";
  ctx.word = line.slice(start + (ctx.quoted ? 1 : 0), ch);
  ctx.insertPrefix = start === ch && ch > 0 && line[ch - 1] === ',' ? ' ' : '';
  ctx.range = { start: { line: ctx.range.start.line, character: start }, end: { line: ctx.range.start.line, character: Math.max(end, ch) } };
  return ctx;
}
