/**
 * Priority benchmark (issue 5): `kedb classify --check` over the 24,918 real UCI ServiceNow
 * incidents, end to end as a user runs it (a new Node process each time), with the time and
 * records per second. Named baseline: `kedb validate` on the same folder, which loads and checks
 * the same files; the ratio says what classifying adds on top of reading the workspace.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { disagreements, PRESETS, Workspace } from '../src/core';
import { NodeFsHost } from '../src/node/fsHost';
import { ensureUciCorpus, REPO_ROOT } from './corpus';
import { fmt, heading, median, row } from './stats';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const RUNS = 5;

/** Runs the CLI `RUNS` times after one warm-up; every run must exit with `code`. */
function timeCli(args: string[], code: number): { times: number[]; stdout: string } {
  let stdout = '';
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [KEDB, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const ms = performance.now() - t;
    if (r.status !== code) throw new Error(`kedb ${args.join(' ')} exited ${r.status}, expected ${code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    stdout = r.stdout;
    if (i > 0) times.push(ms);
  }
  return { times, stdout };
}

export async function run(): Promise<void> {
  heading('Priority: kedb classify --check on the UCI export (issue 5)');
  const corpus = await ensureUciCorpus();
  if (!corpus) return;
  const ws = await Workspace.load(new NodeFsHost(corpus.dir));
  const n = [...ws.records('incident')].length;
  row('corpus', `${n} incidents`, `${corpus.source}; matrix ${ws.matrix.name}`);

  const validate = timeCli(['validate', corpus.dir, '--format', 'json'], 0);
  const base = median(validate.times);
  row(`baseline kedb validate, median of ${RUNS}`, `${fmt(base / 1000, 2)} s`, `${fmt(n / (base / 1000), 0)} records/s`);

  const check = timeCli(['classify', corpus.dir, '--check'], 0);
  const ms = median(check.times);
  row(`kedb classify --check, median of ${RUNS}`, `${fmt(ms / 1000, 2)} s`, `${fmt(n / (ms / 1000), 0)} records/s; ratio to validate ${fmt(ms / base, 2)}`);

  // The same data against itil-3x3: the low × low incidents must be reported, and only those.
  const other = timeCli(['classify', corpus.dir, '--check', '--matrix', 'itil-3x3', '--format', 'json'], 1);
  const reported = JSON.parse(other.stdout) as { impact: string; urgency: string }[];
  const lowLow = reported.filter((d) => d.impact === 'low' && d.urgency === 'low').length;
  row(`kedb classify --check --matrix itil-3x3, median of ${RUNS}`, `${fmt(median(other.times) / 1000, 2)} s`, `${reported.length} disagreements, ${lowLow} of them low × low`);

  // In the process, without Node start-up and file reading: the matrix itself.
  const records = [...ws.records('incident')];
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    disagreements(records, PRESETS['itil-3x3-p4']);
    if (i > 0) times.push(performance.now() - t);
  }
  const core = median(times);
  row('core disagreements() on the loaded records, median', `${fmt(core, 1)} ms`, `${fmt(n / (core / 1000), 0)} records/s`);
}
