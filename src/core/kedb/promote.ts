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
import { dayOf, statusAfterPromotion, workaroundState } from './lifecycle';
import { knownErrorOfProblem, linkedIncidents, obj, str, strings } from './model';
import { KnownErrorIndex, type KnownErrorHit } from './search';
import { chainEdits, render, setIn, yamlInline, yamlString } from '../records/edits';
import { t } from '../base/l10n';
import { NEGATIONS } from '../text/negation';
import { detectLanguage, STOP_WORDS, tokenize } from '../text/analyze';
import { STEMMERS } from '../text/stemmers';
import { FUNCTION_WORDS } from '../text/stopwords';
import { tokenize as tokenizeWithOffsets, type Token } from '../text/tokens';

export interface PromotionPlan {
  problem: string;
  knownError: string;
  /** Where the new record goes, relative to the workspace root. */
  path: string;
  text: string;
  /** The edit of the problem file that links it to the known error (and moves its status). */
  problemFile: string;
  problemEdit: TextEdit;
  /** The problem's state before and after, when the promotion moves it (see statusAfterPromotion). */
  status?: { from: string; to: string };
  /** What the draft is made of, for a message. */
  symptoms: number;
  rootCauses: number;
  /**
   * The known errors (not retired) that already match the draft's title and symptoms, from the
   * workspace's `lifecycle.matching` threshold up, best first: a duplicate caught before it is written.
   */
  similar: KnownErrorHit[];
}

export interface PromotionOptions {
  /** The workaround the user confirmed; default: the problem's. */
  workaround?: string;
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

let FUNCTION_SET: Set<string> | undefined;
/** The function words of every language, folded as tokens are. */
function functionWords(): Set<string> {
  return (FUNCTION_SET ??= new Set(Object.values(FUNCTION_WORDS).flatMap((list) => tokenize(list))));
}

/** The most symptoms a draft gets, and the most words in one. */
const MAX_SYMPTOMS = 5;
const MAX_PHRASE_WORDS = 10;
/** How much of an incident's text is read, and how many incidents: a draft, not a full-text index. */
const MAX_TEXT = 4000;
const MAX_INCIDENTS = 200;
/** Inside a phrase only words and spaces (and hyphens, apostrophes): punctuation ends it. */
const PHRASE_GAP = /^[\s'’`´-]*$/;

interface Occurrence {
  incident: number;
  /** The text's index in `sources`, and the phrase's first and past-last token in it. */
  text: number;
  start: number;
  end: number;
}

/**
 * The phrases that recur across incidents: `texts[i]` is what incident i says (its description,
 * its body). A phrase is a run of up to 10 words inside one clause, starting and ending on a word
 * that is not a function word (a negation may start it, and one before it is never left out:
 * "cannot log in"), with two words that are no ticket words (or one and a negation: "PCs did not
 * help"), found in two incidents or more. The most shared come first, the longer first among
 * equals; a phrase only counts the places no phrase taken before covers, so "connection lost" and
 * "the connection lost error" are not both given. Returned as written in the first incident that
 * has it. Words are compared through the one text pipeline (folded, contractions resolved).
 */
export function recurringPhrases(texts: readonly (readonly string[])[], limit = MAX_SYMPTOMS): string[] {
  const sources: { incident: number; text: string; toks: Token[] }[] = [];
  texts.slice(0, MAX_INCIDENTS).forEach((list, incident) => {
    for (const raw of list) {
      const text = raw.slice(0, MAX_TEXT);
      if (text.trim()) sources.push({ incident, text, toks: tokenizeWithOffsets(text) });
    }
  });
  const stem = STEMMERS[detectLanguage(sources.flatMap((s) => s.toks.map((x) => x.t)))];
  const fn = functionWords();
  // An edge word: not a function word ("the", "of"); a phrase may start with a negation.
  const edge = (t: string) => !fn.has(t) && !NEGATIONS.has(t);
  const found = new Map<string, { incidents: Set<number>; occurrences: Occurrence[]; words: number; content: number; first: number }>();
  let order = 0;
  sources.forEach(({ incident, text, toks }, si) => {
    const stems = toks.map((x) => (/^\d+$/.test(x.t) || NEGATIONS.has(x.t) ? x.t : stem(x.t)));
    // Token i follows token i - 1 in the same clause.
    const joined = (i: number) => i > 0 && !toks[i].brk && PHRASE_GAP.test(text.slice(toks[i - 1].end, toks[i].start));
    for (let i = 0; i < toks.length; i++) {
      if (!edge(toks[i].t) && !NEGATIONS.has(toks[i].t)) continue;
      // A phrase keeps the negation before it ("cannot log in", "not be able to"): it never starts after one.
      if (joined(i) && (NEGATIONS.has(toks[i - 1].t) || (fn.has(toks[i - 1].t) && joined(i - 1) && NEGATIONS.has(toks[i - 2].t)))) continue;
      let key = stems[i];
      let edges = edge(toks[i].t) ? 1 : 0;
      let content = STOP_WORDS.has(toks[i].t) || !edge(toks[i].t) ? 0 : 1;
      let negated = NEGATIONS.has(toks[i].t);
      for (let j = i + 1; j < toks.length && j - i < MAX_PHRASE_WORDS; j++) {
        if (!joined(j)) break;
        key += ' ' + stems[j];
        if (NEGATIONS.has(toks[j].t)) negated = true;
        if (!edge(toks[j].t)) continue;
        edges++;
        if (!STOP_WORDS.has(toks[j].t)) content++;
        // Two words that say something and are no ticket words ("connection lost"), or one and a
        // negation ("PCs did not help"); "please help" and "page shows" say nothing.
        // Without a negation the last word says something too ("login page", not "login page shows").
        if (edges < 2 || content < (negated ? 1 : 2) || (!negated && STOP_WORDS.has(toks[j].t))) continue;
        let entry = found.get(key);
        if (!entry) found.set(key, (entry = { incidents: new Set(), occurrences: [], words: j + 1 - i, content, first: order++ }));
        entry.incidents.add(incident);
        entry.occurrences.push({ incident, text: si, start: i, end: j + 1 });
      }
    }
  });
  const ranked = [...found.values()]
    .filter((e) => e.incidents.size >= 2)
    .sort((a, b) => b.incidents.size - a.incidents.size || b.content - a.content || b.words - a.words || a.first - b.first);
  const used = sources.map((s) => new Uint8Array(s.toks.length));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of ranked) {
    if (out.length >= limit) break;
    const free = e.occurrences.filter((o) => !used[o.text].subarray(o.start, o.end).some((x) => x === 1));
    if (new Set(free.map((o) => o.incident)).size < 2) continue;
    for (const o of e.occurrences) used[o.text].fill(1, o.start, o.end);
    const o = free[0];
    const { text, toks } = sources[o.text];
    const phrase = text.slice(toks[o.start].start, toks[o.end - 1].end).replace(/\s+/g, ' ');
    const item = sentence(phrase.charAt(0).toUpperCase() + phrase.slice(1));
    const k = rootCauseKey(item);
    if (k && !seen.has(k)) {
      seen.add(k);
      out.push(item);
    }
  }
  return out;
}

/**
 * Symptoms drafted from the linked incidents: what their descriptions (or bodies, for those with
 * no description) share, the phrases that recur across them, at most five, not their titles; the
 * first sentence of the problem statement when nothing recurs, then the problem's title.
 */
export function draftSymptoms(ws: RecordStore, problem: RecordEntry): string[] {
  // The analyst's description, else the reporter's body: bodies share greetings and "please escalate".
  const texts = linkedIncidents(ws, problem, undefined).map((inc) => [str(inc.value.description) ?? str(inc.value.body)].filter((s): s is string => !!s));
  const out = recurringPhrases(texts);
  const seen = new Set<string>();
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
export function knownErrorText(ws: RecordStore, problem: RecordEntry, id: string, now: string, options: PromotionOptions = {}): { text: string; symptoms: number; rootCauses: number; symptomList: string[] } {
  const v = problem.value;
  const symptoms = draftSymptoms(ws, problem);
  const rootCauses = draftRootCauses(ws, problem);
  const lines: string[] = [`# Known error for ${problem.id}, promoted on ${dayOf(now)}.`, '', 'kind: known_error', `id: ${id}`, `problem: ${problem.id}`];
  lines.push('# A draft until KEDB: Publish Known Error finds what the service desk needs and publishes it.', 'state: draft');
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
  const workaround = options.workaround !== undefined ? str(options.workaround) : str(v.workaround);
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
  return { text: lines.join('\n'), symptoms: symptoms.length, rootCauses: rootCauses.length, symptomList: symptoms };
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
export function planPromotion(ws: RecordStore, problemId: string, now: string, problemText?: string, options: PromotionOptions = {}): PromotionResult {
  const problem = ws.get(problemId);
  if (!problem || problem.kind !== 'problem') return { ok: false, message: t('{0} is not a problem in this workspace.', problemId) };
  const existing = knownErrorOfProblem(ws, problem);
  // A retired known error leaves room for the one that replaces it.
  if (existing?.id && existing.value.state !== 'retired') return { ok: false, message: t('{0} already has a known error, {1}.', problemId, existing.id), existing: existing.id };
  const id = knownErrorIdFor(ws, problemId);
  const { text, symptoms, rootCauses, symptomList } = knownErrorText(ws, problem, id, now, options);
  const similar = similarKnownErrors(ws, str(problem.value.title), symptomList);
  const source = problemText ?? ws.textOf(problem.file);
  if (source === undefined) return { ok: false, message: t('{0} cannot be read.', problem.file) };
  const link = setIn(source, problem.ordinal, ['known_error'], { inline: id }, ws.config, { after: ['workaround', 'rca', 'detection', 'incidents'] });
  const to = statusAfterPromotion(problem.value, ws.config.lifecycle);
  const problemEdit = link && chainEdits(source, [() => link, (current) => (to ? setIn(current, problem.ordinal, ['status'], { inline: to }, ws.config, { after: ['title'] }) : undefined)]);
  if (!problemEdit) return { ok: false, message: t('{0} is not a block mapping; add known_error: {1} by hand.', problem.file, id) };
  const path = `${folderFor('known_error', problem.file)}/${id}.yaml`;
  return { ok: true, plan: { problem: problemId, knownError: id, path, text, problemFile: problem.file, problemEdit, symptoms, rootCauses, similar, ...(to ? { status: { from: str(problem.value.status) ?? 'new', to } } : {}) } };
}

/** True when the problem's workaround is given (not missing, not "none"). */
export function hasWorkaround(r: RecordEntry): boolean {
  return workaroundState(r.value.workaround) === 'given';
}

/**
 * The known errors already in the KEDB that a new one with this title and these symptoms would
 * duplicate: the match CodeLens's text similarity (title and symptoms weighed as an incident's title
 * and description), from the `lifecycle.matching` threshold up, at most its limit, retired ones
 * left out, published ones first.
 */
export function similarKnownErrors(ws: RecordStore, title: string | undefined, symptoms: readonly string[]): KnownErrorHit[] {
  const index = KnownErrorIndex.build(ws.records('known_error'));
  const { matchThreshold, matchLimit } = ws.config.lifecycle;
  return index.matchIncident({ title, description: symptoms.join('\n') }, ws.config.detection.text.weights, matchThreshold, matchLimit);
}
