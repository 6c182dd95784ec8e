/**
 * The benchmark corpus: the UCI ServiceNow final-state export (24,918 real incidents) imported
 * with `kedb import` into one record file each. Built once and cached outside the repository.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function cacheDir(): string {
  return process.env.KEDB_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'kedb-studio');
}

export function dataRoot(): string {
  return process.env.KEDB_DATA_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'data');
}

export const UCI_FINAL_STATE = 'uci-incident-management-event-log/incidents_final_state.csv';

/** Returns the corpus folder, building it on first use; undefined (after saying why) without the data. */
export async function ensureUciCorpus(): Promise<{ dir: string; source: string } | undefined> {
  const csv = path.join(dataRoot(), UCI_FINAL_STATE);
  if (!fs.existsSync(csv)) {
    console.log(`  SKIPPED: ${csv} not found; set KEDB_DATA_DIR to the folder holding the real datasets.`);
    return undefined;
  }
  const stat = fs.statSync(csv);
  // The version in the name changes whenever the importer's output does, so a stale corpus is rebuilt.
  const dir = path.join(cacheDir(), 'bench', `uci-final-state-${stat.size}-v3`);
  const stamp = path.join(dir, '.complete');
  if (!fs.existsSync(stamp)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const started = performance.now();
    const r = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'kedb.js'), 'import', csv, '--preset', 'servicenow-uci', '--out', path.join(dir, 'incidents')], // also writes the workspace's kedb.config.yaml
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.status !== 0) throw new Error(`kedb import failed (${r.status}):\n${r.stderr || r.stdout}`);
    fs.writeFileSync(stamp, new Date().toISOString());
    console.log(`  built the corpus in ${((performance.now() - started) / 1000).toFixed(1)} s: ${dir}`);
  }
  return { dir, source: 'UCI ServiceNow final state via kedb import' };
}
