import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, classify, classifyFileEdits, disagreements, escalationEdit, PRESETS, priorityEdit, resolveMatrix, defaultConfig } from '../../src/core';
import { at, WorkspaceWithoutChecklist } from './helpers';

// The tables as the issue and the datasets state them, written out cell by cell.
const ITIL_3X3 = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' },
};
const ITIL_3X3_P4 = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};
// Rabobank: priority = floor((impact + urgency) / 2), 1..5.
const RABOBANK = [
  ['P1', 'P1', 'P2', 'P2', 'P3'],
  ['P1', 'P2', 'P2', 'P3', 'P3'],
  ['P2', 'P2', 'P3', 'P3', 'P4'],
  ['P2', 'P3', 'P3', 'P4', 'P4'],
  ['P3', 'P3', 'P4', 'P4', 'P5'],
];

test('itil-3x3 gives every cell of the ServiceNow default', () => {
  for (const [i, row] of Object.entries(ITIL_3X3)) for (const [u, p] of Object.entries(row)) assert.equal(classify(PRESETS['itil-3x3'], i, u), p, `${i} × ${u}`);
});

test('itil-3x3-p4 is the same but low × low is P4', () => {
  for (const [i, row] of Object.entries(ITIL_3X3_P4)) for (const [u, p] of Object.entries(row)) assert.equal(classify(PRESETS['itil-3x3-p4'], i, u), p, `${i} × ${u}`);
});

test('rabobank-5x5 gives every cell of floor((impact + urgency) / 2)', () => {
  for (let i = 1; i <= 5; i++) for (let u = 1; u <= 5; u++) assert.equal(classify(PRESETS['rabobank-5x5'], i, u), RABOBANK[i - 1][u - 1], `${i} × ${u}`);
});

test('levels outside the matrix give no priority', () => {
  assert.equal(classify(PRESETS['itil-3x3'], 2, 'high'), undefined);
  assert.equal(classify(PRESETS['rabobank-5x5'], 'high', 1), undefined);
  assert.equal(classify(PRESETS['itil-3x3'], undefined, 'high'), undefined);
});

test('a custom 2x2 table classifies, and a broken one is diagnosed at its cells', () => {
  const ok = resolveMatrix({ name: 'two', impact: ['big', 'small'], urgency: ['now', 'later'], table: { big: { now: 'P1', later: 'P2' }, small: { now: 'P2', later: 'P4' } } });
  assert.deepEqual(ok.problems, []);
  assert.equal(classify(ok.matrix, 'small', 'later'), 'P4');
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText(
    'kedb.config.yaml',
    [
      'priority:',
      '  matrix:',
      '    impact: [big, small, small]',
      '    urgency: [now, later]',
      '    table:',
      '      big: { now: P1, later: P2 }',
      '      small: { now: P2 }',
      '      huge: { now: P1, later: P1 }',
      '',
    ].join('\n'),
  );
  const lines = ws.issuesFor('kedb.config.yaml').map((i) => `${i.code} ${at(i.range)} ${i.message}`);
  assert.deepEqual(lines, [
    'matrix-error 3:26-3:31 The impact level "small" is listed twice.',
    'matrix-error 7:7-7:12 The matrix has a hole: impact small × urgency later gives no priority.',
    'matrix-error 8:7-8:11 "huge" is not one of the impact levels (big, small, small).',
  ]);
  // A broken matrix falls back to itil-3x3, so records are still checked.
  assert.equal(ws.matrix.name, 'itil-3x3');
});

test('an unknown preset name is an error at the name', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('kedb.config.yaml', 'priority:\n  matrix: itil-4x4\n');
  assert.deepEqual(ws.issuesFor('kedb.config.yaml').map((i) => `${i.code} ${at(i.range)}`), ['matrix-error 2:11-2:19']);
});

function incident(fields: string): string {
  return `kind: incident\nid: INC-0001\ntitle: T\n${fields}`;
}

test('a disagreeing priority, a missing one, and a level the matrix lacks are diagnosed', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', incident('type: service-request\nimpact: high\nurgency: medium\npriority: P3\n'));
  assert.deepEqual(ws.issuesFor('incidents/INC-0001.yaml').map((i) => `${i.severity} ${i.code} ${at(i.range)} ${i.message}`), [
    'warning priority-mismatch 7:11-7:13 priority P3, but impact high × urgency medium gives P2 under itil-3x3.',
  ]);
  ws.setFileText('incidents/INC-0001.yaml', incident('type: service-request\nimpact: low\nurgency: low\n'));
  assert.deepEqual(ws.issuesFor('incidents/INC-0001.yaml').map((i) => `${i.severity} ${i.code} ${at(i.range)}`), ['info priority-missing 6:10-6:13']);
  ws.setFileText('incidents/INC-0001.yaml', incident('impact: 2\nurgency: low\npriority: P4\n'));
  assert.deepEqual(ws.issuesFor('incidents/INC-0001.yaml').map((i) => `${i.code} ${at(i.range)} ${i.message}`), [
    'invalid-level 4:9-4:10 impact 2 is not a level of the itil-3x3 matrix (high, medium, low).',
  ]);
});

test('the config matrix decides: numeric levels under rabobank-5x5', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('kedb.config.yaml', 'priority:\n  matrix: rabobank-5x5\n');
  ws.setFileText('incidents/INC-0001.yaml', incident('type: service-request\nimpact: 2\nurgency: 3\npriority: P2\n'));
  assert.deepEqual(ws.issuesFor('incidents/INC-0001.yaml'), []);
  ws.setFileText('incidents/INC-0001.yaml', incident('type: service-request\nimpact: 4\nurgency: 5\npriority: P2\n'));
  assert.deepEqual(ws.issuesFor('incidents/INC-0001.yaml').map((i) => i.message), ['priority P2, but impact 4 × urgency 5 gives P4 under rabobank-5x5.']);
});

test('a P1 incident without escalation gets the rules\' team and ETA', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('kedb.config.yaml', 'escalation:\n  routes:\n    - { category: network, team: NOC }\n');
  ws.setFileText('incidents/INC-0001.yaml', incident('category: Network\nreported_at: "2025-09-21T09:40:00+07:00"\nimpact: high\nurgency: high\npriority: P1\n'));
  const [issue] = ws.issuesFor('incidents/INC-0001.yaml');
  assert.equal(issue.code, 'escalation-missing');
  assert.equal(at(issue.range), '8:11-8:13');
  assert.deepEqual(issue.data, { escalation: { team: 'NOC', escalated_at: '2025-09-21T09:40:00+07:00', eta: '2025-09-21T13:40:00+07:00' }, ordinal: 0 });
  // Service requests and resolved incidents need none.
  ws.setFileText('incidents/INC-0001.yaml', incident('status: resolved\nimpact: high\nurgency: high\npriority: P1\n'));
  assert.deepEqual(ws.issuesFor('incidents/INC-0001.yaml'), []);
});

test('setting a priority keeps comments, key order and formatting, and only touches the value', () => {
  const text = '# keep me\nkind: incident\nid: INC-0001\ntitle: T   # spaced comment\nimpact: high\nurgency: medium # why\npriority: P4 # was guessed\nstatus: new\n';
  const edit = priorityEdit(text, 0, 'P2', defaultConfig());
  assert.ok(edit);
  assert.equal(applyEdits(text, [edit]), text.replace('priority: P4 #', 'priority: P2 #'));
});

test('a missing priority is inserted after urgency, in each document of a multi-record file', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: A\nimpact: high\nurgency: high # now\nstatus: new\n---\n# second\nkind: incident\nid: INC-0002\ntitle: B\nimpact: low\nurgency: low\n';
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/two.yaml', text);
  const found = disagreements(ws.recordsInFile('incidents/two.yaml'), ws.matrix);
  assert.deepEqual(found.map((d) => [d.id, d.priority, d.expected]), [['INC-0001', null, 'P1'], ['INC-0002', null, 'P5']]);
  const out = applyEdits(text, classifyFileEdits(text, found, ws.config));
  assert.equal(out, 'kind: incident\nid: INC-0001\ntitle: A\nimpact: high\nurgency: high # now\npriority: P1\nstatus: new\n---\n# second\nkind: incident\nid: INC-0002\ntitle: B\nimpact: low\nurgency: low\npriority: P5\n');
  ws.setFileText('incidents/two.yaml', out);
  assert.deepEqual(disagreements(ws.recordsInFile('incidents/two.yaml'), ws.matrix), []);
});

test('the escalation block goes after the priority line and validates', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: T\nimpact: high\nurgency: high\npriority: P1\n# trailing comment\n';
  const edit = escalationEdit(text, 0, { team: 'NOC', escalated_at: '2025-09-21T09:40:00+07:00', eta: '2025-09-21T13:40:00+07:00' }, defaultConfig());
  assert.ok(edit);
  const out = applyEdits(text, [edit]);
  assert.equal(out, 'kind: incident\nid: INC-0001\ntitle: T\nimpact: high\nurgency: high\npriority: P1\nescalation:\n  team: NOC\n  escalated_at: "2025-09-21T09:40:00+07:00"\n  eta: "2025-09-21T13:40:00+07:00"\n# trailing comment\n');
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('incidents/INC-0001.yaml', out);
  assert.deepEqual(ws.issuesFor('incidents/INC-0001.yaml'), []);
});
