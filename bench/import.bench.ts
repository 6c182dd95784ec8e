/**
 * CSV import benchmark (issue 3): rows per second importing the UCI ServiceNow final-state export
 * (24,918 incidents) into record files in a temporary folder, with the time split into parse
 * (read, decode, CSV), map (values, schema check, hash) and write (compare, YAML, write). Also the
 * re-import of the same file, where every record is unchanged. Target: all 24,918 in <= 10 s.
 *
 * Run: `node bench/import.mjs` (builds this file alone), or `npm run bench -- import`.
 * The dataset is read from KEDB_DATA_DIR or ../shared/data and is never copied into the repo.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ImportSummary } from '../src/core/import';
import { importCsvFile } from '../src/node/importFile';
import { fmt, heading, median, row } from './stats';

const RUNS = Number(process.env.KEDB_BENCH_RUNS ?? 5);

function dataFile(): string | undefined {
  const base = process.env.KEDB_DATA_DIR ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'data');
  const file = path.join(base, 'uci-incident-management-event-log', 'incidents_final_state.csv');
  return fs.existsSync(file) ? file : undefined;
}

async function once(csvPath: string, outDir: string): Promise<ImportSummary> {
  const r = await importCsvFile({ csvPath, outDir, preset: 'servicenow-uci' });
  const s = r.summary;
  if (s.fatal || s.skipped > 0) throw new Error(`import did not run clean: ${JSON.stringify(s.fatal ?? s.problems.slice(0, 3))}`);
  return s;
}

function report(label: string, runs: ImportSummary[]): void {
  const pick = (f: (s: ImportSummary) => number) => median(runs.map(f));
  const total = pick((s) => s.timings.total);
  const rows = runs[0].rows;
  row(`${label}: rows/s (median of ${runs.length})`, fmt(rows / (total / 1000), 0), `${rows.toLocaleString('en-US')} rows`);
  row(`${label}: total`, `${fmt(total / 1000, 2)} s`, 'target <= 10 s');
  for (const part of ['parse', 'map', 'write'] as const) {
    const ms = pick((s) => s.timings[part]);
    row(`${label}: ${part}`, `${fmt(ms / 1000, 2)} s`, `${fmt((100 * ms) / total, 0)} % of total`);
  }
}

/**
 * Streaming check (KEDB_BENCH_BIG=1, in a fresh process): the final-state rows repeated with new
 * numbers into a file of about 100 MB, imported with --dry-run; peak memory is reported against
 * the file's size.
 */
async function big(csv: string): Promise<void> {
  heading('CSV import: a 100 MB file, dry run (memory while streaming)');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-import-big-'));
  try {
    const text = fs.readFileSync(csv, 'utf8');
    const [header, ...lines] = text.split('\n').filter((l) => l.length > 0);
    const file = path.join(root, 'big.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, header + '\n');
    let n = 0;
    let bytes = 0;
    while (bytes < 100 * 1024 * 1024) {
      for (const line of lines) {
        const l = line.replace(/^INC\d+/, `INC${String(++n).padStart(7, '0')}`) + '\n';
        fs.writeSync(fd, l);
        bytes += l.length;
      }
    }
    fs.closeSync(fd);
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 100);
    const t = performance.now();
    const r = await importCsvFile({ csvPath: file, outDir: path.join(root, 'incidents'), preset: 'servicenow-uci', dryRun: true });
    clearInterval(sampler);
    const s = r.summary;
    row('file', `${fmt(fs.statSync(file).size / 1024 / 1024, 0)} MB`, `${s.rows.toLocaleString('en-US')} rows`);
    row('dry-run import: total', `${fmt((performance.now() - t) / 1000, 1)} s`, `would import ${s.imported.toLocaleString('en-US')}, skipped ${s.skipped}`);
    row('JS heap before the import', `${fmt(heapBefore / 1024 / 1024, 0)} MB`);
    row('JS heap at its highest during the import', `${fmt(heapPeak / 1024 / 1024, 0)} MB`, 'sampled every 100 ms; garbage included');
    row('peak resident memory of the process', `${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  heading('CSV import: UCI final-state file to records on disk (issue 3)');
  const csv = dataFile();
  if (!csv) {
    console.log('  skipped: incidents_final_state.csv not found; set KEDB_DATA_DIR to the folder holding uci-incident-management-event-log/');
    return;
  }
  if (process.env.KEDB_BENCH_BIG) return big(csv);
  row('file', path.basename(csv), `${fmt(fs.statSync(csv).size / 1024 / 1024)} MB`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-import-bench-'));
  try {
    const fresh: ImportSummary[] = [];
    const again: ImportSummary[] = [];
    let peakRss = 0;
    for (let i = 0; i <= RUNS; i++) {
      const out = path.join(root, `run-${i}`, 'incidents');
      // Flush the previous run's writes and deletions, so that they do not slow this one down.
      spawnSync('sync');
      const first = await once(csv, out);
      spawnSync('sync');
      const second = await once(csv, out);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (second.unchanged !== first.imported) throw new Error('re-import did not report everything unchanged');
      if (i > 0) {
        // Run 0 is the warm-up (JIT, ajv compile).
        fresh.push(first);
        again.push(second);
      }
      fs.rmSync(path.join(root, `run-${i}`), { recursive: true, force: true });
    }
    report('import into an empty folder', fresh);
    report('re-import, all unchanged', again);
    row('peak resident memory', `${fmt(peakRss / 1024 / 1024, 0)} MB`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
