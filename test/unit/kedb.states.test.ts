// Known errors drafted, published and retired: the five state diagnostics and their fixes, Publish
// and Retire as planned edits, Promote writing a draft and showing the known errors that already
// match, Communicate refusing drafts, and search, matching and the KEDB table with states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  applyEdits,
  exportKedb,
  kedbTable,
  KnownErrorIndex,
  parseRangedFile,
  planCommunication,
  planPromotion,
  planPublish,
  planRetire,
  quickFixesFor,
  replacementChoices,
  type Workspace,
} from '../../src/core';
import { at, runKedb } from './helpers';
import { apply, codes, issue, workspace } from './kedbHelpers';

const NOW = '2025-10-15T09:00:00+07:00';
const STATE_CODES = ['known-error-review-due', 'retired-known-error-linked', 'replaced-by-retired', 'replaced-by-loop', 'draft-workaround-communicated', 'known-error-stale', 'workaround-missing', 'link-mismatch', 'unknown-reference', 'wrong-reference-kind'];

const ke = (id: string, extra = '', problem = 'PRB-0001') =>
  `kind: known_error\nid: ${id}\nproblem: ${problem}\ntitle: VPN router drops sessions after the firmware update\nsymptoms:\n  - '"connection lost" in the EMR client'\nroot_causes:\n  - Faulty router firmware.\nworkaround: Restart the router by hand.\n${extra}`;
const problem = (extra = 'status: fix-in-progress\n') => `kind: problem\nid: PRB-0001\ntitle: VPN drops\nassignment_group: NOC\n${extra}known_error: KE-0002\n`;
const incident = (id: string, extra: string) => `kind: incident\nid: ${id}\ntitle: VPN drops at the clinic\n${extra}`;

function fixes(ws: Workspace, file: string, code: string) {
  const text = ws.textOf(file)!;
  return quickFixesFor(issue(ws, file, code), { workspace: ws, path: file, ranged: parseRangedFile(text, ws.config), now: ws.clock() });
}
const messages = (ws: Workspace, file: string) => ws.issuesFor(file).filter((i) => STATE_CODES.includes(i.code)).map((i) => `${at(i.range)} ${i.severity} ${i.code} ${i.message}`);

/** KE-0001 retired and replaced by KE-0002; PRB-0001 links KE-0002. */
function retiredPair(extra: Record<string, string> = {}): Workspace {
  return workspace(
    {
      'problems/PRB-0001.yaml': problem(),
      'known-errors/KE-0001.yaml': ke('KE-0001', 'state: retired\nretired_at: 2025-10-01\nreplaced_by: KE-0002\n'),
      'known-errors/KE-0002.yaml': ke('KE-0002'),
      ...extra,
    },
    NOW,
  );
}

// ---- the diagnostics and their fixes --------------------------------------------------------------

test('a retired known error keeps its problem without a link-mismatch, asks for no workaround and never goes stale', () => {
  const ws = retiredPair({ 'known-errors/KE-0003.yaml': 'kind: known_error\nid: KE-0003\nproblem: PRB-0001\ntitle: Old\nsymptoms: [s]\nstate: retired\nvalid_to: 2020-01-01\n' });
  assert.deepEqual(messages(ws, 'known-errors/KE-0001.yaml'), []);
  assert.deepEqual(messages(ws, 'known-errors/KE-0003.yaml'), []);
  assert.deepEqual(messages(ws, 'problems/PRB-0001.yaml'), []);
});

test('retired-known-error-linked: an open incident that links a retired known error, at known_error, and the fix links the replacement', () => {
  const file = 'incidents/INC-0001.yaml';
  const ws = retiredPair({ [file]: incident('INC-0001', 'status: in-progress # waiting on NOC\nknown_error: KE-0001\n') });
  assert.deepEqual(messages(ws, file), ['5:14-5:21 warning retired-known-error-linked KE-0001 was retired on 2025-10-01: link its replacement, KE-0002.']);
  const [fix] = fixes(ws, file, 'retired-known-error-linked');
  assert.equal(fix.title, 'Link the replacement, KE-0002 (VPN router drops sessions after the firmware up…)');
  assert.equal(fix.isPreferred, true);
  apply(ws, fix.edits);
  assert.equal(ws.textOf(file), incident('INC-0001', 'status: in-progress # waiting on NOC\nknown_error: KE-0002\n'));
  assert.deepEqual(messages(ws, file), []);
});

test('retired-known-error-linked: a resolved incident keeps its history; an open problem is told; a closed one is not', () => {
  const ws = retiredPair({
    'incidents/INC-0001.yaml': incident('INC-0001', 'status: resolved\nknown_error: KE-0001\n'),
    'problems/PRB-0002.yaml': 'kind: problem\nid: PRB-0002\ntitle: Old VPN drops\nstatus: root-cause-analysis\nassignment_group: NOC\nknown_error: KE-0001\n',
    'problems/PRB-0003.yaml': 'kind: problem\nid: PRB-0003\ntitle: Older VPN drops\nstatus: closed\nresolution: { code: fix-applied }\nknown_error: KE-0001\n',
  });
  assert.deepEqual(messages(ws, 'incidents/INC-0001.yaml'), []);
  assert.deepEqual(codes(ws, 'problems/PRB-0002.yaml', ['retired-known-error-linked']), ['warning retired-known-error-linked']);
  assert.deepEqual(codes(ws, 'problems/PRB-0003.yaml', ['retired-known-error-linked']), []);
  const [fix] = fixes(ws, 'problems/PRB-0002.yaml', 'retired-known-error-linked');
  apply(ws, fix.edits);
  assert.match(ws.textOf('problems/PRB-0002.yaml')!, /\nknown_error: KE-0002\n$/);
});

test('retired-known-error-linked: without a replacement the message says so and no fix is offered', () => {
  const file = 'incidents/INC-0001.yaml';
  const ws = workspace({ 'known-errors/KE-0001.yaml': ke('KE-0001', 'state: retired\n'), [file]: incident('INC-0001', 'known_error: KE-0001\n') }, NOW);
  assert.deepEqual(messages(ws, file), ['4:14-4:21 warning retired-known-error-linked KE-0001 is retired and names no replacement: link the known error that applies now.']);
  assert.deepEqual(fixes(ws, file, 'retired-known-error-linked'), []);
});

test('replaced_by naming an unknown record, or a problem, is the store\'s reference error; naming a retired one is replaced-by-retired with the end of the chain as the fix', () => {
  const ws = workspace(
    {
      'problems/PRB-0001.yaml': problem(),
      'known-errors/KE-0001.yaml': ke('KE-0001', 'state: retired\nreplaced_by: KE-0009\n'),
      'known-errors/KE-0003.yaml': ke('KE-0003', 'state: retired\nreplaced_by: PRB-0001\n'),
      'known-errors/KE-0004.yaml': ke('KE-0004', 'state: retired\nreplaced_by: KE-0005 # the March rewrite\n'),
      'known-errors/KE-0005.yaml': ke('KE-0005', 'state: retired\nreplaced_by: KE-0002\n'),
      'known-errors/KE-0002.yaml': ke('KE-0002'),
    },
    NOW,
  );
  assert.deepEqual(codes(ws, 'known-errors/KE-0001.yaml', STATE_CODES), ['error unknown-reference']);
  assert.deepEqual(codes(ws, 'known-errors/KE-0003.yaml', STATE_CODES), ['error wrong-reference-kind']);
  assert.deepEqual(messages(ws, 'known-errors/KE-0004.yaml'), ['11:14-11:21 warning replaced-by-retired KE-0005 is retired too; it is replaced by KE-0002: name that one.']);
  const [fix] = fixes(ws, 'known-errors/KE-0004.yaml', 'replaced-by-retired');
  assert.equal(fix.title, 'Replaced by KE-0002, the known error in use');
  apply(ws, fix.edits);
  assert.match(ws.textOf('known-errors/KE-0004.yaml')!, /\nreplaced_by: KE-0002 # the March rewrite\n$/);
  assert.deepEqual(messages(ws, 'known-errors/KE-0004.yaml'), []);
});

test('replaced-by-loop: each known error in a replaced_by loop gets an error naming the ring, and nothing throws', () => {
  const ws = workspace(
    {
      'known-errors/KE-0001.yaml': ke('KE-0001', 'state: retired\nreplaced_by: KE-0002\n'),
      'known-errors/KE-0002.yaml': ke('KE-0002', 'state: retired\nreplaced_by: KE-0003\n'),
      'known-errors/KE-0003.yaml': ke('KE-0003', 'state: retired\nreplaced_by: KE-0001\n'),
      'known-errors/KE-0004.yaml': ke('KE-0004', 'state: retired\nreplaced_by: KE-0004\n'),
      'known-errors/KE-0005.yaml': ke('KE-0005', 'state: retired\nreplaced_by: KE-0001\n'),
      'incidents/INC-0001.yaml': incident('INC-0001', 'known_error: KE-0005\n'),
    },
    NOW,
  );
  const loop = (file: string) => ws.issuesFor(file).filter((i) => i.code === 'replaced-by-loop').map((i) => `${i.severity} ${i.message}`);
  assert.deepEqual(loop('known-errors/KE-0001.yaml'), ['error replaced_by goes round in a loop (KE-0001 → KE-0002 → KE-0003 → KE-0001): one of them must be the known error in use.']);
  assert.deepEqual(loop('known-errors/KE-0002.yaml'), ['error replaced_by goes round in a loop (KE-0002 → KE-0003 → KE-0001 → KE-0002): one of them must be the known error in use.']);
  assert.deepEqual(loop('known-errors/KE-0004.yaml'), ['error replaced_by goes round in a loop (KE-0004 → KE-0004): one of them must be the known error in use.']);
  // KE-0005 leads into the loop without being in it: its target is retired, and there is no end to name.
  assert.deepEqual(messages(ws, 'known-errors/KE-0005.yaml').filter((m) => !m.includes('unknown-reference')), ['11:14-11:21 warning replaced-by-retired KE-0001 is retired too: name the known error that replaces it now.']);
  assert.deepEqual(codes(ws, 'incidents/INC-0001.yaml', ['retired-known-error-linked']), ['warning retired-known-error-linked']);
  assert.deepEqual(fixes(ws, 'known-errors/KE-0005.yaml', 'replaced-by-retired'), []);
});

test('closing a replaced_by loop at one end tells the editor to check again every known error in it, not only those next to the changed one', () => {
  const ws = workspace(
    {
      'known-errors/KE-0001.yaml': ke('KE-0001', 'state: retired\nreplaced_by: KE-0002\n'),
      'known-errors/KE-0002.yaml': ke('KE-0002', 'state: retired\nreplaced_by: KE-0003\n'),
      'known-errors/KE-0003.yaml': ke('KE-0003', 'state: retired\nreplaced_by: KE-0004\n'),
      'known-errors/KE-0004.yaml': ke('KE-0004'),
    },
    NOW,
  );
  assert.deepEqual(ws.issuesFor('known-errors/KE-0002.yaml').filter((i) => i.code === 'replaced-by-loop'), []);
  const told: string[][] = [];
  ws.onDidChange((c) => told.push([...c.affected.paths].sort()));
  // KE-0004 now points back at KE-0001. KE-0002 neither names KE-0004 nor is named by it, yet it is in the loop.
  ws.setFileText('known-errors/KE-0004.yaml', ke('KE-0004', 'state: retired\nreplaced_by: KE-0001\n'));
  assert.deepEqual(told, [['known-errors/KE-0001.yaml', 'known-errors/KE-0002.yaml', 'known-errors/KE-0003.yaml', 'known-errors/KE-0004.yaml']]);
  assert.equal(ws.issuesFor('known-errors/KE-0002.yaml').filter((i) => i.code === 'replaced-by-loop').length, 1);
});

test('known-error-review-due: a published known error past review_by, at the date, against the store clock; the fix moves it on by review_days', () => {
  const file = 'known-errors/KE-0002.yaml';
  const ws = workspace({ 'problems/PRB-0001.yaml': problem(), [file]: ke('KE-0002', 'review_by: 2025-10-14\n') }, NOW);
  assert.deepEqual(messages(ws, file), [
    '10:12-10:22 warning known-error-review-due This known error was due for review on 2025-10-14: check its workaround and fix, then set the next review_by (or retire it).',
  ]);
  const [fix] = fixes(ws, file, 'known-error-review-due');
  assert.equal(fix.title, 'Mark reviewed: next review by 2026-04-13');
  apply(ws, fix.edits);
  assert.match(ws.textOf(file)!, /\nreview_by: "2026-04-13"\n$/);
  assert.deepEqual(messages(ws, file), []);
  // Due today is not past; a draft or a retired one is not reviewed; a date-time counts by its day.
  ws.setFileText(file, ke('KE-0002', 'review_by: 2025-10-15\n'));
  assert.deepEqual(messages(ws, file), []);
  ws.setFileText(file, ke('KE-0002', 'state: draft\nreview_by: 2025-01-01\nvalid_to: 2025-01-01\n'));
  assert.deepEqual(messages(ws, file), []);
  ws.setFileText(file, ke('KE-0002', 'review_by: "2025-10-14T23:30:00-05:00"\n'));
  assert.deepEqual(codes(ws, file, ['known-error-review-due']), ['warning known-error-review-due']);
});

test('draft-workaround-communicated: an incident whose notes carry a draft known error\'s workaround, at notes; none once it is published', () => {
  const file = 'incidents/INC-0001.yaml';
  const ws = workspace(
    {
      'problems/PRB-0001.yaml': problem(),
      'known-errors/KE-0002.yaml': ke('KE-0002', 'state: draft\n'),
      [file]: incident('INC-0001', 'status: in-progress\nnotes: "[2025-10-14] Workaround (KE-0002): Restart the router by hand."\n'),
    },
    NOW,
  );
  assert.deepEqual(messages(ws, file), [
    '5:8-5:72 warning draft-workaround-communicated The notes give the workaround of KE-0002, which is still a draft: publish KE-0002, or tell the user it is not confirmed yet.',
  ]);
  // Publishing it tells the editor to check the incident again: the notes name it in prose only.
  const told: string[][] = [];
  ws.onDidChange((c) => told.push([...c.affected.paths].sort()));
  ws.setFileText('known-errors/KE-0002.yaml', ke('KE-0002', 'state: published\n'));
  assert.ok(told.length === 1 && told[0].includes(file), JSON.stringify(told));
  assert.deepEqual(messages(ws, file), []);
});

test('the state rules follow lifecycle.rules: another severity, or off', () => {
  const file = 'incidents/INC-0001.yaml';
  const config = 'lifecycle:\n  rules:\n    retired-known-error-linked: error\n    known-error-review-due: off\n    replaced-by-loop: warning\n';
  const ws = retiredPair({ 'kedb.config.yaml': config, [file]: incident('INC-0001', 'known_error: KE-0001\n') });
  assert.deepEqual(codes(ws, file, STATE_CODES), ['error retired-known-error-linked']);
  ws.setFileText('known-errors/KE-0002.yaml', ke('KE-0002', 'review_by: 2020-01-01\nstate: retired\nreplaced_by: KE-0001\n'));
  assert.deepEqual(codes(ws, 'known-errors/KE-0002.yaml', STATE_CODES), ['warning replaced-by-loop']);
});

// ---- Publish and Retire -------------------------------------------------------------------------

test('Publish: a draft with symptoms, a workaround and a root cause becomes published in one edit that keeps comments', () => {
  const file = 'known-errors/KE-0002.yaml';
  const text = ke('KE-0002', '').replace('problem: PRB-0001\n', 'problem: PRB-0001\n# drafted by Promote\nstate: draft # review with NOC\n');
  const ws = workspace({ 'problems/PRB-0001.yaml': problem(), [file]: text }, NOW);
  const plan = planPublish(ws, 'KE-0002');
  assert.ok(plan.ok);
  assert.equal(applyEdits(text, [plan.edit]), text.replace('state: draft # review with NOC', 'state: published # review with NOC'));
  assert.deepEqual([plan.from, plan.to], ['draft', 'published']);
});

test('Publish refuses and says what is missing: symptoms, a workaround or its reason, a root cause or "not yet known"', () => {
  const file = 'known-errors/KE-0002.yaml';
  const ws = workspace({ [file]: 'kind: known_error\nid: KE-0002\nproblem: PRB-0001\ntitle: T\nstate: draft\nsymptoms: [""]\nworkaround: None\n' }, NOW);
  const plan = planPublish(ws, 'KE-0002');
  assert.equal(plan.ok, false);
  assert.equal(
    !plan.ok && plan.message,
    'KE-0002 is not published: it needs (1) symptoms: what users and the service desk see, one per item; (2) the reason there is no workaround, after "None: "; (3) a root cause in root_causes, or an item saying it is not yet known (e.g. "Not yet known: analysis continues in PRB-0001").',
  );
  ws.setFileText(file, 'kind: known_error\nid: KE-0002\nproblem: PRB-0001\ntitle: T\nstate: draft\nsymptoms: [Doors stay locked]\nworkaround: "None: the readers must be replaced"\nroot_causes: ["Not yet known: analysis continues in PRB-0001"]\n');
  assert.equal(planPublish(ws, 'KE-0002').ok, true);
  ws.setFileText(file, 'kind: known_error\nid: KE-0002\nproblem: PRB-0001\ntitle: T\nsymptoms: [s]\nworkaround: w\nroot_causes: [r]\n');
  assert.deepEqual(planPublish(ws, 'KE-0002'), { ok: false, message: 'KE-0002 is published already.' });
});

test('Retire: state, retired_at and replaced_by in one edit; the replacement offered most like it first; bad replacements refused', () => {
  const file = 'known-errors/KE-0001.yaml';
  const text = ke('KE-0001', 'created_at: "2025-09-23T09:00:00+07:00" # seed\n');
  const ws = workspace(
    {
      'problems/PRB-0001.yaml': problem(),
      [file]: text,
      'known-errors/KE-0002.yaml': ke('KE-0002'),
      'known-errors/KE-0003.yaml': 'kind: known_error\nid: KE-0003\nproblem: PRB-0003\ntitle: Printer queue stuck\nsymptoms: [Jobs stay queued]\nworkaround: Restart the spooler.\n',
      'known-errors/KE-0004.yaml': ke('KE-0004', 'state: draft\n'),
      'known-errors/KE-0005.yaml': ke('KE-0005', 'state: retired\n'),
    },
    NOW,
  );
  assert.deepEqual(
    replacementChoices(ws, 'KE-0001').map((c) => c.id),
    ['KE-0002', 'KE-0003'],
  );
  const plan = planRetire(ws, 'KE-0001', '2025-10-15', 'KE-0002');
  assert.ok(plan.ok);
  const after = applyEdits(text, [plan.edit]);
  assert.equal(after, text.replace('problem: PRB-0001\n', 'problem: PRB-0001\nstate: retired\nretired_at: 2025-10-15\nreplaced_by: KE-0002\n'));
  ws.setFileText(file, after);
  assert.deepEqual(codes(ws, file, STATE_CODES), []);
  assert.deepEqual(planRetire(ws, 'KE-0001', '2025-10-15', undefined), { ok: false, message: 'KE-0001 is retired already.' });
  assert.deepEqual(planRetire(ws, 'KE-0002', '2025-10-15', 'KE-0002'), { ok: false, message: 'KE-0002 cannot replace itself.' });
  assert.deepEqual(planRetire(ws, 'KE-0002', '2025-10-15', 'KE-0005'), { ok: false, message: 'KE-0005 is retired too: choose a known error in use.' });
  const none = planRetire(ws, 'KE-0002', '2025-10-15', undefined);
  assert.ok(none.ok);
  assert.match(applyEdits(ws.textOf('known-errors/KE-0002.yaml')!, [none.edit]), /\nproblem: PRB-0001\nstate: retired\nretired_at: 2025-10-15\ntitle:/);
});

// ---- Promote, Communicate, search -------------------------------------------------------------------

test('Promote writes a draft, and lists the known errors that already match its symptoms (retired ones left out)', () => {
  const ws = workspace(
    {
      'problems/PRB-0009.yaml': 'kind: problem\nid: PRB-0009\ntitle: VPN router drops sessions after the firmware update\nstatus: root-cause-analysis\nassignment_group: NOC\nproblem_statement: "\\"connection lost\\" in the EMR client after the firmware update."\nworkaround: Restart the router by hand.\n',
      'known-errors/KE-0001.yaml': ke('KE-0001', 'state: retired\n', 'PRB-0002'),
      'known-errors/KE-0002.yaml': ke('KE-0002', '', 'PRB-0002'),
      'known-errors/KE-0003.yaml': 'kind: known_error\nid: KE-0003\nproblem: PRB-0003\ntitle: Printer queue stuck\nsymptoms: [Jobs stay queued]\nworkaround: Restart the spooler.\n',
    },
    NOW,
  );
  const r = planPromotion(ws, 'PRB-0009', NOW);
  assert.ok(r.ok);
  assert.match(r.plan.text, /\nproblem: PRB-0009\n# A draft until KEDB: Publish Known Error [^\n]*\nstate: draft\n/);
  assert.deepEqual(r.plan.similar.map((h) => [h.id, h.state]), [['KE-0002', 'published']]);
  ws.setFileText(r.plan.path, r.plan.text);
  assert.deepEqual(codes(ws, r.plan.path, ['known-error-review-due', 'replaced-by-retired', 'replaced-by-loop', 'workaround-missing', 'known-error-stale']), []);
});

test('Communicate refuses a draft known error and a retired one, and names what to do', () => {
  const ws = retiredPair({ 'known-errors/KE-0003.yaml': ke('KE-0003', 'state: draft\n', 'PRB-0003'), 'problems/PRB-0003.yaml': 'kind: problem\nid: PRB-0003\ntitle: T\nknown_error: KE-0003\n' });
  assert.deepEqual(planCommunication(ws, 'KE-0003', NOW), { ok: false, message: 'KE-0003 is a draft: publish it first (KEDB: Publish Known Error), so users get a confirmed workaround.' });
  assert.deepEqual(planCommunication(ws, 'PRB-0003', NOW), { ok: false, message: 'KE-0003 is a draft: publish it first (KEDB: Publish Known Error), so users get a confirmed workaround.' });
  assert.deepEqual(planCommunication(ws, 'KE-0001', NOW), { ok: false, message: 'KE-0001 is retired and replaced by KE-0002: communicate the workaround of KE-0002.' });
  assert.equal(planCommunication(ws, 'KE-0002', NOW).ok, true);
});

test('search and matching: published first, drafts after them marked, retired ones only when asked', () => {
  const ws = workspace(
    {
      'known-errors/KE-0001.yaml': ke('KE-0001', 'state: retired\n'),
      'known-errors/KE-0002.yaml': ke('KE-0002', 'state: draft\n'),
      'known-errors/KE-0003.yaml': 'kind: known_error\nid: KE-0003\nproblem: PRB-0003\ntitle: Router firmware\nsymptoms: [Sessions drop]\nworkaround: Reboot.\n',
    },
    NOW,
  );
  const index = KnownErrorIndex.build(ws.records('known_error'));
  const hits = index.search('VPN router drops sessions after the firmware update');
  assert.deepEqual(hits.map((h) => [h.id, h.state]), [['KE-0003', 'published'], ['KE-0002', 'draft']]);
  assert.ok(hits[1].score > hits[0].score, 'the draft scores higher, and still comes after the published one');
  assert.deepEqual(index.search('VPN router drops sessions after the firmware update', 10, 0, { includeRetired: true }).map((h) => h.id), ['KE-0003', 'KE-0002', 'KE-0001']);
  assert.deepEqual(index.search('VPN router drops', 1).map((h) => h.id), ['KE-0003']);
  const matched = index.matchIncident({ title: 'VPN router drops sessions', description: '"connection lost" in the EMR client' }, ws.config.detection.text.weights, 0.1, 5);
  assert.ok(!matched.some((h) => h.state === 'retired'));
});

test('the KEDB table and its exports carry the state, and the replacement of a retired known error', () => {
  const ws = retiredPair({ 'known-errors/KE-0003.yaml': ke('KE-0003', 'state: draft\n', 'PRB-0003') });
  const rows = kedbTable(ws);
  assert.deepEqual(rows.map((r) => [r.id, r.state, r.replaced_by]), [['KE-0001', 'retired', 'KE-0002'], ['KE-0002', 'published', null], ['KE-0003', 'draft', null]]);
  const csv = exportKedb(rows, 'csv').split('\r\n');
  assert.match(csv[0], /,State$/);
  assert.match(csv[1], /^KE-0001,.*,retired \(replaced by KE-0002\)$/);
  assert.match(csv[3], /^KE-0003,.*,draft$/);
  assert.match(exportKedb(rows, 'md'), /\| retired \(replaced by KE-0002\) \|\n/);
  assert.match(exportKedb(rows, 'html'), /<td class="state state-retired">retired \(replaced by KE-0002\)<\/td>/);
  const json = JSON.parse(exportKedb(rows, 'json')) as { id: string; state: string; replaced_by: string | null; retired_at: string | null }[];
  assert.deepEqual(json.map((r) => [r.id, r.state, r.replaced_by, r.retired_at]), [['KE-0001', 'retired', 'KE-0002', '2025-10-01'], ['KE-0002', 'published', null, null], ['KE-0003', 'draft', null, null]]);
});

// ---- kedb search with states, in English and Indonesian ------------------------------------------

const kedb = runKedb;

test('kedb search on lab-02 leaves the retired KE-0034 out and finds KE-0051; --include-retired lists it last, with its state', () => {
  const LAB = path.join('samples', 'lab-02');
  const query = 'SaaS dashboard does not appear, jobs are stuck, Kubernetes cluster overloaded';
  const plain = kedb(['search', query, LAB, '--format', 'json']);
  assert.equal(plain.code, 0, plain.stderr);
  const hits = JSON.parse(plain.stdout) as { id: string; state: string }[];
  assert.equal(hits[0].id, 'KE-0051');
  assert.ok(hits.every((h) => h.id !== 'KE-0034' && h.state === 'published'), plain.stdout);
  const all = JSON.parse(kedb(['search', query, LAB, '--format', 'json', '--include-retired']).stdout) as { id: string; state: string }[];
  assert.deepEqual(all.at(-1), { ...all.at(-1), id: 'KE-0034', state: 'retired' });
  assert.deepEqual(all.slice(0, -1).map((h) => h.id), hits.map((h) => h.id));
});

test('kedb search marks drafts and retired known errors in the text output, in English and in Indonesian; --help names --include-retired', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-states-'));
  try {
    fs.mkdirSync(path.join(dir, 'known-errors'));
    const write = (id: string, text: string) => fs.writeFileSync(path.join(dir, 'known-errors', `${id}.yaml`), text);
    write('KE-0001', ke('KE-0001', 'state: retired\n'));
    write('KE-0002', ke('KE-0002', 'state: draft\n'));
    write('KE-0003', 'kind: known_error\nid: KE-0003\nproblem: PRB-0003\ntitle: Router firmware faulty\nsymptoms: [Sessions drop]\nroot_causes: [Firmware]\nworkaround: Reboot the router.\n');
    const lines = (r: { stdout: string }) => r.stdout.split('\n').filter((l) => /^\d\.\d\d {2}KE-/.test(l)).map((l) => l.replace(/^\d\.\d\d {2}/, ''));
    const en = kedb(['search', 'VPN router drops sessions after the firmware update', dir, '--include-retired']);
    assert.deepEqual(lines(en), ['KE-0003 (PRB-0003)  Router firmware faulty', 'KE-0002 (PRB-0001)  [draft] VPN router drops sessions after the firmware update', 'KE-0001 (PRB-0001)  [retired] VPN router drops sessions after the firmware update']);
    const id = kedb(['search', 'VPN router drops sessions after the firmware update', dir, '--include-retired'], 'id_ID.UTF-8');
    assert.deepEqual(lines(id), ['KE-0003 (PRB-0003)  Router firmware faulty', 'KE-0002 (PRB-0001)  [draf] VPN router drops sessions after the firmware update', 'KE-0001 (PRB-0001)  [dipensiunkan] VPN router drops sessions after the firmware update']);
    assert.equal(lines(kedb(['search', 'VPN router drops sessions after the firmware update', dir])).length, 2, 'the retired one left out by default');
    const help = kedb(['search', '--help']);
    assert.match(help.stdout, /\n {2}--include-retired {2}list retired known errors too, last\n/);
    assert.match(kedb(['search', '--help'], 'id_ID.UTF-8').stdout, /\n {2}--include-retired {2}sertakan juga known error yang dipensiunkan, paling akhir\n/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
