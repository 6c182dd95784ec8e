import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt, parseRangedFile, Workspace, type CompletionEntry, type CompletionResult } from '../../src/core';

const NOW = '2025-10-01T10:00:00+07:00';

function workspace(): Workspace {
  const ws = new Workspace();
  ws.setFileText(
    'kedb.config.yaml',
    'fishbone:\n  categories: [People, Tooling]\ncategories: [Network, Outage]\nescalation:\n  routes:\n    - category: Network\n      team: NOC\n',
  );
  ws.setFileText('incidents/INC-0001.yaml', 'kind: incident\nid: INC-0001\ntitle: VPN drops\nstatus: new\npriority: P2\nproblem: PRB-0001\n');
  ws.setFileText('incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002\ntitle: Printer offline\nstatus: resolved\npriority: P4\n');
  ws.setFileText('incidents/INC-0010.yaml', 'kind: incident\nid: INC-0010\ntitle: VPN slow\nstatus: in-progress\npriority: P3\nproblem: PRB-0001\n');
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: VPN instability\nstatus: assessed\npriority: P2\nincidents: [INC-0001]\n');
  ws.setFileText('problems/PRB-0002.yaml', 'kind: problem\nid: PRB-0002\ntitle: Printers\nstatus: new\n');
  ws.setFileText('known-errors/KE-0001.yaml', 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: VPN KE\nsymptoms: [drops]\n');
  return ws;
}

function complete(ws: Workspace, path: string, src: string, maxReferences?: number): CompletionResult {
  const i = src.indexOf('§');
  const text = src.slice(0, i) + src.slice(i + 1);
  const before = text.slice(0, i).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const documents = parseRangedFile(text, ws.config).documents;
  return completionsAt(text, position, { path, workspace: ws, now: NOW, documents, maxReferences });
}

function sorted(items: CompletionEntry[]): CompletionEntry[] {
  return [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
}

const labels = (r: CompletionResult) => sorted(r.items).map((e) => (e.kind === 'property' ? e.label : `${e.label} (${e.kind})`));
const range = (e: CompletionEntry) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.character}`;

test('at the root of a problem: the properties not yet present, required first, with a block snippet for rca', () => {
  const r = complete(workspace(), 'problems/PRB-0003.yaml', 'kind: problem\nid: PRB-0003\n§\n');
  assert.deepEqual(labels(r), [
    'title',
    'problem_statement',
    'description',
    'status',
    'category',
    'service',
    'configuration_item',
    'impact',
    'urgency',
    'priority',
    'owner',
    'assignment_group',
    'created_at',
    'history',
    'incidents',
    'detection',
    'rca',
    'rca (block)',
    'workaround',
    'known_error',
    'tasks',
    'resolution',
    'reopened',
    'major',
    'review',
    'source',
    'tags',
    'notes',
  ]);
  const title = r.items.find((e) => e.label === 'title')!;
  assert.deepEqual(
    { detail: title.detail, doc: title.documentation, insert: title.insertText, range: range(title) },
    { detail: 'text · required', doc: 'One-line name of the problem.', insert: 'title: $0', range: '2:0-0' },
  );
  const status = r.items.find((e) => e.label === 'status')!;
  assert.equal(status.insertText, 'status: ${1|new,assessed,root-cause-analysis,fix-in-progress,resolved,closed,cancelled|}');
  const incidents = r.items.find((e) => e.label === 'incidents')!;
  assert.deepEqual([incidents.detail, incidents.insertText, incidents.retrigger], ['list of incident ids', 'incidents:\n  - $0', true]);
  assert.equal(r.items.find((e) => e.label === 'created_at')!.insertText, `created_at: \${1:${NOW}}`);
});

test('in a nested mapping being typed, the keys not yet present replace the partial word', () => {
  const r = complete(workspace(), 'incidents/INC-0003.yaml', 'kind: incident\ninitial_analysis:\n  understanding: x\n  rec§\n  logs_reviewed: y\n');
  assert.deepEqual(labels(r), ['existing_solutions', 'recent_changes', 'related_events', 'diagnostic_tools', 'related_components']);
  assert.deepEqual(
    r.items.map((e) => [e.label, range(e), e.insertText]),
    [
      ['existing_solutions', '3:2-5', 'existing_solutions:\n  $0'],
      ['recent_changes', '3:2-5', 'recent_changes: $0'],
      ['related_events', '3:2-5', 'related_events: $0'],
      ['diagnostic_tools', '3:2-5', 'diagnostic_tools:\n  - $0'],
      ['related_components', '3:2-5', 'related_components:\n  - $0'],
    ],
  );
});

test('the rca block snippet lays out the configured fishbone categories, 5 Whys and root causes', () => {
  const r = complete(workspace(), 'problems/PRB-0003.yaml', 'kind: problem\nid: PRB-0003\nr§');
  const block = r.items.find((e) => e.label === 'rca' && e.kind === 'block')!;
  assert.equal(
    block.insertText,
    [
      'rca:',
      '  method: ${1|fishbone-and-five-whys,fishbone,five-whys,fault-tree,kepner-tregoe,other|}',
      '  fishbone:',
      '    categories:',
      '      - name: People',
      '        causes:',
      '          - "${2}"',
      '      - name: Tooling',
      '        causes:',
      '          - "${3}"',
      '  five_whys:',
      '    - why: "${4}"',
      '      because: "${5}"',
      '  root_causes:',
      '    - "${6}"',
    ].join('\n'),
  );
  assert.equal(range(block), '2:0-1');
});

test('the incident blocks: initial analysis checklist, and escalation routed by category with the ETA from the priority', () => {
  const ws = workspace();
  const r = complete(ws, 'incidents/INC-0003.yaml', 'kind: incident\nid: INC-0003\ncategory: Network\npriority: P2\n§\n');
  assert.equal(
    r.items.find((e) => e.label === 'escalation' && e.kind === 'block')!.insertText,
    ['escalation:', '  team: ${1:NOC}', `  escalated_at: \${2:${NOW}}`, '  eta: ${3:2025-10-01T18:00:00+07:00}', '  level: ${4|2,1,3,4,5|}'].join('\n'),
  );
  assert.equal(
    r.items.find((e) => e.label === 'initial_analysis' && e.kind === 'block')!.insertText,
    [
      'initial_analysis:',
      '  understanding: "${1}"',
      '  existing_solutions:',
      '    knowledge_base: ${2|true,false|}',
      '    restart: ${3|true,false|}',
      '    reinstall: ${4|true,false|}',
      '    notes: "${5}"',
      '  recent_changes: "${6}"',
      '  related_events: "${7}"',
      '  logs_reviewed: "${8}"',
      '  diagnostic_tools: [${9}]',
      '  related_components: [${10}]',
    ].join('\n'),
  );
  // Without a matching route, the default team; escalated when reported; the priority from the
  // matrix when none is written (high × high is P1: 4 hours).
  const other = complete(ws, 'incidents/INC-0003.yaml', 'kind: incident\nid: INC-0003\ncategory: Billing\nreported_at: 2025-09-21T08:30:00+07:00\nimpact: high\nurgency: high\n§\n');
  assert.equal(
    other.items.find((e) => e.label === 'escalation' && e.kind === 'block')!.insertText.split('\n').slice(1, 4).join('\n'),
    ['  team: ${1:Service Desk L2}', '  escalated_at: ${2:2025-09-21T08:30:00+07:00}', '  eta: ${3:2025-09-21T12:30:00+07:00}'].join('\n'),
  );
});

test('enum values after a colon typed just now come with the missing space', () => {
  const r = complete(workspace(), 'problems/PRB-0003.yaml', 'kind: problem\nstatus:§\n');
  assert.deepEqual(
    sorted(r.items).map((e) => [e.label, e.insertText, range(e)]),
    [
      ['new', ' new', '1:7-7'],
      ['assessed', ' assessed', '1:7-7'],
      ['root-cause-analysis', ' root-cause-analysis', '1:7-7'],
      ['fix-in-progress', ' fix-in-progress', '1:7-7'],
      ['resolved', ' resolved', '1:7-7'],
      ['closed', ' closed', '1:7-7'],
      ['cancelled', ' cancelled', '1:7-7'],
    ],
  );
  const partial = complete(workspace(), 'incidents/INC-0003.yaml', 'kind: incident\nimpact: me§\n');
  assert.deepEqual(sorted(partial.items).map((e) => `${e.label}@${range(e)}`), ['high@1:8-10', 'medium@1:8-10', 'low@1:8-10', '1@1:8-10', '2@1:8-10', '3@1:8-10', '4@1:8-10', '5@1:8-10']);
});

test('a flow list of incident ids offers the other incidents with title, status and priority', () => {
  const r = complete(workspace(), 'problems/PRB-0003.yaml', 'kind: problem\nid: PRB-0003\nincidents: [INC-0001, §]\n');
  assert.deepEqual(
    sorted(r.items).map((e) => [e.label, e.kind, e.detail, e.description, e.insertText, range(e)]),
    [
      ['INC-0002', 'reference', 'Printer offline', 'resolved · P4', 'INC-0002', '2:22-22'],
      ['INC-0010', 'reference', 'VPN slow', 'in-progress · P3', 'INC-0010', '2:22-22'],
    ],
  );
  assert.equal(r.items[0].filterText, 'INC-0002 Printer offline');
});

test('a block list of incident ids puts the incidents that already point at this problem first', () => {
  const r = complete(workspace(), 'problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: VPN instability\nincidents:\n  - INC-0001\n  - §\n');
  assert.deepEqual(
    sorted(r.items).map((e) => [e.label, e.preselect ?? false]),
    [
      ['INC-0010', true],
      ['INC-0002', false],
    ],
  );
});

test('reference fields offer only records of the kind they take, never the record itself', () => {
  const ws = workspace();
  assert.deepEqual(labels(complete(ws, 'known-errors/KE-0002.yaml', 'kind: known_error\nid: KE-0002\nproblem: PRB§\n')), [
    'PRB-0001 (reference)',
    'PRB-0002 (reference)',
  ]);
  assert.deepEqual(labels(complete(ws, 'problems/PRB-0002.yaml', 'kind: problem\nid: PRB-0002\nresolution:\n  code: duplicate\n  duplicate_of: §\n')), [
    'PRB-0001 (reference)',
  ]);
  assert.deepEqual(labels(complete(ws, 'incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002\nknown_error: §\n')), ['KE-0001 (reference)']);
  const p = complete(ws, 'incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002\nproblem:§\n');
  assert.deepEqual(p.items.map((e) => e.insertText), [' PRB-0001', ' PRB-0002']);
});

test('right after a list field key, an id is inserted as a one-item flow list', () => {
  const r = complete(workspace(), 'problems/PRB-0002.yaml', 'kind: problem\nid: PRB-0002\nincidents: §\n');
  assert.deepEqual(sorted(r.items).map((e) => e.insertText), ['[INC-0001]', '[INC-0002]', '[INC-0010]']);
});

test('a new item of a list of mappings offers the item keys, indented under the dash', () => {
  const r = complete(workspace(), 'problems/PRB-0003.yaml', 'kind: problem\nrca:\n  fishbone:\n    categories:\n      - name: People\n      - §\n');
  assert.deepEqual(
    sorted(r.items).map((e) => [e.label, e.insertText]),
    [
      ['name', 'name: $0'],
      ['causes', 'causes:\n    - $0'],
    ],
  );
});

test('free-text fields offer what the config already knows: categories and unused fishbone bones', () => {
  const ws = workspace();
  assert.deepEqual(labels(complete(ws, 'incidents/INC-0003.yaml', 'kind: incident\ncategory: §\n')), ['Network (value)', 'Outage (value)']);
  assert.deepEqual(
    labels(complete(ws, 'problems/PRB-0003.yaml', 'kind: problem\nrca:\n  fishbone:\n    categories:\n      - name: People\n      - name: §\n')),
    ['Tooling (value)'],
  );
  assert.deepEqual(labels(complete(ws, 'incidents/INC-0003.yaml', 'kind: incident\nescalation:\n  team: §\n')), ['Service Desk L2 (value)', 'NOC (value)']);
});

test('on an existing key only the name is replaced, so its value stays', () => {
  const r = complete(workspace(), 'problems/PRB-0003.yaml', 'kind: problem\nsta§tus: new\n');
  const status = r.items.find((e) => e.label === 'status')!;
  assert.deepEqual([status.insertText, status.snippet, range(status)], ['status', false, '1:0-6']);
});

test('a record folder gives the kind when `kind` is missing, and offers the kinds when it is wrong; other YAML gets nothing', () => {
  const ws = workspace();
  assert.deepEqual(labels(complete(ws, 'incidents/x.yaml', 'kind: §')), ['incident (value)']);
  assert.deepEqual(labels(complete(ws, 'incidents/x.yaml', 'kind: incid§nt\n')), ['incident (value)', 'problem (value)', 'known_error (value)']);
  assert.deepEqual(complete(ws, 'incidents/x.yaml', 'kind: incidnt\n§').items, []);
  assert.deepEqual(complete(ws, 'notes/x.yaml', '§').items, []);
  assert.deepEqual(complete(ws, 'deploy/app.yaml', 'apiVersion: v1\nkind: §\n').items, []);
  assert.deepEqual(labels(complete(ws, 'incidents/INC-0009.yaml', 'ti§')).slice(0, 4), ['kind', 'id', 'title', 'description']);
  assert.equal(complete(ws, 'incidents/INC-0009.yaml', 'ti§').items[0].insertText, 'kind: incident');
});

test('the priority that impact × urgency give under the matrix comes first, preselected', () => {
  const r = complete(workspace(), 'incidents/INC-0003.yaml', 'kind: incident\nimpact: medium\nurgency: high\npriority: §\n');
  assert.deepEqual(
    sorted(r.items).map((e) => [e.label, e.preselect ?? false, e.detail ?? '']),
    [
      ['P2', true, 'impact medium × urgency high (itil-3x3)'],
      ['P1', false, ''],
      ['P3', false, ''],
      ['P4', false, ''],
      ['P5', false, ''],
    ],
  );
});

test('an id value: the file name when it is a free id, and the next free id', () => {
  const ws = workspace();
  assert.deepEqual(labels(complete(ws, 'incidents/INC-0042.yaml', 'kind: incident\nid: §\n')), ['INC-0042 (value)', 'INC-0011 (value)']);
  assert.deepEqual(labels(complete(ws, 'incidents/draft.yaml', 'kind: incident\nid: §\n')), ['INC-0011 (value)']);
  assert.deepEqual(labels(complete(ws, 'incidents/INC-0002.yaml', 'kind: incident\nid: INC-0002§\n')), ['INC-0002 (value)', 'INC-0011 (value)']);
});

test('true/false for booleans, now for date-times, nothing in comments', () => {
  const ws = workspace();
  assert.deepEqual(labels(complete(ws, 'problems/PRB-0003.yaml', 'kind: problem\nmajor: §\n')), ['true (value)', 'false (value)']);
  assert.deepEqual(
    complete(ws, 'problems/PRB-0003.yaml', 'kind: problem\ncreated_at: §\n').items.map((e) => [e.label, e.detail]),
    [[NOW, 'now']],
  );
  assert.deepEqual(complete(ws, 'problems/PRB-0003.yaml', 'kind: problem # st§\n').items, []);
});

test('past the reference limit, the ids are filtered by the typed word and the list is incomplete', () => {
  const r = complete(workspace(), 'problems/PRB-0003.yaml', 'kind: problem\nid: PRB-0003\nincidents: [INC-001§]\n', 2);
  assert.deepEqual([r.isIncomplete, r.items.map((e) => e.label)], [true, ['INC-0010']]);
});

test('inside a problem task: a new task offers the task keys, id and title first; type and status offer their values', () => {
  const ws = workspace();
  const tasks = 'kind: problem\nid: PRB-0003\ntitle: VPN\ntasks:\n  - id: T1\n    title: Roll back the firmware\n';
  const fresh = complete(ws, 'problems/PRB-0003.yaml', `${tasks}  - §\n`);
  assert.deepEqual(labels(fresh), ['id', 'title', 'type', 'owner', 'due', 'status', 'done_at', 'link']);
  assert.equal(fresh.items.find((e) => e.label === 'type')!.insertText, 'type: ${1|rca,corrective,preventive,general|}');
  assert.equal(fresh.items.find((e) => e.label === 'status')!.insertText, 'status: ${1|open,in-progress,done,cancelled|}');
  assert.equal(fresh.items.find((e) => e.label === 'due')!.documentation, 'The date it is due, e.g. `2025-10-01`; an open task past it is overdue.');
  // In a task being written, only the keys it does not have yet.
  assert.deepEqual(labels(complete(ws, 'problems/PRB-0003.yaml', `${tasks}    type: corrective\n    §\n`)), ['owner', 'due', 'status', 'done_at', 'link']);
  assert.deepEqual(labels(complete(ws, 'problems/PRB-0003.yaml', `${tasks}    type: §\n`)), ['rca (value)', 'corrective (value)', 'preventive (value)', 'general (value)']);
  const status = complete(ws, 'problems/PRB-0003.yaml', `${tasks}    status: in§\n`);
  assert.deepEqual(sorted(status.items).map((e) => `${e.label}@${range(e)}`), ['open@6:12-14', 'in-progress@6:12-14', 'done@6:12-14', 'cancelled@6:12-14']);
});
