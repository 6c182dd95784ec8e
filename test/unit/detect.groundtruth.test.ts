/**
 * The detector against real ground truth: the UCI ServiceNow log links incidents to problems
 * (`problem_id`), and BPIC 2014 names the knowledge article that solved each incident
 * (`KM number`). Both are imported with the `kedb import` CLI into temporary workspaces (the data
 * is read from ../shared/data or KEDB_DATA_DIR and never copied into the repository).
 *
 * Two measures, as `npm run bench -- candidates` prints them (bench/README.md has the figures):
 * for each ground-truth group of 3 or more incidents, the best Jaccard overlap with any candidate
 * (the mean over groups, and the groups matched at J >= 0.5); and pairwise precision, recall and
 * F1 (a pair of incidents is predicted linked when some candidate holds both, truly linked when one
 * group holds both). The seed's category-only rule is the baseline. The figures are asserted as
 * floors a little under those measured on 2026-12-07 with the defaults, on the whole set and on the
 * last 40 % of the incidents by opening date (the part a later tuning on the first 60 % must be
 * judged on).
 */
import type { TestContext } from 'node:test';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detect, type RecordEntry, type RuleId } from '../../src/core';
import { datasetMissing, testNeeding } from './helpers';
import { allCandidates, BPIC, bestJaccard, datasetFiles, groundTruth, importWithCli, loadWorkspace, pairScores, timeSplit, UCI, type Dataset, type PairScores } from '../../bench/candidates.data';

type Settings = Parameters<typeof detect>[1];

async function imported(d: Dataset): Promise<{ records: RecordEntry[]; settings: Settings }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `kedb-groundtruth-${d.preset}-`));
  try {
    importWithCli(d, root);
    const ws = await loadWorkspace(root);
    return { records: [...ws.records('incident')], settings: ws.config.detection };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

interface Figures {
  jaccard: number;
  matched: number;
  groups: number;
  pairs: PairScores;
}

const FULL: RuleId[] = ['category', 'ci', 'text', 'burst', 'shared'];

/** The figures of the category rule (the seed), each other rule alone, the full detector, and its candidates that are not category-only. */
function measure(t: TestContext, name: string, records: RecordEntry[], settings: Settings, field: string): Record<'category' | 'ci' | 'text' | 'burst' | 'shared' | 'full' | 'specific', Figures> {
  const groups = groundTruth(records, field);
  const figures = (label: string, candidates: string[][]): Figures => {
    const j = bestJaccard(groups, candidates);
    const pairs = pairScores(groups, candidates);
    t.diagnostic(
      `${name}: ${label}: mean best Jaccard ${j.mean.toFixed(4)} (${j.matched}/${j.groups} at J >= 0.5); pairs P ${pairs.precision.toPrecision(3)} R ${pairs.recall.toFixed(4)} F1 ${pairs.f1.toPrecision(3)}`,
    );
    return { jaccard: j.mean, matched: j.matched, groups: j.groups, pairs };
  };
  const alone = (rule: RuleId) => figures(`${rule} alone`, allCandidates(detect(records, settings, { rules: [rule] })));
  const full = detect(records, settings, { rules: FULL });
  return {
    category: alone('category'),
    ci: alone('ci'),
    text: alone('text'),
    burst: alone('burst'),
    shared: alone('shared'),
    full: figures('full detector', allCandidates(full)),
    specific: figures('full detector without category-only candidates', allCandidates(full, { specific: true })),
  };
}

test('pair counts without all pairs: the same as counting every pair, with overlapping candidates', () => {
  const groups = new Map([
    ['KM1', ['a', 'b', 'c', 'd']],
    ['KM2', ['e', 'f']],
    ['KM3', ['g']],
  ]);
  // A category of six, a CI window inside it, a text cluster across it and a duplicate of the window.
  const candidates = [['a', 'b', 'c', 'e', 'f', 'h'], ['a', 'b'], ['c', 'd', 'g', 'h'], ['b', 'a']];
  const ids = 'abcdefgh'.split('');
  let predicted = 0;
  let truth = 0;
  let hit = 0;
  const group = (id: string) => [...groups].find(([, g]) => g.includes(id))?.[0];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const p = candidates.some((c) => c.includes(ids[i]) && c.includes(ids[j]));
      const g = group(ids[i]);
      const tr = g !== undefined && g === group(ids[j]);
      predicted += p ? 1 : 0;
      truth += tr ? 1 : 0;
      hit += p && tr ? 1 : 0;
    }
  }
  const s = pairScores(groups, candidates);
  assert.deepEqual([s.predicted, s.truth, s.hit], [predicted, truth, hit]);
  assert.deepEqual([predicted, truth, hit], [20, 7, 5]);
  assert.equal(s.precision, 5 / 20);
  assert.equal(s.recall, 5 / 7);
  assert.equal(s.f1, (2 * (5 / 20) * (5 / 7)) / (5 / 20 + 5 / 7));
});

test('the time split: the first 60 % of the incidents by opening date, then the rest; undated in neither', () => {
  const at = (id: string, reported_at?: string): RecordEntry => ({ file: `incidents/${id}.yaml`, ordinal: 0, kind: 'incident', id, value: { kind: 'incident', id, reported_at } });
  const records = [at('INC-5', '2024-05-01'), at('INC-1', '2024-01-01'), at('INC-3', '2024-03-01'), at('INC-0'), at('INC-2', '2024-02-01'), at('INC-4', '2024-03-01')];
  const split = timeSplit(records);
  assert.deepEqual(split.first.map((r) => r.id), ['INC-1', 'INC-2', 'INC-3']);
  assert.deepEqual(split.second.map((r) => r.id), ['INC-4', 'INC-5']);
  assert.equal(split.undated, 1);
  assert.equal(split.cut, '2024-03-01T00:00:00.000Z');
});

const uciFiles = datasetFiles(UCI);
testNeeding(datasetMissing(uciFiles), 'UCI ServiceNow: the full detector beats the category-only rule on problem_id ground truth', { timeout: 300_000 }, async (t) => {
  const { records, settings } = await imported(UCI);
  assert.equal(records.length, 24_918);
  const groups = groundTruth(records, 'problem_id');
  // The facts the dataset's README states, read back from the imported records.
  assert.equal([...groups.values()].reduce((n, g) => n + g.length, 0), 380, 'incidents with a problem_id');
  assert.equal(groups.size, 244, 'problems');
  assert.equal([...groups.values()].filter((g) => g.length >= 3).length, 17, 'problems with 3 or more incidents');
  assert.equal(Math.max(...[...groups.values()].map((g) => g.length)), 32);

  const whole = measure(t, 'UCI', records, settings, 'problem_id');
  // Measured: category 0.0312 (0 of 17), the four rules before the shared profiles 0.3824 (4 of 17),
  // full 0.4132 (7 of 17; the text rule finds nothing here: every title restates the incident's
  // category, subcategory and symptom). The targets: at least 0.30 and 6 of the 17 groups.
  assert.ok(whole.full.jaccard > whole.category.jaccard, `full ${whole.full.jaccard} > category-only ${whole.category.jaccard}`);
  assert.ok(whole.full.jaccard >= 0.3, `UCI mean best Jaccard of the full detector ${whole.full.jaccard} >= 0.30`);
  assert.ok(whole.full.matched >= 6, `UCI groups at J >= 0.5: ${whole.full.matched} >= 6`);
  assert.ok(whole.full.matched > whole.burst.matched, 'the shared profiles find groups the other rules miss');
  // Pairs: 985 true pairs among 24,918 incidents, so every precision is tiny. Measured recall:
  // category 0.5584, full 0.6193; F1 of the candidates that are not category-only 1.21 times the category rule's.
  assert.ok(whole.full.pairs.recall >= 0.58, `UCI pair recall of the full detector ${whole.full.pairs.recall} >= 0.58`);
  assert.ok(whole.full.pairs.recall > whole.category.pairs.recall);
  assert.ok(whole.specific.pairs.f1 > whole.category.pairs.f1, `UCI pair F1 without category-only candidates ${whole.specific.pairs.f1} > category ${whole.category.pairs.f1}`);

  const split = timeSplit(records);
  assert.deepEqual([split.first.length, split.second.length, split.undated], [14_951, 9_967, 0]);
  const last = measure(t, 'UCI last 40 %', split.second, settings, 'problem_id');
  // Measured: 5 groups of 3 or more; full 0.6103 (4 of 5).
  assert.ok(last.full.jaccard >= 0.55, `UCI last 40 %: mean best Jaccard of the full detector ${last.full.jaccard} >= 0.55`);
  assert.ok(last.full.matched >= 3);
});

const bpicFiles = datasetFiles(BPIC);
testNeeding(datasetMissing(bpicFiles), 'BPIC 2014: the full detector beats the category-only rule on KM-number ground truth', { timeout: 300_000 }, async (t) => {
  const { records, settings } = await imported(BPIC);
  assert.equal(records.length, 4_000);
  const groups = groundTruth(records, 'knowledge_id');
  // Incidents that share a KM number were solved with the same knowledge article.
  assert.equal(groups.size, 845, 'distinct KM numbers');
  assert.equal(groups.get('KM0001106')?.length, 112);
  assert.equal(groups.get('KM0001825')?.length, 74);
  t.diagnostic(`BPIC: ${[...groups.values()].filter((g) => g.length >= 3).length} KM numbers with 3 or more incidents`);

  const whole = measure(t, 'BPIC', records, settings, 'knowledge_id');
  // Measured: category 0.0597 (13 of 343), the four rules before the shared profiles 0.4140 (134 of
  // 343), full 0.5164 (172 of 343). The targets: at least 0.50 and 170 of the 343 groups.
  assert.ok(whole.full.jaccard > whole.category.jaccard, `full ${whole.full.jaccard} > category-only ${whole.category.jaccard}`);
  assert.ok(whole.full.jaccard >= 0.5, `BPIC mean best Jaccard of the full detector ${whole.full.jaccard} >= 0.50`);
  assert.ok(whole.full.matched >= 170, `BPIC groups at J >= 0.5: ${whole.full.matched} >= 170`);
  // Pairs. A whole category links all its pairs, so the full detector's pair F1 is the category
  // rule's (0.0172), not above it; the candidates some more specific rule found score 0.179, 10.5
  // times the category rule's (0.2371 with the four rules before the shared profiles: those raise the
  // pair recall of these candidates from 0.573 to 0.882 at a lower precision, 0.150 to 0.0996), and
  // the text rule alone 0.329.
  assert.ok(whole.full.pairs.f1 >= 0.016, `BPIC pair F1 of the full detector ${whole.full.pairs.f1} >= 0.016`);
  assert.ok(whole.specific.pairs.f1 >= 0.17, `BPIC pair F1 without category-only candidates ${whole.specific.pairs.f1} >= 0.17`);
  assert.ok(whole.specific.pairs.recall >= 0.88, `BPIC pair recall without category-only candidates ${whole.specific.pairs.recall} >= 0.88`);
  assert.ok(whole.specific.pairs.f1 >= 10 * whole.category.pairs.f1, `${whole.specific.pairs.f1} >= 10 x category ${whole.category.pairs.f1}`);
  assert.ok(whole.text.pairs.f1 >= 0.28, `BPIC pair F1 of the text rule alone ${whole.text.pairs.f1} >= 0.28`);

  const split = timeSplit(records);
  assert.deepEqual([split.first.length, split.second.length, split.undated], [2_400, 1_600, 0]);
  const last = measure(t, 'BPIC last 40 %', split.second, settings, 'knowledge_id');
  // Measured: full 0.5772 (102 of 166).
  assert.ok(last.full.jaccard >= 0.55, `BPIC last 40 %: mean best Jaccard of the full detector ${last.full.jaccard} >= 0.55`);
  assert.ok(last.full.matched >= 95, `BPIC last 40 %: groups at J >= 0.5: ${last.full.matched} >= 95`);
  assert.ok(last.specific.pairs.f1 >= 0.15, `BPIC last 40 %: pair F1 without category-only candidates ${last.specific.pairs.f1} >= 0.15`);
});
