import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { FIXTURES, REPO_ROOT } from './helpers';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');

function kedb(args: string[], cwd = REPO_ROOT) {
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('kedb validate prints path:line:column: severity code message, a summary, and exits 1 on errors', () => {
  const r = kedb(['validate', 'broken-workspace'], FIXTURES);
  assert.equal(r.code, 1);
  const out = r.stdout.trim().split('\n');
  assert.ok(
    out.includes(
      'broken-workspace/problems/PRB-0001.yaml:7:5: error unknown-reference No incident with id INC-0042 exists in this workspace.',
    ),
    out.join('\n'),
  );
  assert.ok(out.includes('broken-workspace/incidents/INC-0001.yaml:10:10: warning link-mismatch PRB-0001 does not list INC-0001 in its incidents.'));
  // Each incident that leaves checklist fields empty also gets one information line.
  assert.ok(out.some((l) => l.startsWith('broken-workspace/incidents/INC-0002.yaml:2:5: info checklist-incomplete Checklist: 19 fields missing: reported_at,')));
  assert.equal(out.at(-1), '10 files, 8 records: 12 errors, 7 warnings, 5 info.');
  for (const line of out.slice(0, -1)) assert.match(line, /^[^:]+\.yaml:\d+:\d+: (error|warning|info) [a-z-]+ .+$/);
});

test('kedb validate --format json gives the documented shape, 1-based, relative to DIR', () => {
  const r = kedb(['validate', path.join(FIXTURES, 'broken-workspace'), '--format', 'json']);
  assert.equal(r.code, 1);
  const issues = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.equal(issues.length, 24);
  assert.equal(issues.filter((i) => i.severity === 'info').length, 5);
  for (const i of issues) {
    assert.deepEqual(Object.keys(i).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.ok(['error', 'warning', 'info'].includes(i.severity as string));
  }
  assert.deepEqual(
    issues.find((i) => i.code === 'unknown-property'),
    {
      file: 'incidents/INC-0001.yaml',
      line: 9,
      column: 3,
      endLine: 9,
      endColumn: 8,
      severity: 'error',
      code: 'unknown-property',
      message: 'Unknown property "emial" in reporter. Did you mean "email"?',
    },
  );
});

test('kedb validate exits 0 when there are only warnings, and 2 on bad usage', () => {
  const clean = kedb(['validate', path.join(FIXTURES, 'hostile', '..', 'warnings-only')]);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /1 warning, 1 info\.$/m);
  const missing = kedb(['validate', 'no/such/folder']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such folder/);
  const badFormat = kedb(['validate', '--format', 'xml']);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--format must be text or json/);
});

test('the lab-02 sample validates with no error or warning, and the one checklist gap the seed left', () => {
  const r = kedb(['validate', 'samples/lab-02']);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /^\d+ files, 74 records: 0 errors, 0 warnings, 1 info\.$/m);
});
