// Root causes are consistent: an entry of a problem's rca.root_causes, or of a known error's
// root_causes, that names nothing of the analysis gets a warning at the entry, and quick fixes that
// make it match (comment-preserving, one edit each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseRangedFile, quickFixesFor, Workspace, type Issue, type QuickFix } from '../../src/core';
import { closeCauses, closestCause } from '../../src/core/rca';
import { NodeFsHost } from '../../src/node/fsHost';
import { at, REPO_ROOT } from './helpers';
import { apply, codes, workspace } from './kedbHelpers';

const PRB = 'problems/PRB-0001.yaml';
const KE = 'known-errors/KE-0001.yaml';
const RC = ['root-cause-unlisted', 'root-cause-unmatched', 'known-error-root-cause-unmatched'];

/** A problem file: the head, then `rca:` lines. */
const problem = (rca: string[]) => ['kind: problem', 'id: PRB-0001', 'title: VPN drops', 'rca:', ...rca, ''].join('\n');

/** "severity code L:C-L:C message" of a file's root-cause issues. */
function found(ws: Workspace, file: string): string[] {
  return ws
    .issuesFor(file)
    .filter((i) => RC.includes(i.code))
    .map((i) => `${i.severity} ${i.code} ${at(i.range)} ${i.message}`);
}

function issues(ws: Workspace, file: string, code: string): Issue[] {
  return ws.issuesFor(file).filter((i) => i.code === code);
}

function fixesOf(ws: Workspace, file: string, i: Issue): QuickFix[] {
  return quickFixesFor(i, { workspace: ws, path: file, ranged: parseRangedFile(ws.textOf(file)!, ws.config) });
}

/** The text after a fix, checked to be one edit. */
function applied(ws: Workspace, file: string, fix: QuickFix): string {
  assert.equal(fix.edits.length, 1, 'one edit');
  apply(ws, fix.edits);
  return ws.textOf(file)!;
}

const ANALYSED = [
  '  fishbone:',
  '    categories:',
  '      - name: People',
  '        causes:',
  '          - Admins are new to the firmware procedure.  # from the interviews',
  '          - cause: Resolution is late.',
  '            because:',
  '              - cause: Vendor escalation has no SLA.',
  '                evidence: Two tickets waited a week.',
  '      - name: Technology',
  '        causes:',
  '          - cause: The router firmware is faulty.',
  '            root_cause: true',
  '  five_whys:',
  '    tunnel:',
  '      - why: Why do tunnels drop?',
  '        because: The router overloads at peak load.',
  '    redundancy:',
  '      - A single router carries every clinic.',
];

test('a root cause that matches no fishbone cause and no 5 Whys answer gets a warning at the entry', () => {
  const text = problem([
    ...ANALYSED,
    '  root_causes:',
    '    # as the team agreed',
    '    - the router  FIRMWARE is faulty',
    '    - vendor escalation has no SLA',
    '    - The router overloads at peak load.',
    '    - a single router carries every clinic',
    '    - "Budget cuts: no spare router."  # finance',
  ]);
  const ws = workspace({ [PRB]: text });
  assert.deepEqual(found(ws, PRB), [
    'warning root-cause-unmatched 30:7-30:38 "Budget cuts: no spare router." is listed in rca.root_causes but matches no cause in the fishbone and no answer in the 5 Whys.',
  ]);
  assert.deepEqual(issues(ws, PRB, 'root-cause-unmatched')[0].data, { rootCause: 'Budget cuts: no spare router.', index: 4, ordinal: 0 });
});

test('consistent root causes get no diagnostic; a list that is the whole analysis is not checked', () => {
  // Every entry names a cause (at any depth) or an answer (of a single chain too).
  const consistent = problem([
    ...ANALYSED.slice(0, 13),
    '  five_whys:',
    '    - why: Why do tunnels drop?',
    '      because: The router overloads at peak load.',
    '  root_causes: [The router firmware is faulty, Admins are new to the firmware procedure., the router overloads at peak load.]',
  ]);
  const ws = workspace({ [PRB]: consistent });
  assert.deepEqual(ws.issuesFor(PRB), []);
  // No fishbone cause and no 5 Whys answer: the list is all there is, nothing to compare it with.
  ws.setFileText(PRB, problem(['  fishbone:', '    categories:', '      - name: People', '        causes: []', '  root_causes:', '    - Budget cuts.']));
  assert.deepEqual(ws.issuesFor(PRB), []);
});

test('"Mark as a root cause": a close plain-text cause becomes a root cause and the entry takes its words, comments kept', () => {
  const head = problem(ANALYSED.slice(0, 13)).trimEnd().split('\n');
  const text = [...head, '  root_causes:', '    - The router firmware is faulty.', '    - admins are new to firmware procedures  # checked', ''].join('\n');
  const ws = workspace({ [PRB]: text });
  const [unmatched] = issues(ws, PRB, 'root-cause-unmatched');
  assert.equal(at(unmatched.range), '20:7-20:44');
  const fixes = fixesOf(ws, PRB, unmatched);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [
      ['Mark "Admins are new to the firmware procedure." as a root cause', true],
      ['Add "admins are new to firmware procedures" as a cause under People', undefined],
      ['Add "admins are new to firmware procedures" as a cause under Technology', undefined],
    ],
  );
  assert.equal(
    applied(ws, PRB, fixes[0]),
    text
      .replace('          - Admins are new to the firmware procedure.  # from the interviews\n', '          - cause: Admins are new to the firmware procedure.  # from the interviews\n            root_cause: true\n')
      .replace('    - admins are new to firmware procedures  # checked', '    - Admins are new to the firmware procedure.  # checked'),
  );
  assert.deepEqual(found(ws, PRB), [], 'both lists agree now');
});

test('"Mark as a root cause" on a cause mapping adds root_cause after cause, or sets it; a flow item becomes a mapping', () => {
  const mark = (fishbone: string[], entry: string) => {
    const text = problem(['  fishbone:', '    categories:', '      - name: Process', '        causes:', ...fishbone, '  root_causes:', `    - ${entry}`]);
    const ws = workspace({ [PRB]: text });
    const [fix] = fixesOf(ws, PRB, issues(ws, PRB, 'root-cause-unmatched')[0]);
    const out = applied(ws, PRB, fix);
    assert.deepEqual(found(ws, PRB), [], out);
    return { title: fix.title, changed: out.slice(text.indexOf('        causes:\n') + 16) };
  };
  // A nested cause mapping: root_cause right after its cause line, before evidence and because.
  assert.deepEqual(
    mark(['          - cause: Resolution is late.', '            because:', '              - cause: Vendor escalation has no SLA.  # per contract', '                evidence: Two tickets waited a week.'], 'The vendor escalation has no SLA'),
    {
      title: 'Mark "Vendor escalation has no SLA." as a root cause',
      changed: [
        '          - cause: Resolution is late.',
        '            because:',
        '              - cause: Vendor escalation has no SLA.  # per contract',
        '                root_cause: true',
        '                evidence: Two tickets waited a week.',
        '  root_causes:',
        '    - Vendor escalation has no SLA.',
        '',
      ].join('\n'),
    },
  );
  // `root_cause: false` is set to true.
  assert.deepEqual(mark(['          - cause: No rollback procedure.', '            root_cause: false  # not sure yet'], 'No rollback procedures').changed, '          - cause: No rollback procedure.\n            root_cause: true  # not sure yet\n  root_causes:\n    - No rollback procedure.\n');
  // A cause in a flow list becomes a flow mapping.
  assert.deepEqual(
    mark(['          - cause: Resolution is late.', '            because: [Vendor escalation has no SLA, Staff shortage]'], 'vendor escalation has no SLAs').changed,
    '          - cause: Resolution is late.\n            because: [{cause: Vendor escalation has no SLA, root_cause: true}, Staff shortage]\n  root_causes:\n    - Vendor escalation has no SLA\n',
  );
});

test('a close cause already marked root_cause but unlisted: the fix takes its words, and both warnings go', () => {
  const text = problem(['  fishbone:', '    categories:', '      - name: Technology', '        causes:', '          - cause: The router firmware is faulty.', '            root_cause: true', '  root_causes: [Router firmware faulty]']);
  const ws = workspace({ [PRB]: text });
  assert.deepEqual(codes(ws, PRB, RC), ['warning root-cause-unlisted', 'warning root-cause-unmatched']);
  const [fix] = fixesOf(ws, PRB, issues(ws, PRB, 'root-cause-unmatched')[0]);
  assert.equal(fix.title, 'Replace with "The router firmware is faulty." from the fishbone');
  assert.equal(applied(ws, PRB, fix), text.replace('[Router firmware faulty]', '[The router firmware is faulty.]'));
  assert.deepEqual(found(ws, PRB), []);
});

test('"Add as a cause under …": one fix per bone, appended in the list\'s style, the list made when empty', () => {
  const bones = [
    '  fishbone:',
    '    categories:',
    '      - name: People',
    '        causes:',
    '          - Admins are new to the firmware procedure.',
    '      - name: Process',
    '        causes: []  # none yet',
    '      - name: Technology',
    '        causes: [Faulty firmware]',
    '      - {name: Environment}',
    '      - name: Measurement  # the last bone',
  ];
  const text = problem([...bones, '  root_causes:', '    - Faulty firmware', '    - "Budget cuts: no spare router."']);
  const ws = workspace({ [PRB]: text });
  const fixes = fixesOf(ws, PRB, issues(ws, PRB, 'root-cause-unmatched')[0]);
  assert.deepEqual(
    fixes.map((f) => f.title),
    ['People', 'Process', 'Technology', 'Environment', 'Measurement'].map((b) => `Add "Budget cuts: no spare router." as a cause under ${b}`),
    'no cause is close: no "Mark" fix',
  );
  const item = ['- cause: "Budget cuts: no spare router."', '  root_cause: true'];
  const expected = [
    text.replace('Admins are new to the firmware procedure.\n', `Admins are new to the firmware procedure.\n${item.map((l) => '          ' + l + '\n').join('')}`),
    text.replace('        causes: []  # none yet\n', `        causes:  # none yet\n${item.map((l) => '          ' + l + '\n').join('')}`),
    text.replace('[Faulty firmware]', '[Faulty firmware, {cause: "Budget cuts: no spare router.", root_cause: true}]'),
    text.replace('{name: Environment}', '{name: Environment, causes: [{cause: "Budget cuts: no spare router.", root_cause: true}]}'),
    text.replace('      - name: Measurement  # the last bone\n', `      - name: Measurement  # the last bone\n        causes:\n${item.map((l) => '          ' + l + '\n').join('')}`),
  ];
  fixes.forEach((fix, i) => {
    const ws2 = workspace({ [PRB]: text });
    assert.equal(applied(ws2, PRB, fix), expected[i], fix.title);
    assert.deepEqual(found(ws2, PRB), [], fix.title);
  });
});

test('"Add as a cause under …" with no bones written: the workspace\'s bones, the categories list made', () => {
  const text = problem(['  five_whys:', '    - why: Why?', '      because: The router overloads.', '  root_causes:', '    - Budget cuts.']);
  const ws = workspace({ [PRB]: text, 'kedb.config.yaml': 'fishbone:\n  categories: [People, Technology]\n' });
  const fixes = fixesOf(ws, PRB, issues(ws, PRB, 'root-cause-unmatched')[0]);
  assert.deepEqual(fixes.map((f) => f.title), ['Add "Budget cuts." as a cause under People', 'Add "Budget cuts." as a cause under Technology']);
  assert.equal(
    applied(ws, PRB, fixes[1]),
    text.replace('    - Budget cuts.\n', '    - Budget cuts.\n  fishbone:\n    categories:\n      - name: Technology\n        causes:\n          - cause: Budget cuts.\n            root_cause: true\n'),
  );
  assert.deepEqual(found(ws, PRB), []);
});

const PROBLEM_0001 = problem([
  '  fishbone:',
  '    categories:',
  '      - name: Technology',
  '        causes:',
  '          - The router overloads at peak load.',
  '  five_whys:',
  '    - why: Why do tunnels drop?',
  '      because: The router firmware is faulty since the update.',
  '  root_causes:',
  '    - No rollback procedure for failed firmware updates.',
]);
const knownError = (rootCauses: string[]) =>
  ['kind: known_error', 'id: KE-0001', 'problem: PRB-0001', 'title: VPN drops', 'root_causes:', ...rootCauses, 'workaround: Restart the router.', ''].join('\n');

test('a known error\'s root cause that names nothing of its problem\'s analysis gets a warning, and a fix with the problem\'s words', () => {
  const text = knownError([
    '  - no rollback procedure for failed firmware updates',
    '  - The router overloads at peak load',
    '  # the service desk\'s words',
    '  - Router firmware is faulty after updates.  # KEDB row',
    '  - Budget cuts.',
  ]);
  const ws = workspace({ [PRB]: PROBLEM_0001, [KE]: text });
  assert.deepEqual(found(ws, KE), [
    'warning known-error-root-cause-unmatched 9:5-9:45 "Router firmware is faulty after updates." matches no root cause, fishbone cause or 5 Whys answer of PRB-0001.',
    'warning known-error-root-cause-unmatched 10:5-10:17 "Budget cuts." matches no root cause, fishbone cause or 5 Whys answer of PRB-0001.',
  ]);
  const [close, far] = issues(ws, KE, 'known-error-root-cause-unmatched');
  assert.deepEqual(fixesOf(ws, KE, far), [], 'nothing close: no fix');
  const fixes = fixesOf(ws, KE, close);
  // The problem's root causes: the 5 Whys' last answer, and the listed one (named here already, so not offered).
  assert.deepEqual(fixes.map((f) => [f.title, f.isPreferred]), [['Replace with "The router firmware is faulty since the update." from PRB-0001', true]]);
  assert.equal(applied(ws, KE, fixes[0]), text.replace('Router firmware is faulty after updates.  #', 'The router firmware is faulty since the update.  #'));
  assert.deepEqual(codes(ws, KE, RC), ['warning known-error-root-cause-unmatched'], 'Budget cuts. stays');
});

test('a known error is checked only against a problem with an analysis, and again when the problem changes', () => {
  const ws = workspace({ [PRB]: problem(['  method: fishbone']), [KE]: knownError(['  - Budget cuts.']) });
  assert.deepEqual(found(ws, KE), [], 'the problem has no analysis');
  ws.setFileText(PRB, problem(['  root_causes: [Budget cuts]']));
  assert.deepEqual(codes(ws, KE, RC), []);
  ws.setFileText(PRB, problem(['  root_causes: [Faulty firmware]']));
  assert.deepEqual(codes(ws, KE, RC), ['warning known-error-root-cause-unmatched'], 'the problem changed: the known error is checked again');
  ws.setFileText(KE, knownError(['  - Budget cuts.']).replace('problem: PRB-0001\n', ''));
  assert.deepEqual(codes(ws, KE, RC), [], 'no problem named');
});

test('closeness: half the content words in common, or a few typos apart', () => {
  assert.ok(closeCauses('VPN logs are not analysed routinely.', 'VPN connection logs are not analysed routinely.'));
  assert.ok(closeCauses('There is no rollback procedure.', 'There is no clear rollback procedure if a firmware update fails.'));
  assert.ok(closeCauses('Scaling eror', 'Scaling error.'));
  assert.ok(!closeCauses('There is no rollback procedure.', 'There is no real-time alerting system.'), 'stop words and negations do not count');
  assert.ok(!closeCauses('The network infrastructure is not yet redundant.', 'The telemedicine network architecture has a single point of failure.'));
  assert.equal(closestCause('router firmware faulty', ['The router overloads.', 'The router firmware is faulty.', 'Firmware is faulty.']), 1);
  assert.equal(closestCause('Budget cuts.', ['The router overloads.']), -1);
});

test('samples/lab-02: no problem gets a new diagnostic; KE-0007 words its root causes unlike PRB-0007, and the fixes give PRB-0007\'s words', async () => {
  const ws = await Workspace.load(new NodeFsHost(path.join(REPO_ROOT, 'samples', 'lab-02')));
  const all = [...ws.allIssues()].flatMap(([file, list]) => list.map((i) => ({ file, i })));
  assert.deepEqual(all.filter(({ i }) => i.code === 'root-cause-unmatched' || i.code === 'root-cause-unlisted'), []);
  const ke = all.filter(({ i }) => i.code === 'known-error-root-cause-unmatched');
  assert.ok(ke.every(({ file }) => file === 'known-errors/KE-0007.yaml'), JSON.stringify(ke.map(({ file }) => file)));
  const replaced = ke.map(({ file, i }) => [i.data?.rootCause, fixesOf(ws, file, i).map((f) => f.title)]);
  const expected: [string, string[]][] = [
    ['Cisco RV340 router firmware is faulty after the update.', ['Replace with "The Cisco RV340 router firmware is faulty after the update." from PRB-0007']],
    ['The router is not compatible with the latest EMR configuration.', ['Replace with "The router is not fully compatible with the latest EMR conf…" from PRB-0007']],
    ['There is no rollback procedure.', ['Replace with "There is no clear rollback procedure if a firmware update f…" from PRB-0007']],
    ['The network infrastructure is not yet redundant.', []],
    ['VPN logs are not analysed routinely.', ['Replace with "VPN connection logs are not analysed routinely." from PRB-0007']],
    ['There is no real-time alerting system.', ['Replace with "There is no real-time alerting for early warning." from PRB-0007']],
  ];
  // As shipped, KE-0007 keeps the seed's KEDB-row wording; once it takes PRB-0007's words, none.
  assert.deepEqual(replaced, ke.length ? expected : []);
});
