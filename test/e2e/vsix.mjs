// Builds the .vsix the way a release does (`npm run package`), but in a temp copy of the tree: the
// package script overwrites dist/ with production bundles, and other people's builds and tests use
// this tree's dist/ at the same time.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { readZip } from './zip.mjs';

/** Top-level entries never copied (build output, caches, git). */
const SKIP_TOP = new Set(['node_modules', '.git', 'dist', 'test-output', '.vscode-test', 'out']);

/** Process groups of the builds still running (npm → sh → node esbuild, vsce). */
const running = new Set();

/** Kills the builds still running, with everything they started. */
export function stopPackaging() {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    // Its own process group, so stopPackaging() can end the whole tree.
    const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
    running.add(child.pid);
    child.on('exit', () => running.delete(child.pid));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}):\n${out.trim().split('\n').slice(-30).join('\n')}`))));
  });
}

/**
 * Copies the repository into a temp folder (node_modules linked, not copied), runs
 * `npm run package` there and returns { vsix, dir, files } where files lists the packaged paths.
 */
export async function packageVsix(repoRoot, workDir = mkdtempSync(join(tmpdir(), 'kedb-e2e-pkg-'))) {
  const dir = join(workDir, 'repo');
  cpSync(repoRoot, dir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(repoRoot, src);
      if (!rel) return true;
      const top = rel.split(sep)[0];
      if (SKIP_TOP.has(top)) return false;
      if (!rel.includes(sep) && rel.endsWith('.vsix')) return false;
      return !rel.startsWith(join('bench', 'out')) && !rel.startsWith(join('test', 'integration', '.out'));
    },
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const log = await run('npm', ['run', '--silent', 'package'], dir);
  const vsix = readdirSync(dir).filter((f) => f.endsWith('.vsix')).map((f) => join(dir, f))[0];
  if (!vsix || !existsSync(vsix)) throw new Error(`npm run package made no .vsix in ${dir}:\n${log}`);
  const files = [...readZip(vsix).keys()];
  return { vsix, dir, files, log };
}
