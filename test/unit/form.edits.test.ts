// The record form's pure parts: the field model of a record, and the exact YAML each form
// operation writes (comments and key order kept, values written safely).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { applyEdits, defaultConfig, formEdit, recordForm, setL10nBundle, taskFormEdit, withTaskState, type FormField, type FormOp } from '../../src/core';
import { REPO_ROOT } from './helpers';

const config = defaultConfig();
const PRB = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'lab-02', 'problems', 'PRB-0007.yaml'), 'utf8');

function edit(text: string, op: FormOp, kind: 'problem' | 'incident' | 'known_error' = 'problem'): string {
  const e = formEdit(text, 0, kind, op, config);
  assert.ok(e, `an edit for ${JSON.stringify(op)}`);
  return applyEdits(text, [e]);
}

function find(fields: FormField[], key: string): FormField {
  const f = fields.find((x) => x.key === key);
  assert.ok(f, `field ${key}`);
  return f;
}

test('the field model of PRB-0007: enums, dates, long text, groups, the fishbone and the 5 Whys', () => {
  const form = recordForm('problem', parse(PRB) as Record<string, unknown>);
  assert.equal(form.id, 'PRB-0007');
  assert.deepEqual(form.fields.map((f) => f.key).slice(0, 4), ['kind', 'id', 'title', 'problem_statement']);
  const status = find(form.fields, 'status');
  assert.equal(status.type, 'enum');
  if (status.type === 'enum') {
    assert.equal(status.value, 'fix-in-progress');
    assert.ok(status.options.includes('closed'));
    assert.match(status.description ?? '', /Lifecycle state/);
  }
  const created = find(form.fields, 'created_at');
  assert.ok(created.type === 'text' && created.format === 'date-time' && created.value === '2025-09-22T09:00:00+07:00');
  const title = find(form.fields, 'title');
  assert.ok(title.type === 'text' && title.long && title.required);
  const incidents = find(form.fields, 'incidents');
  assert.ok(incidents.type === 'list' && incidents.item === 'text' && incidents.items.length === 3);
  const detection = find(form.fields, 'detection');
  assert.ok(detection.type === 'group' && detection.present);
  const rca = find(form.fields, 'rca');
  assert.ok(rca.type === 'group');
  const fishbone = find(rca.fields, 'fishbone');
  assert.ok(fishbone.type === 'group');
  const categories = find(fishbone.fields, 'categories');
  assert.ok(categories.type === 'list' && categories.item === 'category');
  const people = categories.items[0];
  assert.ok(people.type === 'group');
  const causes = find(people.fields, 'causes');
  assert.ok(causes.type === 'list' && causes.item === 'cause');
  const [first, second] = causes.items;
  assert.ok(first.type === 'cause' && first.because.type === 'list' && first.because.items.length === 1);
  assert.deepEqual(first.textPath, ['rca', 'fishbone', 'categories', 0, 'causes', 0, 'cause']);
  assert.ok(second.type === 'cause' && second.text === 'The support team is often late responding to reports.' && !second.rootCause);
  assert.deepEqual(second.textPath, ['rca', 'fishbone', 'categories', 0, 'causes', 1]);
  const whys = find(rca.fields, 'five_whys');
  assert.ok(whys.type === 'chains' && whys.chains.length === 1);
  const steps = whys.chains[0].steps;
  assert.ok(steps.type === 'list' && steps.item === 'why' && steps.items.length === 5);
  // An incident's reporter and escalation are groups.
  const inc = recordForm('incident', { kind: 'incident', id: 'INC-0001', title: 'x', escalation: { level: 2 } });
  const reporter = find(inc.fields, 'reporter');
  assert.ok(reporter.type === 'group' && !reporter.present && reporter.fields.map((f) => f.key).join() === 'name,email,department,phone');
  const escalation = find(inc.fields, 'escalation');
  assert.ok(escalation.type === 'group' && escalation.present);
  assert.ok(find(escalation.fields, 'level').type === 'number');
});

const SMALL = `# A problem.
kind: problem
id: PRB-0001
title: Old title # keep me
status: new
tags:
  - a # first
  # between
  - b
  - c
rca:
  fishbone:
    categories:
      - name: People
        causes:
          - Plain cause.
          - cause: Mapped cause.
            evidence: seen
  root_causes:
    - Other.
`;

test('setting a field writes only its value and keeps the comments', () => {
  assert.equal(edit(SMALL, { op: 'set', path: ['title'], value: 'New title' }), SMALL.replace('Old title # keep me', 'New title # keep me'));
  assert.equal(edit(SMALL, { op: 'set', path: ['status'], value: 'assessed' }), SMALL.replace('status: new', 'status: assessed'));
  // A new key goes at the end of its mapping; a new group is made on the way.
  assert.equal(edit(SMALL, { op: 'set', path: ['detection', 'method'], value: 'manual' }), SMALL + 'detection:\n  method: manual\n');
  // null removes the key.
  assert.equal(edit(SMALL, { op: 'set', path: ['status'], value: null }), SMALL.replace('status: new\n', ''));
});

test('hostile prose with ": " and " #" round-trips, in a field and in a list row', () => {
  const hostile = 'Cause: the router # not a comment\n- not a list "quoted" \\ back';
  const out = edit(SMALL, { op: 'set', path: ['title'], value: hostile });
  assert.equal((parse(out) as { title: string }).title, hostile);
  assert.ok(out.startsWith('# A problem.\n'));
  assert.ok(out.includes('  - a # first\n  # between\n'));
  const one = 'key: value # tail';
  const row = edit(SMALL, { op: 'set', path: ['tags', 1], value: one });
  assert.equal(row, SMALL.replace('  - b\n', '  - "key: value # tail"\n'));
  assert.deepEqual((parse(row) as { tags: string[] }).tags, ['a', one, 'c']);
  const long = 'A very long workaround: '.repeat(8).trim();
  const block = edit(SMALL, { op: 'set', path: ['workaround'], value: long });
  assert.equal((parse(block) as { workaround: string }).workaround, long);
  assert.match(block, /workaround: >-\n {2}A very long/);
});

test('list rows: add, remove and reorder keep the comments between rows', () => {
  assert.equal(edit(SMALL, { op: 'add', path: ['tags'], item: 'd: e' }), SMALL.replace('  - c\n', '  - c\n  - "d: e"\n'));
  assert.equal(edit(SMALL, { op: 'remove', path: ['tags', 1] }), SMALL.replace('  - b\n', ''));
  assert.equal(edit(SMALL, { op: 'move', path: ['tags'], from: 2, to: 0 }), SMALL.replace('  - a # first\n  # between\n  - b\n  - c\n', '  - c\n  # between\n  - a # first\n  - b\n'));
  // A new list when there is none.
  assert.equal(edit(SMALL, { op: 'add', path: ['incidents'], item: 'INC-0001' }), SMALL + 'incidents:\n  - INC-0001\n');
  // The last row leaves an empty list, not a null.
  const one = edit(edit(SMALL, { op: 'remove', path: ['rca', 'root_causes', 0] }), { op: 'add', path: ['tags'], item: 'x' });
  assert.match(one, /root_causes: \[\]\n/);
});

test('a new cause, a sub-cause of a plain cause, and a new category', () => {
  const cause = edit(SMALL, { op: 'add', path: ['rca', 'fishbone', 'categories', 0, 'causes'], item: 'New: cause # x' });
  assert.equal(cause, SMALL.replace('            evidence: seen\n', '            evidence: seen\n          - "New: cause # x"\n'));
  const sub = edit(SMALL, { op: 'add', path: ['rca', 'fishbone', 'categories', 0, 'causes', 0, 'because'], item: 'Deeper.' });
  assert.equal(sub, SMALL.replace('          - Plain cause.\n', '          - cause: Plain cause.\n            because:\n              - Deeper.\n'));
  const cat = edit(SMALL, { op: 'add', path: ['rca', 'fishbone', 'categories'], item: { name: 'Process' } });
  assert.equal(cat, SMALL.replace('            evidence: seen\n', '            evidence: seen\n      - name: Process\n'));
  const step = edit(SMALL, { op: 'add', path: ['rca', 'five_whys'], item: { why: 'Why?', because: 'Because.' } });
  assert.equal(step, SMALL.replace('  root_causes:\n    - Other.\n', '  root_causes:\n    - Other.\n  five_whys:\n    - why: "Why?"\n      because: Because.\n'));
});

test('the root-cause toggle marks the cause and keeps rca.root_causes in step', () => {
  const on = edit(SMALL, { op: 'rootCause', path: ['rca', 'fishbone', 'categories', 0, 'causes', 0], on: true });
  assert.equal(on, SMALL.replace('          - Plain cause.\n', '          - cause: Plain cause.\n            root_cause: true\n').replace('    - Other.\n', '    - Other.\n    - Plain cause.\n'));
  const off = edit(on, { op: 'rootCause', path: ['rca', 'fishbone', 'categories', 0, 'causes', 0], on: false });
  assert.equal(off, SMALL.replace('          - Plain cause.\n', '          - cause: Plain cause.\n'));
  const mapped = edit(SMALL, { op: 'rootCause', path: ['rca', 'fishbone', 'categories', 0, 'causes', 1], on: true });
  assert.equal(mapped, SMALL.replace('            evidence: seen\n', '            evidence: seen\n            root_cause: true\n').replace('    - Other.\n', '    - Other.\n    - Mapped cause.\n'));
});

test('PRB-0007: a field, a row, a cause and a toggle keep every comment of the sample', () => {
  const comments = (s: string) => s.split('\n').filter((l) => /^\s*#/.test(l));
  let text = PRB;
  text = edit(text, { op: 'set', path: ['owner'], value: 'Siti: lead # on call' });
  text = edit(text, { op: 'add', path: ['tags'], item: 'Router' });
  text = edit(text, { op: 'add', path: ['rca', 'fishbone', 'categories', 3, 'causes'], item: 'The backup link is untested.' });
  text = edit(text, { op: 'rootCause', path: ['rca', 'fishbone', 'categories', 3, 'causes', 0], on: true });
  assert.deepEqual(comments(text), comments(PRB));
  const v = parse(text) as { owner: string; tags: string[]; rca: { root_causes: string[]; fishbone: { categories: { causes: unknown[] }[] } } };
  assert.equal(v.owner, 'Siti: lead # on call');
  assert.equal(v.tags.at(-1), 'Router');
  assert.deepEqual(v.rca.fishbone.categories[3].causes[0], { cause: 'The ISP connection fluctuates.', root_cause: true });
  assert.equal(v.rca.fishbone.categories[3].causes.at(-1), 'The backup link is untested.');
  assert.equal(v.rca.root_causes.at(-1), 'The ISP connection fluctuates.');
});

const WHYS = `kind: problem
id: PRB-0002
title: T
rca:
  five_whys:
    # the chain of the outage
    - why: Why down?
      because: >-
        The router
        dropped.
    # then
    - Plain answer.
  fishbone:
    categories:
      - name: People
        causes:
          - Plain cause.
          - cause: Mapped cause. # kept
            evidence: seen
`;

test('a new 5 Whys chain: one chain written as a list becomes the first of a mapping, comments and blocks kept', () => {
  const out = edit(WHYS, { op: 'addChain', path: ['rca', 'five_whys'], name: 'Firmware: rollback', first: 'Chain 1' });
  assert.equal(
    out,
    WHYS.replace(
      '    - why: Why down?\n      because: >-\n        The router\n        dropped.\n    # then\n    - Plain answer.\n',
      '    Chain 1:\n      - why: Why down?\n        because: >-\n          The router\n          dropped.\n      # then\n      - Plain answer.\n    "Firmware: rollback": []\n',
    ),
  );
  const v = parse(out) as { rca: { five_whys: Record<string, unknown[]> } };
  assert.deepEqual(v.rca.five_whys, { 'Chain 1': [{ why: 'Why down?', because: 'The router dropped.' }, 'Plain answer.'], 'Firmware: rollback': [] });
  // A second chain on the mapping: a new key; a name that exists changes nothing.
  const more = edit(out, { op: 'addChain', path: ['rca', 'five_whys'], name: 'Monitoring', first: 'Chain 1' });
  assert.equal(more, out.replace('    "Firmware: rollback": []\n', '    "Firmware: rollback": []\n    Monitoring: []\n'));
  assert.equal(formEdit(more, 0, 'problem', { op: 'addChain', path: ['rca', 'five_whys'], name: 'Monitoring', first: 'Chain 1' }, config), undefined);
  // No 5 Whys yet: the mapping is made, inside rca.
  const none = edit(SMALL, { op: 'addChain', path: ['rca', 'five_whys'], name: 'VPN', first: 'Chain 1' });
  assert.equal(none, SMALL + '  five_whys:\n    VPN: []\n');
  // The form shows the chains by name.
  const rca = find(recordForm('problem', parse(more) as Record<string, unknown>).fields, 'rca');
  assert.ok(rca.type === 'group');
  const chains = find(rca.fields, 'five_whys');
  assert.ok(chains.type === 'chains');
  assert.deepEqual(chains.chains.map((c) => c.name), ['Chain 1', 'Firmware: rollback', 'Monitoring']);
});

test('a why/because step added to a named chain, to an empty one, and a step with its answer left for later', () => {
  const named = edit(WHYS, { op: 'addChain', path: ['rca', 'five_whys'], name: 'Monitoring', first: 'Chain 1' });
  const step = edit(named, { op: 'add', path: ['rca', 'five_whys', 'Monitoring'], item: { why: 'Why no alert?', because: 'Logs: not read # ever' } });
  assert.equal(step, named.replace('    Monitoring: []\n', '    Monitoring:\n      - why: "Why no alert?"\n        because: "Logs: not read # ever"\n'));
  const next = edit(step, { op: 'add', path: ['rca', 'five_whys', 'Monitoring'], item: { why: 'Why not read?' } });
  const stepEnd = '        because: "Logs: not read # ever"\n';
  assert.equal(next, step.replace(stepEnd, stepEnd + '      - why: "Why not read?"\n'));
  const v = parse(next) as { rca: { five_whys: Record<string, unknown[]> } };
  assert.deepEqual(v.rca.five_whys.Monitoring, [{ why: 'Why no alert?', because: 'Logs: not read # ever' }, { why: 'Why not read?' }]);
  // The answer added later goes into the same step.
  const answered = edit(next, { op: 'set', path: ['rca', 'five_whys', 'Monitoring', 1, 'because'], value: 'No owner.' });
  assert.equal(answered, next.replace('      - why: "Why not read?"\n', '      - why: "Why not read?"\n        because: No owner.\n'));
  // The one list chain takes a step at its end, after the comment between rows.
  const tail = edit(WHYS, { op: 'add', path: ['rca', 'five_whys'], item: { why: 'Why?', because: 'Because.' } });
  assert.equal(tail, WHYS.replace('    - Plain answer.\n', '    - Plain answer.\n    - why: "Why?"\n      because: Because.\n'));
});

test('evidence added to a plain cause, to a cause with one fact written as text, and to a list of facts', () => {
  const causes = ['rca', 'fishbone', 'categories', 0, 'causes'];
  const plain = edit(WHYS, { op: 'add', path: [...causes, 0, 'evidence'], item: 'Log: 12 drops # at 09:00' });
  assert.equal(plain, WHYS.replace('          - Plain cause.\n', '          - cause: Plain cause.\n            evidence:\n              - "Log: 12 drops # at 09:00"\n'));
  const text = edit(WHYS, { op: 'add', path: [...causes, 1, 'evidence'], item: 'INC-0042' });
  assert.equal(text, WHYS.replace('            evidence: seen\n', '            evidence:\n              - seen\n              - INC-0042\n'));
  const list = edit(text, { op: 'add', path: [...causes, 1, 'evidence'], item: 'INC-0043' });
  assert.equal(list, text.replace('              - INC-0042\n', '              - INC-0042\n              - INC-0043\n'));
  assert.deepEqual((parse(list) as { rca: { fishbone: { categories: { causes: unknown[] }[] } } }).rca.fishbone.categories[0].causes[1], { cause: 'Mapped cause.', evidence: ['seen', 'INC-0042', 'INC-0043'] });
  // A text field that is no list in the schema does not turn into one.
  assert.equal(formEdit(WHYS, 0, 'problem', { op: 'add', path: ['title'], item: 'x' }, config), undefined);
});

test('PRB-0007: a new chain, a step in it and evidence keep every comment of the sample', () => {
  const comments = (s: string) => s.split('\n').filter((l) => /^\s*#/.test(l));
  let text = PRB;
  text = edit(text, { op: 'addChain', path: ['rca', 'five_whys'], name: 'Rollback', first: 'Chain 1' });
  text = edit(text, { op: 'add', path: ['rca', 'five_whys', 'Rollback'], item: { why: 'Why was there no rollback?', because: 'No procedure.' } });
  text = edit(text, { op: 'add', path: ['rca', 'fishbone', 'categories', 3, 'causes', 0, 'evidence'], item: 'ISP report 2025-09-20' });
  assert.deepEqual(comments(text), comments(PRB));
  const before = parse(PRB) as { rca: { five_whys: unknown[] } };
  const v = parse(text) as { rca: { five_whys: Record<string, unknown[]>; fishbone: { categories: { causes: Record<string, unknown>[] }[] } } };
  assert.deepEqual(v.rca.five_whys['Chain 1'], before.rca.five_whys);
  assert.deepEqual(v.rca.five_whys.Rollback, [{ why: 'Why was there no rollback?', because: 'No procedure.' }]);
  assert.deepEqual(v.rca.fishbone.categories[3].causes[0].evidence, ['ISP report 2025-09-20']);
});

test('field labels: the schema keys in the interface language, unknown keys made readable', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.id.json'), 'utf8')) as Record<string, string>;
  const data = parse(PRB) as Record<string, unknown>;
  const en = recordForm('problem', { ...data, x_custom_key: 1 });
  assert.equal(find(en.fields, 'problem_statement').label, 'Problem statement');
  assert.equal(find(en.fields, 'rca').label, 'Root cause analysis');
  assert.equal(find(en.fields, 'x_custom_key').label, 'X custom key');
  setL10nBundle(bundle, 'id');
  try {
    const id = recordForm('problem', data);
    assert.equal(find(id.fields, 'problem_statement').label, 'Pernyataan masalah');
    assert.equal(find(id.fields, 'owner').label, 'Pemilik');
    const rca = find(id.fields, 'rca');
    assert.ok(rca.type === 'group' && rca.label === 'Analisis akar masalah');
    assert.equal(find(rca.fields, 'root_causes').label, 'Daftar akar masalah');
    // The YAML keys themselves stay.
    assert.deepEqual(id.fields.map((f) => f.key), en.fields.filter((f) => f.key !== 'x_custom_key').map((f) => f.key));
  } finally {
    setL10nBundle(undefined);
  }
});

// ---- problem tasks -------------------------------------------------------------------------------

const comments = (s: string) => s.split('\n').filter((l) => /^\s*#/.test(l));

function taskEdit(text: string, op: FormOp, today = '2030-07-02'): string {
  const e = taskFormEdit(text, 0, op, config, today);
  assert.ok(e, `a task edit for ${JSON.stringify(op)}`);
  return applyEdits(text, [e]);
}

test('PRB-0007\'s tasks in the form: three rows with their fields, the open one overdue by the days the diagnostic counts', () => {
  const value = parse(PRB) as Record<string, unknown>;
  const tasks = find(recordForm('problem', value).fields, 'tasks');
  assert.ok(tasks.type === 'list' && tasks.item === 'task' && tasks.label === 'Tasks');
  assert.deepEqual(
    tasks.items.map((t) => t.type === 'task' && [t.id, t.status, t.overdueDays]),
    [
      ['T1', 'done', 0],
      ['T2', 'done', 0],
      ['T3', 'in-progress', 0],
    ],
  );
  const t3 = tasks.items[2];
  assert.ok(t3.type === 'task');
  assert.deepEqual(t3.fields.map((f) => `${f.key}:${f.type}`), ['id:text', 'title:text', 'type:enum', 'owner:text', 'due:text', 'status:enum', 'done_at:text', 'link:text']);
  const type = find(t3.fields, 'type');
  assert.ok(type.type === 'enum' && type.value === 'preventive' && type.options.join() === 'rca,corrective,preventive,general');
  const status = find(t3.fields, 'status');
  assert.ok(status.type === 'enum' && status.options.join() === 'open,in-progress,done,cancelled');
  const due = find(t3.fields, 'due');
  assert.ok(due.type === 'text' && due.format === 'date' && due.value === '2030-06-30' && due.label === 'Due');
  assert.deepEqual(find(t3.fields, 'done_at').path, ['tasks', 2, 'done_at']);
  // Against a day: the open task past its due date counts its days; done tasks never do.
  const on = (today: string) => {
    const f = find(withTaskState(recordForm('problem', value), value, today).fields, 'tasks');
    return f.type === 'list' ? f.items.map((t) => (t.type === 'task' ? t.overdueDays : -1)) : [];
  };
  assert.deepEqual(on('2030-06-30'), [0, 0, 0]);
  assert.deepEqual(on('2030-07-01'), [0, 0, 1]);
  assert.deepEqual(on('2031-06-30'), [0, 0, 365]);
  // A problem without tasks still has the section, empty, to add the first.
  const none = find(recordForm('problem', { kind: 'problem', id: 'PRB-0001', title: 'x' }).fields, 'tasks');
  assert.ok(none.type === 'list' && none.item === 'task' && none.items.length === 0);
});

test('a new task: the next free id, open, at the end of the list; the first task of a problem makes the list', () => {
  const added = taskEdit(PRB, { op: 'addTask', path: ['tasks'], title: 'Write the rollback runbook: step # 1', owner: 'NOC lead', due: '2030-08-15' });
  assert.ok(
    added.endsWith('    status: in-progress\n  - id: T4\n    title: "Write the rollback runbook: step # 1"\n    owner: NOC lead\n    due: 2030-08-15\n    status: open\n'),
    added.slice(-300),
  );
  assert.deepEqual(comments(added), comments(PRB));
  assert.deepEqual((parse(added) as { tasks: unknown[] }).tasks[3], { id: 'T4', title: 'Write the rollback runbook: step # 1', owner: 'NOC lead', due: '2030-08-15', status: 'open' });
  // Only a title: no owner, no due date.
  assert.ok(taskEdit(added, { op: 'addTask', path: ['tasks'], title: 'Stress-test the router' }).endsWith('  - id: T5\n    title: Stress-test the router\n    status: open\n'));
  const bare = 'kind: problem\nid: PRB-0001\ntitle: VPN\nknown_error: KE-0001 # published\ntags: [VPN]\n';
  assert.equal(
    taskEdit(bare, { op: 'addTask', path: ['tasks'], title: 'Find the cause' }),
    'kind: problem\nid: PRB-0001\ntitle: VPN\nknown_error: KE-0001 # published\ntasks:\n  - id: T1\n    title: Find the cause\n    status: open\ntags: [VPN]\n',
  );
  // An empty title writes nothing; `formEdit` leaves task operations to `taskFormEdit`.
  assert.equal(taskFormEdit(PRB, 0, { op: 'addTask', path: ['tasks'], title: '  ' }, config, '2030-07-02'), undefined);
  assert.equal(formEdit(PRB, 0, 'problem', { op: 'addTask', path: ['tasks'], title: 'x' }, config), undefined);
  assert.equal(taskFormEdit(PRB, 0, { op: 'set', path: ['owner'], value: 'x' }, config, '2030-07-02'), undefined);
});

test('marking a task done sets its status and done_at today in one edit; a status changes like any field; comments stay', () => {
  const done = taskEdit(PRB, { op: 'taskDone', path: ['tasks', 2] }, '2030-07-02');
  assert.ok(done.endsWith('    owner: NOC lead\n    due: 2030-06-30\n    status: done\n    done_at: 2030-07-02\n'), done.slice(-200));
  assert.equal(done.split('\n').length, PRB.split('\n').length + 1, 'one line added, none other touched');
  assert.deepEqual(comments(done), comments(PRB));
  // A task written without a status gets one.
  const noStatus = 'kind: problem\nid: PRB-0001\ntitle: VPN\ntasks:\n  - id: T1 # first\n    title: Roll back\n';
  assert.equal(taskEdit(noStatus, { op: 'taskDone', path: ['tasks', 0] }, '2025-10-01'), noStatus + '    status: done\n    done_at: 2025-10-01\n');
  assert.equal(taskFormEdit(PRB, 0, { op: 'taskDone', path: ['tasks', 7] }, config, '2030-07-02'), undefined);
  // The status select and the date pickers are ordinary fields.
  const cancelled = edit(PRB, { op: 'set', path: ['tasks', 2, 'status'], value: 'cancelled' });
  assert.ok(cancelled.endsWith('    due: 2030-06-30\n    status: cancelled\n'));
  const moved = edit(PRB, { op: 'set', path: ['tasks', 2, 'due'], value: '2030-09-30' });
  assert.ok(moved.includes('    due: 2030-09-30\n    status: in-progress\n'));
  assert.deepEqual(comments(moved), comments(PRB));
});
