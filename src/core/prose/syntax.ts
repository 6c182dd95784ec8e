/**
 * Prose that breaks YAML: a value typed as a sentence that YAML reads as something else. This part
 * reads only the text (and `yaml`'s own errors), so the parse (records/parse.ts) can hand it the
 * syntax errors and say in the field's terms what went wrong; the fixes are in ./fixes.ts.
 *
 * The mistakes:
 * - `prose-colon`: `: ` inside a plain value (YAML starts a new mapping there);
 * - `prose-comment`: ` #` inside a prose field's plain value, followed by words that continue the
 *   sentence (YAML silently drops the rest of the line as a comment); see `looksLikeProse`;
 * - `prose-indicator`: a plain value starting with a character YAML reserves;
 * - `prose-quote`: a value starting with a quote mark that does not close at its end;
 * - `prose-indent`: a list item or a field indented out of line with its neighbours (a cause typed
 *   two columns left of the causes above it, `root_cause:` one column right of `cause:`), found by
 *   trying the neighbours' columns until the document reads without error.
 */
import { parseAllDocuments } from 'yaml';
import type { Issue } from '../base/types';
import type { LineIndex } from '../base/lines';
import { t } from '../base/l10n';

export type ProseCode = 'prose-colon' | 'prose-comment' | 'prose-indicator' | 'prose-quote' | 'prose-indent';
export const PROSE_CODES: readonly ProseCode[] = ['prose-colon', 'prose-comment', 'prose-indicator', 'prose-quote', 'prose-indent'];

/** The record fields written as sentences: where ` # ` is more likely prose than a comment. */
export const PROSE_FIELDS: ReadonlySet<string> = new Set([
  // Not impact, urgency or root_cause: levels and flags, whose `# …` is a comment on purpose.
  'title', 'summary', 'description', 'workaround', 'notes', 'note', 'cause', 'because', 'resolution',
  'understanding', 'body', 'text', 'why', 'answer', 'fix', 'comment', 'recent_changes', 'related_events',
  'logs_reviewed',
]);

/** The lists whose items are sentences. */
export const PROSE_LISTS: ReadonlySet<string> = new Set(['symptoms', 'steps', 'whys', 'notes', 'root_causes']);

/** Whether a value is written as prose: a prose field's, or an item of a prose list. */
function isProse(v: ProseValue): boolean {
  return v.item ? PROSE_LISTS.has(v.field) || PROSE_FIELDS.has(v.field) : PROSE_FIELDS.has(v.field);
}

/** One value typed on a `key: value` (or `- value`) line, with its indented continuation lines. */
export interface ProseValue {
  /** The field the value belongs to: its key, or the list's key for a list item. */
  field: string;
  /** True for a list item (`- text`), whose field is its list's. */
  item: boolean;
  /** Offset of the value's first character. */
  start: number;
  /** Offset just after the value's last character (before a trailing comment and spaces). */
  end: number;
  /** A trailing comment (`# …`) after the value on its last line, and the offset where it ends. */
  comment?: { text: string; start: number; end: number };
  /** The column of the key (or of the item after `- `): block lines go two columns right of it. */
  column: number;
  /** The value as typed, its lines folded with single spaces as a plain scalar is. */
  typed: string;
  /** True when the value continues on more lines. */
  multiline: boolean;
}

export const KEY_LINE = /^( *)((?:- +)*)(?:([A-Za-z_][\w-]*):(?= |$) *)?(.*)$/;

/** The offsets where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function lineText(text: string, starts: number[], line: number): string {
  const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  const s = text.slice(starts[line], end);
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** The key of the nearest line above `line` indented less than `column` and ending its key with `:`. */
function parentKey(text: string, starts: number[], line: number, column: number): string | undefined {
  for (let l = line - 1; l >= 0 && l >= line - 200; l--) {
    const m = KEY_LINE.exec(lineText(text, starts, l));
    if (!m || !m[3]) continue;
    if (m[1].length + m[2].length < column) return m[3];
  }
  return undefined;
}

/** Where a plain value's comment starts in `rest` (a space or tab then `#`), or -1. */
function commentStart(rest: string): number {
  const m = /[ \t]#/.exec(rest);
  return m ? m.index : -1;
}

/** The value typed on `line`, when the line holds one (`key: value`, `- value` or `- key: value`). */
export function valueOnLine(text: string, starts: number[], line: number): ProseValue | undefined {
  const raw = lineText(text, starts, line);
  const m = KEY_LINE.exec(raw);
  if (!m) return undefined;
  const [, indent, dashes, key, rest] = m;
  if (!key && !dashes) return undefined;
  if (!rest.trim() || rest.startsWith('#')) return undefined;
  const column = indent.length + dashes.length;
  const field = key ?? parentKey(text, starts, line, indent.length) ?? '';
  const start = starts[line] + raw.length - rest.length;
  const quoted = rest[0] === '"' || rest[0] === "'";
  let first = rest;
  let comment: ProseValue['comment'];
  if (!quoted) {
    const at = commentStart(rest);
    if (at >= 0) {
      first = rest.slice(0, at);
      const text0 = rest.slice(at).trimStart();
      const cStart = start + rest.length - text0.length;
      comment = { text: text0.trimEnd(), start: cStart, end: cStart + text0.trimEnd().length };
    }
  }
  first = first.trimEnd();
  let end = start + first.length;
  const parts = [first];
  // A plain value goes on over the lines indented more than its key, up to a blank or comment line.
  if (!comment && !quoted) {
    for (let l = line + 1; l < starts.length && l < line + 500; l++) {
      const next = lineText(text, starts, l);
      const body = next.trimStart();
      if (!body || body.startsWith('#') || next.length - body.length <= column || /^\t/.test(next)) break;
      const at = commentStart(body);
      const part = (at >= 0 ? body.slice(0, at) : body).trimEnd();
      parts.push(part);
      end = starts[l] + next.length - body.length + part.length;
      if (at >= 0) {
        const tail = body.slice(at);
        const c = tail.trim();
        const cStart = starts[l] + (next.length - body.length) + at + (tail.length - tail.trimStart().length);
        comment = { text: c, start: cStart, end: cStart + c.length };
        break;
      }
    }
  }
  return { field, item: !key, start, end, comment, column, typed: parts.join(' '), multiline: parts.length > 1 };
}

/** The value whose text (continuation lines included) holds `offset`, looking up from its line. */
export function valueAround(text: string, starts: number[], offset: number): ProseValue | undefined {
  const line = lineAt(starts, offset);
  for (let l = line; l >= 0 && l >= line - 50; l--) {
    const v = valueOnLine(text, starts, l);
    if (v && offset >= starts[l] && offset <= Math.max(v.end, v.comment?.end ?? 0)) return v;
    if (v) return undefined;
  }
  return undefined;
}

const RESERVED = '@`*&!%[{|>-?';

/** What a value's first character means to YAML, when it keeps the value from being plain text. */
function indicatorAt(text: string, v: ProseValue): string | undefined {
  const c = text[v.start];
  if (!RESERVED.includes(c)) return undefined;
  const after = text.slice(v.start + 1, v.end);
  // A block scalar header (`|`, `>-`, `|2`) alone on its line is YAML, not a mistake.
  if ((c === '|' || c === '>') && /^[+-]?\d?[+-]?$/.test(after)) return undefined;
  if ((c === '-' || c === '?') && after !== '' && !/^[ \t]/.test(after)) return undefined;
  return c;
}

/** The field as the message names it: `root_cause` reads "root cause". */
export function fieldName(field: string): string {
  return field ? field.replace(/_/g, ' ') : t('value');
}

function indicatorMeaning(c: string): string {
  switch (c) {
    case '*':
      return t('a reference to an anchor');
    case '&':
      return t('an anchor name');
    case '!':
      return t('a tag');
    case '%':
      return t('a directive');
    case '|':
    case '>':
      return t('the start of a block of text');
    case '[':
      return t('the start of a list');
    case '{':
      return t('the start of a mapping');
    case '-':
      return t('a list item');
    case '?':
      return t('a mapping key');
    default:
      return t('a reserved character');
  }
}

/** A found mistake: its code, the offset of the character at fault, and its message. */
export interface ProseMistake {
  code: ProseCode;
  at: number;
  message: string;
  value: ProseValue;
}

/** The mistake that makes `yaml` fail on the value, if it is one of prose's. */
export function mistakeIn(text: string, v: ProseValue): ProseMistake | undefined {
  const name = fieldName(v.field);
  const c = text[v.start];
  if (c === '"' || c === "'") {
    return {
      code: 'prose-quote',
      at: v.start,
      value: v,
      message: text.slice(v.start + 1, v.end).includes(c)
        ? t('The {0} starts with a quote mark ({1}), so YAML reads a quoted text that ends at the next {1}, before the rest. Put the whole text in quotes.', name, c)
        : t('The {0} starts with a quote mark ({1}) that never closes. Put the whole text in quotes.', name, c),
    };
  }
  const ind = indicatorAt(text, v);
  // `[`, `{`, `-`, `*`, … have a YAML meaning a list or mapping field may intend: only a prose field's are prose.
  if (ind && (isProse(v) || '@`%'.includes(ind))) {
    return {
      code: 'prose-indicator',
      at: v.start,
      value: v,
      message: t("The {0} starts with '{1}', which YAML reads as {2}, not as text. Put the text in quotes.", name, ind, indicatorMeaning(ind)),
    };
  }
  // A list or mapping (`{a: b`) written where one may be meant: the parse's own words stay.
  if (ind) return undefined;
  const colon = /:(?=[ \t\n]|$)/.exec(text.slice(v.start, v.end));
  if (colon) {
    return {
      code: 'prose-colon',
      at: v.start + colon.index,
      value: v,
      message: t("The {0} contains ': ', which YAML reads as the start of a new field. Put the text in quotes.", name),
    };
  }
  return undefined;
}

const MARKERS = /^(?:todo|fixme|xxx|hack|note|nb|noqa|eslint|yaml-language-server|prettier)\b/i;

/**
 * The rule for ` #` in a prose field: YAML drops the rest of the line as a comment, and we say it
 * was probably prose when the value is plain, is one line, and either `#` is followed directly by
 * a digit (`Disk full since change #4512`: a ticket number), or the text before `#` does not end
 * a sentence (no `.`, `!`, `?` or `:`) and the comment is two or more words, not starting with a
 * tool's marker (TODO, FIXME, NOTE, …).
 */
export function looksLikeProse(before: string, comment: string): boolean {
  if (!before.trim() || !comment.startsWith('#') || comment.startsWith('##')) return false;
  if (/^#\d/.test(comment)) return true;
  const words = comment.slice(1).trim();
  if (!words || MARKERS.test(words) || /[.!?:]$/.test(before.trimEnd())) return false;
  return words.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= 2;
}

/** The ` #` mistake on a value, when its field is prose and the comment reads as the sentence going on. */
export function commentMistake(text: string, v: ProseValue): ProseMistake | undefined {
  if (!v.comment || v.multiline || !isProse(v)) return undefined;
  if (mistakeIn(text, v) || /^["']/.test(text[v.start])) return undefined;
  if (!looksLikeProse(text.slice(v.start, v.end), v.comment.text)) return undefined;
  return {
    code: 'prose-comment',
    at: v.comment.start,
    value: v,
    message: t("The {0} contains ' #', so YAML drops the rest of the line (\"{1}\") as a comment. Put the text in quotes to keep it.", fieldName(v.field), v.comment.text.slice(1).trim()),
  };
}

export function proseIssue(m: ProseMistake, lines: LineIndex, severity: Issue['severity']): Issue {
  return { code: m.code, severity, message: m.message, range: lines.range(m.at, m.at + 1), data: { field: m.value.field } };
}

/** A line (with the lines under it, when they moved with it) to move to another column. */
export interface IndentFix {
  /** The line out of line with its neighbours (0-based). */
  line: number;
  /** Its column now and the column it belongs at. */
  from: number;
  to: number;
  /** How many lines move: the line, and the lines under it when they were typed relative to it. */
  lines: number;
  /** A list item (`- …`), or a field (`key: …`). */
  item: boolean;
  /** The field's key, for a field. */
  key?: string;
}

/** Files up to this size are re-parsed to test a column (a few candidates, each a full parse). */
const INDENT_SEARCH_MAX = 64 * 1024;

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

function readsClean(text: string): boolean {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  return Array.isArray(docs) && docs.every((d) => d.errors.length === 0);
}

/**
 * The indentation fix for a syntax error on `line`: a list item or a field on that line or the two
 * above or one below, moved to a column a neighbour above uses (nearest first), alone or with the
 * lines under it, such that the whole text then reads without error. Undefined when none does.
 */
export function indentFixNear(text: string, starts: number[], line: number): IndentFix | undefined {
  if (text.length > INDENT_SEARCH_MAX || text.includes('\t')) return undefined;
  const lineCount = starts.length;
  const order = [line, line + 1, line - 1, line - 2].filter((l) => l >= 0 && l < lineCount);
  for (const l of order) {
    const raw = lineText(text, starts, l);
    const m = KEY_LINE.exec(raw);
    if (!m || (!m[2] && !m[3])) continue;
    const item = m[2] !== '';
    const from = m[1].length;
    const key = item ? undefined : m[3];
    // The columns neighbours above use for the same kind of line: item dashes, or keys.
    const columns: number[] = [];
    for (let k = l - 1; k >= 0 && k >= l - 40 && columns.length < 6; k--) {
      const other = KEY_LINE.exec(lineText(text, starts, k));
      if (!other || (!other[2] && !other[3])) continue;
      const col = item ? (other[2] ? other[1].length : -1) : other[3] ? other[1].length + other[2].length : -1;
      if (col >= 0 && col !== from && Math.abs(col - from) <= 6 && !columns.includes(col)) columns.push(col);
    }
    // The lines under it: those indented more than it, up to the first that is not.
    let under = 0;
    for (let k = l + 1; k < lineCount; k++) {
      const next = lineText(text, starts, k);
      if (!next.trim()) continue;
      if (indentOf(next) <= from) break;
      under = k - l;
    }
    for (const to of columns) {
      for (const lines of under ? [1, under + 1] : [1]) {
        const moved = moveLines(text, starts, { line: l, from, to, lines, item, key });
        if (readsClean(moved)) return { line: l, from, to, lines, item, key };
      }
    }
  }
  return undefined;
}

/** The text with the fix's lines moved by `to - from` columns. */
export function moveLines(text: string, starts: number[], fix: IndentFix): string {
  const end = fix.line + fix.lines < starts.length ? starts[fix.line + fix.lines] : text.length;
  return text.slice(0, starts[fix.line]) + shiftBlock(text.slice(starts[fix.line], end), fix.to - fix.from) + text.slice(end);
}

/** Each non-blank line of `block` moved right by `by` columns (left when negative). */
export function shiftBlock(block: string, by: number): string {
  return block.replace(/^( *)(?=\S)/gm, (lead: string) => ' '.repeat(Math.max(0, lead.length + by)));
}

function indentIssue(fix: IndentFix, starts: number[], lines: LineIndex, severity: Issue['severity']): Issue {
  const at = starts[fix.line] + fix.from;
  const message = fix.item
    ? t('This list item starts at column {0}, but the items beside it start at column {1}, so YAML cannot tell which list it belongs to. Move it to column {1}.', fix.from + 1, fix.to + 1)
    : t('"{0}" is indented to column {1}, but the fields beside it start at column {2}, so YAML reads it as part of the text above. Move it to column {2}.', fix.key ?? '', fix.from + 1, fix.to + 1);
  return { code: 'prose-indent', severity, message, range: lines.range(at, at + 1), data: { column: fix.to } };
}

/**
 * Reads `yaml`'s errors and warnings of a file: each one inside a value that prose broke becomes
 * that value's plain-language issue (one per value). Returns the issues, and the errors it
 * explained (which the parse then leaves out).
 */
export class ProseReader {
  private lineStartsCache: number[] | undefined;
  private readonly seen = new Set<number>();
  private readonly tabLines = new Set<number>();
  /** The indentation fix found for the file, if any (one per file: the first error's), and whether it was said. */
  private indent: { fix: IndentFix | undefined; said: boolean } | undefined;

  constructor(readonly text: string, readonly lines: LineIndex) {}

  /** The text's line starts, found on first use: a clean file never needs them. */
  get starts(): number[] {
    return (this.lineStartsCache ??= lineStarts(this.text));
  }

  /** The issue for a `yaml` error at `offset`; null when the error was explained already; undefined when not prose's. */
  explain(code: string, offset: number, severity: Issue['severity']): Issue | null | undefined {
    if (code === 'DUPLICATE_KEY') return undefined;
    // A tab of indentation confuses the parse for the rest of its line: its issue says enough.
    const line = lineAt(this.starts, offset);
    if (code === 'TAB_AS_INDENT') {
      this.tabLines.add(line);
      return undefined;
    }
    if (this.tabLines.has(line)) return null;
    if (this.indent?.said) return null;
    const v = valueAround(this.text, this.starts, offset);
    if (v && this.seen.has(v.start)) return null;
    const m = v ? mistakeIn(this.text, v) : undefined;
    // A colon on a continuation line may be a field indented too far rather than prose: the
    // indentation is tried first there, and wherever the error is no prose mistake.
    if (!m || (m.code === 'prose-colon' && m.value.multiline)) {
      this.indent ??= { fix: indentFixNear(this.text, this.starts, line), said: false };
      if (this.indent.fix) {
        this.indent.said = true;
        return indentIssue(this.indent.fix, this.starts, this.lines, severity);
      }
    }
    if (!m || !v) return undefined;
    this.seen.add(v.start);
    return proseIssue(m, this.lines, severity);
  }

  /** The ` #` warnings of the whole text (values already explained are skipped). */
  comments(): Issue[] {
    const out: Issue[] = [];
    if (!/[ \t]#/.test(this.text)) return out;
    for (let l = 0; l < this.starts.length; l++) {
      const line = lineText(this.text, this.starts, l);
      if (!/[ \t]#/.test(line) || /^\s*#/.test(line)) continue;
      const v = valueOnLine(this.text, this.starts, l);
      if (!v || this.seen.has(v.start)) continue;
      const m = commentMistake(this.text, v);
      if (m) out.push(proseIssue(m, this.lines, 'warning'));
    }
    return out;
  }
}

const HIDDEN_PROSE = new RegExp(String.raw`^[ \t]*(?:(?:- +)*(?:${[...PROSE_FIELDS].join('|')}):|-)[ \t]+[^\s#'"][^\n]*?[ \t]#`, 'm');

/**
 * Whether a prose field's line (or a list item) has ` #` after its value: the fast parse, which
 * knows no comments, leaves such files to the ranged one, which may warn about them.
 */
export function mayHideProse(text: string): boolean {
  return text.includes(' #') && HIDDEN_PROSE.test(text);
}

/** The line starts of a text, for `valueAround` and `valueOnLine`. */
export { lineStarts, lineAt, lineText };
