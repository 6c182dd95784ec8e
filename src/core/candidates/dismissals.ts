/**
 * Dismissed candidates, kept in the workspace in `.kedb/dismissed.yaml`:
 *
 * ```yaml
 * dismissed:
 *   - key: category:Inquiry
 *     reason: Information requests, not faults
 *     dismissed_at: "2025-09-22T10:00:00+07:00"
 *     incidents: 5
 * ```
 *
 * A file of its own rather than a section of kedb.config.yaml: the config is settings a person
 * writes, comments and reviews, and a change to it makes every record be checked again; the list
 * of dismissals is data the tool appends to, one line per click, and merges easily. It lives in
 * the workspace so that the whole team sees the same list and it travels with the records in Git.
 *
 * A dismissed candidate stays hidden while its key matches and it has no more incidents than when
 * it was dismissed; a candidate that grows comes back, saying so.
 */
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';

export const DISMISSED_FILE = '.kedb/dismissed.yaml';

export interface Dismissal {
  key: string;
  reason: string;
  dismissedAt: string;
  /** Incidents the candidate had when it was dismissed. */
  incidents?: number;
}

/** The dismissals in the file's text; entries without a key are ignored, a broken file gives none. */
export function parseDismissals(text: string | undefined): Dismissal[] {
  if (!text || !text.trim()) return [];
  let value: unknown;
  try {
    value = parseDocument(text).toJS({ maxAliasCount: 100 });
  } catch {
    return [];
  }
  const list = (value as { dismissed?: unknown } | null)?.dismissed;
  if (!Array.isArray(list)) return [];
  const out: Dismissal[] = [];
  for (const e of list) {
    if (!e || typeof e !== 'object') continue;
    const o = e as Record<string, unknown>;
    if (typeof o.key !== 'string' || !o.key) continue;
    out.push({
      key: o.key,
      reason: typeof o.reason === 'string' ? o.reason : '',
      dismissedAt: typeof o.dismissed_at === 'string' ? o.dismissed_at : '',
      incidents: typeof o.incidents === 'number' ? o.incidents : undefined,
    });
  }
  return out;
}

const HEADER = [
  '# Problem candidates dismissed in KEDB Studio (Detect Problem Candidates, `kedb candidates`).',
  '# A dismissed candidate stays hidden while its key matches and it gains no new incidents.',
  '# Delete an entry to see its candidate again.',
  '',
].join('\n');

/** A scalar as YAML: plain when that reads back as the same string, else double-quoted. */
function scalar(s: string): string {
  const plain = /^[A-Za-z0-9][^\n"'#]*$/.test(s) && !/: |:$|\s$/.test(s) && !/^\d{4}-\d\d-\d\d/.test(s) && !/^(true|false|null|~|-?\d+(\.\d+)?)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

function entryLines(d: Dismissal): string[] {
  return [
    `  - key: ${scalar(d.key)}`,
    `    reason: ${scalar(d.reason)}`,
    `    dismissed_at: ${scalar(d.dismissedAt)}`,
    ...(d.incidents !== undefined ? [`    incidents: ${d.incidents}`] : []),
  ];
}

/**
 * The file's new text with `d` added. When the file ends with its `dismissed:` list (as this tool
 * writes it), the entry is appended and every other byte kept; otherwise (an earlier dismissal of
 * the same key to replace, a hand-made layout) the list is rewritten, comments kept.
 */
export function addDismissal(text: string | undefined, d: Dismissal): string {
  if (!text || !text.trim()) return HEADER + 'dismissed:\n' + entryLines(d).join('\n') + '\n';
  const doc = parseDocument(text);
  const map = doc.contents;
  if (doc.errors.length > 0 || !isMap(map)) return addDismissal(undefined, d);
  const last = map.items[map.items.length - 1];
  const seq = doc.get('dismissed', true);
  const hasKey = isSeq(seq) && seq.items.some((it) => isMap(it) && it.get('key') === d.key);
  if (isSeq(seq) && !seq.flow && last?.value === seq && !hasKey) {
    const body = text.endsWith('\n') ? text : text + '\n';
    return body + entryLines(d).join('\n') + '\n';
  }
  let list = seq;
  if (!isSeq(list)) {
    list = new YAMLSeq();
    doc.set('dismissed', list);
  }
  const items = (list as YAMLSeq).items;
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    if (isMap(it) && it.get('key') === d.key) items.splice(i, 1);
  }
  const entry: Record<string, unknown> = { key: d.key, reason: d.reason, dismissed_at: d.dismissedAt };
  if (d.incidents !== undefined) entry.incidents = d.incidents;
  (list as YAMLSeq).flow = false;
  (list as YAMLSeq).add(doc.createNode(entry));
  return doc.toString({ lineWidth: 0 });
}

/** The dismissal that hides a candidate with these keys and this many incidents, if any. */
export function dismissalFor(dismissals: readonly Dismissal[], keys: readonly string[], count: number): Dismissal | undefined {
  for (let i = dismissals.length - 1; i >= 0; i--) {
    const d = dismissals[i];
    if (keys.includes(d.key) && (d.incidents === undefined || count <= d.incidents)) return d;
  }
  return undefined;
}
