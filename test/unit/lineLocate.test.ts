// The fast path places schema errors by reading lines; it must give exactly the issues the ranged
// parse gives, or step aside. Checked on every sample and fixture record, broken in many ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseFast, parseRangedFile, stripBom, Workspace } from '../../src/core';
import { FIXTURES, REPO_ROOT } from './helpers';

const config = defaultConfig();

function recordFiles(): string[] {
  const lab = path.join(REPO_ROOT, 'samples', 'lab-02');
  const files = ['incidents', 'problems', 'known-errors'].flatMap((d) => fs.readdirSync(path.join(lab, d)).map((f) => path.join(lab, d, f)));
  for (const dir of ['broken-workspace', 'checklist/workspace', 'kedb']) {
    const root = path.join(FIXTURES, dir);
    if (!fs.existsSync(root)) continue;
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.yaml') ? [path.join(d, e.name)] : []));
    files.push(...walk(root));
  }
  return files;
}

/** Ways to break a record, each a small edit a user could make. */
function mutants(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const replaceLine = (re: RegExp, to: (m: RegExpExecArray) => string, name: string) => {
    const m = re.exec(text);
    if (m) out.push([name, text.slice(0, m.index) + to(m) + text.slice(m.index + m[0].length)]);
  };
  for (const key of ['status', 'impact', 'urgency', 'channel', 'priority', 'type', 'kind']) {
    replaceLine(new RegExp(`^${key}: (\\S+)$`, 'm'), (m) => `${key}: ${m[1].slice(0, -1)}`, `${key} typo`);
  }
  replaceLine(/^title: .*$/m, () => '', 'title removed');
  replaceLine(/^title: .*$/m, () => 'title: ""', 'title empty');
  replaceLine(/^title: .*$/m, () => 'title:', 'title null');
  replaceLine(/^id: (\S+)$/m, () => 'id: INC-7', 'id pattern');
  replaceLine(/^reported_at: .*$/m, () => 'reported_at: yesterday # when', 'date format');
  replaceLine(/^created_at: .*$/m, () => "created_at: '2025-13-01'", 'quoted date format');
  replaceLine(/^kind: .*$/m, (m) => `${m[0]}\nunknown_key: 1`, 'unknown top-level key');
  replaceLine(/^kind: .*$/m, (m) => `${m[0]}\nstatsu: new`, 'misspelt key');
  replaceLine(/^ {2}email: (\S+)$/m, (m) => `  emial: ${m[1]}`, 'nested unknown key');
  replaceLine(/^ {2}name: .*$/m, () => '  name: 42', 'nested type');
  replaceLine(/^ {2}name: .*$/m, () => '', 'nested required removed');
  replaceLine(/^ {4}knowledge_base: \S+$/m, () => '    knowledge_base: maybe', 'deep type');
  replaceLine(/^ {2}method: (\S+)$/m, (m) => `  method: ${m[1]}x`, 'nested enum');
  replaceLine(/^tags:$/m, () => 'tags: nope', 'tags not a list');
  replaceLine(/^ {2}- (\S+)$/m, () => '  - 7', 'list item type');
  replaceLine(/^incidents:$/m, () => 'incidents: INC-0001', 'incidents not a list');
  replaceLine(/^priority: (\S+)$/m, () => 'priority: "P9"  # typo', 'quoted priority with comment');
  replaceLine(/^status: (\S+)$/m, () => "status: 'in''progress'", 'single-quoted escape');
  return out;
}

test('on every sample and fixture record, broken in 25 ways, the fast path gives the ranged issues or steps aside', () => {
  let compared = 0;
  let fast = 0;
  const stepAside = new Map<string, number>();
  for (const file of recordFiles()) {
    const original = stripBom(fs.readFileSync(file, 'utf8'));
    for (const [name, text] of mutants(original)) {
      compared++;
      const ranged = parseRangedFile(text, config);
      const quick = parseFast(text, config);
      if (!quick) {
        stepAside.set(name, (stepAside.get(name) ?? 0) + 1);
        continue;
      }
      fast++;
      const where = `${path.relative(REPO_ROOT, file)} (${name})`;
      assert.deepEqual(quick.issues, ranged.issues, where);
      assert.deepEqual(
        quick.records.map((r) => [r.docIndex, r.kind, r.id, r.value]),
        ranged.records.map((r) => [r.docIndex, r.kind, r.id, r.value]),
        where,
      );
    }
  }
  assert.ok(compared > 1000, `${compared} broken files compared`);
  // The point of it: most broken records never need the ranged parse.
  assert.ok(fast / compared > 0.75, `only ${fast} of ${compared} took the fast path; stepped aside: ${JSON.stringify(Object.fromEntries(stepAside))}`);
});

test('in a multi-document file each record is placed in its own document', () => {
  const lab = path.join(REPO_ROOT, 'samples', 'lab-02', 'incidents');
  const docs = fs
    .readdirSync(lab)
    .slice(0, 30)
    .map((f) => stripBom(fs.readFileSync(path.join(lab, f), 'utf8')));
  const broken = docs.map((d, i) => (i % 7 === 3 ? d.replace(/^status: (\S+)$/m, 'status: closedd') : i % 11 === 5 ? d.replace(/^ {2}email: /m, '  emial: ') : d));
  for (const text of [broken.join('---\n'), '---\n' + broken.join('\n---\n'), '# a leading comment\n---\n' + broken.join('---\n')]) {
    const ranged = parseRangedFile(text, config);
    const quick = parseFast(text, config);
    assert.ok(quick, 'a multi-document file of block records takes the fast path');
    assert.ok(ranged.issues.length >= 5, 'the file is broken in several records');
    assert.deepEqual(quick.issues, ranged.issues);
    assert.deepEqual(
      quick.records.map((r) => [r.docIndex, r.id]),
      ranged.records.map((r) => [r.docIndex, r.id]),
    );
  }
});

test('what the line reader is unsure of goes to the ranged parse', () => {
  const unsure = [
    'kind: incident\nid: INC-0001\ntitle: T\nstatus: nope\n---\n', // a trailing empty document
    'kind: incident\nid: INC-0001\ntitle: T\nstatus: {a: 1}\n', // flow mapping
    'kind: incident\nid: INC-0001\ntitle: T\n"status": nope\n', // quoted key
    'kind: incident\nid: INC-0001\ntitle: T\nstatus: nope\n  still the status\n', // multi-line plain scalar
    '%YAML 1.2\n---\nkind: incident\nid: INC-0001\ntitle: T\nstatus: nope\n', // directive
    'kind: incident\nid: INC-0001\ntitle: T\nstatus: !!str nope\n', // tag
  ];
  for (const text of unsure) {
    const ranged = parseRangedFile(text, config);
    assert.ok(ranged.issues.length > 0, text);
    const quick = parseFast(text, config);
    if (quick) assert.deepEqual(quick.issues, ranged.issues, text);
  }
});

test('cross-record issues in a multi-document file are placed by lines exactly where the ranged parse places them', () => {
  const lab = path.join(REPO_ROOT, 'samples', 'lab-02', 'incidents');
  const docs = fs
    .readdirSync(lab)
    .slice(0, 40)
    .map((f, i) => {
      let d = stripBom(fs.readFileSync(path.join(lab, f), 'utf8'));
      if (i % 5 === 1) d = d.replace(/^channel: .*\n/m, ''); // a checklist gap
      if (i % 6 === 2) d = d.replace(/^status: .*$/m, 'status: in-progress\nproblem: PRB-0999'); // a dangling reference
      return d;
    });
  const text = docs.join('---\n');
  const byLines = new Workspace();
  byLines.setFileText('incidents/all.yaml', text);
  // A trailing empty document moves nothing but sends the file through the ranged parse (which
  // reports that document on its own line, after every other).
  const byParse = new Workspace();
  byParse.setFileText('incidents/all.yaml', text + '---\n');
  const a = byLines.issuesFor('incidents/all.yaml');
  const b = byParse.issuesFor('incidents/all.yaml');
  assert.equal(b.at(-1)?.code, 'not-a-mapping');
  b.pop();
  assert.ok(a.filter((i) => i.code === 'checklist-incomplete').length >= 8 && a.some((i) => i.code === 'unknown-reference'), a.map((i) => i.code).join());
  assert.deepEqual(a, b);
});
