import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workaroundState } from '../../src/core/kedb';
import { affectedBy, at } from './helpers';
import { apply, codes, fixesFor, issue, NOW, workspace } from './kedbHelpers';

const LIFECYCLE = ['rca-or-assignee-missing', 'change-reference-missing', 'resolution-code-missing', 'duplicate-of-missing', 'workaround-missing', 'known-error-unlinked', 'known-error-stale'];

const problem = (id: string, extra: string) => `kind: problem\nid: ${id}\ntitle: VPN drops at the clinics\n${extra}`;
const knownError = (id: string, problemId: string, extra: string) => `kind: known_error\nid: ${id}\nproblem: ${problemId}\ntitle: VPN drops\nsymptoms:\n  - connection lost\n${extra}`;

// ---- root-cause-analysis needs an rca or an assignee ----------------------------------------

test('root-cause-analysis without rca or assignee is flagged at status, and an assignee, an owner or a real rca clears it', () => {
  const ws = workspace({ 'problems/PRB-0001.yaml': problem('PRB-0001', 'status: root-cause-analysis\n') });
  const i = issue(ws, 'problems/PRB-0001.yaml', 'rca-or-assignee-missing');
  assert.equal(i.severity, 'warning');
  assert.equal(at(i.range), '4:9-4:28');
  assert.match(i.message, /needs an rca or an assignee \(assignment_group or owner\)/);
  for (const extra of ['assignment_group: NOC\n', 'owner: Yohanes\n', 'rca:\n  root_causes:\n    - Faulty firmware.\n', 'rca:\n  five_whys:\n    - why: Why?\n      because: Firmware.\n', 'rca:\n  fishbone:\n    categories:\n      - name: People\n        causes:\n          - Untrained admins.\n']) {
    ws.setFileText('problems/PRB-0001.yaml', problem('PRB-0001', 'status: root-cause-analysis\n' + extra));
    assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), [], extra);
  }
  // The template's empty skeleton is not an analysis yet.
  ws.setFileText('problems/PRB-0001.yaml', problem('PRB-0001', 'status: root-cause-analysis\nrca:\n  method: fishbone\n  fishbone:\n    categories:\n      - name: People\n        causes: []\n  five_whys: []\n  root_causes: []\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), ['warning rca-or-assignee-missing']);
  // Other states do not ask for it.
  ws.setFileText('problems/PRB-0001.yaml', problem('PRB-0001', 'status: assessed\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), []);
});

test('the rca quick fix assigns the team its incidents were escalated to, and the diagnostic goes', () => {
  const ws = workspace({
    'problems/PRB-0001.yaml': problem('PRB-0001', 'status: root-cause-analysis # under analysis\nincidents: [INC-0001, INC-0002]\n'),
    'incidents/INC-0001.yaml': 'kind: incident\nid: INC-0001\ntitle: VPN down\nproblem: PRB-0001\nescalation:\n  team: NOC\n',
    'incidents/INC-0002.yaml': 'kind: incident\nid: INC-0002\ntitle: VPN down again\nproblem: PRB-0001\nescalation:\n  team: NOC\n',
  });
  const [fix] = fixesFor(ws, 'problems/PRB-0001.yaml', 'rca-or-assignee-missing');
  assert.equal(fix.title, 'Assign to NOC');
  apply(ws, fix.edits);
  assert.equal(ws.textOf('problems/PRB-0001.yaml'), problem('PRB-0001', 'status: root-cause-analysis # under analysis\nassignment_group: NOC\nincidents: [INC-0001, INC-0002]\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), []);
});

// ---- fix-in-progress needs a change reference ----------------------------------------------

test('fix-in-progress needs a change: flagged without one; resolution.change, the known error\'s permanent_fix.change or (by default) its described fix clear it', () => {
  const ws = workspace({ 'problems/PRB-0001.yaml': problem('PRB-0001', 'status: fix-in-progress\n') });
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), ['warning change-reference-missing']);
  ws.setFileText('problems/PRB-0001.yaml', problem('PRB-0001', 'status: fix-in-progress\nresolution:\n  change: CHG-0042\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), []);

  ws.setFileText('problems/PRB-0001.yaml', problem('PRB-0001', 'status: fix-in-progress\nknown_error: KE-0001\n'));
  ws.setFileText('known-errors/KE-0001.yaml', knownError('KE-0001', 'PRB-0001', 'workaround: Restart the router.\npermanent_fix:\n  status: planned\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), ['warning change-reference-missing']);
  ws.setFileText('known-errors/KE-0001.yaml', knownError('KE-0001', 'PRB-0001', 'workaround: Restart the router.\npermanent_fix:\n  status: planned\n  change: CHG-0007\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), [], 'a change id on the known error');
  ws.setFileText('known-errors/KE-0001.yaml', knownError('KE-0001', 'PRB-0001', 'workaround: Restart the router.\npermanent_fix:\n  status: planned\n  description: Roll the firmware back.\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), [], 'the described fix, under the default change_reference: id-or-plan');
  ws.setFileText('kedb.config.yaml', 'version: 1\nlifecycle:\n  change_reference: id\n');
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), ['warning change-reference-missing'], 'change_reference: id wants an id');
});

test('the change quick fix adds permanent_fix.change to the known error and opens it', () => {
  const ws = workspace({
    'kedb.config.yaml': 'version: 1\nlifecycle:\n  change_reference: id\n',
    'problems/PRB-0001.yaml': problem('PRB-0001', 'status: fix-in-progress\nknown_error: KE-0001\n'),
    'known-errors/KE-0001.yaml': knownError('KE-0001', 'PRB-0001', 'workaround: Restart the router.\npermanent_fix:\n  status: planned # next sprint\n'),
  });
  const [fix] = fixesFor(ws, 'problems/PRB-0001.yaml', 'change-reference-missing');
  assert.equal(fix.title, "Add a change id to KE-0001's permanent fix");
  assert.equal(fix.open, 'known-errors/KE-0001.yaml');
  apply(ws, fix.edits);
  assert.match(ws.textOf('known-errors/KE-0001.yaml')!, /permanent_fix:\n {2}status: planned # next sprint\n {2}change: ""\n$/);
});

// ---- resolved needs a resolution code; duplicate needs duplicate_of -------------------------

test('resolved and closed need resolution.code; the quick fix offers the four codes, fix-applied first', () => {
  for (const status of ['resolved', 'closed']) {
    const ws = workspace({ 'problems/PRB-0001.yaml': problem('PRB-0001', `status: ${status}\n`) });
    assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), ['warning resolution-code-missing'], status);
    const fixes = fixesFor(ws, 'problems/PRB-0001.yaml', 'resolution-code-missing');
    assert.deepEqual(fixes.map((f) => f.title), ['Set resolution.code: fix-applied', 'Set resolution.code: duplicate', 'Set resolution.code: risk-accepted', 'Set resolution.code: cancelled']);
    apply(ws, fixes[0].edits);
    assert.equal(ws.textOf('problems/PRB-0001.yaml'), problem('PRB-0001', `status: ${status}\nresolution:\n  code: fix-applied\n`));
    assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml'), []);
  }
  // A resolution without a code is flagged at the resolution, and the fix adds the code inside it.
  const ws = workspace({ 'problems/PRB-0001.yaml': problem('PRB-0001', 'status: resolved\nresolution:\n  notes: Firmware rolled back.\n') });
  assert.equal(at(issue(ws, 'problems/PRB-0001.yaml', 'resolution-code-missing').range), '6:3-7:1');
  apply(ws, fixesFor(ws, 'problems/PRB-0001.yaml', 'resolution-code-missing')[0].edits);
  assert.equal(ws.textOf('problems/PRB-0001.yaml'), problem('PRB-0001', 'status: resolved\nresolution:\n  notes: Firmware rolled back.\n  code: fix-applied\n'));
});

test('a duplicate needs duplicate_of; the quick fix proposes the most similar problem first', () => {
  const ws = workspace({
    'problems/PRB-0001.yaml': problem('PRB-0001', 'status: resolved\nresolution:\n  code: duplicate\n'),
    'problems/PRB-0002.yaml': 'kind: problem\nid: PRB-0002\ntitle: Printer queue stuck on macOS\n',
    'problems/PRB-0003.yaml': 'kind: problem\nid: PRB-0003\ntitle: VPN drops at the clinics after the router update\n',
  });
  const i = issue(ws, 'problems/PRB-0001.yaml', 'duplicate-of-missing');
  assert.equal(at(i.range), '6:9-6:18');
  const fixes = fixesFor(ws, 'problems/PRB-0001.yaml', 'duplicate-of-missing');
  assert.match(fixes[0].title, /^Duplicate of PRB-0003 \(VPN drops at the clinics/);
  apply(ws, fixes[0].edits);
  assert.equal(ws.textOf('problems/PRB-0001.yaml'), problem('PRB-0001', 'status: resolved\nresolution:\n  code: duplicate\n  duplicate_of: PRB-0003\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), []);
});

// ---- a known error needs a workaround, or "none" with a reason --------------------------------

test('what counts as a workaround, as none with a reason, and as missing', () => {
  assert.equal(workaroundState(undefined), 'missing');
  assert.equal(workaroundState('  '), 'missing');
  assert.equal(workaroundState('None'), 'none-without-reason');
  assert.equal(workaroundState('N/A'), 'none-without-reason');
  assert.equal(workaroundState('none.'), 'none-without-reason');
  assert.equal(workaroundState('None: the sensor must be replaced by the vendor.'), 'none-with-reason');
  assert.equal(workaroundState('No workaround — the service is down until the switch is replaced.'), 'none-with-reason');
  assert.equal(workaroundState('Restart the router.'), 'given');
  assert.equal(workaroundState('Nonetheless restart it.'), 'given');
});

test('a known error without a workaround is flagged, "None" alone too; a workaround or "None: reason" clears it', () => {
  const file = 'known-errors/KE-0001.yaml';
  const ws = workspace({ 'problems/PRB-0001.yaml': problem('PRB-0001', 'known_error: KE-0001\n'), [file]: knownError('KE-0001', 'PRB-0001', '') });
  const missing = issue(ws, file, 'workaround-missing');
  assert.equal(at(missing.range), '2:5-2:12');
  ws.setFileText(file, knownError('KE-0001', 'PRB-0001', 'workaround: None\n'));
  const bare = issue(ws, file, 'workaround-missing');
  assert.equal(at(bare.range), '7:13-7:17');
  assert.match(bare.message, /must say why/);
  ws.setFileText(file, knownError('KE-0001', 'PRB-0001', 'workaround: "None: the sensor must be replaced."\n'));
  assert.deepEqual(codes(ws, file, LIFECYCLE), []);
  ws.setFileText(file, knownError('KE-0001', 'PRB-0001', 'workaround: Restart the router.\n'));
  assert.deepEqual(codes(ws, file, LIFECYCLE), []);
});

test('the workaround quick fix copies the problem\'s workaround', () => {
  const file = 'known-errors/KE-0001.yaml';
  const ws = workspace({
    'problems/PRB-0001.yaml': problem('PRB-0001', 'workaround: >-\n  Restart the router manually and divert traffic\n  to the direct internet connection.\nknown_error: KE-0001\n'),
    [file]: knownError('KE-0001', 'PRB-0001', 'root_causes:\n  - Faulty firmware.\n'),
  });
  const [fix] = fixesFor(ws, file, 'workaround-missing');
  assert.equal(fix.title, 'Copy the workaround from PRB-0001: Restart the router manually and divert traffic to…');
  apply(ws, fix.edits);
  assert.equal(ws.textOf(file), knownError('KE-0001', 'PRB-0001', 'root_causes:\n  - Faulty firmware.\nworkaround: Restart the router manually and divert traffic to the direct internet connection.\n'));
  assert.deepEqual(codes(ws, file), []);
});

// ---- problem ↔ known error links ------------------------------------------------------------

test('a problem that a known error documents must link to it; the quick fix links it and both ends are clean', () => {
  const ws = workspace({
    'problems/PRB-0001.yaml': problem('PRB-0001', 'status: fix-in-progress\nworkaround: Restart the router.\n'),
    'known-errors/KE-0001.yaml': knownError('KE-0001', 'PRB-0001', 'workaround: Restart the router.\npermanent_fix:\n  status: planned\n  description: Roll back.\n'),
  });
  const i = issue(ws, 'problems/PRB-0001.yaml', 'known-error-unlinked');
  assert.equal(at(i.range), '2:5-2:13');
  assert.equal(i.message, 'KE-0001 documents this problem, but it does not link to it: set known_error.');
  // The other end already says so (link-mismatch); the fix goes on the problem.
  assert.deepEqual(codes(ws, 'known-errors/KE-0001.yaml'), ['warning link-mismatch']);
  const [fix] = fixesFor(ws, 'problems/PRB-0001.yaml', 'known-error-unlinked');
  assert.equal(fix.title, 'Link to KE-0001 (VPN drops)');
  apply(ws, fix.edits);
  assert.equal(ws.textOf('problems/PRB-0001.yaml'), problem('PRB-0001', 'status: fix-in-progress\nworkaround: Restart the router.\nknown_error: KE-0001\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml'), []);
  assert.deepEqual(codes(ws, 'known-errors/KE-0001.yaml'), []);
});

test('an edit of the known error alone updates the problem\'s link diagnostic (the problem is re-checked)', () => {
  const ws = workspace({ 'problems/PRB-0001.yaml': problem('PRB-0001', ''), 'problems/PRB-0002.yaml': problem('PRB-0002', '') });
  const affected = affectedBy(ws);
  ws.setFileText('known-errors/KE-0001.yaml', knownError('KE-0001', 'PRB-0001', 'workaround: Restart.\n'));
  assert.ok(affected.take().paths.includes('problems/PRB-0001.yaml'));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), ['warning known-error-unlinked']);
  ws.setFileText('known-errors/KE-0001.yaml', knownError('KE-0001', 'PRB-0002', 'workaround: Restart.\n'));
  assert.deepEqual(affected.take().paths.sort(), ['known-errors/KE-0001.yaml', 'problems/PRB-0001.yaml', 'problems/PRB-0002.yaml']);
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), []);
  assert.deepEqual(codes(ws, 'problems/PRB-0002.yaml', LIFECYCLE), ['warning known-error-unlinked']);
});

// ---- stale known errors ---------------------------------------------------------------------

test('a known error past valid_to is stale; today or later is not; the quick fix moves valid_to on by review_days', () => {
  const file = 'known-errors/KE-0001.yaml';
  const ws = workspace({ 'problems/PRB-0001.yaml': problem('PRB-0001', 'known_error: KE-0001\n'), [file]: knownError('KE-0001', 'PRB-0001', 'workaround: Restart.\nvalid_to: "2025-09-30"\n') });
  const i = issue(ws, file, 'known-error-stale');
  assert.equal(i.message, 'This known error was valid until 2025-09-30: review it, then move valid_to on (or retire it).');
  assert.equal(at(i.range), '8:11-8:23');
  const [fix] = fixesFor(ws, file, 'known-error-stale');
  assert.equal(fix.title, 'Mark reviewed: valid until 2026-03-30');
  apply(ws, fix.edits);
  assert.match(ws.textOf(file)!, /valid_to: "2026-03-30"\n$/);
  assert.deepEqual(codes(ws, file), []);
  ws.setFileText(file, knownError('KE-0001', 'PRB-0001', `workaround: Restart.\nvalid_to: "${NOW.slice(0, 10)}"\n`));
  assert.deepEqual(codes(ws, file), [], 'valid through today');
});

// ---- configuration --------------------------------------------------------------------------

test('each rule\'s severity comes from lifecycle.rules; off silences it', () => {
  const files = {
    'problems/PRB-0001.yaml': problem('PRB-0001', 'status: resolved\n'),
    'known-errors/KE-0002.yaml': knownError('KE-0002', 'PRB-0009', 'valid_to: "2020-01-01"\n'),
    'problems/PRB-0009.yaml': problem('PRB-0009', 'known_error: KE-0002\n'),
  };
  const ws = workspace({ ...files, 'kedb.config.yaml': 'version: 1\nlifecycle:\n  rules:\n    resolution-code-missing: error\n    workaround-missing: "off"\n    known-error-stale: info\n  review_days: 30\n' });
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), ['error resolution-code-missing']);
  assert.deepEqual(codes(ws, 'known-errors/KE-0002.yaml', LIFECYCLE), ['info known-error-stale']);
  assert.equal(fixesFor(ws, 'known-errors/KE-0002.yaml', 'known-error-stale')[0].title, 'Mark reviewed: valid until 2025-10-31');
  // The config itself is valid against its schema.
  assert.deepEqual(ws.issuesFor('kedb.config.yaml'), []);
  ws.setFileText('kedb.config.yaml', 'version: 1\nlifecycle:\n  rules:\n    resolution-code-missing: loud\n');
  assert.deepEqual(ws.issuesFor('kedb.config.yaml').map((i) => i.code), ['invalid-value']);
});

test('lifecycle.sources: a problem from a data set that lacks resolution.code or resolution.change is not asked for it; one without source.dataset or from another data set still is', () => {
  const config = 'version: 1\nlifecycle:\n  sources:\n    vinst-problems:\n      lacks: [resolution.code, resolution.change]\n    only-codes:\n      lacks: [resolution.code]\n';
  const from = (dataset: string) => `source:\n  dataset: ${dataset}\n  original_id: 1-364285768\n`;
  const ws = workspace({
    'kedb.config.yaml': config,
    'problems/PRB-0001.yaml': problem('PRB-0001', `status: closed\n${from('vinst-problems')}`),
    'problems/PRB-0002.yaml': problem('PRB-0002', 'status: closed\n'),
    'problems/PRB-0003.yaml': problem('PRB-0003', `status: closed\n${from('servicenow-uci')}`),
    'problems/PRB-0004.yaml': problem('PRB-0004', `status: fix-in-progress\n${from('vinst-problems')}`),
    'problems/PRB-0005.yaml': problem('PRB-0005', 'status: fix-in-progress\n'),
    'problems/PRB-0006.yaml': problem('PRB-0006', `status: fix-in-progress\n${from('only-codes')}`),
    'problems/PRB-0007.yaml': problem('PRB-0007', `status: resolved\n${from('only-codes')}`),
  });
  // The config itself is valid against its schema.
  assert.deepEqual(ws.issuesFor('kedb.config.yaml'), []);
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), [], 'closed, from the lacking data set');
  assert.deepEqual(codes(ws, 'problems/PRB-0002.yaml', LIFECYCLE), ['warning resolution-code-missing'], 'the same problem without source.dataset');
  assert.deepEqual(codes(ws, 'problems/PRB-0003.yaml', LIFECYCLE), ['warning resolution-code-missing'], 'from another data set');
  assert.deepEqual(codes(ws, 'problems/PRB-0004.yaml', LIFECYCLE), [], 'fix in progress, from the lacking data set');
  assert.deepEqual(codes(ws, 'problems/PRB-0005.yaml', LIFECYCLE), ['warning change-reference-missing'], 'fix in progress, no source.dataset');
  assert.deepEqual(codes(ws, 'problems/PRB-0006.yaml', LIFECYCLE), ['warning change-reference-missing'], 'a data set that lacks only resolution.code');
  assert.deepEqual(codes(ws, 'problems/PRB-0007.yaml', LIFECYCLE), [], 'resolved, from a data set that lacks resolution.code');
  // Only the problem's own absence is excused: a duplicate still needs duplicate_of, and a known
  // error that documents the problem is still asked for its permanent fix.
  ws.setFileText('problems/PRB-0001.yaml', problem('PRB-0001', `status: closed\nresolution:\n  code: duplicate\n${from('vinst-problems')}`));
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml', LIFECYCLE), ['warning duplicate-of-missing']);
  ws.setFileText('problems/PRB-0004.yaml', problem('PRB-0004', `status: fix-in-progress\nknown_error: KE-0004\n${from('vinst-problems')}`));
  ws.setFileText('known-errors/KE-0004.yaml', knownError('KE-0004', 'PRB-0004', 'workaround: Restart the router.\npermanent_fix:\n  status: planned\n'));
  assert.deepEqual(codes(ws, 'problems/PRB-0004.yaml', LIFECYCLE), ['warning change-reference-missing']);
  // Without the config, every one of them is asked again.
  ws.setFileText('kedb.config.yaml', 'version: 1\n');
  assert.deepEqual(codes(ws, 'problems/PRB-0007.yaml', LIFECYCLE), ['warning resolution-code-missing']);
  // A field the lifecycle does not know is a schema error, and is ignored.
  ws.setFileText('kedb.config.yaml', 'version: 1\nlifecycle:\n  sources:\n    vinst-problems:\n      lacks: [resolution.notes]\n');
  assert.deepEqual(ws.issuesFor('kedb.config.yaml').map((i) => i.code), ['invalid-value']);
  assert.deepEqual(codes(ws, 'problems/PRB-0002.yaml', LIFECYCLE), ['warning resolution-code-missing']);
});
