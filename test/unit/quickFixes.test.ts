import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRangedFile, quickFixesFor, Workspace, type Issue, type QuickFix, type Range } from '../../src/core';
import { WorkspaceWithoutChecklist } from './helpers';

const NOW = '2025-10-01T10:00:00+07:00';

const r = (range: Range) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

/** The fixes for the file's first issue with `code`, as the workspace reports it. */
function fixes(ws: Workspace, path: string, code: Issue['code'], nth = 0): QuickFix[] {
  const issue = ws.issuesFor(path).filter((i) => i.code === code)[nth];
  assert.ok(issue, `${path} has a ${code} issue`);
  return quickFixesFor(issue, { workspace: ws, path, ranged: parseRangedFile(ws.textOf(path)!, ws.config), now: NOW });
}

/** One line per fix: its title, whether preferred, and each edit or file operation. */
function show(list: QuickFix[]): string[] {
  return list.map((f) =>
    [
      `${f.isPreferred ? '* ' : ''}${f.title}`,
      ...f.edits.map((e) => `edit ${e.file} ${r(e.range)} ${JSON.stringify(e.newText)}`),
      ...(f.renameFile ? [`rename ${f.renameFile.from} -> ${f.renameFile.to}`] : []),
      ...(f.createFile ? [`create ${f.createFile.path}`] : []),
      ...(f.select ? [`select ${r(f.select)}`] : []),
      ...(f.pick ? [`pick ${r(f.pick.range)} ${f.pick.choices.map((c) => c.label).join(',')}`] : []),
    ].join(' | '),
  );
}

test('an unknown enum value is replaced by the closest valid one, preferred', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: VPN\nstatus: fix-in-progres\n');
  assert.deepEqual(show(fixes(ws, 'problems/PRB-0001.yaml', 'invalid-value')), [
    '* Change to fix-in-progress | edit problems/PRB-0001.yaml 3:8-3:22 "fix-in-progress"',
  ]);
});

test('with no close value, every allowed value is offered and none is preferred', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: T\nchannel: "carrier pigeon"\n');
  assert.deepEqual(show(fixes(ws, 'incidents/INC-0001.yaml', 'invalid-value')), [
    'Change to email | edit incidents/INC-0001.yaml 3:9-3:25 "email"',
    'Change to phone | edit incidents/INC-0001.yaml 3:9-3:25 "phone"',
    'Change to portal | edit incidents/INC-0001.yaml 3:9-3:25 "portal"',
    'Change to chat | edit incidents/INC-0001.yaml 3:9-3:25 "chat"',
    'Change to walk-in | edit incidents/INC-0001.yaml 3:9-3:25 "walk-in"',
    'Change to monitoring | edit incidents/INC-0001.yaml 3:9-3:25 "monitoring"',
  ]);
});

test('an empty enum value gets the value inserted after its colon, not over its key', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: T\ntype:\n');
  assert.deepEqual(show(fixes(ws, 'incidents/INC-0001.yaml', 'invalid-value')), [
    'Change to incident | edit incidents/INC-0001.yaml 3:5-3:5 " incident"',
    'Change to service-request | edit incidents/INC-0001.yaml 3:5-3:5 " service-request"',
  ]);
});

test('an unknown kind is replaced by the closest kind', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incidnt\nid: INC-0001\ntitle: T\n');
  assert.deepEqual(show(fixes(ws, 'incidents/INC-0001.yaml', 'unknown-kind')), ['* Change to incident | edit incidents/INC-0001.yaml 0:6-0:13 "incident"']);
});

test('an unknown property is renamed to the suggested key', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: T\nreporter:\n  name: R\n  emial: r@example.com\n');
  assert.deepEqual(show(fixes(ws, 'incidents/INC-0001.yaml', 'unknown-property')), ['* Rename to "email" | edit incidents/INC-0001.yaml 5:2-5:7 "email"']);
  // Not when the suggested key is already there: that would make a duplicate key.
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: T\nreporter:\n  email: a@example.com\n  emial: r@example.com\n');
  assert.deepEqual(fixes(ws, 'incidents/INC-0001.yaml', 'unknown-property'), []);
});

test('a missing required property is inserted in schema order with a placeholder to type over', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('problems/PRB-0002.yaml', 'kind: problem\nid: PRB-0002\nstatus: new\n');
  assert.deepEqual(show(fixes(ws, 'problems/PRB-0002.yaml', 'missing-property')), [
    '* Add "title: """ | edit problems/PRB-0002.yaml 2:0-2:0 "title: \\"\\"\\n" | select 2:7-2:9',
  ]);
});

test('a missing id takes the file name when it is a free id of the kind', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('problems/PRB-0005.yaml', '# header\nkind: problem\ntitle: X\n');
  assert.deepEqual(show(fixes(ws, 'problems/PRB-0005.yaml', 'missing-property')), [
    '* Add "id: PRB-0005" | edit problems/PRB-0005.yaml 2:0-2:0 "id: PRB-0005\\n" | select 2:4-2:12',
  ]);
  ws.setFileText('problems/draft.yaml', 'kind: problem\ntitle: X\n');
  assert.deepEqual(show(fixes(ws, 'problems/draft.yaml', 'missing-property')), [
    '* Add "id: PRB-0001" | edit problems/draft.yaml 1:0-1:0 "id: PRB-0001\\n" | select 1:4-1:12',
  ]);
});

test('a missing key of a list item mapping is indented like its siblings', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('problems/PRB-0003.yaml', 'kind: problem\nid: PRB-0003\ntitle: t\nrca:\n  five_whys:\n    - why: x\n    - because: y\n');
  assert.deepEqual(show(fixes(ws, 'problems/PRB-0003.yaml', 'missing-property', 0)), [
    '* Add "because: """ | edit problems/PRB-0003.yaml 6:0-6:0 "      because: \\"\\"\\n" | select 6:15-6:17',
  ]);
  // Before the first key when the schema puts it first: `- why` ahead of `because`.
  assert.deepEqual(show(fixes(ws, 'problems/PRB-0003.yaml', 'missing-property', 1)), [
    '* Add "why: """ | edit problems/PRB-0003.yaml 6:6-6:6 "why: \\"\\"\\n      " | select 6:11-6:13',
  ]);
});

test('a missing property at the end of a file without a final line break starts a new line', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('known-errors/KE-0001.yaml', 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: T');
  assert.deepEqual(show(fixes(ws, 'known-errors/KE-0001.yaml', 'missing-property')), [
    '* Add "symptoms: [""]" | edit known-errors/KE-0001.yaml 3:8-3:8 "\\nsymptoms: [\\"\\"]" | select 4:10-4:14',
  ]);
});

test('an id that disagrees with the file name: rename the file (preferred) or rename the id with its references', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0002.yaml', 'kind: incident\nid: INC-0003\ntitle: File name and id disagree\n');
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: P\nincidents:\n  - INC-0003\n');
  assert.deepEqual(show(fixes(ws, 'incidents/INC-0002.yaml', 'id-filename-mismatch')), [
    '* Rename the file to INC-0003.yaml | rename incidents/INC-0002.yaml -> incidents/INC-0003.yaml',
    'Change the id to INC-0002 (and the references in 1 other file) | edit incidents/INC-0002.yaml 1:4-1:12 "INC-0002" | edit problems/PRB-0001.yaml 4:4-4:12 "INC-0002"',
  ]);
});

test('a duplicated id: changing the id to the file name is preferred, and the other file is left alone', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0004.yaml', 'kind: incident\nid: INC-0004\ntitle: First\n');
  ws.setFileText('incidents/INC-0005.yaml', 'kind: incident\nid: INC-0004\ntitle: Copy\n');
  assert.deepEqual(show(fixes(ws, 'incidents/INC-0005.yaml', 'id-filename-mismatch')), [
    '* Change the id to INC-0005 | edit incidents/INC-0005.yaml 1:4-1:12 "INC-0005"',
  ]);
});

test('a dangling reference: create the record from the template, linked back, or pick an existing id', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002\ntitle: T\nproblem: PRB-0099\n');
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: VPN\nstatus: new\n');
  ws.setFileText('problems/PRB-0090.yaml', 'kind: problem\nid: PRB-0090\ntitle: Printers\n');
  const list = fixes(ws, 'incidents/INC-0002.yaml', 'unknown-reference');
  assert.deepEqual(show(list), [
    '* Create problem PRB-0099 | create problems/PRB-0099.yaml',
    'Change to PRB-0090 (Printers) | edit incidents/INC-0002.yaml 3:9-3:17 "PRB-0090"',
    'Change to PRB-0001 (VPN) | edit incidents/INC-0002.yaml 3:9-3:17 "PRB-0001"',
    'Pick an existing problem… | pick 3:9-3:17 PRB-0001,PRB-0090',
  ]);
  assert.equal(list[0].open, 'problems/PRB-0099.yaml');
  assert.equal(
    list[0].createFile!.contents,
    [
      'kind: problem',
      'id: PRB-0099',
      'title: "New problem"',
      'problem_statement: ""',
      'status: new',
      `created_at: ${NOW}`,
      'incidents:',
      '  - INC-0002',
      'rca:',
      '  method: fishbone',
      '  fishbone:',
      '    categories:',
      '      - name: "People"',
      '        causes: []',
      '      - name: "Process"',
      '        causes: []',
      '      - name: "Technology"',
      '        causes: []',
      '      - name: "Environment"',
      '        causes: []',
      '      - name: "Measurement"',
      '        causes: []',
      '  five_whys: []',
      '  root_causes: []',
      '',
    ].join('\n'),
  );
  assert.deepEqual(list[3].pick!.choices, [
    { label: 'PRB-0001', detail: 'VPN', description: 'new' },
    { label: 'PRB-0090', detail: 'Printers', description: undefined },
  ]);
  // The created record passes validation and settles the reference in both directions.
  ws.setFileText('problems/PRB-0099.yaml', list[0].createFile!.contents);
  assert.deepEqual(ws.issuesFor('problems/PRB-0099.yaml'), []);
  assert.deepEqual(ws.issuesFor('incidents/INC-0002.yaml'), []);
});

test('a typo of an existing id prefers the existing id; an id off the pattern is never created', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002\ntitle: T\nproblem: PRB-001\n');
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: VPN\n');
  assert.deepEqual(show(fixes(ws, 'incidents/INC-0002.yaml', 'unknown-reference')), [
    '* Change to PRB-0001 (VPN) | edit incidents/INC-0002.yaml 3:9-3:16 "PRB-0001"',
    'Pick an existing problem… | pick 3:9-3:16 PRB-0001',
  ]);
});

test('a known error created from a problem names that problem', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: VPN\nknown_error: KE-0009\n');
  const [create] = fixes(ws, 'problems/PRB-0001.yaml', 'unknown-reference');
  assert.equal(create.createFile!.path, 'known-errors/KE-0009.yaml');
  assert.match(create.createFile!.contents, /^problem: PRB-0001$/m);
  ws.setFileText(create.createFile!.path, create.createFile!.contents);
  assert.deepEqual(ws.issuesFor('problems/PRB-0001.yaml'), []);
});

test('a reference to a record of the wrong kind offers ids of the right kind only', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: VPN\nincidents: [KE-0001]\n');
  ws.setFileText('known-errors/KE-0001.yaml', 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: K\nsymptoms: [s]\n');
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: I\nproblem: PRB-0001\n');
  assert.deepEqual(show(fixes(ws, 'problems/PRB-0001.yaml', 'wrong-reference-kind')), [
    'Change to INC-0001 (I) | edit problems/PRB-0001.yaml 3:12-3:19 "INC-0001"',
    'Pick an existing incident… | pick 3:12-3:19 INC-0001',
  ]);
});

test('codes without a fix give no fixes', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: T\nreported_at: yesterday\n');
  assert.deepEqual(fixes(ws, 'incidents/INC-0001.yaml', 'invalid-format'), []);
});
