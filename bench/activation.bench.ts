/**
 * What the extension costs in a workspace that is NOT a KEDB workspace: 20,000 Kubernetes manifests
 * (bench/k8sCorpus.ts) in a real VS Code (code-server, as in the integration tests). One manifest is
 * opened so that the extension activates on `onLanguage:yaml`; then activate() time, the YAML files
 * it reads, the extension host's CPU, event-loop delay and heap during activation plus the first
 * second after it, and the same until its index is ready. The in-host part is bench/host/activation.ts.
 *
 * Env: KEDB_BENCH_RUNS (default 3) code-server runs, medians printed;
 *      KEDB_BENCH_BASELINE=path.json a result of an earlier run to compare with (default
 *      bench/baselines/activation-k8s-before.json when present; `none` for no comparison);
 *      KEDB_BENCH_NAME the name this run's result is saved under (default `HEAD <short sha>`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir, REPO_ROOT } from './corpus';
import { ensureK8sCorpus, K8S_OPEN_FILE } from './k8sCorpus';
import { fmt, heading, median, row } from './stats';

type Figures = Record<string, number>;

/** A saved result: this run's, and the baseline's. */
interface Saved {
  name: string;
  commit: string;
  date: string;
  node: string;
  corpus: { dir: string; files: number; bytes: number };
  runs: number;
  median: Figures;
  all: Figures[];
}

function git(...args: string[]): string {
  const r = spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

function runOnce(corpusDir: string): Figures | string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-bench-')), 'result.json');
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'test', 'integration', 'runTests.mjs')], {
    encoding: 'utf8',
    env: {
      ...process.env,
      KEDB_TEST_ENTRY: path.join(REPO_ROOT, 'dist', 'bench', 'host-activation.js'),
      KEDB_TEST_WORKSPACE_SRC: corpusDir,
      KEDB_BENCH_OUT: out,
    },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60 * 1000,
  });
  try {
    if (!fs.existsSync(out)) return `no result (exit ${r.status}).\n${(r.stdout + r.stderr).split('\n').slice(-30).join('\n')}`;
    return JSON.parse(fs.readFileSync(out, 'utf8')) as Figures;
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

function loadBaseline(): Saved | undefined {
  const env = process.env.KEDB_BENCH_BASELINE;
  if (env === 'none' || env === '') return undefined;
  const file = env ?? path.join(REPO_ROOT, 'bench', 'baselines', 'activation-k8s-before.json');
  if (!fs.existsSync(file)) {
    if (env) console.log(`  (baseline ${file} not found: no comparison)`);
    return undefined;
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Saved;
}

export async function run(): Promise<void> {
  heading('Extension cost in a non-KEDB workspace: 20,000 Kubernetes manifests, activated by opening one');
  const corpus = ensureK8sCorpus();
  const runs = Math.max(1, Number(process.env.KEDB_BENCH_RUNS) || 3);
  const base = loadBaseline();
  row('corpus', `${fmt(corpus.files, 0)} files`, `${fmt(corpus.bytes / 1e6)} MB in k8s/<team>/<app>/*.yaml, no kedb.config.yaml or record folder`);
  row('opened to activate (onLanguage:yaml)', '', K8S_OPEN_FILE);

  const all: Figures[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const load = os.loadavg()[0];
    const res = runOnce(corpus.dir);
    if (typeof res === 'string') {
      console.log(`  run ${i + 1}/${runs} FAILED: ${res}`);
      continue;
    }
    all.push({ ...res, loadAverage1m: load });
    console.log(`  run ${i + 1}/${runs}: ${fmt((performance.now() - started) / 1000)} s (code-server start, workspace copy and teardown included), load average before it ${fmt(load, 2)} on ${os.cpus().length} cores`);
  }
  if (all.length === 0) {
    console.log('  FAILED: no run produced a result.');
    return;
  }
  const keys = [...new Set(all.flatMap((r) => Object.keys(r)))];
  const m: Figures = Object.fromEntries(keys.map((k) => [k, median(all.map((r) => r[k]).filter((v) => Number.isFinite(v)))]));

  console.log(`  medians of ${all.length} run(s)${base ? `; compared with "${base.name}" (${base.runs} runs, ${base.date.slice(0, 10)})` : ''}`);
  const show = (label: string, key: string, unit: string, digits = 1, note = '') => {
    const v = m[key];
    let cmp = note;
    const b = base?.median[key];
    if (base && b !== undefined && b !== null) {
      const ratio = b === 0 ? (v === 0 ? '1.00x' : 'n/a') : `${fmt(v / b, 2)}x`;
      cmp = `${base.name}: ${fmt(b, digits)}${unit}, ratio ${ratio}${note ? `; ${note}` : ''}`;
    }
    row(label, Number.isFinite(v) ? `${fmt(v, digits)}${unit}` : 'n/a', cmp);
  };

  const activated = all.filter((r) => r.activated === 1).length;
  const early = all.filter((r) => r.activeBeforeOpen === 1).length;
  row('activated by opening the manifest', `${activated} of ${all.length} runs`, early ? `WARNING: already active before the open in ${early} run(s); the window then misses activation` : '');
  show('open → extension active', 'openToActiveMs', ' ms');
  show('activate() returns', 'activateMs', ' ms', 2);

  console.log(`  during activation + the first ${fmt(1, 0)} s after it (window ${fmt(m.windowMs, 0)} ms from the open):`);
  show('  YAML files read (node:fs, distinct)', 'windowYamlFilesRead', '', 0);
  show('  files in the index', 'windowIndexFiles', '', 0);
  show('  records in the index', 'windowRecords', '', 0);
  show('  extension host CPU', 'windowCpuMs', ' ms', 0, `${fmt((100 * m.windowCpuMs) / m.windowMs, 0)}% of one core`);
  show('  CPU of processes the extension host started', 'windowChildCpuMs', ' ms', 0, 'ripgrep for file searches');
  show('  CPU of the rest of code-server\'s server', 'windowServerCpuMs', ' ms', 0);
  show('  longest event-loop delay', 'windowMaxEventLoopDelayMs', ' ms');
  show('  p99 event-loop delay', 'windowP99EventLoopDelayMs', ' ms');
  show('  extension host heap after it, after GC', 'windowHeapAfterGcMB', ' MB');
  show('  heap growth since before the open, after GC', 'windowHeapGrowthMB', ' MB');
  show('  heap after it, as it was (no GC)', 'windowHeapUsedMB', ' MB');

  const ready = all.filter((r) => r.indexReady === 1).length;
  console.log(`  until the index is ready (${ready} of ${all.length} runs ready within 3 min):`);
  show('  ready, after activation', 'readyAfterActiveMs', ' ms', 0);
  show('  YAML files read (node:fs, distinct)', 'readyYamlFilesRead', '', 0);
  show('  files in the index', 'readyIndexFiles', '', 0);
  show('  records / record files', 'readyRecords', '', 0, `record files ${fmt(m.readyRecordFiles, 0)}`);
  show('  extension host CPU from the open', 'readyCpuMs', ' ms', 0);
  show('  CPU of processes the extension host started', 'readyChildCpuMs', ' ms', 0);
  show('  CPU of the rest of code-server\'s server', 'readyServerCpuMs', ' ms', 0);
  show('  longest event-loop delay from the open', 'readyMaxEventLoopDelayMs', ' ms');
  show('  extension host heap, after GC', 'readyHeapAfterGcMB', ' MB');
  show('  kedb diagnostics published', 'kedbDiagnostics', '', 0, 'must be 0: no manifest is a record');

  const sha = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  const saved: Saved = {
    name: process.env.KEDB_BENCH_NAME || `HEAD ${sha}${dirty ? ' + working tree' : ''}`,
    commit: git('rev-parse', 'HEAD'),
    date: new Date().toISOString(),
    node: process.version,
    corpus,
    runs: all.length,
    median: m,
    all,
  };
  const outDir = path.join(cacheDir(), 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `activation-k8s-${sha}-${saved.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(outFile, JSON.stringify(saved, null, 2) + '\n');
  console.log(`  this run's result ("${saved.name}"): ${outFile}`);
  console.log('  (pass it as KEDB_BENCH_BASELINE=<file> to compare a later run with it)');
}
