/**
 * The checklist suggesters on real tickets: the Tobi Bueck helpdesk exports (../shared/data or
 * KEDB_DATA_DIR, never committed), imported with the `tobi-bueck` preset into a workspace whose
 * categories are the tickets' queues (test/fixtures/checklist/tobi-bueck.kedb.config.yaml, words
 * written from the queue names before measuring). Each ticket's known labels are hidden (queue as
 * the category, priority, type) and the suggesters run on what is left.
 *
 * Reported per field: coverage (tickets that get a suggestion), accuracy where answered, and the
 * majority-label baseline on the same tickets: the label most frequent in the data, and the one
 * most frequent among the answered tickets (the stricter). Asserted: the suggester beats both
 * where it answers. Priority is compared on the tickets' three levels: P1/P2 high, P3 medium,
 * P4/P5 low (the preset imports high as P2, medium P3, low P4).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suggestChecklist, Workspace } from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { importCsvFile } from '../../src/node/importFile';
import { dataDir, datasetMissing, FIXTURES, testNeeding } from './helpers';

const tobi = dataDir('tobi-bueck-customer-support-tickets');
/** The files with a type, a queue and a priority per ticket (the German-only files have no type). */
const FILES = ['aa_dataset-tickets-multi-lang-5-2-50-version_first1872.csv', 'dataset-tickets-multi-lang-4-20k_first2181.csv', 'dataset-tickets-multi-lang3-4k_first1167.csv'];
const LEVEL: Record<string, string> = { P1: 'high', P2: 'high', P3: 'medium', P4: 'low', P5: 'low' };
const FIELDS = ['category', 'priority', 'type'] as const;
type Field = (typeof FIELDS)[number];

interface Row {
  language: string;
  truth: Record<Field, string>;
  got: Partial<Record<Field | 'urgency', string>>;
}

async function hiddenLabelRows(dir: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const name of FILES) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-suggest-data-'));
    try {
      fs.copyFileSync(path.join(FIXTURES, 'checklist', 'tobi-bueck.kedb.config.yaml'), path.join(root, 'kedb.config.yaml'));
      const { summary } = await importCsvFile({ csvPath: path.join(dir, name), outDir: path.join(root, 'incidents'), preset: 'tobi-bueck' });
      assert.equal(summary.skipped, 0, name);
      const ws = await Workspace.load(new NodeFsHost(root));
      for (const r of ws.records('incident')) {
        const v: Record<string, unknown> = { ...r.value };
        const truth = { category: String(v.category), priority: LEVEL[String(v.priority)], type: String(v.type) };
        // The labels, and every field that repeats them (assignment_group is the queue too).
        for (const k of ['category', 'assignment_group', 'priority', 'type', 'source', 'resolution']) delete v[k];
        const got: Row['got'] = {};
        for (const s of suggestChecklist(v, ws.config, ws.matrix).suggestions) {
          if (s.field === 'category' || s.field === 'type') got[s.field] = String(s.value);
          if (s.field === 'priority') got.priority = LEVEL[String(s.value)];
          if (s.field === 'urgency') got.urgency = String(s.value);
        }
        rows.push({ language: String((r.value.source as Record<string, unknown>).language), truth, got });
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
  return rows;
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : '-';
}

function mostFrequent(values: readonly string[]): [string, number] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0];
}

interface Figures {
  n: number;
  answered: number;
  right: number;
  majority: string;
  majorityRight: number;
  answeredMajority: string;
  answeredMajorityRight: number;
}

function figures(rows: readonly Row[], field: Field | 'urgency', truthOf: (r: Row) => string): Figures {
  const [majority] = mostFrequent(rows.map(truthOf));
  const answered = rows.filter((r) => r.got[field] !== undefined);
  const [answeredMajority, answeredMajorityRight] = mostFrequent(answered.map(truthOf));
  return {
    n: rows.length,
    answered: answered.length,
    right: answered.filter((r) => r.got[field] === truthOf(r)).length,
    majority,
    majorityRight: answered.filter((r) => truthOf(r) === majority).length,
    answeredMajority,
    answeredMajorityRight,
  };
}

function print(label: string, f: Figures): void {
  console.log(
    `  ${label.padEnd(26)} coverage ${pct(f.answered, f.n).padStart(6)} (${f.answered}/${f.n})  accuracy ${pct(f.right, f.answered).padStart(6)}` +
      `  baseline "${f.majority}" ${pct(f.majorityRight, f.answered).padStart(6)}` +
      (f.answeredMajority !== f.majority ? `, "${f.answeredMajority}" ${pct(f.answeredMajorityRight, f.answered)}` : ''),
  );
}

testNeeding(
  datasetMissing(tobi),
  'tobi-bueck: with queue, priority and type hidden, the suggesters beat the majority label where they answer',
  { timeout: 300_000 },
  async () => {
    if (!('dir' in tobi)) return;
    const rows = await hiddenLabelRows(tobi.dir);
    assert.ok(rows.length > 5000, `${rows.length} tickets`);
    console.log(`  Tobi Bueck tickets: ${rows.length} (${rows.filter((r) => r.language === 'en').length} English); accuracy where answered vs the majority label on the same tickets`);
    for (const field of FIELDS) {
      const all = figures(rows, field, (r) => r.truth[field]);
      print(`${field === 'category' ? 'category (queue)' : field}, all languages`, all);
      print(`${field === 'category' ? 'category (queue)' : field}, English`, figures(rows.filter((r) => r.language === 'en'), field, (r) => r.truth[field]));
      assert.ok(all.answered > 0, `${field}: no suggestion at all`);
      const accuracy = all.right / all.answered;
      assert.ok(accuracy > all.majorityRight / all.answered, `${field}: ${pct(all.right, all.answered)} does not beat "${all.majority}" at ${pct(all.majorityRight, all.answered)}`);
      assert.ok(accuracy > all.answeredMajorityRight / all.answered, `${field}: ${pct(all.right, all.answered)} does not beat "${all.answeredMajority}" at ${pct(all.answeredMajorityRight, all.answered)}`);
    }
    // Not asserted: urgency alone against the priority label, where no scope word gives an impact.
    print('urgency vs priority label', figures(rows, 'urgency', (r) => r.truth.priority));
  },
);
