/**
 * "Create Problem Record" from a candidate, as plain text and edits: the new problem file, and a
 * `problem: PRB-…` line added to each incident it links (comment-preserving). The editor applies
 * them as one undoable edit; the CLI or a test can apply them with `applyEdits`.
 *
 * The draft carries what a problem manager decides on first: a short title from what the incidents
 * share, the highest priority among them (and their highest impact and urgency), the service and
 * configuration item when the incidents agree on one, and the owner (or a placeholder to fill in).
 */
import { appendTopLevelKey, render, yamlString, type TextEdit } from '../records/edits';
import { classify, isLevel, PRIORITIES, type Priority } from '../records/matrix';
import { KIND_FOLDERS } from '../records/kinds';
import type { RecordStore } from '../workspace/store';
import { candidateTitle, commonValue, RULE_METHOD, RULE_NAMES, type Candidate } from './detector';

export interface ProblemDraft {
  id: string;
  /** RecordStore-relative path of the new file. */
  path: string;
  text: string;
  /** The incidents linked, and the edits that link them, per file. */
  links: { id: string; file: string; edit: TextEdit }[];
  /** Incidents of the candidate left unlinked, with the reason. */
  skipped: { id: string; reason: string }[];
}

function q(s: string): string {
  return JSON.stringify(s);
}

/** A long text as a folded block scalar, wrapped near `width` columns. */
function folded(key: string, text: string, indent = '', width = 100): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent.length - 2) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return [`${indent}${key}: >-`, ...lines.map((l) => `${indent}  ${l}`)];
}

/** The highest level among `values`, in the matrix's order (levels are listed highest first). */
function highestLevel(levels: readonly (string | number)[], values: unknown[]): string | number | undefined {
  let best = -1;
  for (const v of values) {
    if (!isLevel(levels, v)) continue;
    const i = levels.findIndex((l) => String(l) === String(v));
    if (best < 0 || i < best) best = i;
  }
  return best < 0 ? undefined : levels[best];
}

/** The longest drafted title, in characters. */
export const TITLE_MAX = 80;

/** The `owner` line a drafted problem carries until someone is named: empty, with what to write. */
export const OWNER_PLACEHOLDER = 'owner: "" # who owns this problem: a person or a role';

/** `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:—-]+$/, '')}…`;
}

/**
 * A short title for the problem from what its incidents share, not from one ticket: the
 * candidate's key or label (its category, CI, service or burst) and the terms most of the
 * incidents' texts share, as many as fit in {@link TITLE_MAX} characters.
 */
export function draftTitle(c: Candidate): string {
  const rule = c.rules[0];
  // A text cluster's label is its representative ticket's title: say what the tickets share instead.
  const where = c.cis.length === 1 ? ` on ${c.cis[0]}` : c.services.length === 1 ? ` on ${c.services[0]}` : '';
  const base = rule === 'text' ? `Similar incidents${where}` : candidateTitle(c);
  const words = new Set(base.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const terms: string[] = [];
  for (const raw of c.sharedTerms ?? []) {
    const term = raw.split('/')[0].trim();
    if (!term || words.has(term.toLowerCase()) || terms.some((x) => x.toLowerCase() === term.toLowerCase())) continue;
    terms.push(term);
  }
  const sep = rule === 'text' ? ': ' : ' — ';
  let title = clip(base, TITLE_MAX);
  for (let k = 1; k <= Math.min(terms.length, 5); k++) {
    const next = `${base}${sep}${terms.slice(0, k).join(', ')}`;
    if (next.length > TITLE_MAX) break;
    title = next;
  }
  return title;
}

/** The highest priority among `values` (P1 highest), or undefined when none is a priority. */
function highestPriority(values: unknown[]): Priority | undefined {
  let best = -1;
  for (const v of values) {
    const i = PRIORITIES.indexOf(v as Priority);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best < 0 ? undefined : PRIORITIES[best];
}

/** A problem statement drafted from the incidents: what, where, since when; no guess at the cause. */
export function draftStatement(c: Candidate, linked: number): string {
  const where: string[] = [];
  if (c.cis.length === 1) where.push(`on ${c.cis[0]}`);
  if (c.services.length === 1) where.push(`affecting ${c.services[0]}`);
  else if (c.services.length > 1 && c.services.length <= 3) where.push(`affecting ${c.services.join(', ')}`);
  const since = c.firstReportedAt ? ` since ${c.firstReportedAt.slice(0, 10)}` : '';
  const titles = c.items.slice(0, 3).map((i) => `“${i.title}”`);
  const more = c.count > 3 ? `, and ${c.count - 3} more` : '';
  const shared = c.sharedTerms?.length ? ` They share the terms ${c.sharedTerms.slice(0, 5).join(', ')}.` : '';
  const k = c.count - linked;
  const already = k > 0 ? ` ${k} of them already ${k === 1 ? 'belongs' : 'belong'} to ${c.problems.join(', ')}.` : '';
  return `${c.count} incidents${where.length ? ' ' + where.join(', ') : ''} have been reported${since}: ${titles.join('; ')}${more}.${shared}${already}`;
}

/** Agreement of the incidents that have a value: the value when they all give the same one. */
function agreed(values: (string | undefined)[]): string | undefined {
  const given = values.filter((v): v is string => v !== undefined);
  return given.length > 0 && given.every((v) => v === given[0]) ? given[0] : undefined;
}

/**
 * The new problem record for a candidate and the links from its open incidents. `id` defaults to
 * the workspace's next problem id; `now` is the creation time (ISO 8601 with offset); `owner`, a
 * person or a role, else the record carries an empty `owner` with a comment asking for one.
 */
export function draftProblem(ws: RecordStore, c: Candidate, now: string, id = ws.nextId('problem'), owner?: string): ProblemDraft {
  const links: ProblemDraft['links'] = [];
  const skipped: ProblemDraft['skipped'] = [];
  const linkedRecords = [];
  for (const item of c.items) {
    if (item.problem) {
      skipped.push({ id: item.id, reason: `already belongs to ${item.problem}` });
      continue;
    }
    const text = ws.textOf(item.file);
    const rec = ws.recordsInFile(item.file).find((r) => r.ordinal === item.ordinal && r.id === item.id);
    const edit = text !== undefined && rec ? appendTopLevelKey(text, rec.ordinal, 'problem', id, ws.config) : undefined;
    if (!edit || !rec) {
      skipped.push({ id: item.id, reason: 'its file could not be read' });
      continue;
    }
    links.push({ id: item.id, file: rec.file, edit });
    linkedRecords.push(rec);
  }
  const values = linkedRecords.map((r) => r.value);
  const impact = highestLevel(ws.matrix.impact, values.map((v) => v.impact));
  const urgency = highestLevel(ws.matrix.urgency, values.map((v) => v.urgency));
  // The priority is the highest the incidents were given; when none was given one, the one the
  // matrix gives their highest impact and urgency. Where the two differ, the comment says so (and
  // the priority check asks the manager to decide).
  const given = highestPriority(values.map((v) => v.priority));
  const matrixPriority = impact !== undefined && urgency !== undefined ? classify(ws.matrix, impact, urgency) : undefined;
  const priority = given ?? matrixPriority;
  const priorityNote =
    !priority ? '' : !matrixPriority ? 'the highest among the incidents' : matrixPriority === priority ? `${ws.matrix.name}: impact ${impact} × urgency ${urgency}` : `the highest among the incidents; impact ${impact} × urgency ${urgency} gives ${matrixPriority} under ${ws.matrix.name}`;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const category = commonValue(values.map((v) => str(v.category)));
  // A service or CI only when every incident that names one names the same.
  const service = agreed(values.map((v) => str(v.service)));
  const ci = agreed(values.map((v) => str(v.configuration_item)));
  const level = (v: string | number) => (typeof v === 'number' ? String(v) : v);
  const rule = c.rules[0];
  const who = owner?.trim();

  const lines = [
    'kind: problem',
    `id: ${id}`,
    `title: ${q(draftTitle(c))}`,
    '# Drafted from the incidents: say what is wrong, where and since when, without guessing at the cause.',
    ...folded('problem_statement', draftStatement(c, links.length)),
    'status: new',
    ...(category ? [`category: ${q(category)}`] : []),
    ...(service ? [`service: ${q(service)}`] : []),
    ...(ci ? [`configuration_item: ${q(ci)}`] : []),
    ...(impact !== undefined ? [`impact: ${level(impact)} # the highest among the incidents`] : []),
    ...(urgency !== undefined ? [`urgency: ${level(urgency)} # the highest among the incidents`] : []),
    ...(priority ? [`priority: ${priority} # ${priorityNote}`] : []),
    ...(who ? render('owner', yamlString(who), '') : [OWNER_PLACEHOLDER]),
    `created_at: ${q(now)}`,
    ...(links.length ? ['incidents:', ...links.map((l) => `  - ${l.id}`)] : ['incidents: []']),
    'detection:',
    `  method: ${RULE_METHOD[rule]} # rule: ${RULE_NAMES[rule]}; candidate ${c.key}`,
    `  detected_at: ${q(now)}`,
    '  evidence:',
    ...c.evidence.map((e) => `    - ${q(e)}`),
    'rca:',
    '  method: fishbone',
    '  fishbone:',
    '    categories:',
    ...ws.config.fishboneCategories.flatMap((name) => [`      - name: ${q(name)}`, '        causes: []']),
    '  five_whys: []',
    '  root_causes: []',
    '',
  ];
  return { id, path: `${KIND_FOLDERS.problem}/${id}.yaml`, text: lines.join('\n'), links, skipped };
}
