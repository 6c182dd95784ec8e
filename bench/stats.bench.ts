/**
 * `kedb stats` end to end, as a user runs it (a new Node process, JSON out), on the UCI corpus
 * (24,918 incidents, imported as for the other benchmarks) and on the VINST problem logs imported
 * with the vinst-problems preset (1,841 problems with their history). Target: 2 s each (issue 21).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, dataRoot, ensureUciCorpus, REPO_ROOT } from './corpus';
import { fmt, heading, median, row } from './stats';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const RUNS = 5;

function timeCli(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [KEDB, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`kedb ${args.join(' ')} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    if (i > 0) times.push(ms); // the first run warms the file cache
  }
  return times;
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
    const ms = median(timeCli(['stats', uci.dir, '--now', '2017-03-01', '--format', 'json']));
    row(`kedb stats, UCI 24,918 incidents, median of ${RUNS}`, `${fmt(ms / 1000, 2)} s`, `target <= 2 s${ms > 2000 ? ' (MISSED)' : ''}`);
  }
  const vinst = ensureVinst();
  if (vinst) {
    const ms = median(timeCli(['stats', vinst, '--now', '2013-06-01', '--format', 'json']));
    row(`kedb stats, VINST 1,841 problems, median of ${RUNS}`, `${fmt(ms / 1000, 2)} s`, `target <= 2 s${ms > 2000 ? ' (MISSED)' : ''}`);
  }
}
