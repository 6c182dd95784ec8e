/**
 * Promote Problem to Known Error: the known error record drafted from a problem, and the link
 * from the problem to it. The editor applies both in one undoable edit.
 */
import type { TextEdit } from '../records/edits';
import { allCauses, readRca } from '../rca/model';
import { rootCauseKey } from '../rca/diagnostics';
import { folderFor, KIND_FOLDERS } from '../records/kinds';
import type { RecordStore } from '../workspace/store';
import type { RecordEntry } from '../records/entry';
import { dayOf, workaroundState } from './lifecycle';
import { knownErrorOfProblem, linkedIncidents, obj, str, strings } from './model';
import { render, setIn, yamlInline, yamlString } from '../records/edits';
import { t } from '../base/l10n';

export interface PromotionPlan {
  problem: string;
  knownError: string;
  /** Where the new record goes, relative to the workspace root. */
  path: string;
  text: string;
  /** The edit of the problem file that links it to the known error. */
  problemFile: string;
  problemEdit: TextEdit;
  /** What the draft is made of, for a message. */
  symptoms: number;
  rootCauses: number;
}

export type PromotionResult = { ok: true; plan: PromotionPlan } | { ok: false; message: string; existing?: string };

/** The permanent-fix status a new known error starts with, from its problem's state. */
function fixStatus(problemStatus: string | undefined): string {
  if (problemStatus === 'fix-in-progress') return 'in-progress';
  if (problemStatus === 'resolved' || problemStatus === 'closed') return 'done';
  return 'open';
}

/** The first sentence of a text, as a symptom: one line, without a trailing full stop turned into two. */
function firstSentence(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(?:\s|$)/.exec(flat);
  return (m ? m[1] : flat).trim();
}

function sentence(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(flat) ? flat : flat + '.';
}

/** Adds texts that are not already there (compared as root causes are: case, spacing, final period aside). */
function addUnique(list: string[], seen: Set<string>, text: string | undefined): void {
  if (!text) return;
  const item = sentence(text);
  const k = rootCauseKey(item);
  if (k && !seen.has(k)) {
    seen.add(k);
    list.push(item);
  }
}

/**
 * Symptoms drafted from the linked incidents: each incident's title (what the service desk saw),
 * then the first sentence of the problem statement when no incident says anything.
 */
export function draftSymptoms(ws: RecordStore, problem: RecordEntry): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const inc of linkedIncidents(ws, problem, undefined)) addUnique(out, seen, str(inc.value.title));
  if (out.length === 0) addUnique(out, seen, str(problem.value.problem_statement) && firstSentence(String(problem.value.problem_statement)));
  if (out.length === 0) addUnique(out, seen, str(problem.value.title));
  return out;
}

/**
 * Root causes: the fishbone causes marked `root_cause`, then those listed in `rca.root_causes`,
 * then each 5 Whys chain's last answer (its root cause); each once.
 */
export function draftRootCauses(ws: RecordStore, problem: RecordEntry): string[] {
  const model = readRca(problem.value, ws.config);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const { cause } of allCauses(model)) if (cause.rootCause) addUnique(out, seen, cause.text);
  for (const rc of model.rootCauses) addUnique(out, seen, rc);
  for (const chain of model.chains) addUnique(out, seen, chain.steps[chain.steps.length - 1]?.because);
  return out;
}

/** The id of a new known error: the problem's number under the known-error prefix when free (PRB-0007 → KE-0007), else the next free id. */
export function knownErrorIdFor(ws: RecordStore, problemId: string): string {
  const m = /-(\d+)$/.exec(problemId);
  if (m) {
    const id = `${ws.config.idPrefixes.known_error}-${m[1]}`;
    if (ws.getAll(id).length === 0 && !ws.hasFile(`${KIND_FOLDERS.known_error}/${id}.yaml`)) return id;
  }
  return ws.nextId('known_error');
}


/** The text of the known error record drafted from a problem. */
export function knownErrorText(ws: RecordStore, problem: RecordEntry, id: string, now: string): { text: string; symptoms: number; rootCauses: number } {
  const v = problem.value;
  const symptoms = draftSymptoms(ws, problem);
  const rootCauses = draftRootCauses(ws, problem);
  const lines: string[] = [`# Known error for ${problem.id}, promoted on ${dayOf(now)}.`, '', 'kind: known_error', `id: ${id}`, `problem: ${problem.id}`];
  lines.push(...render('title', yamlString(str(v.title) ?? `Known error of ${problem.id}`), ''));
  for (const key of ['service', 'category'] as const) if (str(v[key])) lines.push(...render(key, yamlString(String(v[key])), ''));
  lines.push('# What users and the service desk see, drafted from the incidents: one symptom per item.');
  lines.push('symptoms:');
  if (symptoms.length) for (const s of symptoms) lines.push(...listItem(s));
  else lines.push('  - ""');
  if (rootCauses.length) {
    lines.push('root_causes:');
    for (const r of rootCauses) lines.push(...listItem(r));
  } else lines.push('root_causes: []');
  const workaround = str(v.workaround);
  if (workaround) lines.push(...render('workaround', yamlString(workaround.replace(/\s+/g, ' ').trim()), ''));
  else lines.push('# No workaround yet: write one, or "None: " and the reason there is none.', 'workaround: ""');
  lines.push('permanent_fix:', `  status: ${fixStatus(str(v.status))} # open, planned, in-progress, ongoing, done`);
  const change = str(obj(v.resolution).change);
  if (change) lines.push(`  change: ${yamlInline(change)}`);
  const tags = strings(v.tags);
  if (tags.length) {
    lines.push('tags:');
    for (const tag of tags) lines.push(`  - ${yamlInline(tag)}`);
  }
  lines.push(`created_at: ${JSON.stringify(now)}`, '');
  return { text: lines.join('\n'), symptoms: symptoms.length, rootCauses: rootCauses.length };
}

function listItem(s: string): string[] {
  const v = yamlString(s, 92);
  if ('inline' in v) return [`  - ${v.inline}`];
  const [head, ...rest] = v.block;
  return [`  - ${head}`, ...rest.map((l) => '  ' + l)];
}

/**
 * Plans the promotion of a problem: refuses a problem that already has a known error (its own
 * `known_error`, or one that names it), and otherwise drafts the record and the link back.
 * `problemText` is the problem file as the editor has it.
 */
export function planPromotion(ws: RecordStore, problemId: string, now: string, problemText?: string): PromotionResult {
  const problem = ws.get(problemId);
  if (!problem || problem.kind !== 'problem') return { ok: false, message: t('{0} is not a problem in this workspace.', problemId) };
  const existing = knownErrorOfProblem(ws, problem);
  if (existing?.id) return { ok: false, message: t('{0} already has a known error, {1}.', problemId, existing.id), existing: existing.id };
  const id = knownErrorIdFor(ws, problemId);
  const { text, symptoms, rootCauses } = knownErrorText(ws, problem, id, now);
  const source = problemText ?? ws.textOf(problem.file);
  if (source === undefined) return { ok: false, message: t('{0} cannot be read.', problem.file) };
  const problemEdit = setIn(source, problem.ordinal, ['known_error'], { inline: id }, ws.config, { after: ['workaround', 'rca', 'detection', 'incidents'] });
  if (!problemEdit) return { ok: false, message: t('{0} is not a block mapping; add known_error: {1} by hand.', problem.file, id) };
  const path = `${folderFor('known_error', problem.file)}/${id}.yaml`;
  return { ok: true, plan: { problem: problemId, knownError: id, path, text, problemFile: problem.file, problemEdit, symptoms, rootCauses } };
}

/** True when the problem's workaround is given (not missing, not "none"). */
export function hasWorkaround(r: RecordEntry): boolean {
  return workaroundState(r.value.workaround) === 'given';
}
