/**
 * "Create Problem Record" from a candidate, as plain text and edits: the new problem file, and a
 * `problem: PRB-…` line added to each incident it links (comment-preserving). The editor applies
 * them as one undoable edit; the CLI or a test can apply them with `applyEdits`.
 */
import { appendTopLevelKey, type TextEdit } from '../records/edits';
import { classify, isLevel } from '../records/matrix';
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

/**
 * The new problem record for a candidate and the links from its open incidents. `id` defaults to
 * the workspace's next problem id; `now` is the creation time (ISO 8601 with offset).
 */
export function draftProblem(ws: RecordStore, c: Candidate, now: string, id = ws.nextId('problem')): ProblemDraft {
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
  const priority = impact !== undefined && urgency !== undefined ? classify(ws.matrix, impact, urgency) : undefined;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const category = commonValue(values.map((v) => str(v.category)));
  const service = commonValue(values.map((v) => str(v.service)));
  const ci = commonValue(values.map((v) => str(v.configuration_item)));
  const level = (v: string | number) => (typeof v === 'number' ? String(v) : v);
  const rule = c.rules[0];

  const lines = [
    'kind: problem',
    `id: ${id}`,
    `title: ${q(candidateTitle(c))}`,
    '# Drafted from the incidents: say what is wrong, where and since when, without guessing at the cause.',
    ...folded('problem_statement', draftStatement(c, links.length)),
    'status: new',
    ...(category ? [`category: ${q(category)}`] : []),
    ...(service ? [`service: ${q(service)}`] : []),
    ...(ci ? [`configuration_item: ${q(ci)}`] : []),
    ...(impact !== undefined ? [`impact: ${level(impact)} # the highest among the incidents`] : []),
    ...(urgency !== undefined ? [`urgency: ${level(urgency)} # the highest among the incidents`] : []),
    ...(priority ? [`priority: ${priority} # ${ws.matrix.name}: impact ${impact} × urgency ${urgency}`] : []),
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
