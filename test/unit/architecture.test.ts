import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

const ARCH = path.join(REPO_ROOT, 'test', 'fixtures', 'architecture');
const DEPCRUISE = path.join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript-7', 'bin', 'tsc');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** The dependency rules of .dependency-cruiser.cjs run over `cwd`'s src/: each violation as "rule: from -> to". */
function cruise(cwd: string): string[] {
  const r = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', path.join(REPO_ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(r.stdout, r.stderr);
  const { summary } = JSON.parse(r.stdout) as { summary: { violations: Violation[] } };
  return summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

test('the dependency rules find no violation in src/: no circle, a core free of vscode and Node, layers pointing one way', () => {
  assert.deepEqual(cruise(REPO_ROOT), []);
});

test('each dependency rule fails when broken: a circle, vscode and a Node built-in in the core, a layer upside down, a deep import from the extension', () => {
  assert.deepEqual(cruise(ARCH), [
    'core-layer-base: src/core/base/upward.ts -> src/core/workspace/store.ts',
    'core-no-node: src/core/yaml/usesNode.ts -> fs',
    'core-no-vscode: src/core/records/usesVscode.ts -> ../../../node_modules/@types/vscode/index.d.ts',
    'core-through-entry-points: src/extension/deep.ts -> src/core/workspace/store.ts',
    'no-circular: src/core/base/circleA.ts -> src/core/base/circleB.ts',
  ]);
});

test('the core compiles without Node\'s types: a core file that reads `process` does not type-check', () => {
  const r = spawnSync(process.execPath, [TSC, '-p', path.join(ARCH, 'tsconfig.core.json'), '--noEmit'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stdout, /usesProcess\.ts\(2,21\): error TS2591: Cannot find name 'process'/);
});

test('ESLint, with the repository\'s config, fails on a file that breaks its rules', () => {
  const file = path.join(ARCH, 'lint', 'unused.ts');
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--no-ignore', '--format', 'json', file], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 1, r.stderr);
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number }[] }[];
  assert.deepEqual(result.messages.map((m) => `${m.line} ${m.ruleId}`), ['2 @typescript-eslint/no-unused-vars', '5 @typescript-eslint/no-unused-expressions']);
});

test('every schema property has a description, for hover', () => {
  const missing: string[] = [];
  const walk = (node: unknown, where: string) => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.properties && typeof n.properties === 'object') {
      for (const [k, v] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
        if (typeof v.description !== 'string' || !v.description) missing.push(`${where}.${k}`);
        walk(v, `${where}.${k}`);
      }
    }
    for (const key of ['items', 'definitions', 'additionalProperties']) {
      const child = n[key];
      if (key === 'definitions' && child) for (const [k, v] of Object.entries(child)) walk(v, `${where}#${k}`);
      else if (child && typeof child === 'object') walk(child, `${where}[]`);
    }
  };
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'schemas'))) {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', f), 'utf8'));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', f);
    walk(schema, f);
  }
  assert.deepEqual(missing, []);
});
