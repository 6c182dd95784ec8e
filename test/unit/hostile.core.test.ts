// Hostile input through the core (issue 19): records built to make validation slow or its output
// huge, and bytes and line ends the parsers misread. No test times anything: the cost of placing
// issues is counted as the lines or mapping entries read, which is deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import {
  decodeRecordFile,
  defaultConfig,
  documentFinder,
  documentLineSpans,
  LineIndex,
  lineFinder,
  parseFast,
  parseRangedFile,
  RANGED_MAX_BYTES,
  splitLines,
  type Issue,
} from '../../src/core';
import { at, FIXTURES, WorkspaceWithoutChecklist } from './helpers';

const config = defaultConfig();

function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, 'hostile', name));
}

/** Reads a hostile fixture the way the CLI does: bytes, then decode, then parse. */
function issuesOfFixture(name: string): Issue[] {
  const decoded = decodeRecordFile(fixture(name));
  if (!decoded.ok) return [decoded.issue];
  return parseRangedFile(decoded.text, config).issues;
}

function summary(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.severity} ${i.code} ${at(i.range)}`);
}

/** An incident whose `reporter` holds `keys` unknown keys `  kN: 1`, one issue each (lines 5 on). */
function manyKeys(keys: number): string {
  const out = ['kind: incident', 'id: INC-0001', 'title: Many keys', 'reporter:'];
  for (let i = 0; i < keys; i++) out.push(`  k${i}: 1`);
  return out.join('\n') + '\n';
}

/** An incident whose `source` holds `n` flow lists where a scalar is expected: placed through the ranged parse. */
function manySchemaErrors(n: number): string {
  const out = ['kind: incident', 'id: INC-0001', 'title: Many schema errors', 'source:'];
  for (let i = 0; i < n; i++) out.push(`  f${i}: [${i}]`);
  return out.join('\n') + '\n';
}

/** An array that counts how many of its entries are read. */
function counted<T>(items: T[]): { items: T[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(items, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
      return Reflect.get(target, prop, receiver);
    },
  });
  return { items: proxy, reads: () => reads };
}

// ---- linear cost ---------------------------------------------------------------------------------

test('the line reader places N issues of one mapping reading each line a few times, not once per issue', () => {
  const keys = 2000;
  const text = manyKeys(keys);
  const lineList = splitLines(text);
  const [span] = documentLineSpans(lineList)!;
  const lines = counted(lineList);
  const finder = lineFinder(lines.items, span, new LineIndex(text));
  for (let i = 0; i < keys; i++) assert.equal(finder.key(['reporter', `k${i}`])!.start.line, 4 + i);
  for (let i = 0; i < keys; i += 97) assert.equal(finder.value(['reporter', `k${i}`])!.start.line, 4 + i);
  // Each issue read the whole mapping again before: about 8 reads per line per issue, 32 million.
  assert.ok(lines.reads() < 10 * lineList.length, `${lines.reads()} line reads for ${lineList.length} lines`);
});

test("the ranged finder places N issues of one mapping reading each entry once, not once per issue", () => {
  const keys = 2000;
  const text = manyKeys(keys);
  const doc = parseDocument(text);
  const reporter = (doc.contents as YAMLMap).get('reporter', true);
  assert.ok(isMap(reporter));
  const entries = counted(reporter.items);
  reporter.items = entries.items;
  const finder = documentFinder(doc, new LineIndex(text));
  for (let i = 0; i < keys; i++) assert.equal(finder.key(['reporter', `k${i}`])!.start.line, 4 + i);
  for (let i = 0; i < keys; i += 97) assert.equal(finder.value(['reporter', `k${i}`])!.start.line, 4 + i);
  // `locate` searched the mapping for each key before: 2 million reads.
  assert.ok(entries.reads() < 3 * keys, `${entries.reads()} entry reads for ${keys} entries`);
});

test('a file reports its first 100 issues in order, then one issue that counts the rest, where the first left out is', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', manyKeys(2000));
  const issues = ws.issuesFor('incidents/INC-0001.yaml');
  assert.equal(issues.length, 101);
  issues.slice(0, 100).forEach((issue, i) => {
    assert.equal(issue.code, 'unknown-property');
    assert.equal(issue.message, `Unknown property "k${i}" in reporter.`);
    assert.equal(at(issue.range), `${5 + i}:3-${5 + i}:${4 + String(i).length}`);
  });
  const last = issues[100];
  assert.equal(last.code, 'too-many-issues');
  assert.equal(last.severity, 'error');
  assert.equal(last.message, '… and 1,900 more issues in this file.');
  assert.equal(at(last.range), '105:3-105:7'); // k100, the first left out
});

test('the cap holds on the ranged path too (2,000 schema errors in flow lists)', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', manySchemaErrors(2000));
  const issues = ws.issuesFor('incidents/INC-0001.yaml');
  assert.deepEqual(summary(issues.slice(0, 2)), ['error invalid-type 5:7-5:10', 'error invalid-type 6:7-6:10']);
  assert.equal(issues.length, 101);
  assert.equal(issues[100].code, 'too-many-issues');
  assert.equal(issues[100].message, '… and 1,900 more issues in this file.');
  assert.equal(at(issues[100].range), '105:9-105:14');
});

test('a file over 512 KB never takes the ranged parse: flow values are placed at their key, and the cap and count hold', () => {
  const text = manySchemaErrors(40_000);
  assert.ok(text.length > RANGED_MAX_BYTES, `${text.length} bytes`);
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', text);
  const issues = ws.issuesFor('incidents/INC-0001.yaml');
  assert.equal(issues.length, 101);
  // The line reader cannot place a flow value; the issue goes to its key, the nearest place it can.
  assert.deepEqual(summary(issues.slice(0, 2)), ['error invalid-type 5:3-5:5', 'error invalid-type 6:3-6:5']);
  assert.match(issues[0].message, /source\.f0/);
  assert.equal(issues[100].code, 'too-many-issues');
  assert.equal(issues[100].message, '… and 39,900 more issues in this file.');
});

test('a file over 512 KB with a syntax error gets one error where js-yaml stopped; with aliases, one error that says why it is not checked', () => {
  const big = manyKeys(60_000);
  const broken = big.replace('  k30000: 1\n', '  k30000: [unclosed\n');
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', broken);
  const issues = ws.issuesFor('incidents/INC-0001.yaml');
  assert.equal(issues.length, 1, JSON.stringify(issues.slice(0, 3)));
  assert.equal(issues[0].code, 'yaml-syntax');
  assert.match(issues[0].message, /^YAML syntax error: /);
  assert.ok(Math.abs(issues[0].range.start.line - 30_004) <= 2, `line ${issues[0].range.start.line + 1}`);
  const aliased = big.replace('  k5: 1\n', '  k5: &a 1\n  k5b: *a\n');
  ws.setFileText('incidents/INC-0001.yaml', aliased);
  const [alias] = ws.issuesFor('incidents/INC-0001.yaml');
  assert.equal(alias.code, 'file-too-large');
  assert.match(alias.message, /uses anchors or aliases .* files over 512 KB that use them are not checked/);
  assert.equal(alias.range.start.line, 9);
});

test('the cap counts a file\'s own issues and those from other files together, in the order of the file', () => {
  // 10 unknown references (other files' business) on lines 5-14, then 120 unknown keys: the first
  // 100 in the file are the 10 references and 90 keys; 30 keys are left out, the first x90.
  const lines = ['kind: problem', 'id: PRB-0001', 'title: Many', 'incidents:'];
  for (let i = 0; i < 10; i++) lines.push(`  - INC-${String(9000 + i)}`);
  for (let i = 0; i < 120; i++) lines.push(`x${i}: 1`);
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('problems/PRB-0001.yaml', lines.join('\n') + '\n');
  const issues = ws.issuesFor('problems/PRB-0001.yaml');
  assert.equal(issues.length, 101);
  assert.deepEqual([...new Set(issues.slice(0, 10).map((i) => i.code))], ['unknown-reference']);
  assert.deepEqual([...new Set(issues.slice(10, 100).map((i) => i.code))], ['unknown-property']);
  assert.equal(issues[99].message, 'Unknown property "x89" in this problem.');
  assert.equal(issues[100].message, '… and 30 more issues in this file.');
  assert.equal(issues[100].range.start.line, 14 + 90);
  // A file at the cap or under it is left whole.
  const under = new WorkspaceWithoutChecklist();
  under.setFileText('incidents/INC-0001.yaml', manyKeys(100));
  assert.equal(under.issuesFor('incidents/INC-0001.yaml').length, 100);
  assert.ok(under.issuesFor('incidents/INC-0001.yaml').every((i) => i.code === 'unknown-property'));
});

test('an id shared by many files names three of the others and counts the rest', () => {
  const ws = new WorkspaceWithoutChecklist();
  const files = 2000;
  const name = (i: number) => `incidents/dup-${String(i).padStart(4, '0')}.yaml`;
  for (let i = 0; i < files; i++) ws.setFileText(name(i), `kind: incident\nid: INC-0001\ntitle: Copy ${i}\n`, false);
  const first = ws.issuesFor(name(0)).find((i) => i.code === 'duplicate-id')!;
  assert.equal(
    first.message,
    'Id INC-0001 is used more than once; also in incidents/dup-0001.yaml, incidents/dup-0002.yaml, incidents/dup-0003.yaml and 1,996 more.',
  );
  assert.equal(
    ws.issuesFor(name(2)).find((i) => i.code === 'duplicate-id')!.message,
    'Id INC-0001 is used more than once; also in incidents/dup-0000.yaml, incidents/dup-0001.yaml, incidents/dup-0003.yaml and 1,996 more.',
  );
  // What `kedb validate` prints grows with the files, not with their square (it was 2,000 × 2,000 names).
  let printed = 0;
  for (const issues of ws.allIssues().values()) for (const i of issues) printed += i.message.length;
  assert.ok(printed < files * 300, `${printed} characters of messages`);
});

test('a duplicate id names every other place while there are three or fewer, and counts its own file when it holds two', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/a.yaml', 'kind: incident\nid: INC-0001\ntitle: A\n---\nkind: incident\nid: INC-0001\ntitle: A2\n');
  ws.setFileText('incidents/b.yaml', 'kind: incident\nid: INC-0001\ntitle: B\n');
  const messages = (p: string) => ws.issuesFor(p).filter((i) => i.code === 'duplicate-id').map((i) => i.message);
  assert.deepEqual(messages('incidents/a.yaml'), [
    'Id INC-0001 is used more than once; also in incidents/a.yaml, incidents/b.yaml.',
    'Id INC-0001 is used more than once; also in incidents/a.yaml, incidents/b.yaml.',
  ]);
  assert.deepEqual(messages('incidents/b.yaml'), ['Id INC-0001 is used more than once; also in incidents/a.yaml.']);
});

// ---- encodings and line ends ---------------------------------------------------------------------

const UTF16_RECORD = 'kind: incident\nid: INC-0001\ntitle: Café in UTF-16 ☕\nurgency: urgent\n';

for (const name of ['utf16le-bom.yaml', 'utf16be-bom.yaml', 'utf16le.yaml', 'utf16be.yaml']) {
  test(`a UTF-16 record (${name}) is read as UTF-16, not called binary`, () => {
    const decoded = decodeRecordFile(fixture(name));
    assert.ok(decoded.ok, decoded.ok ? '' : decoded.issue.message);
    assert.equal(decoded.text, UTF16_RECORD);
    const issues = issuesOfFixture(name);
    assert.deepEqual(summary(issues), ['error invalid-value 4:10-4:16']);
    assert.match(issues[0].message, /^"urgent" is not a valid urgency/);
    const ws = new WorkspaceWithoutChecklist();
    ws.setFileBytes('incidents/INC-0001.yaml', fixture(name));
    assert.deepEqual(summary(ws.issuesFor('incidents/INC-0001.yaml')), ['error invalid-value 4:10-4:16']);
  });
}

test('binary files stay binary, and a UTF-16 mark over bad UTF-16 says so', () => {
  // Even length, NULs in both bytes of a unit: no UTF-16 text looks like this.
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  assert.equal((decodeRecordFile(png) as { issue: Issue }).issue.code, 'binary-file');
  const scattered = Uint8Array.from({ length: 512 }, (_, i) => (i % 7 === 0 ? 0 : (i * 31) & 0xff || 1));
  assert.equal((decodeRecordFile(scattered) as { issue: Issue }).issue.code, 'binary-file');
  const loneSurrogate = Uint8Array.from([0xff, 0xfe, 0x6b, 0, 0x00, 0xd8, 0x3a, 0]);
  const bad = decodeRecordFile(loneSurrogate) as { ok: false; issue: Issue };
  assert.equal(bad.issue.code, 'invalid-encoding');
  assert.match(bad.issue.message, /UTF-16.*offset 4/);
  // A NUL is no text, whatever the mark says.
  assert.equal((decodeRecordFile(Uint8Array.from([0xff, 0xfe, 0x6b, 0, 0, 0, 0x3a, 0])) as { issue: Issue }).issue.code, 'binary-file');
});

test('CR-only line ends (old Mac) put every issue on its own line, in every path', () => {
  const bytes = fixture('cr-only.yaml');
  const text = bytes.toString('utf8');
  assert.ok(text.includes('\r') && !text.includes('\n'));
  const expected = ['error invalid-value 5:10-5:13', 'error invalid-value 6:10-6:16'];
  assert.deepEqual(summary(issuesOfFixture('cr-only.yaml')), expected);
  // The same as with LF, through the value-only path and the store.
  assert.deepEqual(summary(parseRangedFile(text.replace(/\r/g, '\n'), config).issues), expected);
  assert.deepEqual(summary(parseFast(text, config)!.issues), expected);
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileBytes('incidents/INC-0001.yaml', bytes);
  assert.deepEqual(summary(ws.issuesFor('incidents/INC-0001.yaml')), expected);
  // An issue from the workspace (the id against the file name) is placed on line 2 too.
  const other = new WorkspaceWithoutChecklist();
  other.setFileText('incidents/INC-0002.yaml', text);
  assert.deepEqual(summary(other.issuesFor('incidents/INC-0002.yaml')), [
    'warning id-filename-mismatch 2:5-2:13',
    ...expected,
  ]);
  // Mixed with CRLF and LF, each break counts once.
  const mixed = 'kind: incident\r\nid: INC-0001\rtitle: Mixed\nchannel: fax\r';
  assert.deepEqual(summary(parseRangedFile(mixed, config).issues), ['error invalid-value 4:10-4:13']);
});

test('an undefined alias is reported as an undefined alias, not as an alias bomb', () => {
  const issues = issuesOfFixture('undefined-alias.yaml');
  assert.deepEqual(summary(issues), ['error undefined-alias 3:8-3:16']);
  assert.equal(issues[0].message, 'Undefined YAML alias *nothing: no anchor &nothing is set before it in this document.');
  assert.doesNotMatch(issues[0].message, /bomb/);
  // The alias bomb is still one.
  assert.deepEqual(summary(issuesOfFixture('alias-bomb.yaml')).map((s) => s.split(' ')[1]), ['alias-limit']);
  // An alias before its anchor names no anchor either.
  const early = parseRangedFile('kind: incident\nid: INC-0001\ntitle: *t\ndescription: &t text\n', config).issues;
  assert.deepEqual(summary(early), ['error undefined-alias 3:8-3:10']);
});

test('!!binary and !!timestamp values are called what they are, not "a mapping"', () => {
  const issues = issuesOfFixture('binary-timestamp.yaml');
  const messages = issues.map((i) => `${i.code} ${i.message}`);
  assert.deepEqual(messages, [
    'invalid-type title must be text, but is binary data (5 bytes).',
    'invalid-type reported_at must be text, but is a timestamp (2025-09-21T01:30:00.000Z).',
    'invalid-value a timestamp (2025-09-21T00:00:00.000Z) is not a valid status. Expected one of: new, in-progress, on-hold, resolved, closed, converted-to-service-request.',
    'invalid-type reporter must be a mapping, but is binary data (5 bytes).',
  ]);
  // A document that is itself a timestamp is a single value, not a record without a kind.
  const doc = parseRangedFile('!!timestamp 2025-09-21\n', config).issues;
  assert.deepEqual(doc.map((i) => i.code), ['not-a-mapping']);
  assert.match(doc[0].message, /single value/);
});
