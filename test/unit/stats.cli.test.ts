// `kedb stats`: the seed's category table with cumulative shares in JSON on lab-02, the tables in
// English and Indonesian, bad usage, a folder that is not a git repository; and the VINST problem
// logs imported with the vinst-problems preset, their states and events counted against the CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CORE_SCHEMA, load } from 'js-yaml';
import { categoryTable, incidentFacts, Workspace, type Stats } from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { dataDir, datasetMissing, REPO_ROOT, testNeeding, runKedb } from './helpers';

const LAB = path.join('samples', 'lab-02');

const kedb = runKedb;

test('kedb stats samples/lab-02 --format json: the seed\'s category table with its cumulative shares, and every figure', async () => {
  const r = kedb(['stats', LAB, '--now', '2025-10-15', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as Stats;
  const ws = await Workspace.load(new NodeFsHost(path.join(REPO_ROOT, LAB)));
  const seed = categoryTable(incidentFacts(ws.records('incident')), ws.config.detection.category.minCount, ws.config.categories);
  const total = seed.reduce((n, c) => n + c.count, 0);
  let running = 0;
  assert.deepEqual(
    s.pareto.category.map((p) => [p.value, p.count, p.share, p.cumulative]),
    seed.map((c) => [c.category, c.count, c.count / total, (running += c.count) / total]),
  );
  assert.equal(s.now, '2025-10-15');
  assert.deepEqual(Object.keys(s), ['now', 'counts', 'pareto', 'weekly', 'problems_by_state', 'aging', 'time_in_state', 'coverage', 'notes']);
  assert.equal(s.counts.problems, [...ws.records('problem')].length);
  assert.equal(s.aging.open.length, [...ws.records('problem')].filter((p) => !['resolved', 'closed', 'cancelled'].includes(String(p.value.status))).length);
});

test('kedb stats: text tables in English and Indonesian; md and html; bad --now and --format are bad usage (2)', () => {
  const en = kedb(['stats', LAB, '--now', '2025-10-15']);
  assert.equal(en.code, 0, en.stderr);
  assert.match(en.stdout, /^Insights on 2025-10-15: \d+ incidents, \d+ problems, \d+ known errors\.\n/);
  assert.match(en.stdout, /\nPareto of incidents by category\n-+\n\d+ values; the first \d+ account for 80% of the incidents that have one\.\n # {2}Value +Incidents {2}Share {2}Cumulative\n 1 {2}Outage +9 {2}\d+\.\d% +\d+\.\d%\n/);
  const id = kedb(['stats', LAB, '--now', '2025-10-15'], 'id_ID.UTF-8');
  assert.equal(id.code, 0, id.stderr);
  assert.match(id.stdout, /^Wawasan pada 2025-10-15: \d+ insiden, \d+ masalah, \d+ known error\.\n/);
  assert.match(id.stdout, /\nPareto insiden per kategori\n-+\n\d+ nilai; \d+ yang pertama mencakup 80% insiden yang memilikinya\.\n # {2}Nilai +Insiden {2}Porsi {2}Kumulatif\n/);
  assert.match(id.stdout, /\nUmur masalah yang masih terbuka\n/);
  assert.match(kedb(['stats', LAB, '--now', '2025-10-15', '--format', 'md']).stdout, /\n\| # \| Value \| Incidents \| Share \| Cumulative \|\n\| ---: \| --- \| ---: \| ---: \| ---: \|\n\| 1 \| Outage \| 9 \| \d+\.\d% \| \d+\.\d% \|\n/);
  assert.match(kedb(['stats', LAB, '--now', '2025-10-15', '--format', 'html']).stdout, /<caption>Pareto of incidents by category<\/caption>/);

  const bad = kedb(['stats', LAB, '--now', '2025-02-30']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim().split('\n')[0], 'kedb stats: --now must be a date (YYYY-MM-DD), not "2025-02-30"');
  const badId = kedb(['stats', LAB, '--format', 'csv'], 'id_ID.UTF-8');
  assert.equal(badId.code, 2);
  assert.equal(badId.stderr.trim().split('\n')[0], 'kedb stats: --format harus text, json, md atau html, bukan "csv"');
  assert.match(kedb(['stats', '--help']).stdout, /^Usage: kedb stats \[DIR\] \[--now DATE\] \[--format text\|json\|md\|html\]/);
  assert.match(kedb(['--help']).stdout, /\n {2}stats \[DIR\] {15}Count the insights: Pareto, weekly trend, problem aging, time in state, coverage\n/);
});

test('kedb stats in a folder that is not a git repository: the time in state is left out and said, in both languages', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-stats-'));
  fs.mkdirSync(path.join(dir, 'problems'));
  fs.writeFileSync(path.join(dir, 'problems', 'PRB-0001.yaml'), 'kind: problem\nid: PRB-0001\ntitle: VPN drops\nstatus: new\ncreated_at: "2025-10-01T09:00:00Z"\n');
  const r = kedb(['stats', dir, '--now', '2025-10-15', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as Stats;
  assert.equal(s.time_in_state.source, 'none');
  assert.ok(s.notes.includes('1 problems have no recorded history and the folder is not a git repository: their time in state is left out (PRB-0001).'), s.notes.join('\n'));
  assert.deepEqual(s.aging.open.map((o) => [o.id, o.age_days]), [['PRB-0001', 14]]);
  const id = kedb(['stats', dir, '--now', '2025-10-15'], 'id_ID.UTF-8');
  assert.match(id.stdout, /- 1 masalah tidak memiliki riwayat tercatat dan folder ini bukan repositori git: waktu di statusnya tidak disertakan \(PRB-0001\)\./);
  fs.rmSync(dir, { recursive: true });
});

const VINST = dataDir('bpic2013-volvo-it-vinst');
const VINST_STATES: Record<string, string> = {
  'Queued/Awaiting Assignment': 'new',
  'Accepted/Assigned': 'assessed',
  'Accepted/In Progress': 'root-cause-analysis',
  'Accepted/Wait': 'fix-in-progress',
  'Completed/Closed': 'closed',
  'Completed/Cancelled': 'cancelled',
  'Unmatched/Unmatched': 'new',
};

testNeeding(datasetMissing(VINST), 'VINST problem logs: kedb import --preset vinst-problems (both files, overlapping) gives one problem per number with every event, its state the last one; kedb stats counts them', { timeout: 120_000 }, () => {
  const dir = (VINST as { dir: string }).dir;
  const files = ['VINST_cases_closed_problems.csv', 'VINST_cases_open_problems.csv'];
  // What the CSV says, read with csv-parse: each problem's distinct events (a problem in both files once).
  const events = new Map<string, Map<string, { at: string; original: string }>>();
  for (const f of files) {
    const rows = parse(new TextDecoder('windows-1252').decode(fs.readFileSync(path.join(dir, f))), { delimiter: ';', columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    for (const row of rows) {
      const original = `${row['Problem Status']}/${row['Problem Sub Status']}`;
      const at = row['Problem Change Date+Time'];
      const key = row['Problem Number'];
      if (!events.has(key)) events.set(key, new Map());
      events.get(key)!.set(`${at}|${original}`, { at, original });
    }
  }
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-vinst-'));
  for (const f of files) {
    const r = kedb(['import', path.join(dir, f), '--preset', 'vinst-problems', '--out', path.join(ws, 'problems'), '--quiet']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
  }
  // Signal after import: the export has no resolution code and no change id, so the first import
  // wrote lifecycle.sources for it, and kedb validate asks the 1,841 problems for nothing (before:
  // 1,487 resolution-code-missing and 71 change-reference-missing warnings).
  assert.match(fs.readFileSync(path.join(ws, 'kedb.config.yaml'), 'utf8'), /\nlifecycle:\n {2}sources:\n {4}vinst-problems:\n {6}lacks: \[resolution\.code, resolution\.change\]\n/);
  const validated = kedb(['validate', ws, '--format', 'json']);
  assert.equal(validated.code, 0, validated.stderr);
  const byCode: Record<string, number> = {};
  for (const d of JSON.parse(validated.stdout) as Array<{ severity: string; code: string }>) byCode[`${d.severity} ${d.code}`] = (byCode[`${d.severity} ${d.code}`] ?? 0) + 1;
  assert.deepEqual(byCode, {});
  const written = fs.readdirSync(path.join(ws, 'problems'));
  assert.equal(written.length, events.size);
  const expectedStates = new Map<string, number>();
  let checked = 0;
  for (const [number, evs] of events) {
    const list = [...evs.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const record = load(fs.readFileSync(path.join(ws, 'problems', `PRB-${number.replace(/^1-/, '')}.yaml`), 'utf8'), { schema: CORE_SCHEMA }) as {
      status: string;
      created_at: string;
      history: Array<{ status: string; at: string; original_status: string }>;
    };
    assert.deepEqual(
      record.history.map((h) => [h.at, h.original_status, h.status]),
      list.map((e) => [e.at, e.original, VINST_STATES[e.original]]),
      number,
    );
    const last = VINST_STATES[list[list.length - 1].original];
    assert.equal(record.status, last, number);
    assert.equal(record.created_at, list[0].at, number);
    expectedStates.set(last, (expectedStates.get(last) ?? 0) + 1);
    checked++;
  }
  assert.equal(checked, events.size);

  const r = kedb(['stats', ws, '--now', '2013-06-01', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as Stats;
  assert.equal(s.counts.problems, events.size);
  for (const st of s.problems_by_state) assert.equal(st.count, expectedStates.get(st.state) ?? 0, st.state);
  assert.equal(s.time_in_state.source, 'history');
  assert.equal(s.time_in_state.per_problem.length, events.size);
  const open = events.size - (expectedStates.get('closed') ?? 0) - (expectedStates.get('cancelled') ?? 0);
  assert.equal(s.aging.open.length, open);
  assert.equal(s.aging.buckets.reduce((n, b) => n + b.count, 0), open);
  fs.rmSync(ws, { recursive: true });
});
