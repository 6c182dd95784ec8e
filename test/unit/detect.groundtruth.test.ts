/**
 * The detector against real ground truth: the UCI ServiceNow log links incidents to problems
 * (`problem_id`), and BPIC 2014 names the knowledge article that solved each incident
 * (`KM number`). Both are imported with the `kedb import` CLI into temporary workspaces (the data
 * is read from ../shared/data or KEDB_DATA_DIR and never copied into the repository).
 *
 * For each ground-truth group of 3 or more incidents, the best Jaccard overlap with any
 * candidate; the mean over groups for the seed's category-only rule, the rules without text, and
 * the full detector. The figures are printed; only the ordering is asserted.
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detect, type RecordEntry, type RuleId } from '../../src/core';
import { datasetMissing, testNeeding } from './helpers';
import { allCandidates, BPIC, bestJaccard, datasetFiles, groundTruth, importWithCli, loadWorkspace, UCI, type Dataset } from '../../bench/candidates.data';

const DETECTORS: [string, RuleId[]][] = [
  ['category only (the seed)', ['category']],
  ['rules without text', ['category', 'ci']],
  ['full detector', ['category', 'ci', 'text']],
];

async function imported(d: Dataset): Promise<{ records: RecordEntry[]; settings: Awaited<ReturnType<typeof loadWorkspace>>['config']['detection'] }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `kedb-groundtruth-${d.preset}-`));
  try {
    importWithCli(d, root);
    const ws = await loadWorkspace(root);
    return { records: [...ws.records('incident')], settings: ws.config.detection };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function compare(t: TestContext, name: string, records: RecordEntry[], settings: Parameters<typeof detect>[1], field: string): number[] {
  const groups = groundTruth(records, field);
  const means = DETECTORS.map(([label, rules]) => {
    const j = bestJaccard(groups, allCandidates(detect(records, settings, { rules })));
    t.diagnostic(`${name}: ${label}: mean best Jaccard ${j.mean.toFixed(4)} over ${j.groups} groups (${j.matched} at J >= 0.5)`);
    return j.mean;
  });
  return means;
}

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
  const [category, , full] = compare(t, 'UCI', records, settings, 'problem_id');
  assert.ok(full > category, `full ${full} > category-only ${category}`);
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
  const [category, , full] = compare(t, 'BPIC', records, settings, 'knowledge_id');
  assert.ok(full > category, `full ${full} > category-only ${category}`);
});
