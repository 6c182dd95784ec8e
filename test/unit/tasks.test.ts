// Problem tasks: the five diagnostics, their severities, the two quick fixes, the list the CLI and
// the Tasks view show, `kedb tasks` in English and Indonesian, and completion and hover from the schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { completionsAt, describeKey, listTasks, parseRangedFile, quickFixesFor, setIn, taskRange, type Workspace } from '../../src/core';
import { setL10nBundle } from '../../src/core/base';
import { groupDescription, groupTasks, taskLabel } from '../../src/extension/tasks/tree';
import { at, REPO_ROOT, runKedb } from './helpers';
import { apply, codes, issue, workspace } from './kedbHelpers';

// The clock of every workspace here: 2025-10-15, a morning in Jakarta.
const NOW = '2025-10-15T09:00:00+07:00';
const FILE = 'problems/PRB-0001.yaml';
const TASK_CODES = ['task-overdue', 'task-owner-missing', 'task-done-at-missing', 'problem-open-tasks', 'duplicate-task-id', 'review-action-untracked'];

const problem = (status: string, tasks: string) => `kind: problem\nid: PRB-0001\ntitle: VPN drops at the clinics\nstatus: ${status}\nassignment_group: NOC\ntasks:\n${tasks}`;
const ws1 = (text: string, config?: string): Workspace => workspace(config === undefined ? { [FILE]: text } : { 'kedb.config.yaml': config, [FILE]: text }, NOW);
const messages = (ws: Workspace) => ws.issuesFor(FILE).filter((i) => TASK_CODES.includes(i.code)).map((i) => `${at(i.range)} ${i.severity} ${i.code} ${i.message}`);

const FOUR = `  - id: T1
    title: Roll the router firmware back to 1.0.3
    type: corrective
    owner: NOC lead
    due: 2025-09-25 # agreed in the CAB
    status: open
  - id: T2
    title: Real-time VPN alerting
    type: preventive
    due: 2025-10-14
    status: in-progress
  - id: T3
    title: Redundant router
    type: preventive
    owner: Network architect
    due: 2025-12-01
  - id: T4
    title: Write the rollback procedure
    owner: NOC lead
    due: 2025-09-01
    status: done
    done_at: 2025-09-30
`;

// ---- the diagnostics ---------------------------------------------------------------------------

test('task-overdue: an open or in-progress task past its due date, in whole days against the store clock, at its due date', () => {
  const ws = ws1(problem('fix-in-progress', FOUR));
  assert.deepEqual(messages(ws), [
    '11:10-11:20 warning task-overdue T1 is 20 days overdue (due 2025-09-25): roll it forward or mark it done.',
    '13:9-13:11 warning task-owner-missing T2 has no owner: name the person or role who will do it.',
    '16:10-16:20 warning task-overdue T2 is 1 day overdue (due 2025-10-14): roll it forward or mark it done.',
  ]);
  // Due today is not overdue; a done or cancelled task never is.
  ws.clock = () => '2025-10-14T23:59:00+07:00';
  ws.setFileText(FILE, problem('fix-in-progress', FOUR.replace('    type: preventive\n    due: 2025-10-14', '    type: preventive\n    owner: NOC\n    due: 2025-10-14')));
  assert.deepEqual(messages(ws), ['11:10-11:20 warning task-overdue T1 is 19 days overdue (due 2025-09-25): roll it forward or mark it done.']);
  ws.setFileText(FILE, problem('fix-in-progress', FOUR.replace('    status: open\n', '    status: cancelled\n').replace('due: 2025-10-14', 'due: 2025-10-20\n    owner: NOC')));
  assert.deepEqual(messages(ws), []);
});

test('task-owner-missing: an open task with no owner (or a blank one); done and cancelled tasks need none', () => {
  const ws = ws1(problem('assessed', '  - id: T1\n    title: Find the cause\n    owner: "  "\n  - id: T2\n    title: Old\n    status: done\n    done_at: 2025-10-01\n  - id: T3\n    title: Dropped\n    status: cancelled\n'));
  assert.deepEqual(messages(ws), ['9:12-9:16 warning task-owner-missing T1 has no owner: name the person or role who will do it.']);
});

test('task-done-at-missing: a done task without done_at; the quick fix sets it to today at the task\'s own indentation', () => {
  const text = problem('fix-in-progress', '  - id: T1\n    title: Roll back # the 1.0.3 image\n    owner: NOC\n    status: done\n  - id: T2\n    title: Alerting\n    owner: NOC\n    due: 2026-01-01\n');
  const ws = ws1(text);
  assert.deepEqual(messages(ws), ['10:13-10:17 warning task-done-at-missing T1 is done but does not say when: set done_at to the day it was done.']);
  const found = issue(ws, FILE, 'task-done-at-missing');
  const fixes = quickFixesFor(found, { workspace: ws, path: FILE, ranged: parseRangedFile(text, ws.config), now: NOW });
  assert.deepEqual(fixes.map((f) => [f.title, f.isPreferred]), [['Set done_at to today (2025-10-15)', true]]);
  apply(ws, fixes[0].edits);
  assert.equal(ws.textOf(FILE), text.replace('    status: done\n', '    status: done\n    done_at: 2025-10-15\n'));
  assert.deepEqual(messages(ws), []);
});

test('problem-open-tasks: a resolved or closed problem whose tasks are still open or in progress, at its status', () => {
  const tasks = '  - id: T1\n    title: A\n    owner: NOC\n    due: 2026-01-01\n  - id: T2\n    title: B\n    owner: NOC\n    status: in-progress\n  - id: T3\n    title: C\n    status: cancelled\n';
  const config = 'lifecycle:\n  rules:\n    resolution-code-missing: "off"\n';
  assert.deepEqual(messages(ws1(problem('resolved', tasks), config)), [
    '4:9-4:17 warning problem-open-tasks This problem is resolved, but 2 tasks are still open (T1 and T2): finish them or cancel them.',
  ]);
  assert.deepEqual(messages(ws1(problem('closed', tasks.replace('status: in-progress', 'status: done\n    done_at: 2025-10-01')), config)), [
    '4:9-4:15 warning problem-open-tasks This problem is closed, but T1 is still open: finish it or cancel it.',
  ]);
  assert.deepEqual(messages(ws1(problem('fix-in-progress', tasks), config)), []);
});

test('duplicate-task-id: the second task with an id; the quick fix renames it past the highest T<n>', () => {
  const text = problem('assessed', '  - id: T1\n    title: A\n    owner: NOC\n  - id: T3\n    title: B\n    owner: NOC\n  - id: T1 # copied\n    title: C\n    owner: NOC\n');
  const ws = ws1(text);
  assert.deepEqual(messages(ws), ['13:9-13:11 error duplicate-task-id Task id T1 is used twice in this problem (tasks 1 and 3): give each task its own id.']);
  const found = issue(ws, FILE, 'duplicate-task-id');
  const fixes = quickFixesFor(found, { workspace: ws, path: FILE, ranged: parseRangedFile(text, ws.config), now: NOW });
  assert.deepEqual(fixes.map((f) => f.title), ['Rename this task to T4']);
  apply(ws, fixes[0].edits);
  assert.equal(ws.textOf(FILE), text.replace('- id: T1 # copied', '- id: T4 # copied'));
  assert.deepEqual(messages(ws), []);
});

test('review-action-untracked: a review action no task tracks; the quick fix makes it a task under the last one, and the owner is asked next', () => {
  const reviewed = (tasks: string) =>
    `kind: problem\nid: PRB-0001\ntitle: VPN drops at the clinics\nstatus: fix-in-progress\nassignment_group: NOC\nmajor: true\nreview:\n  held_at: 2025-10-10\n  actions:\n    - Add a second uplink at each clinic # from the review\n    - "Alert on tunnel flaps: more than 3 an hour"\n${tasks}`;
  const text = reviewed('tasks:\n  - id: T1\n    title: Add a second uplink at each clinic\n    owner: NOC lead\n    due: 2025-12-01\n');
  const ws = ws1(text);
  // The first action is already task T1 (same title); the second is not.
  assert.deepEqual(messages(ws), ['11:7-11:51 info review-action-untracked This follow-up action is not a task yet, so nobody owns it and it has no due date: turn it into a task.']);
  const found = issue(ws, FILE, 'review-action-untracked');
  const fixes = quickFixesFor(found, { workspace: ws, path: FILE, ranged: parseRangedFile(text, ws.config), now: NOW });
  assert.deepEqual(fixes.map((f) => f.title), ['Turn this action into task T2']);
  apply(ws, fixes[0].edits);
  assert.equal(ws.textOf(FILE), text + '  - id: T2\n    title: "Alert on tunnel flaps: more than 3 an hour"\n    type: preventive\n    status: open\n');
  // Tracked now; the new task has no owner yet, which is the next thing asked.
  assert.deepEqual(
    messages(ws).map((m) => m.split(' ').slice(1, 3).join(' ')),
    ['warning task-owner-missing'],
  );
  // A problem with no tasks list yet gets one, and the comment on the action stays.
  const none = reviewed('');
  const ws2 = ws1(none);
  const first = ws2.issuesFor(FILE).find((i) => i.code === 'review-action-untracked')!;
  const fix = quickFixesFor({ ...first, path: FILE } as never, { workspace: ws2, path: FILE, ranged: parseRangedFile(none, ws2.config), now: NOW })[0];
  apply(ws2, fix.edits);
  assert.match(ws2.textOf(FILE)!, /# from the review\n[\s\S]*\ntasks:\n {2}- id: T1\n {4}title: Add a second uplink at each clinic\n {4}type: preventive\n {4}status: open\n$/);
});

test('a task without an id is named by its place; overdue, owner and status problems have no quick fix', () => {
  const ws = ws1(problem('resolved', '  - title: Nameless\n    due: 2025-10-01\n'), 'lifecycle:\n  rules:\n    resolution-code-missing: "off"\n');
  assert.deepEqual(
    ws.issuesFor(FILE).filter((i) => TASK_CODES.includes(i.code)).map((i) => i.message),
    [
      'This problem is resolved, but task 1 is still open: finish it or cancel it.',
      'task 1 has no owner: name the person or role who will do it.',
      'task 1 is 14 days overdue (due 2025-10-01): roll it forward or mark it done.',
    ],
  );
  const text = ws.textOf(FILE)!;
  for (const code of ['task-overdue', 'task-owner-missing', 'problem-open-tasks']) {
    assert.deepEqual(quickFixesFor(issue(ws, FILE, code), { workspace: ws, path: FILE, ranged: parseRangedFile(text, ws.config), now: NOW }), [], code);
  }
});

test('the task rules take their severity from lifecycle.rules in kedb.config.yaml, or are turned off', () => {
  const text = problem('fix-in-progress', FOUR);
  const ws = ws1(text, 'lifecycle:\n  rules:\n    task-overdue: error\n    task-owner-missing: "off"\n');
  assert.deepEqual(codes(ws, FILE, TASK_CODES), ['error task-overdue', 'error task-overdue']);
  // The config schema knows the rules: a wrong level is reported there.
  const bad = ws1(text, 'lifecycle:\n  rules:\n    duplicate-task-id: loud\n');
  assert.ok(bad.issuesFor('kedb.config.yaml').some((i) => i.message.includes('duplicate-task-id') || i.message.includes('loud')), JSON.stringify(bad.issuesFor('kedb.config.yaml')));
});

test('the schema checks a task: unknown keys, a type or status outside the lists, a due date that is no date', () => {
  const ws = ws1(problem('assessed', '  - id: T1\n    title: A\n    owner: NOC\n    type: fix\n    status: doing\n    due: next week\n    colour: red\n'));
  assert.deepEqual(
    ws.issuesFor(FILE).map((i) => `${at(i.range)} ${i.code}`).sort(),
    ['10:11-10:14 invalid-value', '11:13-11:18 invalid-value', '12:10-12:19 invalid-format', '13:5-13:11 unknown-property'].sort(),
  );
});

test('setIn walks into a list item by index, adding a key at the item\'s indentation and keeping comments', () => {
  const text = 'kind: problem\nid: PRB-0001\ntitle: X\ntasks:\n  # first\n  - id: T1 # keep\n    title: A\n  -   id: T2\n      title: B\n';
  const ws = ws1(text);
  const edit = setIn(text, 0, ['tasks', 1, 'owner'], { inline: 'NOC' }, ws.config)!;
  assert.equal(text.slice(0, edit.start) + edit.text + text.slice(edit.end), text + '      owner: NOC\n');
  const replace = setIn(text, 0, ['tasks', 0, 'title'], { inline: 'Z' }, ws.config)!;
  assert.equal(text.slice(0, replace.start) + replace.text + text.slice(replace.end), text.replace('title: A', 'title: Z'));
  assert.equal(setIn(text, 0, ['tasks', 5, 'owner'], { inline: 'NOC' }, ws.config), undefined);
  assert.equal(setIn(text, 0, ['title', 0, 'owner'], { inline: 'NOC' }, ws.config), undefined);
});

// ---- the list: CLI rows and the Tasks view -------------------------------------------------------

test('listTasks: every problem\'s tasks by due date then problem id, overdue days against today, filtered by --overdue and --owner', () => {
  const ws = workspace(
    {
      'problems/PRB-0002.yaml': 'kind: problem\nid: PRB-0002\ntitle: Printers\ntasks:\n  - id: T1\n    title: Replace the drum\n    owner: noc lead\n    due: 2025-09-25\n  - id: T2\n    title: No date\n    owner: Desk\n',
      [FILE]: problem('fix-in-progress', FOUR),
    },
    NOW,
  );
  const rows = listTasks(ws.records('problem'), { today: '2025-10-15' });
  assert.deepEqual(
    rows.map((r) => `${r.task.due ?? '-'} ${r.problem} ${r.task.id} ${r.overdueDays}`),
    ['2025-09-01 PRB-0001 T4 0', '2025-09-25 PRB-0001 T1 20', '2025-09-25 PRB-0002 T1 20', '2025-10-14 PRB-0001 T2 1', '2025-12-01 PRB-0001 T3 0', '- PRB-0002 T2 0'],
  );
  assert.deepEqual(listTasks(ws.records('problem'), { today: '2025-10-15', overdue: true }).map((r) => `${r.problem} ${r.task.id}`), ['PRB-0001 T1', 'PRB-0002 T1', 'PRB-0001 T2']);
  assert.deepEqual(listTasks(ws.records('problem'), { today: '2025-10-15', owner: ' NOC Lead ' }).map((r) => `${r.problem} ${r.task.id}`), ['PRB-0001 T4', 'PRB-0001 T1', 'PRB-0002 T1']);

  // The Tasks view: by owner, the groups with overdue tasks first, overdue tasks first inside them.
  const byOwner = groupTasks(rows, 'owner', '2025-10-15');
  assert.deepEqual(
    byOwner.map((g) => [g.label, groupDescription(g), g.rows.map((r) => `${taskLabel(r).label} | ${taskLabel(r).description}`)]),
    [
      [
        'NOC lead',
        '3 tasks, 2 overdue',
        ['PRB-0001 T1 · Roll the router firmware back to 1.0.3 | 20 days overdue', 'PRB-0002 T1 · Replace the drum | 20 days overdue', 'PRB-0001 T4 · Write the rollback procedure | done'],
      ],
      ['No owner', '1 task, overdue', ['PRB-0001 T2 · Real-time VPN alerting | 1 day overdue']],
      ['Desk', '1 task', ['PRB-0002 T2 · No date | open']],
      ['Network architect', '1 task', ['PRB-0001 T3 · Redundant router | due 2025-12-01']],
    ],
  );
  // By due date: overdue, within a week, later, no date, done or cancelled.
  assert.deepEqual(
    groupTasks(rows, 'due', '2025-10-15').map((g) => `${g.label}: ${g.rows.map((r) => `${r.problem} ${r.task.id}`).join(', ')}`),
    ['Overdue: PRB-0001 T1, PRB-0002 T1, PRB-0001 T2', 'Due later: PRB-0001 T3', 'No due date: PRB-0002 T2', 'Done or cancelled: PRB-0001 T4'],
  );
  assert.deepEqual(groupTasks(rows, 'due', '2025-11-25').map((g) => g.label), ['Overdue', 'Due within 7 days', 'No due date', 'Done or cancelled']);
});

test('taskRange: a task opens at its id in the problem file, or at the task when it has none', () => {
  const text = problem('assessed', '  - id: T1\n    title: A\n  - title: B\n    owner: NOC\n');
  const ws = ws1(text);
  assert.equal(at(taskRange(text, ws.config, 0, 0)!), '7:9-7:11');
  assert.equal(at(taskRange(text, ws.config, 0, 1)!).slice(0, 4), '9:5-');
  assert.equal(taskRange(text, ws.config, 0, 2), undefined);
});

// ---- completion and hover read the schema ----------------------------------------------------------

test('completion inside a task offers its fields and the values of type and status; hover describes them', () => {
  const ws = ws1(problem('assessed', '  - id: T1\n    title: A\n'));
  const complete = (src: string) => {
    const i = src.indexOf('§');
    const text = src.slice(0, i) + src.slice(i + 1);
    const before = text.slice(0, i).split('\n');
    return completionsAt(text, { line: before.length - 1, character: before.at(-1)!.length }, { path: FILE, workspace: ws, now: NOW, documents: parseRangedFile(text, ws.config).documents });
  };
  const keys = complete('kind: problem\nid: PRB-0001\ntitle: X\ntasks:\n  - id: T1\n    title: A\n    §\n').items.map((e) => e.label).sort();
  assert.deepEqual(keys, ['done_at', 'due', 'link', 'owner', 'status', 'type']);
  const types = complete('kind: problem\nid: PRB-0001\ntitle: X\ntasks:\n  - id: T1\n    type: §\n').items.map((e) => e.label);
  assert.deepEqual(types, ['rca', 'corrective', 'preventive', 'general']);
  const statuses = complete('kind: problem\nid: PRB-0001\ntitle: X\ntasks:\n  - id: T1\n    status: §\n').items.map((e) => e.label);
  assert.deepEqual(statuses, ['open', 'in-progress', 'done', 'cancelled']);
  assert.equal(describeKey('problem', ['tasks', 0, 'due']), 'The date it is due, e.g. `2025-10-01`; an open task past it is overdue.');
  assert.equal(describeKey('problem', ['tasks', 0, 'owner']), 'Who does it: a person or a role, e.g. `NOC lead`.');
});

test('in Indonesian, the task diagnostics and the view\'s groups read in Indonesian', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.id.json'), 'utf8')) as Record<string, string>;
  setL10nBundle(bundle, 'id');
  try {
    const ws = ws1(problem('fix-in-progress', FOUR));
    assert.deepEqual(ws.issuesFor(FILE).filter((i) => i.code === 'task-overdue').map((i) => i.message), [
      'T1 terlambat 20 hari (tenggat 2025-09-25): mundurkan tenggatnya atau tandai selesai.',
      'T2 terlambat 1 hari (tenggat 2025-10-14): mundurkan tenggatnya atau tandai selesai.',
    ]);
    const rows = listTasks(ws.records('problem'), { today: '2025-10-15' });
    assert.deepEqual(groupTasks(rows, 'due', '2025-10-15').map((g) => `${g.label} (${groupDescription(g)})`), ['Terlambat (2 tugas, 2 terlambat)', 'Tenggat nanti (1 tugas)', 'Selesai atau dibatalkan (1 tugas)']);
  } finally {
    setL10nBundle(undefined);
  }
});

// ---- kedb tasks ------------------------------------------------------------------------------------

const LAB = path.join('samples', 'lab-02');

const kedb = runKedb;

/** A workspace of two problems with tasks, in a temporary folder. */
function fixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-tasks-'));
  fs.mkdirSync(path.join(dir, 'problems'));
  fs.writeFileSync(path.join(dir, FILE), problem('fix-in-progress', FOUR));
  fs.writeFileSync(
    path.join(dir, 'problems', 'PRB-0002.yaml'),
    'kind: problem\nid: PRB-0002\ntitle: Printers\nstatus: assessed\ntasks:\n  - id: T1\n    title: "Swap the | drum *now*"\n    type: corrective\n    owner: NOC lead\n    due: 2025-09-25\n',
  );
  return dir;
}

test('kedb tasks --format json: every task with its problem and overdue_days, by due date then problem id', () => {
  const dir = fixture();
  const r = kedb(['tasks', dir, '--now', '2025-10-15', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.deepEqual(rows[1], { problem: 'PRB-0001', id: 'T1', title: 'Roll the router firmware back to 1.0.3', type: 'corrective', owner: 'NOC lead', due: '2025-09-25', status: 'open', overdue_days: 20 });
  assert.deepEqual(rows.map((x) => `${x.problem} ${x.id} ${x.overdue_days}`), ['PRB-0001 T4 0', 'PRB-0001 T1 20', 'PRB-0002 T1 20', 'PRB-0001 T2 1', 'PRB-0001 T3 0']);
  assert.deepEqual(rows[3].owner, null);
  // --overdue and --owner filter; JSON stays English under LANG=id.
  const late = JSON.parse(kedb(['tasks', dir, '--now', '2025-10-15', '--overdue', '--owner', 'noc lead', '--format', 'json'], 'id_ID.UTF-8').stdout) as Record<string, unknown>[];
  assert.deepEqual(late.map((x) => `${x.problem} ${x.id}`), ['PRB-0001 T1', 'PRB-0002 T1']);
  fs.rmSync(dir, { recursive: true });
});

test('kedb tasks --format md: a Markdown table with every cell escaped', () => {
  const dir = fixture();
  const r = kedb(['tasks', dir, '--now', '2025-10-15', '--overdue', '--format', 'md']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      '| Problem | Task | Title | Type | Owner | Due | Status | Overdue (days) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      '| PRB-0001 | T1 | Roll the router firmware back to 1.0.3 | corrective | NOC lead | 2025-09-25 | open | 20 |',
      '| PRB-0002 | T1 | Swap the \\| drum \\*now\\* | corrective | NOC lead | 2025-09-25 | open | 20 |',
      '| PRB-0001 | T2 | Real-time VPN alerting | preventive |  | 2025-10-14 | in-progress | 1 |',
      '',
    ].join('\n'),
  );
  fs.rmSync(dir, { recursive: true });
});

test('kedb tasks on lab-02: PRB-0007\'s three actions, none overdue today, T3 overdue with --now 2030-07-15; in English and Indonesian', () => {
  const today = kedb(['tasks', LAB, '--overdue']);
  assert.equal(today.code, 0, today.stderr);
  assert.match(today.stdout, /^No task is overdue on \d{4}-\d{2}-\d{2}\.\n$/);
  const en = kedb(['tasks', LAB, '--now', '2030-07-15']);
  assert.equal(en.code, 0, en.stderr);
  assert.equal(
    en.stdout,
    [
      '2025-09-26  PRB-0007 T1  NOC                done         Roll the Cisco RV340 firmware back to the last stable version',
      '2025-10-31  PRB-0007 T2  Yohanes Kurniawan  done         Set up real-time monitoring and alerting of the VPN tunnels and connection logs',
      '2030-06-30  PRB-0007 T3  NOC lead           in-progress  Add a redundant router and path for the telemedicine network  (15 days overdue)',
      '',
      '3 tasks, 1 overdue on 2030-07-15.',
      '',
    ].join('\n'),
  );
  const id = kedb(['tasks', LAB, '--now', '2030-07-15', '--owner', 'NOC lead'], 'id_ID.UTF-8');
  assert.equal(id.code, 0, id.stderr);
  assert.equal(id.stdout, '2030-06-30  PRB-0007 T3  NOC lead  in-progress  Add a redundant router and path for the telemedicine network  (terlambat 15 hari)\n\n1 tugas, 1 terlambat pada 2030-07-15.\n');
  assert.equal(kedb(['tasks', LAB, '--now', '2030-07-15', '--overdue', '--lang', 'id']).stdout.split('\n').at(-2), '1 tugas, 1 terlambat pada 2030-07-15.');
  assert.equal(kedb(['tasks', LAB, '--owner', 'nobody', '--lang', 'id']).stdout, 'Tidak ada tugas.\n');
});

test('kedb validate --now counts overdue tasks against the day given, in both languages; a --now that is no date is bad usage', () => {
  const overdue = (out: string) => out.split('\n').filter((l) => l.includes(' task-overdue '));
  // Today (2026 or later, before T3's due date 2030-06-30) nothing is overdue; on 2030-07-15 T3 is 15 days late.
  assert.deepEqual(overdue(kedb(['validate', LAB, '--now', '2030-06-30']).stdout), []);
  assert.deepEqual(overdue(kedb(['validate', LAB, '--now', '2030-07-15']).stdout), [
    'samples/lab-02/problems/PRB-0007.yaml:147:10: warning task-overdue T3 is 15 days overdue (due 2030-06-30): roll it forward or mark it done.',
  ]);
  assert.deepEqual(overdue(kedb(['validate', LAB, '--now', '2030-07-15'], 'id_ID.UTF-8').stdout), [
    'samples/lab-02/problems/PRB-0007.yaml:147:10: warning task-overdue T3 terlambat 15 hari (tenggat 2030-06-30): mundurkan tenggatnya atau tandai selesai.',
  ]);
  const bad = kedb(['validate', LAB, '--now', 'tomorrow']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim().split('\n')[0], 'kedb validate: --now must be a date (YYYY-MM-DD), not "tomorrow"');
});

test('kedb tasks: a --now that is no date, or an unknown format, is bad usage (2), in the user\'s language', () => {
  const bad = kedb(['tasks', LAB, '--now', '2025-02-30']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim().split('\n')[0], 'kedb tasks: --now must be a date (YYYY-MM-DD), not "2025-02-30"');
  const id = kedb(['tasks', LAB, '--now', 'tomorrow'], 'id_ID.UTF-8');
  assert.equal(id.code, 2);
  assert.equal(id.stderr.trim().split('\n')[0], 'kedb tasks: --now harus berupa tanggal (YYYY-MM-DD), bukan "tomorrow"');
  assert.equal(kedb(['tasks', LAB, '--format', 'csv']).code, 2);
  const help = kedb(['tasks', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: kedb tasks \[DIR\] \[--overdue\] \[--owner NAME\] \[--now DATE\] \[--format text\|json\|md\]/);
  assert.match(kedb(['--help']).stdout, /\n {2}tasks \[DIR\] {15}List the tasks of the problems, by due date, with the days overdue\n/);
});
