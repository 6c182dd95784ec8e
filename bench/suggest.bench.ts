/**
 * Checklist suggesters benchmark (issue 10): `kedb suggest` over 10,000 imported tickets, in
 * records per second.
 *
 * Corpus: the first 10,000 rows of the five Tobi Bueck helpdesk exports (KEDB_DATA_DIR or
 * ../shared/data; 10,527 rows in all, English and German), merged into one CSV with the union of
 * their columns and imported with `kedb import --preset tobi-bueck`: one workspace of 10,000
 * incidents, ids INC-00001…INC-10000, as a user's raw export would give. Built once under
 * $KEDB_CACHE_DIR/bench/ (default ~/.cache/kedb-studio); delete the folder to rebuild it.
 *
 * Figures (median of KEDB_BENCH_RUNS, default 3, after a warm-up):
 * 1. `kedb suggest DIR --format json` end to end, in a child process: load, suggest, print.
 * 2. Baseline: `kedb validate DIR` end to end on the same folder (load and check every record).
 * 3. In-process, the suggesters alone over the loaded workspace (no file reading): records/s and
 *    per record; then how many records got suggestions.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Workspace, workspaceSuggestions } from '../src/core';
import { NodeFsHost } from '../src/node/fsHost';
import { cacheDir, dataRoot, REPO_ROOT } from './corpus';
import { fmt, heading, median, row, timeRuns } from './stats';

const RUNS = Number(process.env.KEDB_BENCH_RUNS ?? 3);
const TICKETS = 10_000;
const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');

/** A CSV field, always quoted. */
function csvField(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

/** Builds (once) the 10,000-ticket workspace, or says why it cannot. */
function ensureCorpus(): string | undefined {
  const src = path.join(dataRoot(), 'tobi-bueck-customer-support-tickets');
  if (!fs.existsSync(src)) {
    console.log(`  SKIPPED: ${src} not found; set KEDB_DATA_DIR to the folder holding the real datasets.`);
    return undefined;
  }
  const dir = path.join(cacheDir(), 'bench', `tobi-${TICKETS}-v1`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const rows: Record<string, string>[] = [];
  for (const name of fs.readdirSync(src).filter((f) => f.endsWith('.csv')).sort()) {
    rows.push(...(parse(fs.readFileSync(path.join(src, name)), { columns: true, bom: true }) as Record<string, string>[]));
    if (rows.length >= TICKETS) break;
  }
  rows.length = Math.min(rows.length, TICKETS);
  if (rows.length < TICKETS) console.log(`  note: only ${rows.length} tickets in ${src}`);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const csv = path.join(dir, 'tickets.csv');
  fs.writeFileSync(csv, [columns.map(csvField).join(','), ...rows.map((r) => columns.map((c) => csvField(r[c] ?? '')).join(','))].join('\n') + '\n');
  const r = spawnSync(process.execPath, [KEDB, 'import', csv, '--preset', 'tobi-bueck', '--out', path.join(dir, 'incidents')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`kedb import failed (${r.status}):\n${r.stderr || r.stdout}`);
  fs.rmSync(csv);
  fs.writeFileSync(path.join(dir, '.complete'), new Date().toISOString());
  console.log(`  built the corpus in ${((performance.now() - started) / 1000).toFixed(1)} s: ${dir}`);
  return dir;
}

function cli(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [KEDB, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0 && !(args[0] === 'validate' && r.status === 1)) throw new Error(`kedb ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

export async function run(): Promise<void> {
  heading('Checklist suggesters: kedb suggest over 10,000 imported tickets (issue 10)');
  const dir = ensureCorpus();
  if (!dir) return;
  const ws = await Workspace.load(new NodeFsHost(dir));
  const records = [...ws.records('incident')].length;
  row('corpus', `${records.toLocaleString('en-US')} incidents`, 'Tobi Bueck, 5 files merged, kedb import --preset tobi-bueck');

  const suggestTimes = await timeRuns(RUNS, () => cli(['suggest', dir, '--format', 'json']));
  const validateTimes = await timeRuns(RUNS, () => cli(['validate', dir, '--format', 'json']));
  const s = median(suggestTimes);
  const v = median(validateTimes);
  row(`kedb suggest --format json, end to end (median of ${RUNS})`, `${fmt(s / 1000, 2)} s`, `${fmt(records / (s / 1000), 0)} records/s`);
  row(`baseline: kedb validate --format json, end to end`, `${fmt(v / 1000, 2)} s`, `${fmt(records / (v / 1000), 0)} records/s; suggest/validate time ${fmt(s / v, 2)}`);

  let found: ReturnType<typeof workspaceSuggestions> = [];
  const inProcess = await timeRuns(RUNS, () => {
    found = workspaceSuggestions(ws);
  });
  const m = median(inProcess);
  row('suggesters alone, in process (workspace loaded)', `${fmt(m, 0)} ms`, `${fmt(records / (m / 1000), 0)} records/s, ${fmt((1000 * m) / records, 1)} µs per record`);
  const withSuggestions = found.filter((r) => r.suggestions.length > 0).length;
  const total = found.reduce((n, r) => n + r.suggestions.length, 0);
  row('records with at least one suggestion', `${withSuggestions.toLocaleString('en-US')}`, `${fmt((100 * withSuggestions) / records, 1)} %, ${total.toLocaleString('en-US')} suggestions`);
}
