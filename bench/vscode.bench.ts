/**
 * The extension in a real VS Code (code-server, as in the integration tests) on the 24,918-record
 * corpus: activate() time, index build and event-loop stalls, memory, and edit-to-diagnostics
 * latency with the debounce included.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureUciCorpus, REPO_ROOT } from './corpus';
import { fmt, heading, row } from './stats';

export async function run(): Promise<void> {
  heading('Extension host: activation, indexing, edit to diagnostics (issue 4)');
  const corpus = await ensureUciCorpus();
  if (!corpus) return;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-bench-')), 'result.json');
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'test', 'integration', 'runTests.mjs')], {
    encoding: 'utf8',
    env: {
      ...process.env,
      KEDB_TEST_ENTRY: path.join(REPO_ROOT, 'dist', 'bench', 'host.js'),
      KEDB_TEST_WORKSPACE_SRC: corpus.dir,
      KEDB_BENCH_OUT: out,
    },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60 * 1000,
  });
  if (!fs.existsSync(out)) {
    console.log(`  FAILED: no result (exit ${r.status}).\n${(r.stdout + r.stderr).split('\n').slice(-30).join('\n')}`);
    return;
  }
  const res = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, number>;
  row('records indexed', fmt(res.records, 0));
  row('activate() returns', `${fmt(res.activateMs, 2)} ms`, 'target <= 50 ms');
  row('first index build, after activation', `${fmt(res.firstIndexMs / 1000, 2)} s`);
  row('full re-index (Validate Workspace)', `${fmt(res.reindexMs / 1000, 2)} s`);
  row('longest event-loop stall while re-indexing', `${fmt(res.reindexMaxEventLoopDelayMs)} ms`, `p99 ${fmt(res.reindexP99EventLoopDelayMs)} ms`);
  row('extension host heap after indexing', `${fmt(res.heapUsedMB)} MB`);
  row('edit to published diagnostics: median', `${fmt(res.editToDiagnosticsMedianMs)} ms`, 'debounce included; target <= 100 ms');
  row('edit to published diagnostics: p95', `${fmt(res.editToDiagnosticsP95Ms)} ms`);
}
