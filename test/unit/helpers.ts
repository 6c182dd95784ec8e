import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests are bundled into dist/test/unit/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

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
 * A file's issues without the checklist's information diagnostic, which every sparse test incident
 * gets; tests of other checks use it, and test/unit/checklist.test.ts tests the checklist itself.
 */
export function issuesBesidesChecklist<T extends { code: string | number }>(issues: readonly T[]): T[] {
  return issues.filter((i) => String(i.code) !== 'checklist-incomplete');
}
