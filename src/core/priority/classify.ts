import { isPair, isMap, type Document, type Node, type Pair } from 'yaml';
import type { KedbConfig } from '../records/config';
import { endOfLine, findPair, indentAt, recordDocument, type TextEdit } from '../records/edits';
import { classify, type PriorityMatrix } from '../records/matrix';
import type { RecordEntry } from '../records/entry';

/** A record whose priority the matrix would set differently (or set where there is none). */
export interface Disagreement {
  file: string;
  id: string | undefined;
  ordinal: number;
  impact: unknown;
  urgency: unknown;
  priority: string | null;
  expected: string;
  matrix: string;
}

/** Every record whose priority disagrees with impact × urgency, or lacks one the matrix gives. */
export function disagreements(records: Iterable<RecordEntry>, matrix: PriorityMatrix): Disagreement[] {
  const out: Disagreement[] = [];
  for (const r of records) {
    if (r.kind === 'known_error') continue;
    const expected = classify(matrix, r.value.impact, r.value.urgency);
    if (!expected) continue;
    const priority = typeof r.value.priority === 'string' ? r.value.priority : null;
    if (priority === expected) continue;
    out.push({ file: r.file, id: r.id, ordinal: r.ordinal, impact: r.value.impact, urgency: r.value.urgency, priority, expected, matrix: matrix.name });
  }
  return out;
}

function topPair(doc: Document, key: string): Pair<Node, Node | null> | undefined {
  return isMap(doc.contents) ? findPair(doc.contents, key) : undefined;
}

/**
 * Inserts new top-level lines after the line of `afterKeys[0]` (or the first of them present), else
 * at the end of the record, at the record's own indentation. Everything else stays as written.
 */
function insertAfter(text: string, doc: Document, afterKeys: string[], lines: string[]): TextEdit | undefined {
  const map = doc.contents;
  if (!isMap(map) || !map.range) return undefined;
  let at: number | undefined;
  let indent = '';
  for (const k of afterKeys) {
    const pair = topPair(doc, k);
    const end = (pair?.value as Node | null)?.range?.[1] ?? (pair?.key as Node | null)?.range?.[1];
    if (pair && end !== undefined) {
      at = endOfLine(text, end - (text[end - 1] === '\n' ? 1 : 0));
      indent = indentAt(text, (pair.key as Node).range![0]);
      break;
    }
  }
  if (at === undefined) {
    at = endOfLine(text, Math.max(map.range[0], map.range[1] - 1));
    const first = map.items[0];
    indent = first && isPair(first) && (first.key as Node)?.range ? indentAt(text, (first.key as Node).range![0]) : '';
  }
  const body = lines.map((l) => indent + l).join('\n') + '\n';
  const needsBreak = at === text.length && text.length > 0 && !text.endsWith('\n');
  return { start: at, end: at, text: (needsBreak ? '\n' : '') + body };
}

/** The edit that sets a record's priority: its value replaced in place, or a new line after urgency. */
export function priorityEdit(text: string, ordinal: number, priority: string, config: KedbConfig): TextEdit | undefined {
  const doc = recordDocument(text, ordinal, config);
  if (!doc) return undefined;
  const pair = topPair(doc, 'priority');
  const value = pair?.value as Node | null | undefined;
  if (pair && value?.range && value.range[1] > value.range[0]) {
    return { start: value.range[0], end: value.range[1], text: priority };
  }
  if (pair && (pair.key as Node)?.range) {
    const keyEnd = (pair.key as Node).range![1];
    const colon = text.indexOf(':', keyEnd);
    return { start: colon + 1, end: colon + 1, text: ' ' + priority };
  }
  return insertAfter(text, doc, ['urgency', 'impact'], [`priority: ${priority}`]);
}

/** The edit that adds an escalation block, after the priority line. */
export function escalationEdit(text: string, ordinal: number, escalation: { team: string; escalated_at: string; eta: string }, config: KedbConfig): TextEdit | undefined {
  const doc = recordDocument(text, ordinal, config);
  if (!doc || topPair(doc, 'escalation')) return undefined;
  const q = (s: string) => (/^[\w .&/()-]+$/.test(s) && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) ? s : JSON.stringify(s));
  return insertAfter(text, doc, ['priority', 'urgency', 'impact'], [
    'escalation:',
    `  team: ${q(escalation.team)}`,
    `  escalated_at: ${JSON.stringify(escalation.escalated_at)}`,
    `  eta: ${JSON.stringify(escalation.eta)}`,
  ]);
}

/** The priority edits for one file's records, given the disagreements found in it. */
export function classifyFileEdits(text: string, found: Disagreement[], config: KedbConfig): TextEdit[] {
  // Each edit is computed on the original text; records are separate, so edits never overlap.
  return found.map((d) => priorityEdit(text, d.ordinal, d.expected, config)).filter((e): e is TextEdit => !!e);
}

