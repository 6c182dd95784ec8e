import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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
  assert.match(badFormat.stderr, /--format must be text, json, sarif or github/);
});

test('the lab-02 sample validates with no error, the one checklist gap the seed left, and the recurrence it shows: INC-0052 after PRB-0029\'s fix', () => {
  const r = kedb(['validate', 'samples/lab-02']);
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(
    r.stdout.trim().split('\n').map((l) => l.split(' ').slice(0, 3).join(' ')),
    [
      'samples/lab-02/incidents/INC-0026.yaml:5:5: info checklist-incomplete',
      'samples/lab-02/incidents/INC-0052.yaml:7:8: warning recurrence',
      'samples/lab-02/problems/PRB-0029.yaml:8:9: info linked-incidents-open',
      '77 files, 76',
    ],
  );
  assert.match(r.stdout, /^77 files, 76 records: 0 errors, 1 warning, 2 info\.$/m);
});

test('kedb classify --check lists each disagreement and exits 1; --write fixes them keeping comments; --format json has the documented shape', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-classify-'));
  try {
    fs.cpSync(path.join(REPO_ROOT, 'samples', 'lab-02'), dir, { recursive: true });
    const inc = path.join(dir, 'incidents', 'INC-0011.yaml');
    const original = fs.readFileSync(inc, 'utf8');
    // Run inside the workspace, as in CI: paths print relative to it.
    // impact medium × urgency medium is P3 under itil-3x3; make it P1, with a comment to keep.
    const wrong = original.replace(/^priority: P3$/m, 'priority: P1 # set by hand at intake');
    assert.notEqual(wrong, original);
    fs.writeFileSync(inc, wrong);

    const check = kedb(['classify', '.', '--check'], dir);
    assert.equal(check.code, 1);
    const lines = check.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, -1), ['incidents/INC-0011.yaml: INC-0011: P1 → P3 (impact medium × urgency medium, itil-3x3)'], dir);
    assert.match(lines.at(-1)!, /^\d+ records checked against itil-3x3: 1 disagreement\.$/);

    const json = kedb(['classify', '.', '--check', '--format', 'json'], dir);
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.stdout), [{ file: 'incidents/INC-0011.yaml', id: 'INC-0011', impact: 'medium', urgency: 'medium', priority: 'P1', expected: 'P3', matrix: 'itil-3x3' }], dir);

    const write = kedb(['classify', '.', '--write'], dir);
    assert.equal(write.code, 0, write.stderr);
    assert.equal(write.stdout.trim(), 'Set 1 priority in 1 file (matrix itil-3x3).');
    assert.equal(fs.readFileSync(inc, 'utf8'), original.replace(/^priority: P3$/m, 'priority: P3 # set by hand at intake'), 'only the value changes; the comment stays');
    assert.equal(kedb(['classify', '.', '--check'], dir).code, 0);
    // Another matrix on the same records: lab-02 has low × low incidents, which itil-3x3-p4 puts at P4.
    const p4 = JSON.parse(kedb(['classify', '.', '--check', '--matrix', 'itil-3x3-p4', '--format', 'json'], dir).stdout) as { impact: string; urgency: string; expected: string }[];
    assert.ok(p4.length > 0 && p4.every((d) => d.impact === 'low' && d.urgency === 'low' && d.expected === 'P4'));
    assert.equal(kedb(['classify', '.', '--check', '--write'], dir).code, 2);
    assert.equal(kedb(['classify', '.', '--matrix', 'nope'], dir).code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
