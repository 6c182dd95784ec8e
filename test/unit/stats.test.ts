// Insights (`computeStats`): every figure on small workspaces written here, the seed's category
// table on lab-02, and each bad input of issue 21 (no dates, future dates, one date for all, a
// category of one record, thousands of categories, no history and no git).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoryTable, computeStats, detect, daysInStates, incidentFacts, statsHtml, statsMarkdown, statsText, Workspace, type GitHistory } from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { parseStatusLog, statusOfLine } from '../../src/node/gitHistory';
import { workspace } from './kedbHelpers';

const NOW = '2025-10-15';

const inc = (id: string, extra: Record<string, string> = {}) =>
  `kind: incident\nid: ${id}\ntitle: Ticket ${id}\n${Object.entries(extra)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n`;
const prb = (id: string, body: string) => `kind: problem\nid: ${id}\ntitle: Problem ${id}\n${body}`;

test('stats on lab-02: the Pareto by category is the seed\'s category table, in its order, with cumulative shares up to 1', async () => {
  const ws = await Workspace.load(new NodeFsHost('samples/lab-02'));
  const s = computeStats(ws, { now: NOW });
  const seed = categoryTable(incidentFacts(ws.records('incident')), ws.config.detection.category.minCount, ws.config.categories);
  assert.deepEqual(
    s.pareto.category.map((r) => [r.value, r.count]),
    seed.map((r) => [r.category, r.count]),
  );
  const total = seed.reduce((n, r) => n + r.count, 0);
  let running = 0;
  s.pareto.category.forEach((r, i) => {
    running += seed[i].count;
    assert.equal(r.share, seed[i].count / total);
    assert.equal(r.cumulative, running / total);
    assert.equal(r.ids.length, r.count);
  });
  assert.equal(s.pareto.category.at(-1)!.cumulative, 1);
  assert.equal(s.counts.incidents, total);
});

test('stats: a trend cut to its latest weeks keeps in each point only the incidents of that week', () => {
  const ws = workspace({
    'incidents/INC-0001.yaml': inc('INC-0001', { reported_at: '2025-09-01T08:00:00Z' }),
    'incidents/INC-0002.yaml': inc('INC-0002', { reported_at: '2025-09-24T08:00:00Z' }),
    'incidents/INC-0003.yaml': inc('INC-0003', { reported_at: '2025-10-02T08:00:00Z' }),
    'incidents/INC-0004.yaml': inc('INC-0004', { reported_at: '2025-09-29T08:00:00Z' }),
  });
  const s = computeStats(ws, { now: NOW, topCandidates: 0, maxWeeks: 2 });
  assert.deepEqual(s.weekly.weeks, ['2025-09-22', '2025-09-29']);
  assert.deepEqual(s.weekly.overall, [1, 2]);
  assert.deepEqual(s.weekly.overall_ids, [['INC-0002'], ['INC-0003', 'INC-0004']]);
  assert.ok(s.notes.includes('The incidents span 5 weeks: the trend shows the last 2, from 2025-09-22; 1 older incidents are left out of it.'));
});

test('stats: Pareto by service and CI counts the incidents that have one, most first, ties alphabetical', () => {
  const ws = workspace({
    'incidents/INC-0001.yaml': inc('INC-0001', { service: 'Mail', configuration_item: 'MX1' }),
    'incidents/INC-0002.yaml': inc('INC-0002', { service: 'mail', configuration_item: 'MX1' }),
    'incidents/INC-0003.yaml': inc('INC-0003', { service: 'Web' }),
    'incidents/INC-0004.yaml': inc('INC-0004', { service: 'Bank' }),
    'incidents/INC-0005.yaml': inc('INC-0005'),
  });
  const s = computeStats(ws, { now: NOW, topCandidates: 0 });
  assert.deepEqual(
    s.pareto.service.map((r) => [r.value, r.count, r.share, r.cumulative]),
    [
      ['Mail', 2, 0.5, 0.5],
      ['Bank', 1, 0.25, 0.75],
      ['Web', 1, 0.25, 1],
    ],
  );
  assert.deepEqual(s.pareto.configuration_item.map((r) => [r.value, r.ids]), [['MX1', ['INC-0001', 'INC-0002']]]);
  assert.ok(s.notes.includes('1 of 5 incidents have no service: the Pareto by service counts the other 4.'));
  assert.ok(s.notes.includes('No incident has a category: no Pareto by category.'));
});

test('stats: incidents per ISO week (Monday first, empty weeks kept), in each record\'s own day; a candidate has its own series', () => {
  const ws = workspace({
    // Sunday 2025-09-21 in Jakarta, and the Monday after.
    'incidents/INC-0001.yaml': inc('INC-0001', { category: 'Network', configuration_item: 'VPN-RTR-01', reported_at: '2025-09-21T23:30:00+07:00' }),
    'incidents/INC-0002.yaml': inc('INC-0002', { category: 'Network', configuration_item: 'VPN-RTR-01', reported_at: '2025-09-22T00:10:00+07:00' }),
    'incidents/INC-0003.yaml': inc('INC-0003', { category: 'Network', configuration_item: 'VPN-RTR-01', reported_at: '2025-10-07T10:00:00+07:00' }),
    'incidents/INC-0004.yaml': inc('INC-0004', { category: 'Printer', reported_at: '2025-10-08T10:00:00+07:00' }),
    // A category holding most incidents is context, not a candidate: other tickets, in the week of 2025-09-29.
    ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`incidents/INC-01${i + 10}.yaml`, inc(`INC-01${i + 10}`, { category: `Other ${i}`, reported_at: '2025-10-01T10:00:00Z' })])),
  });
  const s = computeStats(ws, { now: NOW });
  assert.deepEqual(s.weekly.weeks, ['2025-09-15', '2025-09-22', '2025-09-29', '2025-10-06']);
  assert.deepEqual(s.weekly.overall, [1, 1, 12, 2]);
  // Each point carries its own week's incidents, so a click opens that week and no other.
  const others = Array.from({ length: 12 }, (_, i) => `INC-01${i + 10}`);
  assert.deepEqual(s.weekly.overall_ids, [['INC-0001'], ['INC-0002'], others, ['INC-0003', 'INC-0004']]);
  // The top candidates as the detector ranks them, each counted in the weeks of its own incidents.
  const ranked = detect(ws.records('incident'), ws.config.detection, { categoryOrder: ws.config.categories }).candidates.slice(0, 5);
  assert.ok(ranked.length > 0);
  assert.deepEqual(
    s.weekly.candidates.map((c) => [c.label, c.ids]),
    ranked.map((c) => [c.label, c.incidents]),
  );
  const weekOf: Record<string, number> = { 'INC-0001': 0, 'INC-0002': 1, 'INC-0003': 3, 'INC-0004': 3 };
  for (const c of s.weekly.candidates) {
    const want = [0, 0, 0, 0];
    for (const id of c.ids) want[weekOf[id] ?? 2]++;
    assert.deepEqual(c.counts, want, c.label);
    // The week's ids are the candidate's incidents of that week, together all of them.
    assert.deepEqual(c.week_ids?.map((ids) => ids.length), c.counts, c.label);
    c.week_ids?.forEach((ids, week) => ids.forEach((id) => assert.equal(weekOf[id] ?? 2, week, `${c.label}: ${id}`)));
    assert.deepEqual(c.week_ids?.flat().sort(), [...c.ids].sort(), c.label);
  }
  const vpn = s.weekly.candidates.find((c) => c.ids.includes('INC-0001'));
  assert.deepEqual(vpn?.counts, [1, 1, 0, 1]);
  assert.deepEqual(vpn?.week_ids, [['INC-0001'], ['INC-0002'], [], ['INC-0003']]);
});

test('stats bad input: no dates, dates in the future, the same date for every record: a correct figure and a sentence each', () => {
  const none = computeStats(workspace({ 'incidents/INC-0001.yaml': inc('INC-0001'), 'incidents/INC-0002.yaml': inc('INC-0002') }), { now: NOW });
  assert.deepEqual(none.weekly, { weeks: [], overall: [], overall_ids: [], candidates: [] });
  assert.ok(none.notes.includes('No incident has a valid date (reported_at): no weekly trend.'));

  const future = computeStats(
    workspace({
      'incidents/INC-0001.yaml': inc('INC-0001', { reported_at: '2025-10-01T08:00:00Z' }),
      'incidents/INC-0002.yaml': inc('INC-0002', { reported_at: '2031-01-01T08:00:00Z' }),
      'incidents/INC-0003.yaml': inc('INC-0003', { reported_at: 'yesterday' }),
    }),
    { now: NOW },
  );
  assert.deepEqual(future.weekly.overall, [1]);
  assert.deepEqual(future.weekly.overall_ids, [['INC-0001']]);
  assert.ok(future.notes.includes('1 incidents are dated after 2025-10-15: they are left out of the weekly trend.'));
  assert.ok(future.notes.includes('1 of 3 incidents have no valid date (reported_at): they are left out of the weekly trend.'));

  const files: Record<string, string> = {};
  for (let i = 1; i <= 5; i++) files[`incidents/INC-000${i}.yaml`] = inc(`INC-000${i}`, { reported_at: '2025-10-01T08:00:00Z', category: i === 5 ? 'Lonely' : 'Same' });
  const same = computeStats(workspace(files), { now: NOW });
  assert.deepEqual(same.weekly.weeks, ['2025-09-29']);
  assert.deepEqual(same.weekly.overall, [5]);
  assert.ok(same.notes.includes('Every dated incident falls in the week of 2025-09-29: one point, no trend yet.'));
  // A category with one record is a row of its own.
  assert.deepEqual(same.pareto.category.map((r) => [r.value, r.count, r.cumulative]), [
    ['Same', 4, 0.8],
    ['Lonely', 1, 1],
  ]);
});

test('stats bad input: thousands of distinct categories keep every row in the data; the tables show the top 20 and one "others" row', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 3000; i++) files[`incidents/INC-${String(i).padStart(4, '0')}.yaml`] = inc(`INC-${String(i).padStart(4, '0')}`, { category: `Cat ${i}` });
  const s = computeStats(workspace(files), { now: NOW, topCandidates: 0 });
  assert.equal(s.pareto.category.length, 3000);
  assert.equal(s.pareto.category.at(-1)!.cumulative, 1);
  assert.ok(s.notes.includes('Every category occurs once: the Pareto by category has no repeated value.'));
  const text = statsText(s);
  assert.match(text, /\n {4}Others \(2980 values\) +2980 +99\.3% +100\.0%\n/);
  assert.match(statsMarkdown(s), /\| {2}\| Others \(2980 values\) \| 2980 \| 99\.3% \| 100\.0% \|/);
});

test('stats: problems by state in lifecycle order, and the age of the open ones in buckets with the median and the oldest', () => {
  const ws = workspace({
    'problems/PRB-0001.yaml': prb('PRB-0001', 'status: new\ncreated_at: "2025-10-10T09:00:00+07:00"\n'), // 5 days
    'problems/PRB-0002.yaml': prb('PRB-0002', 'status: assessed\ncreated_at: "2025-09-15T09:00:00+07:00"\n'), // 30 days
    'problems/PRB-0003.yaml': prb('PRB-0003', 'status: root-cause-analysis\ncreated_at: "2025-08-01T09:00:00Z"\n'), // 75 days
    'problems/PRB-0004.yaml': prb('PRB-0004', 'status: fix-in-progress\ncreated_at: "2025-01-01T09:00:00Z"\n'), // 287 days
    'problems/PRB-0005.yaml': prb('PRB-0005', 'status: closed\ncreated_at: "2020-01-01T09:00:00Z"\n'),
    // No created_at: the first recorded state gives its age.
    'problems/PRB-0006.yaml': prb('PRB-0006', 'status: new\nhistory:\n  - status: new\n    at: "2025-10-14T08:00:00Z"\n'),
    // Neither: its age is not known, and said.
    'problems/PRB-0007.yaml': prb('PRB-0007', ''),
    // Created after the day counted at.
    'problems/PRB-0008.yaml': prb('PRB-0008', 'status: new\ncreated_at: "2026-01-01T09:00:00Z"\n'),
  });
  const s = computeStats(ws, { now: NOW });
  assert.deepEqual(
    s.problems_by_state.map((x) => [x.state, x.count]),
    [
      ['new', 4],
      ['assessed', 1],
      ['root-cause-analysis', 1],
      ['fix-in-progress', 1],
      ['resolved', 0],
      ['closed', 1],
      ['cancelled', 0],
    ],
  );
  assert.deepEqual(
    s.aging.open.map((o) => [o.id, o.age_days]),
    [
      ['PRB-0004', 287],
      ['PRB-0003', 75],
      ['PRB-0002', 30],
      ['PRB-0001', 5],
      ['PRB-0006', 1],
    ],
  );
  assert.deepEqual(
    s.aging.buckets.map((b) => [b.label, b.count]),
    [
      ['0–7', 2],
      ['8–30', 1],
      ['31–90', 1],
      ['> 90', 1],
    ],
  );
  assert.equal(s.aging.median_days, 30);
  assert.deepEqual(s.aging.oldest, { id: 'PRB-0004', age_days: 287 });
  assert.ok(s.notes.includes('1 open problems have neither a created_at nor a recorded state: their age is not known (PRB-0007).'));
  assert.ok(s.notes.includes('1 open problems were created after the day counted at: they are left out of the aging (PRB-0008).'));
});

test('stats: time in each state from the recorded history: to the next change, the open state up to the end of the day counted at, a final closed state not counted', () => {
  const ws = workspace({
    'problems/PRB-0001.yaml': prb(
      'PRB-0001',
      `status: closed
history:
  - { status: new, at: "2025-09-01T00:00:00Z" }
  - { status: assessed, at: "2025-09-03T00:00:00Z" }
  - { status: root-cause-analysis, at: "2025-09-04T12:00:00Z" }
  - { status: closed, at: "2025-09-10T12:00:00Z" }
`,
    ),
    'problems/PRB-0002.yaml': prb(
      'PRB-0002',
      `status: root-cause-analysis
history:
  - { status: new, at: "2025-10-11T00:00:00Z" }
  - { status: root-cause-analysis, at: "2025-10-15T00:00:00Z" }
  - { status: bogus-date, at: "soon" }
`,
    ),
  });
  const s = computeStats(ws, { now: NOW, git: { state: 'not-a-repository', history: {} } });
  assert.equal(s.time_in_state.source, 'history');
  assert.deepEqual(s.time_in_state.per_problem, [
    { id: 'PRB-0001', source: 'history', states: [{ state: 'new', days: 2 }, { state: 'assessed', days: 1.5 }, { state: 'root-cause-analysis', days: 6 }] },
    { id: 'PRB-0002', source: 'history', states: [{ state: 'new', days: 4 }, { state: 'root-cause-analysis', days: 1 }] },
  ]);
  assert.deepEqual(s.time_in_state.median, [
    { state: 'new', days: 3, problems: 2 },
    { state: 'assessed', days: 1.5, problems: 1 },
    { state: 'root-cause-analysis', days: 3.5, problems: 2 },
  ]);
  assert.ok(s.notes.includes('1 history entries have no valid status or date-time: they are left out.'));
  // A change dated after the day counted at is left out.
  assert.deepEqual(daysInStates([{ status: 'new', at: '2025-10-14T00:00:00Z' }, { status: 'assessed', at: '2030-01-01T00:00:00Z' }], Date.UTC(2025, 9, 16)), {
    states: [{ state: 'new', days: 2 }],
    future: 1,
  });
});

test('stats: time in state from git when a problem has no history; a folder that is not a git repository, or a shallow clone, is said', () => {
  const files = { 'problems/PRB-0001.yaml': prb('PRB-0001', 'status: assessed\n') };
  const git: GitHistory = {
    state: 'ok',
    history: {
      'PRB-0001': [
        { status: 'new', at: '2025-10-01T00:00:00Z' },
        { status: 'assessed', at: '2025-10-11T00:00:00Z' },
      ],
    },
  };
  const s = computeStats(workspace(files), { now: NOW, git });
  assert.equal(s.time_in_state.source, 'git');
  assert.deepEqual(s.time_in_state.per_problem[0].states, [
    { state: 'new', days: 10 },
    { state: 'assessed', days: 5 },
  ]);
  assert.ok(s.notes.includes('Time in state: 1 problems from the git history of their files (the commits that changed their status).'));

  const none = computeStats(workspace(files), { now: NOW, git: { state: 'not-a-repository', history: {} } });
  assert.equal(none.time_in_state.source, 'none');
  assert.deepEqual(none.time_in_state.median, []);
  assert.ok(none.notes.includes('1 problems have no recorded history and the folder is not a git repository: their time in state is left out (PRB-0001).'));
  assert.match(statsText(none), /No problem has a recorded history of its states \(see the notes\)\./);

  const shallow = computeStats(workspace(files), { now: NOW, git: { state: 'shallow', history: {} } });
  assert.ok(shallow.notes.some((n) => n.includes('the folder is a shallow clone')));
});

test('git history: the top-level status of each commit that changed it, oldest first; tasks\' status lines are not the record\'s', () => {
  assert.equal(statusOfLine('status: "fix-in-progress"  # agreed'), 'fix-in-progress');
  assert.equal(statusOfLine('  status: open'), undefined);
  const log = [
    '\u00012025-09-01T10:00:00+07:00',
    'diff --git a/kedb/problems/PRB-0001.yaml b/kedb/problems/PRB-0001.yaml',
    '--- /dev/null',
    '+++ b/kedb/problems/PRB-0001.yaml',
    '@@ -0,0 +1,5 @@',
    '+kind: problem',
    '+status: new',
    '+tasks:',
    '+  - id: T1',
    '+    status: open',
    '\u00012025-09-05T10:00:00+07:00',
    'diff --git a/kedb/problems/PRB-0001.yaml b/kedb/problems/PRB-0001.yaml',
    '--- a/kedb/problems/PRB-0001.yaml',
    '+++ b/kedb/problems/PRB-0001.yaml',
    '@@ -2 +2 @@',
    '-status: new',
    '+status: assessed',
    '\u00012025-09-06T10:00:00+07:00',
    'diff --git a/kedb/problems/PRB-0001.yaml b/kedb/problems/PRB-0001.yaml',
    '--- a/kedb/problems/PRB-0001.yaml',
    '+++ b/kedb/problems/PRB-0001.yaml',
    '@@ -5 +5 @@',
    '-    status: open',
    '+    status: done',
    '',
  ].join('\n');
  assert.deepEqual(parseStatusLog(log, new Map([['kedb/problems/PRB-0001.yaml', 'PRB-0001']])), {
    'PRB-0001': [
      { status: 'new', at: '2025-09-01T10:00:00+07:00' },
      { status: 'assessed', at: '2025-09-05T10:00:00+07:00' },
    ],
  });
});

test('stats: coverage: incidents linked (service requests left out), problems with a known error, workarounds, fix statuses, recurrences and overdue tasks', () => {
  const ws = workspace({
    'incidents/INC-0001.yaml': inc('INC-0001', { problem: 'PRB-0001', reported_at: '2025-09-01T08:00:00Z' }),
    'incidents/INC-0002.yaml': inc('INC-0002', { reported_at: '2025-09-20T08:00:00Z' }),
    'incidents/INC-0003.yaml': inc('INC-0003', { reported_at: '2025-09-02T08:00:00Z' }),
    'incidents/INC-0004.yaml': inc('INC-0004', { type: 'service-request' }),
    'problems/PRB-0001.yaml': prb(
      'PRB-0001',
      'status: closed\nknown_error: KE-0001\nincidents: [INC-0001, INC-0002]\nresolution:\n  resolved_at: "2025-09-10T00:00:00Z"\ntasks:\n  - id: T1\n    title: Fix it\n    due: 2025-10-01\n',
    ),
    'problems/PRB-0002.yaml': prb('PRB-0002', 'status: new\n'),
    'known-errors/KE-0001.yaml': 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: It breaks\nworkaround: Restart the router.\npermanent_fix:\n  status: planned\n',
    'known-errors/KE-0002.yaml': 'kind: known_error\nid: KE-0002\ntitle: Other\nworkaround: "None: the vendor has no fix"\n',
  });
  const c = computeStats(ws, { now: NOW, topCandidates: 0 }).coverage;
  // Each share with the records it counts, for a click on its bar.
  assert.deepEqual(c.incidents_linked, { count: 2, total: 3, share: 2 / 3, ids: ['INC-0001', 'INC-0002'] });
  assert.deepEqual(c.problems_with_known_error, { count: 1, total: 2, share: 0.5, ids: ['PRB-0001'] });
  assert.deepEqual(c.known_errors_with_workaround, { count: 1, total: 2, share: 0.5, ids: ['KE-0001'] });
  assert.deepEqual(c.fix_status, [
    { status: 'planned', count: 1, ids: ['KE-0001'] },
    { status: 'none', count: 1, ids: ['KE-0002'] },
  ]);
  assert.equal(c.recurrences, 1); // INC-0002, reported after PRB-0001 was resolved
  assert.equal(c.overdue_tasks, 1);
  // Without tasks and resolved problems, those two are left out.
  const bare = computeStats(workspace({ 'problems/PRB-0001.yaml': prb('PRB-0001', 'status: new\n') }), { now: NOW }).coverage;
  assert.equal('recurrences' in bare, false);
  assert.equal('overdue_tasks' in bare, false);
  assert.deepEqual(bare.incidents_linked, { count: 0, total: 0, share: 0, ids: [] });
});

test('stats: an empty folder gives empty figures and says why; the HTML page escapes record text and runs no script', () => {
  const s = computeStats(workspace({}), { now: NOW });
  assert.deepEqual(s.counts, { incidents: 0, problems: 0, known_errors: 0 });
  assert.ok(s.notes.includes('There are no incidents: no Pareto, no weekly trend and no incident coverage.'));
  assert.ok(s.notes.includes('There are no problems: no states, no aging and no time in state.'));
  const hostile = computeStats(workspace({ 'incidents/INC-0001.yaml': inc('INC-0001', { category: '<script>alert(1)</script>' }) }), { now: NOW });
  const html = statsHtml(hostile);
  assert.equal(html.includes('<script>alert'), false);
  assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
});
