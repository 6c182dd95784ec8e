import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { applyEdits, Workspace, type TextEdit } from '../../src/core';
import { appendToList, chainEdits, communicationDraft, escapeMarkdownText, noteEdit, planCommunication, planPromotion, recurringPhrases, setIn, statusAfterPromotion, workaroundMessageText, workaroundSteps, yamlString } from '../../src/core';
import { defaultLifecycle } from '../../src/core/kedb';
import { setL10nBundle, type L10nBundle } from '../../src/core/base/l10n';
import { NodeFsHost } from '../../src/node/fsHost';
import { REPO_ROOT } from './helpers';
import { codes, NOW, workspace } from './kedbHelpers';

const LAB = path.join(REPO_ROOT, 'samples', 'lab-02');

// ---- the edit helpers -----------------------------------------------------------------------

test('yamlString keeps any text exactly: plain, folded, literal or quoted', () => {
  for (const s of ['Restart the router', 'true', '123', 'a: b', '- item', '#hash', 'x'.repeat(300), 'word '.repeat(60).trim(), 'line one\nline two\n\nline four', ' leading', 'trailing ', 'tab\there', '=cmd|\' /C calc\'!A0', '%%{init: {"theme": "dark"}}%%', '<script>alert(1)</script>', 'emoji 🚑 and “quotes”']) {
    const v = yamlString(s);
    const text = 'inline' in v ? `k: ${v.inline}\n` : `k: ${v.block[0]}\n${v.block.slice(1).join('\n')}\n`;
    assert.equal(parse(text).k, s, JSON.stringify(s));
  }
  assert.deepEqual(yamlString('Restart the router'), { inline: 'Restart the router' });
  assert.deepEqual(yamlString('yes'), { inline: '"yes"' });
  assert.equal((yamlString('word '.repeat(60).trim()) as { block: string[] }).block[0], '>-');
});

test('setIn replaces a value in place (a comment after it stays), or adds the key and the mappings on the way', () => {
  const config = new Workspace().config;
  const text = 'kind: problem # the kind\nid: PRB-0001\nstatus: new # triage\nrca:\n  method: fishbone\n';
  assert.equal(applyEdits(text, [setIn(text, 0, ['status'], { inline: 'assessed' }, config)!]), text.replace('status: new', 'status: assessed'));
  assert.equal(applyEdits(text, [setIn(text, 0, ['resolution', 'code'], { inline: 'fix-applied' }, config)!]), text + 'resolution:\n  code: fix-applied\n');
  assert.equal(applyEdits(text, [setIn(text, 0, ['rca', 'root_causes'], { block: ['- Firmware.'] }, config)!]), text + '  root_causes:\n    - Firmware.\n');
  assert.equal(applyEdits(text, [setIn(text, 0, ['owner'], { inline: 'Ana' }, config, { after: ['status'] })!]), text.replace('# triage\n', '# triage\nowner: Ana\n'));
  const empty = 'kind: problem\nid: PRB-0001\nresolution:\n';
  assert.equal(applyEdits(empty, [setIn(empty, 0, ['resolution', 'code'], { inline: 'duplicate' }, config)!]), 'kind: problem\nid: PRB-0001\nresolution:\n  code: duplicate\n');
});

test('appendToList follows the list\'s style: block, flow, or a new list', () => {
  const config = new Workspace().config;
  const block = 'kind: problem\nid: PRB-0001\nincidents:\n  - INC-0001 # first\ntitle: T\n';
  assert.equal(applyEdits(block, [appendToList(block, 0, ['incidents'], 'INC-0002', config)!]), 'kind: problem\nid: PRB-0001\nincidents:\n  - INC-0001 # first\n  - INC-0002\ntitle: T\n');
  const flow = 'kind: problem\nid: PRB-0001\nincidents: [INC-0001]\n';
  assert.equal(applyEdits(flow, [appendToList(flow, 0, ['incidents'], 'INC-0002', config)!]), 'kind: problem\nid: PRB-0001\nincidents: [INC-0001, INC-0002]\n');
  const none = 'kind: problem\nid: PRB-0001\nincidents: []\n';
  assert.equal(applyEdits(none, [appendToList(none, 0, ['incidents'], 'INC-0002', config)!]), 'kind: problem\nid: PRB-0001\nincidents: [INC-0002]\n');
  const missing = 'kind: problem\nid: PRB-0001\n';
  assert.equal(applyEdits(missing, [appendToList(missing, 0, ['incidents'], 'INC-0002', config)!]), 'kind: problem\nid: PRB-0001\nincidents:\n  - INC-0002\n');
});

test('chainEdits turns edits made one after another into one edit of the original', () => {
  const config = new Workspace().config;
  const text = 'kind: incident\nid: INC-0001\ntitle: T\nstatus: new\n';
  const e = chainEdits(text, [(t) => setIn(t, 0, ['problem'], { inline: 'PRB-0001' }, config), (t) => setIn(t, 0, ['known_error'], { inline: 'KE-0001' }, config)])!;
  assert.equal(applyEdits(text, [e]), text + 'problem: PRB-0001\nknown_error: KE-0001\n');
});

// ---- Promote Problem to Known Error ---------------------------------------------------------

/** Lab-02 with PRB-0007's known error taken away: the state just before the seed's KEDB row was written. */
async function labWithoutKe0007(): Promise<Workspace> {
  const ws = await Workspace.load(new NodeFsHost(LAB));
  ws.clock = () => NOW;
  ws.deleteFile('known-errors/KE-0007.yaml');
  ws.setFileText('problems/PRB-0007.yaml', ws.textOf('problems/PRB-0007.yaml')!.replace('known_error: KE-0007\n', ''));
  for (const id of ['INC-0007', 'INC-0016', 'INC-0028']) ws.setFileText(`incidents/${id}.yaml`, ws.textOf(`incidents/${id}.yaml`)!.replace(/^known_error: KE-0007\n/m, ''));
  return ws;
}

test('promote PRB-0007 drafts KE-0007: symptoms from what its incidents share, root causes from the marked causes and the 5 Whys, its workaround, the fix status', async () => {
  const ws = await labWithoutKe0007();
  const result = planPromotion(ws, 'PRB-0007', NOW);
  assert.ok(result.ok);
  const plan = result.plan;
  assert.equal(plan.knownError, 'KE-0007', 'the problem\'s number, free again');
  assert.equal(plan.path, 'known-errors/KE-0007.yaml');
  const ke = parse(plan.text);
  assert.equal(ke.kind, 'known_error');
  assert.equal(ke.problem, 'PRB-0007');
  assert.equal(ke.title, 'VPN-router connectivity disruption affecting Telemedicine & EMR');
  // What the three incidents' descriptions share, not their titles.
  assert.deepEqual(ke.symptoms, ['Connection lost.', 'Telemedicine platform.', 'PCs did not help.']);
  for (const id of ['INC-0007', 'INC-0016', 'INC-0028']) assert.ok(!ke.symptoms.some((s: string) => s.startsWith(String(ws.get(id)!.value.title))), `${id}'s title is no symptom`);
  // The six causes marked root_cause, in fishbone order, then the 5 Whys chain's last answer.
  assert.deepEqual(ke.root_causes, [
    'There is no clear rollback procedure if a firmware update fails.',
    'The Cisco RV340 router firmware is faulty after the update.',
    'The router is not fully compatible with the latest EMR configuration.',
    'The telemedicine network architecture has a single point of failure.',
    'VPN connection logs are not analysed routinely.',
    'There is no real-time alerting for early warning.',
    'The telemedicine network has a single point of failure: there is no redundant router or path.',
  ]);
  assert.equal(ke.workaround, 'Restart the router manually, divert traffic to the direct internet connection, and use the backup EMR access path.');
  assert.deepEqual(ke.permanent_fix, { status: 'in-progress' });
  assert.equal(ke.created_at, NOW);
  assert.equal(plan.status, undefined, 'a problem in fix-in-progress keeps its state');

  // Applied: the new record is valid, the problem links to it, and both ends are clean but for the
  // change reference the draft cannot know.
  ws.setFileText(plan.path, plan.text);
  ws.setFileText(plan.problemFile, applyEdits(ws.textOf(plan.problemFile)!, [plan.problemEdit]));
  assert.match(ws.textOf('problems/PRB-0007.yaml')!, /\n {2}EMR access path\.\nknown_error: KE-0007\ntags:\n/);
  assert.deepEqual(codes(ws, plan.path), []);
  assert.deepEqual(codes(ws, 'problems/PRB-0007.yaml'), ['warning change-reference-missing']);
});

test('promote refuses a problem that already has a known error, and picks the next id when the number is taken', () => {
  const ws = workspace({
    'problems/PRB-0001.yaml': 'kind: problem\nid: PRB-0001\ntitle: VPN drops\nknown_error: KE-0001\n',
    'known-errors/KE-0001.yaml': 'kind: known_error\nid: KE-0001\nproblem: PRB-0001\ntitle: K\nsymptoms: [s]\nworkaround: w\n',
    'problems/PRB-0002.yaml': 'kind: problem\nid: PRB-0002\ntitle: Printer queue stuck\nstatus: root-cause-analysis\n',
    'known-errors/KE-0002.yaml': 'kind: known_error\nid: KE-0002\nproblem: PRB-0001\ntitle: K2\nsymptoms: [s]\nworkaround: w\n',
  });
  const refused = planPromotion(ws, 'PRB-0001', NOW);
  assert.deepEqual(refused, { ok: false, message: 'PRB-0001 already has a known error, KE-0001.', existing: 'KE-0001' });
  assert.equal(planPromotion(ws, 'INC-0001', NOW).ok, false);
  const r = planPromotion(ws, 'PRB-0002', NOW);
  assert.ok(r.ok);
  assert.equal(r.plan.knownError, 'KE-0003');
  const ke = parse(r.plan.text);
  // No incidents: the symptom comes from the title; no rca: no root causes; no workaround: a placeholder the lifecycle flags.
  assert.deepEqual(ke.symptoms, ['Printer queue stuck.']);
  assert.deepEqual(ke.root_causes, []);
  assert.equal(ke.workaround, '');
  assert.deepEqual(ke.permanent_fix, { status: 'open' });
  assert.equal(r.plan.status, undefined, 'already in root-cause-analysis');
  ws.setFileText(r.plan.path, r.plan.text);
  assert.deepEqual(codes(ws, r.plan.path), ['warning link-mismatch', 'warning workaround-missing']);
});

test('symptoms are the phrases the incidents\' descriptions share, the most shared first, a negation kept; nothing shared gives none', () => {
  assert.deepEqual(
    recurringPhrases([
      ['Since the update, users cannot log in to the portal. The login page shows "session expired" after a minute.'],
      ['Users cannot log in to the portal from the branch; the page shows "Session expired".'],
      ['After the morning update, the portal login page shows "session expired" and nobody can log in to the portal.'],
      ['Printer on floor 3 jams.'],
    ]),
    // "log in to the portal" is in all three, but two say "cannot": the negation stays with it.
    ['Session expired.', 'Users cannot log in to the portal.', 'Login page.'],
  );
  // Ticket words alone ("please help") and one incident's own words are no symptom.
  assert.deepEqual(recurringPhrases([['Dear team, please help.'], ['Dear team, please help asap.']]), []);
  assert.deepEqual(recurringPhrases([['The VPN drops.', 'The VPN drops again.'], []]), [], 'description and body of one incident are one voice');
  // Nine tickets: at most five symptoms, each short.
  const many = Array.from({ length: 9 }, (_, i) => [`Ticket ${i}: the VPN client disconnects every ${i + 2} minutes on site ${i}. Error code 809 is shown. Restarting the laptop does not help.`]);
  assert.deepEqual(recurringPhrases(many), ['Error code 809 is shown.', 'VPN client disconnects.', 'Restarting the laptop does not help.']);
  const long = Array.from({ length: 9 }, () => ['alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike. ' + 'x'.repeat(10)]);
  for (const s of recurringPhrases(long)) assert.ok(s.split(' ').length <= 10, s);
  assert.ok(recurringPhrases(Array.from({ length: 20 }, (_, i) => [`Word${i} one two three four five six seven eight nine ten eleven twelve`])).length <= 5);
});

test('promote drafts the symptoms of a problem made from imported tickets from what their texts share, and moves it on from new', () => {
  const incident = (n: number, title: string, description: string) =>
    [`kind: incident`, `id: INC-000${n}`, `title: ${JSON.stringify(title)}`, `description: ${JSON.stringify(description)}`, 'status: new', 'problem: PRB-0001', ''].join('\n');
  const files = {
    'problems/PRB-0001.yaml': 'kind: problem\nid: PRB-0001\ntitle: Repeated Network incidents # drafted\nstatus: new\nassignment_group: Network\nproblem_statement: Three network incidents in a week. More later.\nincidents: [INC-0001, INC-0002, INC-0003]\n',
    'incidents/INC-0001.yaml': incident(1, 'Wifi down floor 2', 'Laptops on floor 2 lose the wireless connection every hour. The access point shows a red light.'),
    'incidents/INC-0002.yaml': incident(2, 'No wifi in meeting room', 'Guests lose the wireless connection every hour; the access point shows a red light.'),
    'incidents/INC-0003.yaml': incident(3, 'Wireless unstable', 'Phones lose the wireless connection. Reconnecting does not help.'),
  };
  const ws = workspace(files);
  const r = planPromotion(ws, 'PRB-0001', NOW, undefined, { workaround: 'Plug in a network cable.' });
  assert.ok(r.ok);
  const ke = parse(r.plan.text);
  assert.deepEqual(ke.symptoms, ['Lose the wireless connection.', 'Access point shows a red light.']);
  for (const title of ['Wifi down floor 2', 'No wifi in meeting room', 'Wireless unstable']) assert.ok(!ke.symptoms.includes(title + '.'));
  assert.equal(ke.workaround, 'Plug in a network cable.', 'the workaround the user confirmed');
  // An assignment group: the lifecycle lets it be in root-cause-analysis; one edit links and moves it, the comment kept.
  assert.deepEqual(r.plan.status, { from: 'new', to: 'root-cause-analysis' });
  const after = applyEdits(files['problems/PRB-0001.yaml'], [r.plan.problemEdit]);
  assert.equal(after, files['problems/PRB-0001.yaml'].replace('status: new', 'status: root-cause-analysis') + 'known_error: KE-0001\n');
  ws.setFileText(r.plan.path, r.plan.text);
  ws.setFileText('problems/PRB-0001.yaml', after);
  assert.deepEqual(codes(ws, r.plan.path), []);
  assert.deepEqual(codes(ws, 'problems/PRB-0001.yaml'), []);

  // Nothing shared: the problem statement's first sentence.
  const alone = workspace({ ...files, 'incidents/INC-0002.yaml': incident(2, 'T', 'Printer jams.'), 'incidents/INC-0003.yaml': incident(3, 'T', 'Monitor flickers.') });
  const r2 = planPromotion(alone, 'PRB-0001', NOW);
  assert.ok(r2.ok);
  assert.deepEqual(parse(r2.plan.text).symptoms, ['Three network incidents in a week.']);
});

test('promote moves the problem to root-cause-analysis, or to assessed when that state\'s rule would want an rca or an assignee it lacks', () => {
  const lifecycle = defaultLifecycle();
  assert.equal(statusAfterPromotion({ status: 'new', owner: 'Ana' }, lifecycle), 'root-cause-analysis');
  assert.equal(statusAfterPromotion({ assignment_group: 'NOC' }, lifecycle), 'root-cause-analysis', 'no status is new');
  assert.equal(statusAfterPromotion({ status: 'assessed', rca: { root_causes: ['Firmware.'] } }, lifecycle), 'root-cause-analysis');
  assert.equal(statusAfterPromotion({ status: 'new' }, lifecycle), 'assessed');
  assert.equal(statusAfterPromotion({ status: 'assessed' }, lifecycle), undefined);
  assert.equal(statusAfterPromotion({ status: 'new' }, { ...lifecycle, rules: { ...lifecycle.rules, 'rca-or-assignee-missing': 'off' } }), 'root-cause-analysis');
  for (const status of ['root-cause-analysis', 'fix-in-progress', 'resolved', 'closed', 'cancelled', 'open']) assert.equal(statusAfterPromotion({ status, owner: 'Ana' }, lifecycle), undefined, status);

  const ws = workspace({ 'problems/PRB-0003.yaml': 'kind: problem\nid: PRB-0003\ntitle: Printer queue stuck\nworkaround: Restart the spooler.\n' });
  const r = planPromotion(ws, 'PRB-0003', NOW);
  assert.ok(r.ok);
  assert.deepEqual(r.plan.status, { from: 'new', to: 'assessed' });
  const after = applyEdits(ws.textOf('problems/PRB-0003.yaml')!, [r.plan.problemEdit]);
  assert.equal(after, 'kind: problem\nid: PRB-0003\ntitle: Printer queue stuck\nstatus: assessed\nworkaround: Restart the spooler.\nknown_error: KE-0003\n');
  ws.setFileText('problems/PRB-0003.yaml', after);
  ws.setFileText(r.plan.path, r.plan.text);
  assert.deepEqual(codes(ws, 'problems/PRB-0003.yaml'), []);
});

// ---- Communicate Workaround -----------------------------------------------------------------

test('communicate lists the open linked incidents, skips closed ones, and appends one dated note to each', async () => {
  const ws = await Workspace.load(new NodeFsHost(LAB));
  ws.setFileText('incidents/INC-0016.yaml', ws.textOf('incidents/INC-0016.yaml')!.replace(/^status: .*$/m, 'status: resolved'));
  const r = planCommunication(ws, 'PRB-0007', NOW);
  assert.ok(r.ok);
  const plan = r.plan;
  assert.equal(plan.source, 'KE-0007', 'the published workaround comes first');
  assert.equal(plan.note, '[2025-10-01] Workaround (KE-0007): Restart the router manually, divert traffic to the direct internet connection, and use the backup EMR access path.');
  assert.deepEqual(plan.incidents.map((i) => [i.id, i.status, i.needed]), [['INC-0007', 'in-progress', true], ['INC-0028', 'in-progress', true]]);
  assert.deepEqual(plan.skipped, [{ id: 'INC-0016', status: 'resolved' }]);
  // The known error's id gives the same plan.
  const viaKe = planCommunication(ws, 'KE-0007', NOW);
  assert.ok(viaKe.ok);
  assert.deepEqual(viaKe.plan.incidents.map((i) => i.id), ['INC-0007', 'INC-0028']);

  for (const inc of plan.incidents) {
    const record = ws.get(inc.id)!;
    const before = ws.textOf(record.file)!;
    const e: TextEdit = noteEdit(ws, before, record, plan.note)!;
    const after = applyEdits(before, [e]);
    assert.equal(after.slice(0, e.start), before.slice(0, e.start), 'nothing before the note changes');
    assert.equal(parse(after).notes, plan.note);
    ws.setFileText(record.file, after);
    assert.deepEqual(codes(ws, record.file), []);
  }
  const again = planCommunication(ws, 'PRB-0007', NOW);
  assert.ok(again.ok);
  assert.deepEqual(again.plan.incidents.map((i) => i.needed), [false, false], 'a second run writes nothing');
});

test('a note goes after the notes already there, which keep their text', () => {
  const ws = workspace({
    'problems/PRB-0001.yaml': 'kind: problem\nid: PRB-0001\ntitle: P\nincidents: [INC-0001]\nworkaround: Use the backup line.\n',
    'incidents/INC-0001.yaml': 'kind: incident\nid: INC-0001\ntitle: VPN down\nproblem: PRB-0001\nnotes: Called the clinic at 10:00.\n# end\n',
  });
  const r = planCommunication(ws, 'PRB-0001', NOW);
  assert.ok(r.ok);
  assert.equal(r.plan.source, 'PRB-0001', 'no known error: the problem\'s workaround');
  const text = ws.textOf('incidents/INC-0001.yaml')!;
  const after = applyEdits(text, [noteEdit(ws, text, ws.get('INC-0001')!, r.plan.note)!]);
  assert.equal(after, 'kind: incident\nid: INC-0001\ntitle: VPN down\nproblem: PRB-0001\nnotes: |-\n  Called the clinic at 10:00.\n\n  [2025-10-01] Workaround (PRB-0001): Use the backup line.\n# end\n');
  assert.equal(planCommunication(ws, 'INC-0001', NOW).ok, false);
  ws.setFileText('problems/PRB-0001.yaml', 'kind: problem\nid: PRB-0001\ntitle: P\nincidents: [INC-0001]\n');
  assert.deepEqual(planCommunication(ws, 'PRB-0001', NOW), { ok: false, message: 'Neither PRB-0001 has a workaround to communicate.' });
});

// ---- the message for the service desk and the users -----------------------------------------

test('communicate drafts the message: subject, symptoms, workaround steps, the affected incidents, whom to contact', async () => {
  const ws = await Workspace.load(new NodeFsHost(LAB));
  const r = planCommunication(ws, 'PRB-0007', NOW);
  assert.ok(r.ok);
  const draft = communicationDraft(ws, r.plan, NOW);
  assert.equal(draft.path, 'communications/KE-0007-workaround.md');
  assert.equal(
    draft.text,
    [
      '**Subject:** Workaround available: Telemedicine &#38; EMR unreachable with "connection lost" after Cisco RV340 firmware update (KE-0007)',
      '',
      'To the service desk and the users of the incidents below: until the permanent fix is in place, the steps below restore the service.',
      '',
      '## Symptoms',
      '',
      '- Telemedicine and the EMR cannot be accessed.',
      '- A "connection lost" error appears.',
      '- Restarting the devices does not fix the problem.',
      '',
      '## Workaround',
      '',
      'Restart the router manually, divert traffic to the direct internet connection, and use the backup EMR access path.',
      '',
      '## Affected incidents',
      '',
      '- **INC-0007**: Telemedicine and EMR unreachable: "connection lost" through the VPN router',
      '- **INC-0016**: Telemedicine sessions at the Gubeng branch drop with "connection lost"',
      '- **INC-0028**: Outpatient clinics cannot reach EMR, PACS and telemedicine: "connection lost"',
      '',
      '## Contact',
      '',
      'Contact Yohanes Kurniawan (NOC) about PRB-0007 with questions, or when the workaround does not help.',
      '',
      '---',
      '',
      '_Drafted by KEDB Studio on 2025-10-01 from KE-0007: review it before sending._',
      '',
    ].join('\n'),
  );
});

test('the message escapes every text from the records for Markdown, numbers the steps, and says when nobody is named', () => {
  const text = workaroundMessageText({
    source: 'PRB-0001',
    title: 'Portal *down* <script>',
    symptoms: ['# not a heading', '1. not a list', 'a | b ~~c~~ [link](x)'],
    workaround: '- Open `cmd`\n- Run ipconfig /flushdns\n- Retry',
    incidents: [{ id: 'INC-0001', title: '_urgent_' }],
    day: '2025-10-01',
  });
  assert.match(text, /^\*\*Subject:\*\* Workaround available: Portal \\\*down\\\* &#60;script&#62; \(PRB-0001\)$/m);
  assert.match(text, /^- \\# not a heading$/m);
  assert.match(text, /^- 1\\\. not a list$/m);
  assert.match(text, /^- a \\\| b \\~\\~c\\~\\~ \\\[link\\\]\(x\)$/m);
  assert.match(text, /^1\. Open \\`cmd\\`\n2\. Run ipconfig \/flushdns\n3\. Retry$/m);
  assert.match(text, /^- \*\*INC-0001\*\*: \\_urgent\\_$/m);
  assert.match(text, /^No owner or assignment group is recorded on PRB-0001: write here whom to contact before sending\.$/m);
  assert.ok(!/<script>/.test(text));
  assert.deepEqual(workaroundSteps('Restart the router. Then call the NOC.'), ['Restart the router.', 'Then call the NOC.']);
  assert.deepEqual(workaroundSteps('Use firmware v2.1 until Friday.'), ['Use firmware v2.1 until Friday.']);
  assert.equal(escapeMarkdownText('+ 1) x'), '\\+ 1) x');
});

test('the message is drafted in the interface\'s language', () => {
  const dir = path.join(REPO_ROOT, 'l10n', 'id');
  const bundle: L10nBundle = {};
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) Object.assign(bundle, JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as L10nBundle);
  setL10nBundle(bundle, 'id');
  try {
    const text = workaroundMessageText({ source: 'KE-0001', problem: 'PRB-0001', title: 'VPN putus', symptoms: ['Koneksi terputus.'], workaround: 'Pakai kabel.', incidents: [{ id: 'INC-0001', title: 'VPN' }], owner: 'Ana', day: '2025-10-01' });
    assert.match(text, /^\*\*Perihal:\*\* Workaround tersedia: VPN putus \(KE-0001\)$/m);
    assert.match(text, /^## Gejala$/m);
    assert.match(text, /^## Insiden yang terdampak$/m);
    assert.match(text, /^Hubungi Ana mengenai PRB-0001 /m);
  } finally {
    setL10nBundle(undefined);
  }
});
