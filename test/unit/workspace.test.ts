import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { defaultConfig, LineIndex, locate, parseRangedFile, stripBom, valueRange, Workspace, type WorkspaceHost } from '../../src/core';
import { documentLineSpans, lineFinder, LocateGiveUp, splitLines } from '../../src/core/yaml/lineLocate';
import { NodeFsHost } from '../../src/node/fsHost';
import { affectedBy, at, FIXTURES, REPO_ROOT, WorkspaceWithoutChecklist } from './helpers';

/** An in-memory host: the core needs no disk. */
class MemoryHost implements WorkspaceHost {
  constructor(readonly files: Record<string, string>) {}
  listFiles(): string[] {
    return Object.keys(this.files);
  }
  readFile(p: string): Uint8Array {
    return new TextEncoder().encode(this.files[p]);
  }
}

function lines(ws: Workspace, file: string): string[] {
  return ws.issuesFor(file).map((i) => `${i.severity} ${i.code} ${at(i.range)} ${i.message}`);
}

test('the broken workspace fixture gives each cross-reference diagnostic at its value', async () => {
  const ws = await WorkspaceWithoutChecklist.load(new NodeFsHost(path.join(FIXTURES, 'broken-workspace')));
  assert.deepEqual(lines(ws, 'incidents/INC-0001.yaml'), [
    'error invalid-value 5:10-5:15 "urgnt" is not a valid urgency. Expected one of: high, medium, low, 1, 2, 3, 4, 5.',
    'error invalid-format 6:14-6:29 "2025-09-21 8:30" is not a valid reported_at: expected an ISO 8601 date-time with a time zone, e.g. 2025-09-21T08:30:00+07:00.',
    'error unknown-property 9:3-9:8 Unknown property "emial" in reporter. Did you mean "email"?',
    'warning link-mismatch 10:10-10:18 PRB-0001 does not list INC-0001 in its incidents.',
  ]);
  assert.deepEqual(lines(ws, 'incidents/INC-0002.yaml'), [
    'warning id-filename-mismatch 2:5-2:13 Id INC-0003 does not match the file name INC-0002; name the file INC-0003.yaml or change the id.',
    'error unknown-reference 4:10-4:18 No problem with id PRB-0099 exists in this workspace.',
  ]);
  // The same id in two places is an error at both.
  assert.deepEqual(lines(ws, 'incidents/INC-0004.yaml'), [
    'error duplicate-id 2:5-2:13 Id INC-0004 is used more than once; also in incidents/INC-0005.yaml.',
  ]);
  assert.deepEqual(lines(ws, 'incidents/INC-0005.yaml'), [
    'error duplicate-id 2:5-2:13 Id INC-0004 is used more than once; also in incidents/INC-0004.yaml.',
    'warning id-filename-mismatch 2:5-2:13 Id INC-0004 does not match the file name INC-0005; name the file INC-0004.yaml or change the id.',
  ]);
  assert.deepEqual(lines(ws, 'incidents/INC-7.yaml'), [
    'error id-pattern 2:5-2:10 Id "INC-7" does not match the incident id pattern: INC- and at least four digits, e.g. INC-0001.',
  ]);
  assert.deepEqual(lines(ws, 'incidents/INC-0008.yaml').map((l) => l.split(' ').slice(0, 3).join(' ')), ['error missing-kind 1:1-1:3']);
  assert.deepEqual(lines(ws, 'incidents/INC-0009.yaml'), [
    'error unknown-kind 1:7-1:14 Unknown kind "incidnt". Expected incident, problem or known_error. Did you mean "incident"?',
  ]);
  assert.deepEqual(lines(ws, 'problems/PRB-0001.yaml'), [
    'error unknown-reference 7:5-7:13 No incident with id INC-0042 exists in this workspace.',
    'error wrong-reference-kind 8:5-8:12 KE-0001 is a known error, but this field needs an incident id.',
    'warning link-mismatch 9:14-9:21 KE-0001 documents PRB-0002, not PRB-0001.',
  ]);
  assert.deepEqual(lines(ws, 'problems/PRB-0002.yaml'), [
    'error missing-property 1:1-1:5 Missing required property "title" in this problem.',
    'warning known-error-unlinked 2:5-2:13 KE-0001 documents this problem, but it does not link to it: set known_error.',
  ]);
  assert.deepEqual(lines(ws, 'known-errors/KE-0001.yaml'), [
    'warning workaround-missing 2:5-2:12 A known error needs a workaround, or "None: " and the reason there is none, so the service desk knows what to do.',
    'warning link-mismatch 3:10-3:18 PRB-0002 does not link back: its known_error is not set to KE-0001.',
  ]);
});

test('fixing a reference in one file clears the diagnostic in the other', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: P\nincidents: [INC-0001]\n');
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: I\n');
  assert.deepEqual(lines(ws, 'problems/PRB-0001.yaml'), [
    'warning link-mismatch 4:13-4:21 INC-0001 does not link back: its problem is not set to PRB-0001.',
  ]);
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: I\nproblem: PRB-0001\n');
  assert.deepEqual(lines(ws, 'problems/PRB-0001.yaml'), []);
  assert.deepEqual(lines(ws, 'incidents/INC-0001.yaml'), []);
  ws.deleteFile('incidents/INC-0001.yaml');
  assert.deepEqual(lines(ws, 'problems/PRB-0001.yaml'), [
    'error unknown-reference 4:13-4:21 No incident with id INC-0001 exists in this workspace.',
  ]);
});

test('updating one file leaves the others untouched and fires one change', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: First\n');
  ws.setFileText('incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002\ntitle: Second\n');
  const seen: string[][] = [];
  ws.onDidChange(({ paths }) => seen.push(paths));
  ws.setFileText('incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002\ntitle: Renamed\n');
  assert.deepEqual(seen, [['incidents/INC-0002.yaml']]);
  assert.equal(ws.get('INC-0002')?.value.title, 'Renamed');
  assert.equal(ws.get('INC-0001')?.value.title, 'First');
});

test('references to an id are found across files', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: P\nincidents: [INC-0001, INC-0002]\nknown_error: KE-0001\n');
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: I\nproblem: PRB-0001\n');
  ws.setFileText('known-errors/KE-0001.yaml', 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: K\nsymptoms: [s]\n');
  const refs = ws.referencesTo('PRB-0001').map((r) => `${r.file}#${r.site.path.join('.')}`).sort();
  assert.deepEqual(refs, ['incidents/INC-0001.yaml#problem', 'known-errors/KE-0001.yaml#problem']);
  assert.deepEqual(ws.referencesTo('INC-0002').map((r) => r.site.path.join('.')), ['incidents.1']);
});

test('the config sets id prefixes, and changing it re-checks every record', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/TIX-0001.yaml', 'kind: incident\nid: TIX-0001\ntitle: T\n');
  assert.deepEqual(ws.issuesFor('incidents/TIX-0001.yaml').map((i) => i.code), ['id-pattern']);
  ws.setFileText('kedb.config.yaml', 'id_prefixes:\n  incident: TIX\n');
  assert.deepEqual(ws.issuesFor('incidents/TIX-0001.yaml'), []);
  assert.equal(ws.nextId('incident'), 'TIX-0002');
});

test('a broken config is diagnosed at its value and the defaults still apply', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('kedb.config.yaml', 'id_prefixes:\n  incident: tix\nescalation:\n  priorities: [P9]\n');
  assert.deepEqual(lines(ws, 'kedb.config.yaml').map((l) => l.split(' ').slice(0, 3).join(' ')), [
    'error schema 2:13-2:16',
    'error invalid-value 4:16-4:18',
  ]);
  assert.equal(ws.config.idPrefixes.incident, 'INC');
});

test('YAML files outside record folders are ignored unless they declare a kind', async () => {
  const ws = await WorkspaceWithoutChecklist.load(
    new MemoryHost({
      '.github/ci.yaml': 'on: push\n',
      'docs/notes.yaml': 'just: notes\n',
      'docs/inc.yaml': 'kind: incident\nid: INC-0001\ntitle: Stray but ours\nurgency: soon\n',
      'incidents/INC-0002.yaml': 'title: forgot kind\n',
    }),
  );
  assert.deepEqual(ws.recordFiles(), ['docs/inc.yaml', 'incidents/INC-0002.yaml']);
  assert.deepEqual(ws.issuesFor('docs/notes.yaml'), []);
  assert.deepEqual(ws.issuesFor('docs/inc.yaml').map((i) => i.code), ['id-filename-mismatch', 'invalid-value']);
});

test('the fast bulk path and the ranged path agree on which files are clean', async () => {
  const files: Record<string, string> = {
    'incidents/INC-0001.yaml': 'kind: incident\nid: INC-0001\ntitle: Clean\nchannel: email\ntags: [x]\n',
    'incidents/INC-0002.yaml': 'kind: incident\nid: INC-0002\ntitle: Bad date\nreported_at: yesterday\n',
    'incidents/INC-0003.yaml': 'kind: incident\nid: INC-0003\ntitle: "quoted: value"\ntags: [a, b]\n',
  };
  const ws = await WorkspaceWithoutChecklist.load(new MemoryHost(files));
  assert.deepEqual(ws.issuesFor('incidents/INC-0001.yaml'), []);
  assert.deepEqual(ws.issuesFor('incidents/INC-0002.yaml').map((i) => `${i.code} ${at(i.range)}`), ['invalid-format 4:14-4:23']);
  assert.deepEqual(ws.issuesFor('incidents/INC-0003.yaml'), []);
  assert.equal(ws.get('INC-0003')?.value.title, 'quoted: value');
});

test('a change marks only the files whose issues it can change', () => {
  const ws = new WorkspaceWithoutChecklist();
  const affected = affectedBy(ws);
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: P\nincidents: [INC-0001]\n');
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: I\nproblem: PRB-0001\n');
  ws.setFileText('incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002\ntitle: Unrelated\n');
  ws.setFileText('known-errors/KE-0001.yaml', 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: K\nsymptoms: [s]\n');
  affected.take();
  // The incident changes its title: the problem lists it, so the problem is re-checked too.
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: Renamed\nproblem: PRB-0001\n');
  assert.deepEqual(affected.take(), { all: false, paths: ['incidents/INC-0001.yaml', 'problems/PRB-0001.yaml'] });
  // The problem changes: every file that refers to it is re-checked, the unrelated one is not.
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: P2\nincidents: [INC-0001]\n');
  assert.deepEqual(affected.take().paths.sort(), ['incidents/INC-0001.yaml', 'known-errors/KE-0001.yaml', 'problems/PRB-0001.yaml']);
  assert.equal(ws.recordCount, 4);
  ws.deleteFile('incidents/INC-0002.yaml');
  assert.deepEqual(affected.take().paths, ['incidents/INC-0002.yaml']);
  assert.equal(ws.recordCount, 3);
});

test('scalars the two parsers read differently give the same issues on the fast and the ranged path', () => {
  // Each would be a number to YAML 1.2 in one parser and text in the other.
  for (const scalar of ['11e6682222364677', '+.5', '0b101', '-0x1', '+0x1', '2e3']) {
    const text = `kind: incident\nid: INC-0001\ntitle: T\nsource:\n  hash: ${scalar}\n`;
    const ranged = parseRangedFile(text, defaultConfig());
    const ws = new WorkspaceWithoutChecklist();
    ws.setFileText('incidents/INC-0001.yaml', text);
    assert.deepEqual(
      ws.issuesFor('incidents/INC-0001.yaml').map((i) => i.code),
      ranged.issues.map((i) => i.code),
      scalar,
    );
  }
});

test('a value found by reading lines has the range the parser gives it, for every key of every sample record', () => {
  const root = path.join(REPO_ROOT, 'samples', 'lab-02');
  const files = ['incidents', 'problems', 'known-errors'].flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => path.join(root, d, f)));
  files.push(...['hostile/crlf.yaml', 'hostile/bom.yaml', 'broken-workspace/incidents/INC-0001.yaml'].map((f) => path.join(FIXTURES, f)));
  let compared = 0;
  for (const file of files) {
    const text = stripBom(fs.readFileSync(file, 'utf8'));
    const ranged = parseRangedFile(text, defaultConfig());
    const doc = ranged.documents[0];
    const lineList = splitLines(text);
    const finder = lineFinder(lineList, documentLineSpans(lineList)![0], ranged.lines);
    // Every key path down through block mappings.
    const walk = (node: unknown, at: string[]) => {
      const items = (node as { items?: { key: { value: unknown }; value: unknown }[] } | null)?.items;
      if (!items || !(node as { constructor: { name: string } }).constructor.name.includes('Map')) return;
      for (const item of items) {
        const p = [...at, String(item.key.value)];
        let quick;
        try {
          quick = finder.value(p);
        } catch (e) {
          if (!(e instanceof LocateGiveUp)) throw e;
        }
        if (quick) {
          const found = locate(doc, p);
          assert.deepEqual(quick, found && valueRange(found, ranged.lines), `${path.basename(file)} ${p.join('.')}`);
          compared++;
        }
        walk(item.value, p);
      }
    };
    walk(doc?.contents, []);
  }
  assert.ok(compared > 1000, `compared ${compared} values`);
});

test('values that are not one-line scalars are left to the parser', () => {
  const text = 'kind: incident\ntitle: |\n  block\ntags: [a, b]\ndescription: plain that\n  continues here\nid: "quoted\n  on two lines"\nlist:\n  - a\n';
  const lines = new LineIndex(text);
  const lineList = splitLines(text);
  const finder = lineFinder(lineList, documentLineSpans(lineList)![0], lines);
  for (const key of ['title', 'tags', 'description', 'id', 'list', 'absent']) assert.throws(() => finder.value([key]), LocateGiveUp, key);
  assert.deepEqual(finder.value(['kind']), lines.range(6, 14));
});
