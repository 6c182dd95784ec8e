import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  definitionsOf,
  documentLinks,
  findReferences,
  hoverAt,
  idAt,
  outline,
  parseRangedFile,
  planRename,
  Workspace,
  type OutlineSymbol,
  type Range,
} from '../../src/core';

const PRB_0001 = [
  'kind: problem',
  'id: PRB-0001',
  'title: VPN instability',
  'status: assessed',
  'incidents:',
  '  - INC-0001',
  '  - "INC-0002"',
  'known_error: KE-0001',
  'rca:',
  '  fishbone:',
  '    categories:',
  '      - name: People',
  '        causes:',
  '          - Admins unfamiliar with firmware',
  '          - text: No rollback procedure',
  '            causes:',
  '              - Never written down',
  '      - name: Technology',
  '        causes: []',
  '',
].join('\n');

function workspace(): Workspace {
  const ws = new Workspace();
  ws.setFileText('problems/PRB-0001.yaml', PRB_0001);
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: VPN drops\nproblem: PRB-0001\n');
  ws.setFileText('incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002\ntitle: VPN slow\nstatus: new\npriority: P3\nproblem: PRB-0001\n');
  ws.setFileText('known-errors/KE-0001.yaml', 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: VPN KE\nsymptoms: [drops]\n');
  ws.setFileText('problems/PRB-0002.yaml', 'kind: problem\nid: PRB-0002\ntitle: Dup\nresolution:\n  code: duplicate\n  duplicate_of: PRB-0001\n');
  ws.setFileText('incidents/batch.yaml', 'kind: incident\nid: INC-0003\ntitle: a\nproblem: PRB-0001\n---\nkind: incident\nid: INC-0004\ntitle: b\n');
  return ws;
}

const r = (range: Range) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

test('the id under the cursor: a record id, a block list item, a quoted item (without its quotes)', () => {
  const ws = workspace();
  const ranged = parseRangedFile(PRB_0001, ws.config);
  const at = (line: number, character: number) => {
    const s = idAt(ranged, 'problems/PRB-0001.yaml', { line, character });
    return s && `${s.role} ${s.id} ${s.kind} ${s.path.join('.')} ${r(s.range)}`;
  };
  assert.equal(at(1, 6), 'definition PRB-0001 problem id 1:4-1:12');
  assert.equal(at(5, 4), 'reference INC-0001 incident incidents.0 5:4-5:12');
  assert.equal(at(6, 12), 'reference INC-0002 incident incidents.1 6:5-6:13');
  assert.equal(at(7, 20), 'reference KE-0001 known_error known_error 7:13-7:20');
  assert.equal(at(2, 10), undefined);
  assert.equal(at(1, 1), undefined);
});

test('flow list items and nested reference fields are ids too', () => {
  const ws = workspace();
  const text = 'kind: problem\nid: PRB-0003\nincidents: [INC-0001, INC-0002]\nresolution:\n  duplicate_of: PRB-0001\n';
  const ranged = parseRangedFile(text, ws.config);
  assert.equal(idAt(ranged, 'problems/PRB-0003.yaml', { line: 2, character: 24 })?.id, 'INC-0002');
  assert.equal(r(idAt(ranged, 'problems/PRB-0003.yaml', { line: 2, character: 24 })!.range), '2:22-2:30');
  assert.equal(idAt(ranged, 'problems/PRB-0003.yaml', { line: 4, character: 16 })?.kind, 'problem');
});

test('go to definition lands on the id value of the target record', () => {
  const ws = workspace();
  assert.deepEqual(
    definitionsOf({ workspace: ws }, 'INC-0002').map((d) => `${d.file} ${r(d.range)}`),
    ['incidents/INC-0002.yaml 1:4-1:12'],
  );
  assert.deepEqual(
    definitionsOf({ workspace: ws }, 'INC-0004').map((d) => `${d.file} ${r(d.range)}`),
    ['incidents/batch.yaml 6:4-6:12'],
  );
  assert.deepEqual(definitionsOf({ workspace: ws }, 'PRB-0404'), []);
});

test('find all references lists the definition and every reference across files, by file and position', () => {
  const ws = workspace();
  assert.deepEqual(
    findReferences({ workspace: ws }, 'PRB-0001').map((x) => `${x.role} ${x.file} ${r(x.range)}`),
    [
      'reference incidents/INC-0001.yaml 3:9-3:17',
      'reference incidents/INC-0002.yaml 5:9-5:17',
      'reference incidents/batch.yaml 3:9-3:17',
      'reference known-errors/KE-0001.yaml 2:9-2:17',
      'definition problems/PRB-0001.yaml 1:4-1:12',
      'reference problems/PRB-0002.yaml 5:16-5:24',
    ],
  );
  assert.deepEqual(
    findReferences({ workspace: ws }, 'INC-0002', false).map((x) => `${x.file} ${r(x.range)}`),
    ['problems/PRB-0001.yaml 6:5-6:13'],
  );
});

test('rename edits every occurrence and renames the file named after the id', () => {
  const ws = workspace();
  const plan = planRename({ workspace: ws }, 'PRB-0001', 'PRB-0100');
  assert.ok('edits' in plan);
  assert.deepEqual(
    plan.edits.map((e) => `${e.file} ${r(e.range)} ${e.newText}`),
    [
      'incidents/INC-0001.yaml 3:9-3:17 PRB-0100',
      'incidents/INC-0002.yaml 5:9-5:17 PRB-0100',
      'incidents/batch.yaml 3:9-3:17 PRB-0100',
      'known-errors/KE-0001.yaml 2:9-2:17 PRB-0100',
      'problems/PRB-0001.yaml 1:4-1:12 PRB-0100',
      'problems/PRB-0002.yaml 5:16-5:24 PRB-0100',
    ],
  );
  assert.deepEqual(plan.renames, [{ from: 'problems/PRB-0001.yaml', to: 'problems/PRB-0100.yaml' }]);
  // A quoted reference keeps its quotes.
  const inc = planRename({ workspace: ws }, 'INC-0002', 'INC-0020');
  assert.ok('edits' in inc);
  assert.deepEqual(
    inc.edits.map((e) => `${e.file} ${r(e.range)}`),
    ['incidents/INC-0002.yaml 1:4-1:12', 'problems/PRB-0001.yaml 6:5-6:13'],
  );
  assert.deepEqual(inc.renames, [{ from: 'incidents/INC-0002.yaml', to: 'incidents/INC-0020.yaml' }]);
});

test('rename leaves a multi-record file its name', () => {
  const plan = planRename({ workspace: workspace() }, 'INC-0003', 'INC-0030');
  assert.ok('edits' in plan);
  assert.deepEqual(plan.edits.map((e) => `${e.file} ${r(e.range)}`), ['incidents/batch.yaml 1:4-1:12']);
  assert.deepEqual(plan.renames, []);
});

test('rename refuses an id already used, one off the kind pattern, and a malformed one', () => {
  const ws = workspace();
  assert.deepEqual(planRename({ workspace: ws }, 'PRB-0001', 'PRB-0002'), { error: 'PRB-0002 is already the id of a record in problems/PRB-0002.yaml.' });
  assert.deepEqual(planRename({ workspace: ws }, 'PRB-0001', 'PRB-12'), {
    error: '"PRB-12" does not match the problem id pattern: PRB- and at least four digits, e.g. PRB-0001.',
  });
  assert.deepEqual(planRename({ workspace: ws }, 'PRB-0001', 'PRB 0003'), { error: '"PRB 0003" is not a valid id: use letters, digits, "-", "_" and ".".' });
  assert.deepEqual(planRename({ workspace: ws }, 'PRB-0001', 'PRB-0001'), { edits: [], renames: [] });
});

test('ranges come from the open buffer when the host gives one', () => {
  const ws = workspace();
  const buffer = '# edited, not saved\nkind: incident\nid: INC-0001\ntitle: VPN drops\nproblem: PRB-0001\n';
  const host = { workspace: ws, textOf: (p: string) => (p === 'incidents/INC-0001.yaml' ? buffer : undefined) };
  assert.deepEqual(
    findReferences(host, 'PRB-0001')
      .filter((x) => x.file === 'incidents/INC-0001.yaml')
      .map((x) => r(x.range)),
    ['4:9-4:17'],
  );
});

test('document links sit on reference values whose records exist', () => {
  const ws = workspace();
  const text = 'kind: problem\nid: PRB-0003\nincidents: [INC-0001, INC-0404]\nknown_error: KE-0001\n';
  assert.deepEqual(
    documentLinks(parseRangedFile(text, ws.config), 'problems/PRB-0003.yaml', ws).map((l) => `${l.id} ${l.file} ${r(l.range)}`),
    ['INC-0001 incidents/INC-0001.yaml 2:12-2:20', 'KE-0001 known-errors/KE-0001.yaml 3:13-3:20'],
  );
});

test('the outline shows each record as id and title, with the fishbone categories and their causes', () => {
  const ws = workspace();
  const flat = (s: OutlineSymbol, depth = 0): string[] => [
    `${'  '.repeat(depth)}${s.kind} ${s.name} [${s.detail}] ${r(s.range)} sel ${r(s.selectionRange)}`,
    ...s.children.flatMap((c) => flat(c, depth + 1)),
  ];
  assert.deepEqual(outline(parseRangedFile(PRB_0001, ws.config), 'problems/PRB-0001.yaml').flatMap((s) => flat(s)), [
    'record PRB-0001 — VPN instability [problem] 0:0-18:18 sel 1:4-1:12',
    '  category People [2 causes] 11:8-16:34 sel 11:14-11:20',
    '    cause Admins unfamiliar with firmware [] 13:12-13:43 sel 13:12-13:43',
    '    cause No rollback procedure [1 sub-cause] 14:12-16:34 sel 14:18-14:39',
    '      cause Never written down [] 16:16-16:34 sel 16:16-16:34',
    '  category Technology [0 causes] 17:8-18:18 sel 17:14-17:24',
  ]);
  const batch = ws.textOf('incidents/batch.yaml')!;
  assert.deepEqual(
    outline(parseRangedFile(batch, ws.config), 'incidents/batch.yaml').map((s) => `${s.name} ${r(s.range)}`),
    ['INC-0003 — a 0:0-3:17', 'INC-0004 — b 5:0-7:8'],
  );
});

test('hover inside a problem task: its keys and values show the task schema descriptions', () => {
  const ws = workspace();
  const text = 'kind: problem\nid: PRB-0003\ntitle: VPN\ntasks:\n  - id: T1\n    title: Roll back\n    due: 2025-10-01\n    status: in-progress\n';
  const hover = (line: number, character: number) => hoverAt(parseRangedFile(text, ws.config), 'problems/PRB-0003.yaml', { line, character }, ws);
  const due = hover(6, 5);
  assert.deepEqual(due?.kind === 'key' && [due.key, due.path, due.description, r(due.range)], [
    'due',
    ['tasks', 0, 'due'],
    'The date it is due, e.g. `2025-10-01`; an open task past it is overdue.',
    '6:4-6:7',
  ]);
  const status = hover(7, 14);
  assert.deepEqual(status?.kind === 'key' && [status.key, status.path, status.description, status.allowed], [
    'status',
    ['tasks', 0, 'status'],
    'Where the task stands: open (the default), in-progress, done or cancelled.',
    ['open', 'in-progress', 'done', 'cancelled'],
  ]);
});

test('hover: a key shows its schema description, a value its key, an id the record it names', () => {
  const ws = workspace();
  const ranged = parseRangedFile(PRB_0001, ws.config);
  const hover = (line: number, character: number) => hoverAt(ranged, 'problems/PRB-0001.yaml', { line, character }, ws);
  assert.deepEqual(hover(3, 2), {
    kind: 'key',
    range: { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } },
    key: 'status',
    path: ['status'],
    description: 'Lifecycle state: new → assessed → root-cause-analysis → fix-in-progress → resolved → closed, or cancelled.',
    type: 'string',
    allowed: ['new', 'assessed', 'root-cause-analysis', 'fix-in-progress', 'resolved', 'closed', 'cancelled'],
  });
  const value = hover(3, 10);
  assert.deepEqual(value?.kind === 'key' && [value.key, r(value.range)], ['status', '3:8-3:16']);
  const name = hover(11, 10);
  assert.deepEqual(name?.kind === 'key' && [name.path, name.description], [['rca', 'fishbone', 'categories', 0, 'name'], 'The category name, e.g. `People`.']);
  const ref = hover(6, 8);
  assert.deepEqual(ref?.kind === 'id' && [ref.id, ref.role, ref.record?.title, ref.record?.status, ref.record?.priority, ref.record?.file], [
    'INC-0002',
    'reference',
    'VPN slow',
    'new',
    'P3',
    'incidents/INC-0002.yaml',
  ]);
  const def = hover(1, 5);
  assert.deepEqual(def?.kind === 'id' && def.referencedBy, ['INC-0001', 'INC-0002', 'INC-0003', 'KE-0001', 'PRB-0002']);
  const dangling = hoverAt(parseRangedFile('kind: incident\nproblem: PRB-0404\n', ws.config), 'incidents/INC-0009.yaml', { line: 1, character: 12 }, ws);
  assert.deepEqual(dangling?.kind === 'id' && [dangling.record, dangling.expects], [undefined, 'problem']);
  assert.equal(hover(2, 12)?.kind, 'key');
  assert.equal(hoverAt(ranged, 'problems/PRB-0001.yaml', { line: 19, character: 0 }, ws), undefined);
});

test('other YAML files have no ids, links or outline, even with an `id:` key', () => {
  const ws = workspace();
  const text = 'apiVersion: v1\nkind: ConfigMap\nid: PRB-0001\nproblem: PRB-0001\n';
  const ranged = parseRangedFile(text, ws.config);
  assert.equal(idAt(ranged, 'deploy/map.yaml', { line: 2, character: 6 }), undefined);
  assert.deepEqual(outline(ranged, 'deploy/map.yaml'), []);
  assert.deepEqual(documentLinks(ranged, 'deploy/map.yaml', ws), []);
  assert.equal(hoverAt(ranged, 'deploy/map.yaml', { line: 1, character: 2 }, ws), undefined);
});
