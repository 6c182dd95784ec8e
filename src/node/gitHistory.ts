/**
 * The state changes of problem records from the git history of their files: for each file, the
 * top-level `status:` it had after each commit that changed it (the commit's author date), oldest
 * first. One `git log -p` over the folders that hold them, read once. Used by `kedb stats` for the
 * problems that have no `history` list of their own.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { GitHistory, StateChange } from '../core';

function git(dir: string, args: string[]): { ok: boolean; out: string; missing?: boolean } {
  const r = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  if (r.error) return { ok: false, out: '', missing: (r.error as NodeJS.ErrnoException).code === 'ENOENT' };
  return { ok: r.status === 0, out: r.stdout };
}

/** The value of a top-level `status:` line (quotes and a trailing comment taken off). */
export function statusOfLine(line: string): string | undefined {
  const m = /^status:[ \t]*(.*)$/.exec(line);
  if (!m) return undefined;
  let v = m[1].replace(/[ \t]+#.*$/, '').trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1).trim();
  return v || undefined;
}

/**
 * Reads `git log -p` output (oldest first, as `--reverse` gives it) into the status each file took
 * at each commit. `files` maps a path relative to the repository root to the problem id.
 */
export function parseStatusLog(log: string, files: ReadonlyMap<string, string>): Record<string, StateChange[]> {
  const out: Record<string, StateChange[]> = {};
  let at = '';
  let current: string | undefined;
  for (const line of log.split('\n')) {
    if (line.startsWith('\u0001')) {
      at = line.slice(1).trim();
      current = undefined;
    } else if (line.startsWith('+++ ')) {
      const name = line.slice(4).trim();
      current = name === '/dev/null' ? undefined : files.get(name.replace(/^b\//, ''));
    } else if (current !== undefined && line.startsWith('+') && !line.startsWith('+++')) {
      const status = statusOfLine(line.slice(1));
      if (status === undefined) continue;
      const list = (out[current] ??= []);
      // One change per commit: a file whose status line moved keeps the last one written.
      if (list.length && list[list.length - 1].at === at) list[list.length - 1].status = status;
      else if (!list.length || list[list.length - 1].status !== status) list.push({ status, at });
    }
  }
  return out;
}

/**
 * The git history of the given problem files under `dir` (paths relative to `dir`, with `/`).
 * Never throws: a folder that is not a repository, or no git at all, is said in `state`.
 */
export function problemGitHistory(dir: string, problems: ReadonlyArray<{ id: string; file: string }>): GitHistory {
  const inside = git(dir, ['rev-parse', '--is-inside-work-tree', '--show-prefix', '--is-shallow-repository']);
  if (!inside.ok) return { state: inside.missing ? 'unavailable' : 'not-a-repository', history: {} };
  const [work, prefixLine, shallowLine] = inside.out.split('\n');
  if (work.trim() !== 'true') return { state: 'not-a-repository', history: {} };
  const prefix = (prefixLine ?? '').trim();
  const state = shallowLine?.trim() === 'true' ? 'shallow' : 'ok';
  if (problems.length === 0) return { state, history: {} };
  const files = new Map(problems.map((p) => [prefix + p.file, p.id]));
  const folders = [...new Set(problems.map((p) => path.posix.dirname(p.file)))];
  const log = git(dir, ['-c', 'core.quotePath=false', 'log', '--reverse', '--no-renames', '--no-color', '-p', '-U0', '--format=%x01%aI', '--', ...folders]);
  if (!log.ok) return { state, history: {} };
  return { state, history: parseStatusLog(log.out, files) };
}
