// Hostile values in what the CLI prints: terminal and CI-log injection, Markdown tables that turn
// into HTML, a config whose numbers overflow a date, formula signs in full width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { csvCell, forTerminal, isFormulaLike } from '../../src/core';
import { REPO_ROOT } from './helpers';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');

function kedb(args: string[]) {
  const r = spawnSync(process.execPath, [KEDB, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp workspace with the given files. */
function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-hostile-out-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test('an id with an escape sequence and a line break cannot colour the terminal or forge an issue line', () => {
  const hostile = 'INC-\u001b[31mRED\u001b[0m\nfake.yaml:1:1: info forged all clear';
  const dir = workspace({ 'incidents/INC-0001.yaml': `kind: incident\nid: ${JSON.stringify(hostile)}\ntitle: T\n` });
  try {
    const r = kedb(['validate', dir]);
    assert.ok(!r.stdout.includes('\u001b'), 'no raw escape character reaches the terminal');
    assert.ok(r.stdout.includes('\\x1b[31mRED'), r.stdout);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(!lines.some((l) => l.startsWith('fake.yaml')), `no forged line:\n${r.stdout}`);
    for (const line of lines.slice(0, -1)) assert.match(line, /^[^:]+\.yaml:\d+:\d+: (error|warning|info) [a-z-]+ /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('forTerminal shows every control, separator and bidi override escaped, keeping line breaks only when asked', () => {
  assert.equal(forTerminal('a\u0000b\u0007c\u009bd\u2028e\u202ef\r\n'), 'a\\x00b\\x07c\\x9bd\\u2028e\\u202ef\\r\\n');
  assert.equal(forTerminal('one\ntwo\tthree', { keepLines: true }), 'one\ntwo\tthree');
});

test('kedb candidates --format md escapes HTML and table syntax in every cell', () => {
  const incident = (n: number) =>
    `kind: incident\nid: INC-000${n}\ntitle: Broken ${n}\ncategory: "<script>alert(1)</script><img src=x onerror=alert(2)> x|y"\nreported_at: "2025-09-0${n}T08:00:00+07:00"\n`;
  const dir = workspace({ 'incidents/INC-0001.yaml': incident(1), 'incidents/INC-0002.yaml': incident(2), 'incidents/INC-0003.yaml': incident(3) });
  try {
    const r = kedb(['candidates', dir, '--format', 'md']);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.includes('&#60;script&#62;'), r.stdout);
    assert.ok(!/<script|<img/i.test(r.stdout), r.stdout);
    const row = r.stdout.split('\n').find((l) => l.includes('&#60;script&#62;'))!;
    assert.equal(row.split(/(?<!\\)\|/).length, 5, `three cells, the value's pipe escaped: ${row}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a resolve_within_hours past the range of dates gives no ETA instead of a RangeError', () => {
  const dir = workspace({
    'kedb.config.yaml': 'version: 1\nescalation:\n  priorities: [P1]\n  resolve_within_hours: { P1: 10000000000 }\n',
    'incidents/INC-0001.yaml': 'kind: incident\nid: INC-0001\ntitle: T\nreported_at: "2025-09-01T08:00:00+07:00"\nimpact: high\nurgency: high\npriority: P1\n',
  });
  try {
    for (const args of [['validate', dir], ['suggest', dir]]) {
      const r = kedb(args);
      assert.ok(r.code === 0 || r.code === 1, `${args[0]}: exit ${r.code}\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /RangeError|\n\s+at /, args[0]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a full-width formula sign at the start of a CSV cell is neutralised like the ASCII one', () => {
  for (const s of ['\uff1d1+1', '\uff0bcmd', '\uff0d2', '\uff20SUM(A1)']) {
    assert.ok(isFormulaLike(s), s);
    assert.ok(csvCell(s).startsWith("'"), csvCell(s));
  }
  assert.equal(isFormulaLike('Ａ1'), false);
});

test('kedb validate counts the issues a file does not list in its summary, and fails on them', () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `  k${i}: 1`);
  const dir = workspace({
    'incidents/INC-0001.yaml': ['kind: incident', 'id: INC-0001', 'title: Many keys', 'reporter:', ...keys, ''].join('\n'),
    'incidents/INC-0002.yaml': 'kind: incident\nid: INC-0002\ntitle: Fine\n',
  });
  try {
    const r = kedb(['validate', dir]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    // 100 listed for the first file (99 unknown keys and its checklist note), one line counting the rest, the second file's note.
    assert.match(lines.at(-1)!, /^2 files, 2 records: 99 errors, 0 warnings, 2 info\. And 1,901 more issues not listed \(a file lists its first 100\)\.$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
