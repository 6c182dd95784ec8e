#!/usr/bin/env node
// Runs the integration tests in a real VS Code extension host through @vscode/test-electron.
//
// Which VS Code:
//   default                   scripts/vscode/code-electron-shim (code-server + headless chromium,
//                             works offline; installed on first use by ensure-code-server.mjs)
//   KEDB_VSCODE_EXECUTABLE=P  use the VS Code executable at P
//   KEDB_VSCODE_DOWNLOAD=1    let test-electron download VS Code (needs internet)
//
// Tests: dist/test/integration/index.js (built from test/integration/index.ts by esbuild.mjs).
// If that file does not exist, the suite is bundled here into test/integration/.out/index.js
// with the same esbuild options. KEDB_TEST_ENTRY=path overrides both.
//
// The workspace is a fresh temp COPY of samples/lab-02 (an empty folder while that sample does
// not exist), so tests may edit files freely; it is deleted afterwards unless KEDB_KEEP_WORKSPACE=1.
//
// Exits with the tests' exit code (0 all passed, 1 a test failed or the run broke).

import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const shim = join(repoRoot, 'scripts', 'vscode', 'code-electron-shim');
// KEDB_TEST_WORKSPACE_SRC: another folder to copy as the workspace (the benchmarks use a large corpus).
const sample = process.env.KEDB_TEST_WORKSPACE_SRC ? resolve(process.env.KEDB_TEST_WORKSPACE_SRC) : join(repoRoot, 'samples', 'lab-02');
const info = (msg) => process.stderr.write(`[runTests] ${msg}\n`);

/** The same options esbuild.mjs should use for dist/test/integration/index.js (see scripts/vscode/README.md). */
export const testBundleOptions = {
  entryPoints: [join(repoRoot, 'test', 'integration', 'index.ts')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
};

async function testEntry() {
  if (process.env.KEDB_TEST_ENTRY) return resolve(process.env.KEDB_TEST_ENTRY);
  const dist = join(repoRoot, 'dist', 'test', 'integration', 'index.js');
  if (existsSync(dist)) return dist;
  const out = join(here, '.out', 'index.js');
  info(`${dist} not found; bundling the suite into ${out}`);
  const esbuild = await import('esbuild');
  await esbuild.build({ ...testBundleOptions, outfile: out });
  return out;
}

async function main() {
  const extensionTestsPath = await testEntry();

  let vscodeExecutablePath;
  if (process.env.KEDB_VSCODE_EXECUTABLE) {
    vscodeExecutablePath = resolve(process.env.KEDB_VSCODE_EXECUTABLE);
  } else if (process.env.KEDB_VSCODE_DOWNLOAD !== '1') {
    // Install (first run only: a few minutes) before test-electron starts timing anything.
    const { ensureCodeServer } = await import('../../scripts/vscode/ensure-code-server.mjs');
    await ensureCodeServer();
    vscodeExecutablePath = shim;
  }

  // Everything per-run lives under one temp dir: the workspace copy and a fresh profile, so
  // runs do not share state (and nothing is written into the repo's .vscode-test).
  const runDir = mkdtempSync(join(tmpdir(), 'kedb-it-'));
  const workspace = join(runDir, 'lab-02');
  if (existsSync(sample)) {
    cpSync(sample, workspace, { recursive: true });
  } else {
    info(`${sample} does not exist yet; opening an empty folder`);
    mkdirSync(workspace);
  }

  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { KEDB_TEST_WORKSPACE: workspace, ...(process.env.KEDB_BENCH_OUT ? { KEDB_BENCH_OUT: process.env.KEDB_BENCH_OUT } : {}) },
      launchArgs: [
        workspace,
        '--disable-extensions',
        `--user-data-dir=${join(runDir, 'user-data')}`,
        `--extensions-dir=${join(runDir, 'extensions')}`,
      ],
    });
    return 0;
  } catch (err) {
    // TestRunFailedError carries the executable's exit code; anything else is a harness error.
    if (typeof err?.code === 'number') return err.code || 1;
    info(`FAILED: ${err?.stack ?? err}`);
    return 1;
  } finally {
    if (process.env.KEDB_KEEP_WORKSPACE === '1') info(`kept ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  info(`FAILED: ${err?.message ?? err}`);
  process.exitCode = 1;
}
