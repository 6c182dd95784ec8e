import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

test('src/core imports neither vscode nor Node built-ins', () => {
  const offenders: string[] = [];
  for (const file of tsFiles(path.join(REPO_ROOT, 'src', 'core'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)) {
      if (m[1] === 'vscode' || m[1].startsWith('node:') || ['fs', 'path', 'os', 'child_process'].includes(m[1])) {
        offenders.push(`${path.relative(REPO_ROOT, file)} imports ${m[1]}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
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
