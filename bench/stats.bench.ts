/**
 * `kedb stats` end to end, as a user runs it (a new Node process, JSON out), on the UCI corpus
 * (24,918 incidents, imported as for the other benchmarks) and on the VINST problem logs imported
 * with the vinst-problems preset (1,841 problems with their history). Target: 2 s each (issue 21).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir, dataRoot, ensureUciCorpus, REPO_ROOT } from './corpus';
import { fmt, heading, median, row } from './stats';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const RUNS = 5;

/**
 * `kedb ARGS` timed: the first run, then the median of `RUNS` more. The parse cache
 * (src/node/parseCache.ts) starts empty in a folder of this benchmark's own, so the first run reads
 * every file and keeps their parses, and the others use them; with `--no-cache` every run reads
 * and parses every file (the first run then only warms the operating system's file cache).
 */
function timeCli(args: string[], cache: boolean): { first: number; median: number } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-bench-cache-'));
  const times: number[] = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [KEDB, ...(cache ? [] : ['--no-cache']), ...args], { encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, XDG_CACHE_HOME: home } });
      times.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`kedb ${args.join(' ')} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  return { first: times[0], median: median(times.slice(1)) };
}

/** The rows of one folder: from the parse cache (the usual run), its first run, and without it. */
function statsRows(label: string, args: string[]): void {
  const kept = timeCli(args, true);
  const none = timeCli(args, false);
  const s = (ms: number) => `${fmt(ms / 1000, 2)} s`;
  row(`kedb stats, ${label}, median of ${RUNS} (parse cache kept)`, s(kept.median), `target <= 2 s${kept.median > 2000 ? ' (MISSED)' : ''}`);
  row(`kedb stats, ${label}, first run (empty parse cache, fills it)`, s(kept.first));
  row(`kedb stats, ${label}, median of ${RUNS} with --no-cache`, s(none.median), none.median > 2000 ? 'over 2 s' : '');
}

/** The VINST problems imported once into the cache (both files into one folder). */
function ensureVinst(): string | undefined {
  const src = path.join(dataRoot(), 'bpic2013-volvo-it-vinst');
  const files = ['VINST_cases_closed_problems.csv', 'VINST_cases_open_problems.csv'].map((f) => path.join(src, f));
  if (!files.every((f) => fs.existsSync(f))) {
    console.log(`  SKIPPED: ${src} not found; set KEDB_DATA_DIR to the folder holding the real datasets.`);
    return undefined;
  }
  const dir = path.join(cacheDir(), 'bench', 'vinst-problems-v1');
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      const r = spawnSync(process.execPath, [KEDB, 'import', f, '--preset', 'vinst-problems', '--out', path.join(dir, 'problems'), '--quiet'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`kedb import ${f} failed (${r.status}): ${r.stderr || r.stdout}`);
    }
    fs.writeFileSync(path.join(dir, '.complete'), new Date().toISOString());
  }
  return dir;
}

export async function run(): Promise<void> {
  heading('Insights: kedb stats (issue 21)');
  const uci = await ensureUciCorpus();
  if (uci) {
    statsRows('UCI 24,918 incidents', ['stats', uci.dir, '--now', '2017-03-01', '--format', 'json']);
  }
  const vinst = ensureVinst();
  if (vinst) {
    statsRows('VINST 1,841 problems', ['stats', vinst, '--now', '2013-06-01', '--format', 'json']);
  }
}
