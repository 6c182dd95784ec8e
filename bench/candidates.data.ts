/**
 * Real-data helpers for the detector's benchmark and ground-truth test: workspaces imported from
 * the public datasets with `kedb import` (never copied into the repository), the ground-truth
 * groups they carry, the mean best Jaccard of a detector against them, and the timing corpus
 * (real tickets, repeated with varied text where they run short).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace, withChildren, type DetectionResult, type RecordEntry } from '../src/core';
import { NodeFsHost } from '../src/node/fsHost';
import { prng } from './stats';

/** The repository root: the bundle runs from dist/bench or dist/test/unit. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'bin', 'kedb.js')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const REPO = repoRoot();
const KEDB = path.join(REPO, 'bin', 'kedb.js');

export function dataRoot(): string {
  return process.env.KEDB_DATA_DIR ?? path.resolve(REPO, '..', 'shared', 'data');
}

export interface Dataset {
  name: string;
  preset: 'servicenow-uci' | 'bpic2014' | 'tobi-bueck';
  /** CSV files, relative to the data root. */
  files: string[];
  matrix?: string;
}

export const UCI: Dataset = {
  name: 'UCI ServiceNow (final state)',
  preset: 'servicenow-uci',
  files: ['uci-incident-management-event-log/incidents_final_state.csv'],
  matrix: 'itil-3x3-p4',
};
export const BPIC: Dataset = {
  name: 'BPIC 2014 Rabobank',
  preset: 'bpic2014',
  files: ['bpic2014-rabobank-itil-sample/BPIC14_incident_case_attributes_4000.csv'],
  matrix: 'rabobank-5x5',
};
export const TOBI: Dataset = {
  name: 'Tobi Bueck tickets',
  preset: 'tobi-bueck',
  files: [
    'tobi-bueck-customer-support-tickets/aa_dataset-tickets-multi-lang-5-2-50-version_first1872.csv',
    'tobi-bueck-customer-support-tickets/dataset-tickets-multi-lang-4-20k_first2181.csv',
    'tobi-bueck-customer-support-tickets/dataset-tickets-multi-lang3-4k_first1167.csv',
    'tobi-bueck-customer-support-tickets/dataset-tickets-german_normalized.csv',
    'tobi-bueck-customer-support-tickets/dataset-tickets-german_normalized_50_5_2_first3182.csv',
  ],
};

/** The dataset's files, or why they are missing. */
export function datasetFiles(d: Dataset): { files: string[] } | { missing: string } {
  const files = d.files.map((f) => path.join(dataRoot(), f));
  const absent = files.find((f) => !fs.existsSync(f));
  return absent ? { missing: `${absent} not found; set KEDB_DATA_DIR to the folder holding the real datasets` } : { files };
}

/**
 * Imports the dataset with the `kedb import` CLI into `root` (one workspace; each CSV file into
 * its own incidents folder, as their row-number ids would clash) and writes a kedb.config.yaml
 * naming its priority matrix. Returns the workspace folder.
 */
export function importWithCli(d: Dataset, root: string): string {
  const found = datasetFiles(d);
  if ('missing' in found) throw new Error(found.missing);
  fs.mkdirSync(root, { recursive: true });
  found.files.forEach((csv, i) => {
    const out = path.join(root, found.files.length > 1 ? `incidents/part-${i + 1}` : 'incidents');
    const r = spawnSync(process.execPath, [KEDB, 'import', csv, '--preset', d.preset, '--out', out], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`kedb import ${path.basename(csv)} failed (${r.status}):\n${r.stderr || r.stdout}`);
  });
  fs.writeFileSync(path.join(root, 'kedb.config.yaml'), `version: 1\n${d.matrix ? `priority:\n  matrix: ${d.matrix}\n` : ''}`);
  return root;
}

/** A cached import (under KEDB_CACHE_DIR or ~/.cache/kedb-studio) for the benchmark. */
export function cachedImport(d: Dataset, cacheDir: string): string {
  const found = datasetFiles(d);
  if ('missing' in found) throw new Error(found.missing);
  const size = found.files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const dir = path.join(cacheDir, 'bench', `candidates-${d.preset}-${size}`);
  const stamp = path.join(dir, '.complete');
  if (!fs.existsSync(stamp)) {
    fs.rmSync(dir, { recursive: true, force: true });
    importWithCli(d, dir);
    fs.writeFileSync(stamp, new Date().toISOString());
  }
  return dir;
}

export async function loadWorkspace(dir: string): Promise<Workspace> {
  return Workspace.load(new NodeFsHost(dir));
}

/** Ground truth: incident ids per value of `source.<field>` (problem_id, knowledge_id). */
export function groundTruth(records: Iterable<RecordEntry>, field: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const r of records) {
    if (r.kind !== 'incident' || !r.id) continue;
    const v = (r.value.source as Record<string, unknown> | undefined)?.[field];
    if (typeof v !== 'string' || !v) continue;
    const list = groups.get(v);
    if (list) list.push(r.id);
    else groups.set(v, [r.id]);
  }
  return groups;
}

/**
 * Every candidate the detector found, whatever its status; with `specific`, only those some rule
 * other than the category rule found (the detector ranks category-only candidates last).
 */
export function allCandidates(r: DetectionResult, options: { specific?: boolean } = {}): string[][] {
  return [...withChildren(r.candidates), ...(options.specific ? [] : r.context), ...r.covered, ...r.dismissed].filter((c) => !options.specific || c.rules.some((rule) => rule !== 'category')).map((c) => c.incidents);
}

/**
 * For each ground-truth group of `minSize` or more, the best Jaccard overlap with any candidate;
 * the mean over groups, and how many groups some candidate matches at J ≥ 0.5.
 */
export function bestJaccard(groups: Map<string, string[]>, candidates: string[][], minSize = 3): { mean: number; groups: number; matched: number } {
  const byIncident = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    for (const id of c) {
      const list = byIncident.get(id);
      if (list) list.push(i);
      else byIncident.set(id, [i]);
    }
  });
  let sum = 0;
  let n = 0;
  let matched = 0;
  for (const g of groups.values()) {
    if (g.length < minSize) continue;
    const inter = new Map<number, number>();
    for (const id of g) for (const c of byIncident.get(id) ?? []) inter.set(c, (inter.get(c) ?? 0) + 1);
    let best = 0;
    for (const [c, k] of inter) best = Math.max(best, k / (g.length + candidates[c].length - k));
    sum += best;
    n++;
    if (best >= 0.5) matched++;
  }
  return { mean: n ? sum / n : 0, groups: n, matched };
}

/** Pair counts and scores of candidates against ground-truth groups (see `pairScores`). */
export interface PairScores {
  /** Distinct pairs of incidents that some candidate holds both of. */
  predicted: number;
  /** Pairs of incidents in the same ground-truth group. */
  truth: number;
  /** Pairs both predicted and true. */
  hit: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Pairwise precision, recall and F1, the usual incident-linking measure: over all pairs of
 * incidents, a pair is predicted linked when some candidate holds both, and truly linked when one
 * ground-truth group holds both (groups of every size; an incident in no group is linked to none).
 * Counted without enumerating the N² pairs: the true pairs are Σ C(k, 2) over the (disjoint)
 * groups, the hits are the pairs inside each group that share a candidate, and the predicted pairs
 * are Σ C(k, 2) over the candidates when they are disjoint; candidates overlap (an incident can be
 * in a category, a CI window and a text cluster), so each incident counts the distinct incidents of
 * the union of its candidates: its largest candidate whole, then the members of the others not
 * already counted; the sum counts each pair twice.
 */
export function pairScores(groups: Map<string, string[]>, candidates: string[][]): PairScores {
  const sets = candidates.map((c) => new Set(c));
  const byIncident = new Map<string, number[]>();
  sets.forEach((c, i) => {
    for (const id of c) {
      const list = byIncident.get(id);
      if (list) list.push(i);
      else byIncident.set(id, [i]);
    }
  });
  let twice = 0;
  for (const cs of byIncident.values()) {
    if (cs.length === 1) {
      twice += sets[cs[0]].size - 1;
      continue;
    }
    const bySize = [...cs].sort((a, b) => sets[b].size - sets[a].size);
    let n = sets[bySize[0]].size;
    for (let k = 1; k < bySize.length; k++) {
      for (const m of sets[bySize[k]]) {
        let seen = false;
        for (let e = 0; e < k && !seen; e++) seen = sets[bySize[e]].has(m);
        if (!seen) n++;
      }
    }
    twice += n - 1;
  }
  const predicted = twice / 2;
  let truth = 0;
  let hit = 0;
  for (const g of groups.values()) {
    const ids = [...new Set(g)];
    truth += (ids.length * (ids.length - 1)) / 2;
    for (let a = 0; a < ids.length; a++) {
      const ca = byIncident.get(ids[a]);
      if (!ca) continue;
      for (let b = a + 1; b < ids.length; b++) {
        const cb = byIncident.get(ids[b]);
        if (cb && ca.some((c) => cb.includes(c))) hit++;
      }
    }
  }
  const precision = predicted ? hit / predicted : 0;
  const recall = truth ? hit / truth : 0;
  return { predicted, truth, hit, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The fraction of incidents, by opening date, in the first part of the time split. */
export const SPLIT_FIRST = 0.6;

/**
 * The split for honest tuning: the incidents ordered by opening date (`reported_at`, then id), the
 * first 60 % (`SPLIT_FIRST`) in `first` and the rest in `second`, so a parameter chosen on the
 * first part is judged on later incidents it never saw. Incidents without a date are in neither
 * part (counted in `undated`). `cut` is the opening date of the first incident of `second`.
 */
export function timeSplit(records: readonly RecordEntry[], fraction = SPLIT_FIRST): { first: RecordEntry[]; second: RecordEntry[]; undated: number; cut: string } {
  const dated: { r: RecordEntry; time: number }[] = [];
  let undated = 0;
  for (const r of records) {
    if (r.kind !== 'incident') continue;
    const time = Date.parse(String(r.value.reported_at ?? ''));
    if (Number.isFinite(time)) dated.push({ r, time });
    else undated++;
  }
  dated.sort((a, b) => a.time - b.time || (a.r.id ?? '').localeCompare(b.r.id ?? ''));
  const at = Math.round(dated.length * fraction);
  return {
    first: dated.slice(0, at).map((d) => d.r),
    second: dated.slice(at).map((d) => d.r),
    undated,
    cut: at < dated.length ? new Date(dated[at].time).toISOString() : '-',
  };
}

// ---- the timing corpus ----------------------------------------------------------------------

const SWAPS: [RegExp, string][] = [
  [/\bupdate\b/gi, 'upgrade'],
  [/\bissue\b/gi, 'problem'],
  [/\bnot working\b/gi, 'failing'],
  [/\bslow\b/gi, 'sluggish'],
  [/\berror\b/gi, 'failure'],
  [/\bProblem\b/g, 'Störung'],
];

/** What a reporter adds when the same fault comes back: context that says nothing about the fault. */
const ASIDES = [
  'It happened again this morning.',
  'Restarting did not help.',
  'This affects the whole team.',
  'Please advise as soon as possible.',
  'Same as last time.',
  'Several colleagues see the same.',
  'We need this fixed before the end of the day.',
  '',
];

/** The same ticket told again: some words dropped, some swapped, an aside added. */
export function vary(text: string, rnd: () => number): string {
  let out = text
    .split(/\s+/)
    .filter(() => rnd() > 0.2)
    .join(' ');
  for (const [re, to] of SWAPS) if (rnd() < 0.3) out = out.replace(re, to);
  return `${out} ${ASIDES[Math.floor(rnd() * ASIDES.length)]}`.trim();
}

/**
 * `n` incidents built from the real datasets: the text, category (queue), type and priority of a
 * Tobi Bueck ticket, and the configuration item, service and time of a BPIC 2014 incident. Past
 * the real tickets, each is repeated with varied text (`vary`) and moved on in time, as a fault
 * recurs: the corpus keeps the vocabulary, the languages and the near-repeats of the real data.
 */
export function timingCorpus(n: number, tickets: readonly RecordEntry[], bpic: readonly RecordEntry[]): RecordEntry[] {
  const out: RecordEntry[] = [];
  const times = bpic.map((r) => Date.parse(String(r.value.reported_at))).filter((t) => Number.isFinite(t));
  const span = Math.max(...times) - Math.min(...times);
  for (let i = 0; i < n; i++) {
    const t = tickets[i % tickets.length].value;
    const b = bpic[i % bpic.length].value;
    const round = Math.floor(i / tickets.length);
    const rnd = prng(i * 7919 + 17);
    const title = String(t.title ?? '');
    const body = typeof t.body === 'string' ? t.body : undefined;
    const time = Date.parse(String(b.reported_at)) + round * span;
    const value: Record<string, unknown> = {
      kind: 'incident',
      id: `INC-${String(i + 1).padStart(6, '0')}`,
      title: round === 0 ? title : vary(title, rnd),
      ...(body ? { body: round === 0 ? body : vary(body, rnd) } : {}),
      category: t.category,
      type: t.type,
      priority: t.priority,
      service: b.service,
      configuration_item: b.configuration_item,
      reported_at: Number.isFinite(time) ? new Date(time).toISOString() : undefined,
      status: 'closed',
      ...(t.source && typeof t.source === 'object' && 'language' in (t.source as object) ? { source: { language: (t.source as Record<string, unknown>).language } } : {}),
    };
    out.push({ file: `incidents/${value.id}.yaml`, ordinal: 0, kind: 'incident', id: value.id as string, value });
  }
  return out;
}

// ---- the hostile corpus ---------------------------------------------------------------------

const NEAR_SYMPTOMS = ['times out', 'is unreachable', 'drops the connection', 'rejects the login', 'hangs', 'is very slow'];
const NEAR_PLACES = ['Amsterdam', 'Utrecht', 'Rotterdam', 'Eindhoven', 'Groningen', 'Den Haag', 'Leiden', 'Delft', 'Breda', 'Tilburg'];
const NEAR_TEAMS = ['finance', 'sales', 'HR', 'support', 'logistics', 'marketing', 'legal', 'IT'];
const SYLLABLES = ['ba', 'ko', 'mi', 'ru', 'te', 'sa', 'no', 'li', 've', 'du', 'ga', 'pe', 'zo', 'fi', 'ha', 'jo', 'ky', 'we', 'xa', 'qu'];

/** A made-up user name, unique per `i` (letters only, so no text pipeline drops it as a number). */
function userName(i: number): string {
  let s = '';
  for (let k = 0; k < 4; k++) {
    s += SYLLABLES[i % SYLLABLES.length];
    i = Math.floor(i / SYLLABLES.length);
  }
  return s;
}

/**
 * `n` incidents that nearly all say the same thing, as when an outage floods the desk: one title,
 * and one description with a couple of words varied per incident (the symptom, the team, the
 * office) and the reporting user's name, on one CI and spread over a month. Every text is distinct
 * (the user names are), so none is collapsed as a duplicate, and nearly every pair is similar:
 * the worst case for a clustering that keeps all similar pairs.
 */
export function nearIdenticalCorpus(n: number, seed = 1): RecordEntry[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const start = Date.parse('2026-03-02T08:00:00Z');
  const out: RecordEntry[] = [];
  for (let i = 0; i < n; i++) {
    const value: Record<string, unknown> = {
      kind: 'incident',
      id: `INC-${String(i + 1).padStart(6, '0')}`,
      title: 'VPN gateway times out for remote users',
      description: `Since this morning the VPN gateway ${pick(NEAR_SYMPTOMS)} when user ${userName(i)} of the ${pick(NEAR_TEAMS)} team connects from the ${pick(NEAR_PLACES)} office. Nobody can reach the intranet or mail.`,
      category: 'network',
      priority: 'P3',
      configuration_item: 'CI-VPN-01',
      service: 'Remote access',
      reported_at: new Date(start + Math.floor(rnd() * 30 * 86_400_000)).toISOString(),
      status: 'open',
    };
    out.push({ file: `incidents/${value.id}.yaml`, ordinal: 0, kind: 'incident', id: value.id as string, value });
  }
  return out;
}
