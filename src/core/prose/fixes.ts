/**
 * The quick fixes of prose that broke YAML (./syntax.ts): the value rewritten so that it reads back
 * exactly the text the author typed (quoted, or a folded block when long), keeping its comment,
 * as one edit; a tab of indentation replaced by spaces. `fixProse` applies every fix that has
 * exactly one answer, for `kedb validate --fix`.
 */
import { t } from '../base/l10n';
import { yamlString, toFileEdit, type TextEdit } from '../records/edits';
import { parseRangedFile } from '../records/parse';
import type { KedbConfig } from '../records/config';
import type { FixableIssue, FixProvider, QuickFix, QuickFixContext } from '../workspace/fixes';
import { fieldName, indentFixNear, KEY_LINE, lineAt, lineStarts, lineText, moveLines, PROSE_CODES, valueAround, type ProseValue } from './syntax';

/** One way to fix an issue: its title, its one edit, and whether it is the likely one. */
export interface ProseAnswer {
  title: string;
  edit: TextEdit;
  preferred: boolean;
  /** False when the text may mean something else (a field indented by mistake): `fixProse` leaves it. */
  certain?: boolean;
}

/**
 * The edit that makes `v` read back `intended`: over the value, or, when `dropComment`, over the
 * value and its comment (the comment's words are part of `intended`). A block value keeps a kept
 * comment on its header line (`>- # …`), where it stays a comment.
 */
export function rewriteValue(v: ProseValue, intended: string, dropComment = false): TextEdit {
  const y = yamlString(intended, Math.max(40, 96 - v.column));
  const comment = dropComment ? undefined : v.comment;
  const end = v.comment && (dropComment || !('inline' in y)) ? v.comment.end : v.end;
  if ('inline' in y) return { start: v.start, end, text: y.inline };
  const [head, ...rest] = y.block;
  const pad = ' '.repeat(v.column);
  return { start: v.start, end, text: [comment ? `${head} ${comment.text}` : head, ...rest.map((l) => (l ? pad + l : ''))].join('\n') };
}

/** The indentation a tab-indented line gets: its previous line's key column, two more after a bare `key:`. */
function tabAnswer(text: string, offset: number): ProseAnswer[] {
  const starts = lineStarts(text);
  const line = lineAt(starts, offset);
  const raw = lineText(text, starts, line);
  const lead = /^[ \t]*/.exec(raw)![0];
  if (!lead.includes('\t')) return [];
  let column = 0;
  for (let l = line - 1; l >= 0; l--) {
    const prev = lineText(text, starts, l);
    if (!prev.trim() || /^\s*#/.test(prev) || /^[ ]*\t/.test(prev)) continue;
    const m = KEY_LINE.exec(prev);
    if (!m) break;
    const col = m[1].length + m[2].length;
    const opens = m[3] !== undefined && (m[4] === '' || m[4].startsWith('#'));
    column = opens ? col + 2 : col;
    break;
  }
  const spaces = ' '.repeat(column);
  if (spaces === lead) return [];
  return [{ title: t('Replace the tab with spaces'), preferred: true, edit: { start: starts[line], end: starts[line] + lead.length, text: spaces } }];
}

/**
 * The line (and the lines under it, when they moved with it) moved to the column the issue names.
 * Not certain: which of two columns was meant is the author's call, so `fixProse` leaves it.
 */
function indentAnswer(text: string, offset: number): ProseAnswer[] {
  const starts = lineStarts(text);
  const line = lineAt(starts, offset);
  const fix = indentFixNear(text, starts, line);
  if (!fix || fix.line !== line) return [];
  const end = fix.line + fix.lines < starts.length ? starts[fix.line + fix.lines] : text.length;
  const moved = moveLines(text, starts, fix);
  const title = fix.item ? t('Move the list item to column {0}', fix.to + 1) : t('Move "{0}" to column {1}', fix.key ?? '', fix.to + 1);
  return [{ title, preferred: true, certain: false, edit: { start: starts[fix.line], end, text: moved.slice(starts[fix.line], moved.length - (text.length - end)) } }];
}

/** The answers for an issue at `offset` of `text`: none when the text there is not the mistake. */
export function answersFor(text: string, offset: number, code: string): ProseAnswer[] {
  if (code === 'tab-indentation') return tabAnswer(text, offset);
  if (code === 'prose-indent') return indentAnswer(text, offset);
  if (!(PROSE_CODES as readonly string[]).includes(code)) return [];
  const v = valueAround(text, lineStarts(text), offset);
  if (!v) return [];
  const name = fieldName(v.field);
  const asTyped = t('Put the {0} in quotes, as typed', name);
  if (code === 'prose-comment') {
    if (!v.comment) return [];
    return [{ title: t('Put the {0} in quotes, keeping the text after #', name), preferred: true, edit: rewriteValue(v, text.slice(v.start, v.comment.end), true) }];
  }
  if (code === 'prose-quote') {
    const q = v.typed[0];
    const literal = { title: asTyped, preferred: false, edit: rewriteValue(v, v.typed) };
    if (v.typed.length > 1 && v.typed.endsWith(q)) {
      // `'It's down'`: the author quoted the text, and a quote inside it ended the quoting early.
      const inner = { title: t('Put the {0} in quotes, without its outer quote marks', name), preferred: true, edit: rewriteValue(v, v.typed.slice(1, -1)) };
      return [inner, literal];
    }
    if (!v.typed.includes(q, 1)) {
      // `"Disk full`: a closing quote forgotten, or a quote mark that is part of the text.
      const opened = { title: t('Put the {0} in quotes, without the quote mark that never closes', name), preferred: true, edit: rewriteValue(v, v.typed.slice(1)) };
      return [opened, literal];
    }
    return [{ ...literal, preferred: true }];
  }
  // `title: Disk full` then `  status: open`: a field indented too far, or prose going on?
  const fieldLike = v.multiline && /\n[ \t]*[A-Za-z_][\w-]*:(?=[ \t]|\n|$)/.test(text.slice(v.start, v.end));
  return [{ title: asTyped, preferred: true, edit: rewriteValue(v, v.typed), certain: !fieldLike }];
}

/** The quick fixes of prose mistakes and tab indentation. */
export const proseFixProvider: FixProvider = {
  codes: [...PROSE_CODES, 'tab-indentation'],
  fixes(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
    const { lines } = ctx.ranged;
    const text = lines.text;
    return answersFor(text, lines.offset(issue.range.start), issue.code).map((a) => ({
      title: a.title,
      isPreferred: a.preferred,
      edits: [toFileEdit(ctx.path, text, a.edit, lines)],
    }));
  },
};

/** The codes `fixProse` applies on its own: a ` #` warning is a guess, so it is left to the author. */
export const AUTOMATIC_PROSE_CODES: ReadonlySet<string> = new Set(['prose-colon', 'prose-indicator', 'prose-quote', 'tab-indentation']);

/** One change `fixProse` made: the issue's 0-based line, its code, and the fix's title. */
export interface ProseChange {
  line: number;
  code: string;
  title: string;
}

/**
 * Applies, one at a time, every prose fix (and tab fix) of a record file that has exactly one
 * answer, and a certain one, until none is left; a second run changes nothing. Text with lone CRs
 * (or a BOM) is left alone.
 */
export function fixProse(text: string, config: KedbConfig): { text: string; changes: ProseChange[] } {
  const changes: ProseChange[] = [];
  if (/\r(?!\n)/.test(text) || text.charCodeAt(0) === 0xfeff) return { text, changes };
  let current = text;
  const seen = new Set([current]);
  for (let round = 0; round < 500; round++) {
    const ranged = parseRangedFile(current, config);
    let next: string | undefined;
    for (const issue of ranged.issues) {
      if (!AUTOMATIC_PROSE_CODES.has(issue.code)) continue;
      const answers = answersFor(current, ranged.lines.offset(issue.range.start), issue.code);
      if (answers.length !== 1 || answers[0].certain === false) continue;
      const e = answers[0].edit;
      const candidate = current.slice(0, e.start) + e.text + current.slice(e.end);
      if (seen.has(candidate)) continue;
      changes.push({ line: issue.range.start.line, code: issue.code, title: answers[0].title });
      next = candidate;
      break;
    }
    if (next === undefined) break;
    seen.add(next);
    current = next;
  }
  return { text: current, changes };
}
