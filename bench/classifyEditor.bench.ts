/**
 * KEDB: Classify Priority on the whole workspace in the editor (issue 17): 1,872 Tobi Bueck tickets
 * imported into an empty folder, the command run five times in code-server (as the integration
 * tests run it). Baseline "before issue 17": 25.7 s with no progress (measured by the issue's
 * author), when the command opened every file to look for disagreements. Target: under 3 s.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './corpus';
import { fmt, heading, median, row } from './stats';
import { importCsvFile } from '../src/node/importFile';

const BEFORE_MS = 25_700;

export async function run(): Promise<void> {
  heading('KEDB: Classify Priority on 1,872 imported tickets, in the editor (issue 17)');
  const base = process.env.KEDB_DATA_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'data');
  const csv = path.join(base, 'tobi-bueck-customer-support-tickets', 'aa_dataset-tickets-multi-lang-5-2-50-version_first1872.csv');
  if (!fs.existsSync(csv)) {
    console.log(`  skipped: ${csv} is not on this machine (set KEDB_DATA_DIR)`);
    return;
  }
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-bench-classify-'));
  await importCsvFile({ csvPath: csv, outDir: path.join(ws, 'incidents') });
  const out = path.join(ws, '..', `${path.basename(ws)}.json`);
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'test', 'integration', 'runTests.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, KEDB_TEST_ENTRY: path.join(REPO_ROOT, 'dist', 'bench', 'host-classify.js'), KEDB_TEST_WORKSPACE_SRC: ws, KEDB_BENCH_OUT: out },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60 * 1000,
  });
  fs.rmSync(ws, { recursive: true, force: true });
  if (!fs.existsSync(out)) {
    console.log(`  FAILED: no result (exit ${r.status}).\n${(r.stdout + r.stderr).split('\n').slice(-20).join('\n')}`);
    return;
  }
  const res = JSON.parse(fs.readFileSync(out, 'utf8')) as { records: number; times: number[]; lacking: number };
  fs.rmSync(out, { force: true });
  const ms = median(res.times);
  row('records in the workspace', fmt(res.records, 0));
  row('Classify Priority, whole workspace: median of 5', `${fmt(ms, 0)} ms`, `target < 3 s; before issue 17: ${fmt(BEFORE_MS / 1000, 1)} s, ${fmt(BEFORE_MS / ms, 0)}x faster`);
  row('records reported as lacking an impact or an urgency', fmt(res.lacking, 0));
}
