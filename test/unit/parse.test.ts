import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFsHost } from '../../src/node/fsHost';
import { decodeRecordFile, defaultConfig, parseRangedFile, Workspace, type Issue } from '../../src/core';
import { at, FIXTURES } from './helpers';

const config = defaultConfig();

/** Reads a hostile fixture the way the CLI does: bytes, then decode, then parse. */
function issuesOfFixture(name: string): Issue[] {
  const bytes = fs.readFileSync(path.join(FIXTURES, 'hostile', name));
  const decoded = decodeRecordFile(bytes);
  if (!decoded.ok) return [decoded.issue];
  return parseRangedFile(decoded.text, config).issues;
}

function summary(issues: Issue[]): string[] {
  return issues.map((i) => `${i.severity} ${i.code} ${at(i.range)}`);
}

test('tabs used for indentation are reported at the tab', () => {
  assert.deepEqual(summary(issuesOfFixture('tabs.yaml')), ['error tab-indentation 5:1-5:2']);
});

test('an alias bomb is refused at its first alias, quickly', () => {
  const started = performance.now();
  const issues = issuesOfFixture('alias-bomb.yaml');
  assert.ok(performance.now() - started < 1000, 'alias bomb must not hang');
  assert.deepEqual(summary(issues), ['error alias-limit 5:8-5:10']);
  assert.match(issues[0].message, /alias bomb/);
});

test('a binary file with a .yaml name is reported as binary', () => {
  const issues = issuesOfFixture('binary.yaml');
  assert.deepEqual(summary(issues), ['error binary-file 1:1-1:1']);
});

test('a Windows-1252 file is reported as not UTF-8, at the bad byte', () => {
  const issues = issuesOfFixture('windows-1252.yaml');
  // "title: Caf\xe9": line 3, the byte after "title: Caf" (10 bytes).
  assert.deepEqual(summary(issues), ['error invalid-encoding 3:11-3:12']);
});

test('a UTF-8 BOM is dropped and columns stay those the user sees', () => {
  const issues = issuesOfFixture('bom.yaml');
  assert.deepEqual(summary(issues), ['error invalid-value 4:10-4:16']);
  assert.match(issues[0].message, /"urgent" is not a valid urgency/);
});

test('CRLF line ends keep exact ranges', () => {
  const issues = issuesOfFixture('crlf.yaml');
  assert.deepEqual(summary(issues), ['error invalid-value 5:10-5:13']);
  assert.match(issues[0].message, /"fax" is not a valid channel\. Expected one of: email, phone, portal, chat, walk-in, monitoring\./);
});

test('an empty file and a comment-only file are a warning, not a crash', () => {
  assert.deepEqual(summary(issuesOfFixture('empty.yaml')), ['warning empty-file 1:1-1:1']);
  assert.deepEqual(summary(issuesOfFixture('comment-only.yaml')), ['warning empty-file 1:1-1:1']);
});

test('a bare scalar or a list is not a record', () => {
  const scalar = issuesOfFixture('scalar.yaml');
  assert.deepEqual(summary(scalar), ['error not-a-mapping 1:1-1:30']);
  assert.match(scalar[0].message, /is a single value/);
  const list = issuesOfFixture('list.yaml');
  assert.deepEqual(summary(list), ['error not-a-mapping 1:1-3:1']);
  assert.match(list[0].message, /is a list/);
});

test('__proto__ and constructor keys are unknown properties and pollute nothing', () => {
  const issues = issuesOfFixture('proto.yaml');
  assert.deepEqual(summary(issues), ['error unknown-property 4:1-4:10', 'error unknown-property 6:1-6:12']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
});

test('duplicate keys are reported at the second key', () => {
  assert.deepEqual(summary(issuesOfFixture('duplicate-key.yaml')), ['error duplicate-key 4:1-4:6']);
});

test('a YAML syntax error is reported at its own position', () => {
  const issues = issuesOfFixture('syntax-error.yaml');
  assert.ok(issues.length >= 1);
  assert.ok(issues.every((i) => i.code === 'yaml-syntax' && i.severity === 'error'));
  // yaml finds the missing quote where the input ends: line 4, column 1.
  assert.deepEqual(summary(issues), ['error yaml-syntax 4:1-4:1']);
  assert.equal(issues[0].message, 'YAML syntax error: Missing closing "quote.');
});

test('a 20 MB file is refused by size within a second, without parsing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-huge-'));
  try {
    const file = path.join(dir, 'incidents', 'INC-0001.yaml');
    fs.mkdirSync(path.dirname(file));
    const padding = '# padding padding padding padding padding padding\n'.repeat(420_000);
    fs.writeFileSync(file, 'kind: incident\nid: INC-0001\ntitle: huge\n' + padding);
    const size = fs.statSync(file).size;
    assert.ok(size >= 20 * 1024 * 1024);
    const started = performance.now();
    const ws = await Workspace.load(new NodeFsHost(dir));
    assert.ok(performance.now() - started < 1000, 'must answer within a second');
    const issues = ws.issuesFor('incidents/INC-0001.yaml');
    assert.deepEqual(summary(issues), ['error file-too-large 1:1-1:1']);
    assert.equal(
      issues[0].message,
      `File is ${(size / 1024 / 1024).toFixed(1)} MB; record files over 2.0 MB are not checked. Split it into one record per file.`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing required property points at the first key and names the property', () => {
  const { issues } = parseRangedFile('# note\nkind: problem\nid: PRB-0001\nstatus: new\n', config);
  assert.deepEqual(summary(issues), ['error missing-property 2:1-2:5']);
  assert.equal(issues[0].message, 'Missing required property "title" in this problem.');
});

test('an unknown key points at the key, a wrong value at the value', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: T\nimpakt: high\nimpact: severe\nreporter:\n  email: not-an-email\n';
  const { issues } = parseRangedFile(text, config);
  assert.deepEqual(summary(issues), [
    'error unknown-property 4:1-4:7',
    'error invalid-value 5:9-5:15',
    'error invalid-format 7:10-7:22',
  ]);
  assert.equal(issues[0].message, 'Unknown property "impakt" in this incident. Did you mean "impact"?');
});

test('a wrong type in a nested fishbone cause points at the cause', () => {
  const text = [
    'kind: problem',
    'id: PRB-0001',
    'title: T',
    'rca:',
    '  fishbone:',
    '    categories:',
    '      - name: People',
    '        causes:',
    '          - Admins untrained',
    '          - cause: Late response',
    '            because:',
    '              - 42',
    '',
  ].join('\n');
  const { issues } = parseRangedFile(text, config);
  assert.deepEqual(summary(issues), ['error invalid-type 12:17-12:19']);
  assert.equal(issues[0].message, 'rca.fishbone.categories[0].causes[1].because[0] must be text or a mapping, but is an integer.');
});

test('an id that does not match its kind is an error at the id', () => {
  const { issues } = parseRangedFile('kind: known_error\nid: KE-12\nproblem: PRB-0001\ntitle: T\nsymptoms: [slow]\n', config);
  assert.deepEqual(summary(issues), ['error id-pattern 2:5-2:10']);
});

test('several documents in one file are each a record', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: A\n---\nkind: incident\nid: INC-0002\ntitle: B\nurgency: now\n';
  const parsed = parseRangedFile(text, config);
  assert.deepEqual(parsed.records.map((r) => r.id), ['INC-0001', 'INC-0002']);
  assert.deepEqual(summary(parsed.issues), ['error invalid-value 8:10-8:13']);
});
