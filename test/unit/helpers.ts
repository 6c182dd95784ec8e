import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext, type TestOptions } from 'node:test';
import { checklistCheck, setL10nBundle, STANDARD_CHECKS, Workspace, type L10nBundle, type RecordStore } from '../../src/core';

type TestFn = (t: TestContext) => void | Promise<void>;

/** The repository root (tests are bundled into dist/test/unit/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

/** `XDG_CACHE_HOME` of every `kedb` a test runs (src/node/parseCache.ts). */
export const TEST_CACHE_HOME = path.join(os.tmpdir(), `kedb-test-cache-${process.pid}`);
process.on('exit', () => fs.rmSync(TEST_CACHE_HOME, { recursive: true, force: true }));

/**
 * Runs the `kedb` CLI from the repository in a new Node process, with `LANG` set to `locale` (and
 * the locale variables that would override it removed), as a user's shell would.
 */
export function runKedb(args: string[], locale = 'C'): { code: number | null; stdout: string; stderr: string } {
  // The parse cache of big folders goes to this test process's own place, never the user's.
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: locale, XDG_CACHE_HOME: TEST_CACHE_HOME };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'kedb.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The real ITSM datasets, which are never committed: `KEDB_DATA_DIR`, or `../shared/data` beside the
 * repository. Returns the folder, or a reason to give when it is absent.
 */
export function dataDir(sub: string): { dir: string } | { missing: string } {
  const base = process.env.KEDB_DATA_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'data');
  const dir = path.join(base, sub);
  if (fs.existsSync(dir)) return { dir };
  return {
    missing: `real dataset not found at ${dir}; set KEDB_DATA_DIR to the folder holding ${sub}/ to run this test`,
  };
}

/** "line:col-line:col", 1-based, for compact assertions on ranges. */
export function at(range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/**
 * The standard workspace without the incident checklist's check, whose information diagnostic
 * every sparse test incident gets: the store runs the checks it is made with, so the tests of the
 * other checks make it without that one (test/unit/checklist.test.ts tests the checklist itself).
 */
export class WorkspaceWithoutChecklist extends Workspace {
  constructor() {
    super(STANDARD_CHECKS.filter((check) => check !== checklistCheck));
  }
}

/** The browser the webview and report tests drive: Debian's Chromium, which `npm test` installs first. */
export const CHROMIUM = process.env.KEDB_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when Chromium is present. */
export function chromiumMissing(): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  return `no Chromium at ${CHROMIUM}; \`npm test\` installs it first (or run \`npm run test:prereqs\`), or set KEDB_CHROMIUM to a Chromium`;
}

/** The reason a dataset lookup (`dataDir`, `datasetFiles`) found nothing, or undefined when it found the data. */
export function datasetMissing(found: { missing: string } | { dir: string } | { files: string[] }): string | undefined {
  return 'missing' in found ? found.missing : undefined;
}

/** True on CI (`CI=true`, as `.ci/run` is started), where nothing may be skipped for a missing prerequisite. */
export function onCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

/**
 * A test that needs something this machine may lack (Chromium, a real dataset). When `missing` names
 * what is absent, the test is skipped with that reason on a developer's machine; on CI it fails
 * with the reason instead, so a green CI run always ran it.
 */
export function testNeeding(missing: string | undefined, name: string, options: TestOptions, fn: TestFn): void {
  if (missing === undefined) void test(name, options, fn);
  else if (onCi()) void test(name, options, () => assert.fail(`prerequisite missing on CI: ${missing}`));
  else void test(name, { ...options, skip: missing }, fn);
}

/**
 * The files a store's change events said were affected, gathered until `take()`: what a consumer
 * such as the diagnostics re-checks after those changes.
 */
export function affectedBy(ws: RecordStore): { take(): { all: boolean; paths: string[] } } {
  let all = false;
  const paths = new Set<string>();
  ws.onDidChange(({ affected }) => {
    all ||= affected.all;
    for (const p of affected.paths) paths.add(p);
  });
  return {
    take() {
      const out = { all, paths: all ? [] : [...paths] };
      all = false;
      paths.clear();
      return out;
    },
  };
}

/** The Indonesian translations of every area, merged as scripts/l10n.mjs merges them. */
export function indonesian(): L10nBundle {
  const dir = path.join(REPO_ROOT, 'l10n', 'id');
  const out: L10nBundle = {};
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) Object.assign(out, JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as L10nBundle);
  return out;
}

/** Runs `body` with the Indonesian bundle set, and English restored afterwards whatever happens. */
export function inIndonesian<T>(body: () => T): T {
  setL10nBundle(indonesian(), 'id');
  try {
    return body();
  } finally {
    setL10nBundle(undefined);
  }
}
