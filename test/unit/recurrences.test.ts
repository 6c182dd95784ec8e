// Recurrences and incidents resolved by their problem: the `recurrence` warning (matching, the
// incidents it leaves out, dates in any ISO form), its two quick fixes (reopen, not a recurrence),
// the `linked-incidents-open` information and Resolve Linked Incidents' edits, and `kedb
// recurrences` in English and Indonesian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isBefore, isoMoment, listRecurrences, parseRangedFile, planResolveIncidents, quickFixesFor, recurrenceJson, type QuickFix, type Workspace } from '../../src/core';
import { setL10nBundle } from '../../src/core/base';
import { at, REPO_ROOT, runKedb } from './helpers';
import { apply, codes, issue, workspace } from './kedbHelpers';

const NOW = '2025-10-21T09:00:00+07:00';
const PRB = 'problems/PRB-0029.yaml';
const KE = 'known-errors/KE-0029.yaml';
const INC = 'incidents/INC-0052.yaml';
const OLD = 'incidents/INC-0029.yaml';

const problem = (status = 'resolved', resolution = '  code: fix-applied\n  resolved_at: "2025-10-06T17:00:00+07:00"\n', extra = '') =>
  `kind: problem\nid: PRB-0029\ntitle: Core network switch power failure halts operations\nstatus: ${status} # after CHG-0031\nassignment_group: NOC\nincidents:\n  - INC-0029\nknown_error: KE-0029\nresolution:\n${resolution}${extra}`;
const knownError = `kind: known_error\nid: KE-0029\nproblem: PRB-0029\ntitle: Network switches lose power; LAN and cloud applications down\nsymptoms:\n  - Network switches are down.\n  - Laptops and cloud applications cannot be used.\nroot_causes:\n  - Power error on the Cisco switch.\nworkaround: Restart the switch and check the power supply.\n`;
const incident = (id: string, reported: string, extra = '') =>
  `kind: incident\nid: ${id}\ntitle: Network switches lost power again, laptops and cloud applications cannot be used\nstatus: new\nreported_at: "${reported}"\n${extra}`;
const oldIncident = `kind: incident\nid: INC-0029\ntitle: Core network switches lost power\nstatus: in-progress\nreported_at: "2025-09-21T13:20:00+07:00"\nproblem: PRB-0029\nknown_error: KE-0029\n`;

function lab(files: Record<string, string> = {}, config?: string): Workspace {
  const all: Record<string, string> = { [PRB]: problem(), [KE]: knownError, [OLD]: oldIncident, [INC]: incident('INC-0052', '2025-10-20T08:10:00+07:00'), ...files };
  if (config !== undefined) all['kedb.config.yaml'] = config;
  return workspace(all, NOW);
}

const recurrences = (ws: Workspace, file = INC) => ws.issuesFor(file).filter((i) => i.code === 'recurrence');
const fixes = (ws: Workspace, file: string, code: string): QuickFix[] =>
  quickFixesFor(issue(ws, file, code), { workspace: ws, path: file, ranged: parseRangedFile(ws.textOf(file)!, ws.config), now: NOW });

// ---- the warning --------------------------------------------------------------------------------

test('recurrence: an incident like a known error whose problem was resolved with its fix applied, after that, is warned at its title', () => {
  const ws = lab();
  const [r] = recurrences(ws);
  assert.equal(r.severity, 'warning');
  assert.equal(at(r.range), '3:8-3:88');
  assert.match(r.message, /^This looks like a recurrence of PRB-0029: it matches KE-0029 \(0\.\d\d\), and PRB-0029 was resolved with its fix applied on 2025-10-06\. Reopen PRB-0029 for analysis, or mark this incident as not a recurrence\.$/);
  assert.deepEqual({ ...r.data, score: undefined }, { ordinal: 0, incident: 'INC-0052', knownError: 'KE-0029', problem: 'PRB-0029', fromStatus: 'resolved', resolvedDay: '2025-10-06', score: undefined });
  // The incident before the fix is linked to the problem: never a recurrence; nor is anything else here.
  assert.deepEqual(codes(ws, OLD, ['recurrence']), []);
  assert.deepEqual(codes(ws, PRB, ['recurrence']), []);
  // A closed problem too, said so.
  const closed = lab({ [PRB]: problem('closed') });
  assert.match(recurrences(closed)[0].message, /PRB-0029 was closed with its fix applied on 2025-10-06/);
});

test('recurrence: a change to the problem names the incident it flags among the files to check again, though the incident does not link it', () => {
  const ws = lab();
  assert.equal(recurrences(ws).length, 1);
  const told: string[][] = [];
  ws.onDidChange((c) => told.push([...c.affected.paths].sort()));
  // Back to fix-in-progress: INC-0052 is no recurrence any more, and the editor is told to check it.
  ws.setFileText(PRB, problem('fix-in-progress'));
  assert.ok(told[0].includes(INC), told[0].join(', '));
  assert.deepEqual(recurrences(ws), []);
  // Resolved again: flagged again, and named again.
  ws.setFileText(PRB, problem());
  assert.ok(told[1].includes(INC), told[1].join(', '));
  assert.equal(recurrences(ws).length, 1);
  // An incident's own edit concerns no other incident.
  ws.setFileText(OLD, oldIncident.replace('status: in-progress', 'status: resolved'));
  assert.ok(!told[2].includes(INC), told[2].join(', '));
  // Nor does an edit to a problem that is not fixed, before or after.
  ws.setFileText('problems/PRB-0100.yaml', 'kind: problem\nid: PRB-0100\ntitle: Printer queue stalls\nstatus: assessed\n');
  assert.ok(!told[3].includes(INC), told[3].join(', '));
});

test('recurrence: none unless the problem is resolved or closed with fix-applied and a resolved_at; an unlike incident gets none', () => {
  assert.deepEqual(recurrences(lab({ [PRB]: problem('fix-in-progress') })), [], 'the fix is not applied yet');
  assert.deepEqual(recurrences(lab({ [PRB]: problem('resolved', '  code: risk-accepted\n  resolved_at: "2025-10-06T17:00:00+07:00"\n') })), [], 'risk accepted: nothing was fixed');
  assert.deepEqual(recurrences(lab({ [PRB]: problem('resolved', '  code: fix-applied\n') })), [], 'no date to tell what came after');
  assert.deepEqual(recurrences(lab({ [PRB]: problem('resolved', '  code: fix-applied\n  resolved_at: last week\n') })), [], 'a date that is none');
  const other = lab({ [INC]: `kind: incident\nid: INC-0052\ntitle: Printer on floor 3 jams on A3 paper\nstatus: new\nreported_at: "2025-10-20T08:10:00+07:00"\n` });
  assert.deepEqual(recurrences(other), []);
});

test('recurrence: left out when the incident is linked to that problem (either side), says it is not a recurrence of it, or came before the fix', () => {
  assert.deepEqual(recurrences(lab({ [INC]: incident('INC-0052', '2025-10-20T08:10:00+07:00', 'problem: PRB-0029\n') })), []);
  assert.deepEqual(recurrences(lab({ [PRB]: problem('resolved', '  code: fix-applied\n  resolved_at: "2025-10-06T17:00:00+07:00"\n').replace('  - INC-0029\n', '  - INC-0029\n  - INC-0052\n') })), []);
  assert.deepEqual(recurrences(lab({ [INC]: incident('INC-0052', '2025-10-20T08:10:00+07:00', 'not_recurrence_of:\n  - PRB-0029\n') })), []);
  // Another problem's id in not_recurrence_of does not hide this one.
  assert.equal(recurrences(lab({ [INC]: incident('INC-0052', '2025-10-20T08:10:00+07:00', 'not_recurrence_of: [PRB-0007]\n') })).length, 1);
  assert.deepEqual(recurrences(lab({ [INC]: incident('INC-0052', '2025-10-01T08:10:00+07:00') })), [], 'before the fix');
  // No date of its own: checked (it is being written now).
  assert.equal(recurrences(lab({ [INC]: incident('INC-0052', '').replace('reported_at: ""\n', '') })).length, 1);
});

test('recurrence: dates in any ISO form and time zone are compared as instants, a date alone by its day', () => {
  const resolved = (v: string) => problem('resolved', `  code: fix-applied\n  resolved_at: ${v}\n`);
  const flagged = (resolvedAt: string, reported: string) => recurrences(lab({ [PRB]: resolved(resolvedAt), [INC]: incident('INC-0052', reported) })).length === 1;
  // 17:00 in Jakarta is 10:00 UTC: an incident at 11:00Z is after it, one at 09:00Z before it.
  assert.equal(flagged('"2025-10-06T17:00:00+07:00"', '2025-10-06T11:00:00Z'), true);
  assert.equal(flagged('"2025-10-06T17:00:00+07:00"', '2025-10-06T09:00:00Z'), false);
  assert.equal(flagged('"2025-10-06T10:00:00Z"', '2025-10-06T05:30:00-05:00'), true, '10:30 UTC');
  assert.equal(flagged('"2025-10-06T10:00:00Z"', '2025-10-06 04:30-0530'), true, 'a space, minutes without colon: 10:00 UTC is not before');
  assert.equal(flagged('"20251006T100000Z"', '2025-10-06T09:59:59.5Z'), false, 'the basic form');
  // A date alone (unquoted, as YAML may read it) compares by day: the same day is not before.
  assert.equal(flagged('2025-10-06', '2025-10-06T00:30:00+07:00'), true);
  assert.equal(flagged('2025-10-06', '2025-10-05T23:59:00+07:00'), false);
  assert.equal(flagged('"2025-10-06T17:00:00+07:00"', '2025-10-06'), true, 'an incident dated the 6th alone: the day of the fix, not before it');
  // isoMoment reads and refuses.
  assert.equal(isoMoment('2025-10-06T17:00:00+07:00')?.time, Date.UTC(2025, 9, 6, 10));
  assert.equal(isoMoment('2025-10-06T17:00')?.time, Date.UTC(2025, 9, 6, 17), 'no zone: UTC');
  assert.equal(isoMoment('2025-10-06T24:00:00Z')?.time, Date.UTC(2025, 9, 7));
  for (const bad of ['2025-02-30', '2025-10-06T25:00Z', '2025-10-06T10:00+25:00', 'yesterday', '', 42]) assert.equal(isoMoment(bad), undefined, String(bad));
  assert.equal(isBefore(isoMoment('2025-10-06')!, isoMoment('2025-10-06T23:00Z')!), false);
});

test('recurrence: its severity and threshold come from kedb.config.yaml; a known error whose problem is missing is no target and no exception', () => {
  assert.deepEqual(codes(lab({}, 'lifecycle:\n  rules:\n    recurrence: error\n'), INC, ['recurrence']), ['error recurrence']);
  assert.deepEqual(codes(lab({}, 'lifecycle:\n  rules:\n    recurrence: "off"\n'), INC, ['recurrence']), []);
  const score = recurrences(lab())[0].data!.score as number;
  assert.deepEqual(codes(lab({}, `lifecycle:\n  matching:\n    recurrence_threshold: ${Math.min(1, Math.ceil(score * 100 + 1) / 100)}\n`), INC, ['recurrence']), [], 'above its score');
  assert.equal(recurrences(lab({}, `lifecycle:\n  matching:\n    recurrence_threshold: ${Math.floor(score * 100 - 1) / 100}\n`)).length, 1);
  assert.ok(lab({}, 'lifecycle:\n  matching:\n    recurrence_threshold: 2\n').issuesFor('kedb.config.yaml').length > 0, 'the config schema bounds it');
  const orphan = lab({ [PRB]: problem().replace('id: PRB-0029', 'id: PRB-0030') });
  assert.deepEqual(recurrences(orphan), []);
  assert.deepEqual(codes(orphan, KE, ['unknown-reference']), ['error unknown-reference']);
});

test('recurrence: the warning follows the problem: resolving it, or reopening it, changes the incident\'s issues', () => {
  const ws = lab({ [PRB]: problem('fix-in-progress') });
  assert.deepEqual(recurrences(ws), []);
  ws.setFileText(PRB, problem());
  assert.equal(recurrences(ws).length, 1);
  ws.setFileText(PRB, problem('root-cause-analysis'));
  assert.deepEqual(recurrences(ws), []);
});

// ---- the quick fixes ----------------------------------------------------------------------------

test('Link and reopen: the problem back to root-cause-analysis with the incident and a reopened entry, the incident linked back; one fix over two files', () => {
  const ws = lab();
  const problemBefore = ws.textOf(PRB)!;
  const incidentBefore = ws.textOf(INC)!;
  const [reopen, dismiss] = fixes(ws, INC, 'recurrence');
  assert.equal(reopen.title, 'Link to PRB-0029 and reopen it for analysis');
  assert.equal(reopen.isPreferred, true);
  assert.equal(dismiss.title, 'Not a recurrence of PRB-0029');
  assert.deepEqual([...new Set(reopen.edits.map((e) => e.file))].sort(), [INC, PRB]);
  apply(ws, reopen.edits);
  const score = /\((0\.\d\d|1\.00)\)/.exec(recurrences(lab())[0].message)![1];
  assert.equal(
    ws.textOf(PRB),
    problemBefore.replace('status: resolved # after CHG-0031', 'status: root-cause-analysis # after CHG-0031').replace('  - INC-0029\n', '  - INC-0029\n  - INC-0052\n') +
      `reopened:\n  - at: "${NOW}"\n    from_status: resolved\n    incident: INC-0052\n    reason: "INC-0052 matches KE-0029 (${score}): the error came back after the fix applied on 2025-10-06."\n`,
  );
  // The links go after the status, where the match CodeLens puts them when there is no escalation.
  assert.equal(ws.textOf(INC), incidentBefore.replace('status: new\n', 'status: new\nproblem: PRB-0029\nknown_error: KE-0029\n'));
  assert.deepEqual(recurrences(ws), []);
  // Both files check clean: the schema knows `reopened`, and the links agree both ways.
  assert.deepEqual(codes(ws, PRB).filter((c) => !c.includes('checklist')), []);
  assert.deepEqual(codes(ws, INC).filter((c) => !c.includes('checklist')), []);
});

test('Link and reopen on a problem reopened before: the new entry is appended, the first kept; a flow list gets a flow entry; anything else, no fix', () => {
  const first = '  - at: "2025-09-30T08:00:00+07:00"\n    incident: INC-0040\n    reason: An earlier recurrence.\n';
  const ws = lab({ [PRB]: problem(undefined, undefined, `reopened:\n${first}tags: [Power]\n`) });
  const [reopen] = fixes(ws, INC, 'recurrence');
  apply(ws, reopen.edits);
  const text = ws.textOf(PRB)!;
  assert.ok(text.includes(`reopened:\n${first}  - at: "${NOW}"\n    from_status: resolved\n    incident: INC-0052\n`), text);
  assert.ok(text.endsWith('tags: [Power]\n'));
  assert.deepEqual(codes(ws, PRB).filter((c) => !c.includes('checklist')), []);

  const flow = lab({ [PRB]: problem(undefined, undefined, 'reopened: [{ at: "2025-09-30T08:00:00+07:00" }]\n') });
  apply(flow, fixes(flow, INC, 'recurrence')[0].edits);
  assert.match(flow.textOf(PRB)!, /^reopened: \[\{ at: "2025-09-30T08:00:00\+07:00" \}, \{ at: "2025-10-21T09:00:00\+07:00", from_status: resolved, incident: INC-0052, reason: ".*" \}\]$/m);
  assert.deepEqual(codes(flow, PRB).filter((c) => !c.includes('checklist')), []);

  // `reopened` written as text: nothing to append to, and nothing is overwritten.
  const broken = lab({ [PRB]: problem(undefined, undefined, 'reopened: twice\n') });
  assert.deepEqual(fixes(broken, INC, 'recurrence').map((f) => f.title), ['Not a recurrence of PRB-0029']);
});

test('Not a recurrence: the problem is added to the incident\'s not_recurrence_of, and the warning is not raised again', () => {
  const ws = lab({ [INC]: incident('INC-0052', '2025-10-20T08:10:00+07:00', 'not_recurrence_of:\n  - PRB-0007 # another\n') });
  const before = ws.textOf(INC)!;
  const dismiss = fixes(ws, INC, 'recurrence').find((f) => f.title === 'Not a recurrence of PRB-0029')!;
  assert.deepEqual(dismiss.edits.map((e) => e.file), [INC]);
  apply(ws, dismiss.edits);
  assert.equal(ws.textOf(INC), before + '  - PRB-0029\n');
  assert.deepEqual(recurrences(ws), []);
  const fresh = lab();
  apply(fresh, fixes(fresh, INC, 'recurrence')[1].edits);
  assert.ok(fresh.textOf(INC)!.includes('status: new\nnot_recurrence_of:\n  - PRB-0029\nreported_at:'), fresh.textOf(INC));
  assert.deepEqual(codes(fresh, INC).filter((c) => !c.includes('checklist')), []);
});

test('the fixes and the warning in Indonesian', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.id.json'), 'utf8'));
  setL10nBundle(bundle);
  try {
    const ws = lab();
    assert.match(recurrences(ws)[0].message, /^Ini tampak seperti kemunculan ulang PRB-0029: cocok dengan KE-0029/);
    assert.deepEqual(fixes(ws, INC, 'recurrence').map((f) => f.title), ['Tautkan ke PRB-0029 dan buka kembali untuk analisis', 'Bukan kemunculan ulang PRB-0029']);
  } finally {
    setL10nBundle(undefined);
  }
});

// ---- incidents resolved by their problem ---------------------------------------------------------

const INC19 = `kind: incident\nid: INC-0019\ntitle: Floor switch power alarms\nstatus: in-progress\nreported_at: "2025-09-21T11:40:00+07:00"\nproblem: PRB-0029\nresolution:\n  notes: Power supply swapped on SW-FL3-01.\n`;
const DONE = `kind: incident\nid: INC-0018\ntitle: Closed already\nstatus: closed\nproblem: PRB-0029\n`;
/** PRB-0029 listing INC-0018, INC-0019 and INC-0029, as they name it. */
const LISTING = problem().replace('  - INC-0029\n', '  - INC-0018\n  - INC-0019\n  - INC-0029\n');

test('linked-incidents-open: a problem resolved with its fix applied and open incidents gets an information at its status', () => {
  const ws = lab({ [PRB]: LISTING, 'incidents/INC-0019.yaml': INC19, 'incidents/INC-0018.yaml': DONE });
  const [i] = ws.issuesFor(PRB).filter((x) => x.code === 'linked-incidents-open');
  assert.equal(i.severity, 'info');
  assert.equal(at(i.range), '4:9-4:17');
  assert.equal(i.message, 'This problem is resolved with its fix applied, but 2 of its incidents are still open (INC-0019, INC-0029): run KEDB: Resolve Linked Incidents to resolve them.');
  assert.deepEqual(i.data, { ordinal: 0, problem: 'PRB-0029', incidents: ['INC-0019', 'INC-0029'] });
  // One open: said in the singular; none, or not fix-applied: nothing.
  const one = lab();
  assert.equal(one.issuesFor(PRB).find((x) => x.code === 'linked-incidents-open')!.message, 'This problem is resolved with its fix applied, but its incident INC-0029 is still open: run KEDB: Resolve Linked Incidents to resolve it.');
  assert.deepEqual(codes(lab({ [PRB]: problem('resolved', '  code: duplicate\n  duplicate_of: PRB-0007\n') }), PRB, ['linked-incidents-open']), []);
  assert.deepEqual(codes(lab({ [OLD]: oldIncident.replace('status: in-progress', 'status: resolved') }), PRB, ['linked-incidents-open']), []);
  assert.deepEqual(codes(lab({}, 'lifecycle:\n  rules:\n    linked-incidents-open: warning\n'), PRB, ['linked-incidents-open']), ['warning linked-incidents-open']);
  // It follows the incidents: one resolved in its file, the problem's issue changes.
  ws.setFileText(OLD, oldIncident.replace('status: in-progress', 'status: resolved'));
  assert.match(ws.issuesFor(PRB).find((x) => x.code === 'linked-incidents-open')!.message, /its incident INC-0019 is still open/);
});

test('Resolve Linked Incidents: each open linked incident resolved, naming the problem and the day of its fix, notes kept; closed ones untouched', () => {
  const ws = lab({ [PRB]: LISTING, 'incidents/INC-0019.yaml': INC19, 'incidents/INC-0018.yaml': DONE });
  const before19 = ws.textOf('incidents/INC-0019.yaml')!;
  const plan = planResolveIncidents(ws, ws.get('PRB-0029')!, NOW)!;
  assert.deepEqual(plan.resolved, ['INC-0019', 'INC-0029']);
  assert.deepEqual(plan.edits.map((e) => e.file).sort(), ['incidents/INC-0019.yaml', OLD]);
  apply(ws, plan.edits);
  assert.equal(
    ws.textOf(OLD),
    oldIncident.replace('status: in-progress', 'status: resolved') +
      `resolution:\n  code: solved\n  notes: Resolved by the permanent fix of PRB-0029, applied on 2025-10-06.\n  resolved_at: "${NOW}"\n`,
  );
  assert.equal(
    ws.textOf('incidents/INC-0019.yaml'),
    before19.replace('status: in-progress', 'status: resolved').replace(
      '  notes: Power supply swapped on SW-FL3-01.\n',
      `  notes: |-\n    Power supply swapped on SW-FL3-01.\n    Resolved by the permanent fix of PRB-0029, applied on 2025-10-06.\n  code: solved\n  resolved_at: "${NOW}"\n`,
    ),
  );
  assert.equal(ws.textOf('incidents/INC-0018.yaml'), DONE);
  assert.deepEqual(codes(ws, PRB, ['linked-incidents-open']), []);
  for (const f of [OLD, 'incidents/INC-0019.yaml']) assert.deepEqual(codes(ws, f).filter((c) => !c.includes('checklist')), [], f);
  // Nothing left to resolve: an empty plan; a problem not resolved with its fix applied: none.
  assert.deepEqual(planResolveIncidents(ws, ws.get('PRB-0029')!, NOW)!.resolved, []);
  const open = lab({ [PRB]: problem('fix-in-progress') });
  assert.equal(planResolveIncidents(open, open.get('PRB-0029')!, NOW), undefined);
});

// ---- kedb recurrences ----------------------------------------------------------------------------

const LAB = path.join('samples', 'lab-02');

const kedb = runKedb;

test('kedb recurrences on lab-02: INC-0052 recurs after PRB-0029\'s fix, in English and Indonesian, and as JSON', () => {
  const en = kedb(['recurrences', LAB]);
  assert.equal(en.code, 0, en.stderr);
  assert.match(en.stdout, /^INC-0052 {2}matches KE-0029 \((0\.\d\d)\): PRB-0029 was resolved with its fix applied on 2025-10-06\n\n1 recurrence: reopen the problem for analysis, or mark the incident as not a recurrence\.\n$/);
  const id = kedb(['recurrences', LAB], 'id_ID.UTF-8');
  assert.match(id.stdout, /^INC-0052 {2}cocok dengan KE-0029 \(0\.\d\d\): PRB-0029 diselesaikan dengan perbaikan diterapkan pada 2025-10-06\n\n1 kemunculan ulang: /);
  const json = JSON.parse(kedb(['recurrences', LAB, '--format', 'json', '--lang', 'id']).stdout) as Record<string, unknown>[];
  assert.equal(json.length, 1);
  assert.deepEqual(Object.keys(json[0]), ['incident', 'known_error', 'problem', 'problem_status', 'score']);
  assert.deepEqual({ ...json[0], score: undefined }, { incident: 'INC-0052', known_error: 'KE-0029', problem: 'PRB-0029', problem_status: 'resolved', score: undefined });
  assert.equal(json[0].score, Number(/\((0\.\d\d)\)/.exec(en.stdout)![1]));
});

test('kedb recurrences: none, in both languages; an unknown format is bad usage (2)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-recur-'));
  try {
    fs.mkdirSync(path.join(dir, 'problems'));
    fs.writeFileSync(path.join(dir, 'problems', 'PRB-0001.yaml'), 'kind: problem\nid: PRB-0001\ntitle: Printers\nstatus: new\n');
    assert.equal(kedb(['recurrences', dir]).stdout, 'No recurrence: no incident matches a known error whose problem was resolved with its fix applied.\n');
    assert.match(kedb(['recurrences', dir, '--lang', 'id']).stdout, /^Tidak ada kemunculan ulang: /);
    assert.equal(kedb(['recurrences', dir, '--format', 'json']).stdout, '[]\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const bad = kedb(['recurrences', LAB, '--format', 'md']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim().split('\n')[0], 'kedb recurrences: --format must be text or json, not "md"');
  assert.match(kedb(['recurrences', LAB, '--format', 'csv'], 'id_ID.UTF-8').stderr, /^kedb recurrences: --format harus text atau json, bukan "csv"/);
  assert.match(kedb(['recurrences', '--help']).stdout, /^Usage: kedb recurrences \[DIR\] \[--format text\|json\]/);
  assert.match(kedb(['--help']).stdout, /\n {2}recurrences \[DIR\] {9}List the incidents that look like a recurrence of a resolved problem\n/);
});

test('listRecurrences and recurrenceJson: every recurrence, by incident id', () => {
  const ws = lab({ 'incidents/INC-0053.yaml': incident('INC-0053', '2025-10-22T08:00:00+07:00') });
  assert.deepEqual(listRecurrences(ws).map((r) => recurrenceJson(r).incident), ['INC-0052', 'INC-0053']);
});
