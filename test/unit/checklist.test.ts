/**
 * The checklist completeness check (one information issue per incident listing its empty fields),
 * its configuration, and the comment-preserving edits that fill fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  applyEdits,
  ChecklistCoverage,
  isClosedIncident,
  LineIndex,
  parseRangedFile,
  quickFixesFor,
  checklistEdits,
  defaultConfig,
  describeMissing,
  isFilled,
  missingChecklistFields,
  PRESETS,
  resolveChecklistConfig,
  resolveConfig,
  Workspace,
  type KedbConfig,
} from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { at, FIXTURES, REPO_ROOT } from './helpers';

const M = PRESETS['itil-3x3'];

function config(checklist: unknown = {}, extra: Record<string, unknown> = {}): KedbConfig {
  return resolveConfig({ ...extra, checklist });
}

/** A record that fills every checklist field (lab-02's INC-0005, shortened). */
const COMPLETE: Record<string, unknown> = {
  kind: 'incident',
  id: 'INC-0005',
  title: 'SaaS platform returns 503',
  description: 'The SaaS platform returns 503 for every tenant.',
  reported_at: '2025-09-21T09:20:00+07:00',
  reporter: { name: 'Dewi' },
  channel: 'email',
  service: 'SaaS Platform',
  configuration_item: 'SAAS-K8S-PROD01',
  type: 'incident',
  category: 'Outage',
  status: 'in-progress',
  impact: 'high',
  urgency: 'high',
  priority: 'P1',
  initial_analysis: {
    understanding: 'Cluster overloaded.',
    existing_solutions: { restart: false },
    recent_changes: 'Deployment at 08:00.',
    related_events: 'CPU alerts.',
    logs_reviewed: 'Ingress logs.',
    diagnostic_tools: ['kubectl'],
    related_components: ['ingress'],
  },
  escalation: { team: 'Platform', escalated_at: '2025-09-21T09:30:00+07:00', eta: '2025-09-21T13:30:00+07:00', level: 2 },
};

function without(value: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const out = structuredClone(value);
  for (const k of keys) {
    const parts = k.split('.');
    let v = out as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) v = v[p] as Record<string, unknown>;
    delete v[parts.at(-1)!];
  }
  return out;
}

// ---- completeness --------------------------------------------------------------------------------

test('a record that fills every checklist field misses nothing', () => {
  assert.deepEqual(missingChecklistFields(COMPLETE, config(), M), []);
});

test('empty fields are listed in checklist order, blocks by their fields', () => {
  const v = without(COMPLETE, 'channel', 'reporter', 'impact', 'initial_analysis.logs_reviewed', 'escalation.level');
  assert.deepEqual(missingChecklistFields(v, config(), M), ['reporter', 'channel', 'impact', 'initial_analysis.logs_reviewed', 'escalation.level']);
});

test('an answer is anything but empty: false counts, an empty string, list or block does not', () => {
  assert.equal(isFilled(false), true);
  assert.equal(isFilled(0), true);
  assert.equal(isFilled(''), false);
  assert.equal(isFilled('  '), false);
  assert.equal(isFilled([]), false);
  assert.equal(isFilled(['']), false);
  assert.equal(isFilled({}), false);
  assert.equal(isFilled({ notes: '' }), false);
  assert.equal(isFilled({ restart: false }), true);
  const v = { ...COMPLETE, reporter: {}, channel: '', initial_analysis: { ...(COMPLETE.initial_analysis as object), diagnostic_tools: [] } };
  assert.deepEqual(missingChecklistFields(v, config(), M), ['reporter', 'channel', 'initial_analysis.diagnostic_tools']);
});

test('escalation is asked only where the priority must be escalated', () => {
  const noEscalation = without(COMPLETE, 'escalation');
  const esc = ['escalation.team', 'escalation.escalated_at', 'escalation.eta', 'escalation.level'];
  assert.deepEqual(missingChecklistFields(noEscalation, config(), M), esc, 'P1');
  assert.deepEqual(missingChecklistFields({ ...noEscalation, priority: 'P3', impact: 'medium', urgency: 'medium' }, config(), M), [], 'P3');
  // No priority: impact × urgency decides, as the escalation-missing check does.
  assert.deepEqual(missingChecklistFields(without(noEscalation, 'priority'), config(), M), ['priority', ...esc]);
  assert.deepEqual(missingChecklistFields({ ...noEscalation, status: 'resolved' }, config(), M), [], 'a resolved incident');
  assert.deepEqual(
    missingChecklistFields({ ...noEscalation, type: 'service-request', status: 'converted-to-service-request' }, config(), M),
    [],
    'a service request',
  );
  // The workspace's escalation priorities decide.
  assert.deepEqual(missingChecklistFields(noEscalation, config({}, { escalation: { priorities: ['P1'] } }), M), esc);
  assert.deepEqual(missingChecklistFields({ ...noEscalation, priority: 'P2', urgency: 'medium' }, config({}, { escalation: { priorities: ['P1'] } }), M), []);
});

test('an imported record is not asked for what its export cannot hold, until the user starts to fill it', () => {
  const sources = { sources: { 'tobi-bueck': { lacks: ['record', 'initial_analysis', 'escalation', 'status'] } } };
  const imported = { ...without(COMPLETE, 'initial_analysis', 'escalation', 'status', 'reported_at', 'reporter', 'description', 'service', 'configuration_item', 'channel'), source: { dataset: 'tobi-bueck' } };
  assert.deepEqual(missingChecklistFields(imported, config(sources), M), []);
  // Another data set, or none: asked as before.
  assert.equal(missingChecklistFields({ ...imported, source: { dataset: 'other' } }, config(sources), M).length, 18);
  // One field of a lacked block filled: the rest of the block is asked for again.
  const started = { ...imported, initial_analysis: { understanding: 'The queue stalls.' } };
  assert.deepEqual(missingChecklistFields(started, config(sources), M), [
    'initial_analysis.existing_solutions',
    'initial_analysis.recent_changes',
    'initial_analysis.related_events',
    'initial_analysis.logs_reviewed',
    'initial_analysis.diagnostic_tools',
    'initial_analysis.related_components',
  ]);
});

test('a whole block the export lacked comes back once the user fills one of its fields; a single lacked field does not bring back others', () => {
  const sources = { sources: { seed: { lacks: ['reported_at', 'description', 'service', 'configuration_item', 'channel', 'initial_analysis'] } } };
  const imported = { ...without(COMPLETE, 'initial_analysis', 'reported_at', 'description', 'service', 'configuration_item', 'channel'), source: { dataset: 'seed' } };
  assert.deepEqual(missingChecklistFields(imported, config(sources), M), []);
  assert.deepEqual(missingChecklistFields({ ...imported, channel: 'email' }, config(sources), M), [], 'one lacked field filled: the others stay left out');
  assert.equal(missingChecklistFields({ ...imported, initial_analysis: { understanding: 'x' } }, config(sources), M).length, 6, 'the block is asked again');
});

test('an incident with no status but a written resolution is over: no escalation is asked of it', () => {
  const answered = { ...without(COMPLETE, 'escalation', 'status'), resolution: { notes: 'Restarted the sender; the queue drained.' } };
  assert.equal(isClosedIncident(answered), true);
  assert.deepEqual(missingChecklistFields(answered, config(), M), ['status']);
  assert.equal(isClosedIncident({ ...answered, status: 'open' }), false, 'a status says it, whatever the resolution');
  assert.equal(isClosedIncident({ ...answered, resolution: { notes: ' ' } }), false);
});

test("an import's coverage names the blocks and fields under 1 % of its records fill", () => {
  const cov = new ChecklistCoverage();
  for (let i = 0; i < 300; i++) cov.add({ title: 't', category: 'Billing', priority: 'P3', ...(i < 2 ? { configuration_item: 'CI-1' } : {}), ...(i < 10 ? { reporter: { name: 'A' } } : {}) });
  assert.deepEqual(cov.lacks(), ['reported_at', 'description', 'service', 'configuration_item', 'channel', 'type', 'status', 'impact', 'urgency', 'initial_analysis', 'escalation']);
});

test('service requests skip the initial analysis by default, as the seed marked it not relevant', () => {
  const sr = { ...without(COMPLETE, 'initial_analysis', 'escalation'), type: 'service-request', status: 'converted-to-service-request', impact: 'low', urgency: 'low', priority: 'P5' };
  assert.deepEqual(missingChecklistFields(sr, config(), M), []);
  assert.deepEqual(missingChecklistFields(sr, config({ skip_for_service_requests: [] }), M).length, 7);
});

test('the config chooses blocks and fields, and takes fields out', () => {
  const bare = { kind: 'incident', id: 'INC-0001', title: 'x' };
  assert.deepEqual(missingChecklistFields(bare, config({ required: ['record'] }), M), ['reported_at', 'reporter', 'description', 'service', 'configuration_item', 'channel']);
  assert.deepEqual(missingChecklistFields(bare, config({ required: ['record', 'subcategory'], optional: ['reporter', 'description'] }), M), [
    'reported_at',
    'service',
    'configuration_item',
    'channel',
    'subcategory',
  ]);
  assert.deepEqual(missingChecklistFields({ ...COMPLETE, reporter: { name: 'x' } }, config({ required: ['reporter.email'] }), M), ['reporter.email']);
  assert.equal(missingChecklistFields(bare, config({ optional: ['initial_analysis', 'escalation'] }), M).some((p) => p.startsWith('initial_analysis')), false);
});

test('missing fields read as blocks: a whole block is named once', () => {
  assert.equal(
    describeMissing(['channel', 'initial_analysis.diagnostic_tools', 'initial_analysis.related_components', ...['team', 'escalated_at', 'eta', 'level'].map((f) => `escalation.${f}`)]),
    'channel, initial_analysis (diagnostic_tools, related_components), escalation (all 4 fields)',
  );
});

test('the checklist section is read leniently: wrong shapes are ignored, and the diagnostics are on by default', () => {
  assert.equal(defaultConfig().checklist.diagnostics, true);
  assert.equal(resolveChecklistConfig({ diagnostics: false }).diagnostics, false);
  assert.equal(resolveChecklistConfig({ diagnostics: 'no' }).diagnostics, true);
  const c = resolveChecklistConfig({
    required: 'record',
    suggest: {
      builtins: false,
      languages: ['id', 'fr'],
      min_confidence: 0.5,
      rules: [
        { field: 'channel', value: 'chat', words: ['teams'], confidence: 0.9 },
        { field: 'impact', value: 2, words: ['two floors'] },
        { field: 'nonsense', value: 'x', words: ['y'] },
        { field: 'type', value: 'incident' },
      ],
      services: ['SaaS Platform', { name: 'EMR', aliases: ['rekam medis'] }, { aliases: ['no name'] }],
      configuration_items: [{ name: 'VPN-RTR-01', service: 'Telemedicine & EMR' }],
    },
  });
  assert.equal(c.diagnostics, true);
  assert.deepEqual(c.required, ['record']);
  assert.deepEqual([c.suggest.builtins, c.suggest.languages, c.suggest.minConfidence], [false, ['id'], 0.5]);
  assert.deepEqual(
    c.suggest.rules.map((r) => [r.field, r.value, r.confidence, r.in]),
    [
      ['channel', 'chat', 0.9, ['title', 'description', 'body']],
      ['impact', '2', 0.8, ['title', 'description', 'body']],
    ],
  );
  assert.deepEqual(c.suggest.services, [{ name: 'SaaS Platform', aliases: [] }, { name: 'EMR', aliases: ['rekam medis'] }]);
  assert.deepEqual(c.suggest.configurationItems, [{ name: 'VPN-RTR-01', aliases: [], service: 'Telemedicine & EMR' }]);
  assert.equal(resolveChecklistConfig({ diagnostics: false }).diagnostics, false);
});

// ---- diagnostics ---------------------------------------------------------------------------------

function workspaceWith(configText: string | undefined, files: Record<string, string>): Workspace {
  const ws = new Workspace();
  if (configText !== undefined) ws.setFileText('kedb.config.yaml', configText);
  for (const [p, t] of Object.entries(files)) ws.setFileText(p, t);
  return ws;
}

test('one information diagnostic per incomplete incident, at its id, listing every missing field', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: Portal offline for all users\nbody: I raised this ticket through the portal.\n';
  const ws = workspaceWith('version: 1\nchecklist:\n  required: [record]\n', { 'incidents/INC-0001.yaml': text });
  const issues = ws.issuesFor('incidents/INC-0001.yaml');
  assert.deepEqual(
    issues.map((i) => `${i.severity} ${i.code} ${at(i.range)} ${i.message}`),
    ['info checklist-incomplete 2:5-2:13 Checklist: 6 fields missing: reported_at, reporter, description, service, configuration_item, channel. 1 can be filled from the ticket\'s words (quick fix).'],
  );
  assert.deepEqual(issues[0].data, { ordinal: 0, missing: ['reported_at', 'reporter', 'description', 'service', 'configuration_item', 'channel'], suggested: ['channel'] });
});

test('the check is on with no config and with no checklist section; diagnostics: false silences it', () => {
  const files = { 'incidents/INC-0001.yaml': 'kind: incident\nid: INC-0001\ntitle: x\n' };
  const codes = (ws: Workspace) => ws.issuesFor('incidents/INC-0001.yaml').map((i) => i.code);
  assert.deepEqual(codes(workspaceWith(undefined, files)), ['checklist-incomplete']);
  assert.deepEqual(codes(workspaceWith('version: 1\n', files)), ['checklist-incomplete']);
  assert.deepEqual(codes(workspaceWith('version: 1\nchecklist:\n  diagnostics: false\n', files)), []);
  // Turning it back on re-checks every record.
  const ws = workspaceWith('version: 1\nchecklist:\n  diagnostics: false\n', files);
  ws.setFileText('kedb.config.yaml', 'version: 1\nchecklist: {}\n');
  assert.deepEqual(codes(ws), ['checklist-incomplete']);
});

test('each record of a multi-document file gets its own diagnostic; problems and known errors none', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: a\n---\nkind: incident\nid: INC-0002\ntitle: b\n';
  const ws = workspaceWith('checklist: {}\n', { 'incidents/two.yaml': text, 'problems/PRB-0001.yaml': 'kind: problem\nid: PRB-0001\ntitle: p\n' });
  assert.deepEqual(
    ws.issuesFor('incidents/two.yaml').filter((i) => String(i.code) === 'checklist-incomplete').map((i) => [at(i.range), i.data?.ordinal]),
    [
      ['2:5-2:13', 0],
      ['6:5-6:13', 1],
    ],
  );
  assert.deepEqual(ws.issuesFor('problems/PRB-0001.yaml').filter((i) => String(i.code) === 'checklist-incomplete'), []);
});

test('samples/lab-02 as shipped: no error, the recurrence it shows, and one information diagnostic for the field the seed left empty', async () => {
  const ws = await Workspace.load(new NodeFsHost(path.join(REPO_ROOT, 'samples', 'lab-02')));
  const found: string[] = [];
  for (const [file, issues] of ws.allIssues()) for (const i of issues) found.push(`${file} ${i.severity} ${i.code}`);
  // What the sample shows on purpose: INC-0052 recurs after PRB-0029's fix, whose two incidents are still open.
  assert.deepEqual(found.filter((f) => !f.endsWith('info checklist-incomplete')), ['incidents/INC-0052.yaml warning recurrence', 'problems/PRB-0029.yaml info linked-incidents-open']);
  const incomplete = [...ws.allIssues()].flatMap(([file, issues]) => issues.filter((i) => String(i.code) === 'checklist-incomplete').map((i) => `${file}: ${i.message}`));
  assert.deepEqual(incomplete, ['incidents/INC-0026.yaml: Checklist: 1 field missing: initial_analysis (diagnostic_tools).']);
});

test('the fixture workspace: four incomplete incidents, the complete one silent', async () => {
  const ws = await Workspace.load(new NodeFsHost(path.join(FIXTURES, 'checklist', 'workspace')));
  const codes = [...ws.allIssues()].map(([file, issues]) => `${file}: ${issues.map((i) => `${i.severity} ${i.code}`).join(', ')}`);
  assert.deepEqual(codes, [
    'incidents/INC-0001.yaml: info checklist-incomplete',
    'incidents/INC-0002.yaml: info checklist-incomplete',
    'incidents/INC-0003.yaml: info checklist-incomplete',
    'incidents/INC-0004.yaml: info checklist-incomplete',
  ]);
});

// ---- edits ---------------------------------------------------------------------------------------

const C = defaultConfig();

function fill(text: string, fields: Record<string, string | number>, ordinal = 0): string {
  return applyEdits(text, checklistEdits(text, ordinal, Object.entries(fields).map(([field, value]) => ({ field, value })), C));
}

test('a new field goes after the nearest key before it in schema order; every other byte stays', () => {
  const text = [
    '# header comment',
    'kind: incident',
    'id: INC-0001',
    'title: VPN down',
    'reporter:',
    '  name: Ricky # who called',
    '# a comment about category',
    'category: Network',
    'impact: high',
    '# itil-3x3: high x high = P1',
    'priority: P1',
    '',
  ].join('\n');
  assert.equal(
    fill(text, { channel: 'portal', urgency: 'high', status: 'new' }),
    [
      '# header comment',
      'kind: incident',
      'id: INC-0001',
      'title: VPN down',
      'reporter:',
      '  name: Ricky # who called',
      'channel: portal',
      '# a comment about category',
      'category: Network',
      'impact: high',
      'urgency: high',
      '# itil-3x3: high x high = P1',
      'priority: P1',
      'status: new',
      '',
    ].join('\n'),
  );
});

test('fields inserted at one place come in schema order, whatever order they are asked in', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: t\ncategory: Network\n';
  assert.equal(fill(text, { priority: 'P1', urgency: 'high', impact: 'high', type: 'incident' }), text + 'type: incident\nimpact: high\nurgency: high\npriority: P1\n');
});

test('an empty key gets its value; a value is never overwritten', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: t\nchannel:\nservice: ""\nimpact: ~\ncategory: Network # keep\n';
  assert.equal(
    fill(text, { channel: 'email', service: 'SaaS Platform', impact: 'low', category: 'Outage' }),
    'kind: incident\nid: INC-0001\ntitle: t\nchannel: email\nservice: SaaS Platform\nimpact: low\ncategory: Network # keep\n',
  );
});

test('nested fields: a new block, an empty block key, and a block that has fields already', () => {
  const base = 'kind: incident\nid: INC-0001\ntitle: t\npriority: P1\n';
  assert.equal(
    fill(base, { 'escalation.eta': '2025-09-22T14:00:00+07:00', 'escalation.team': 'NOC' }),
    base + 'escalation:\n  team: NOC\n  eta: "2025-09-22T14:00:00+07:00"\n',
  );
  assert.equal(fill(base + 'escalation:\nnotes: n\n', { 'escalation.team': 'NOC' }), base + 'escalation:\n  team: NOC\nnotes: n\n');
  assert.equal(
    fill(base + 'escalation:\n    level: 2 # L2\n# end\n', { 'escalation.team': 'Endpoint/Vendor' }),
    base + 'escalation:\n    level: 2 # L2\n    team: Endpoint/Vendor\n# end\n',
  );
  // A value that needs quotes gets them.
  assert.equal(fill(base, { 'escalation.team': 'NOC: night shift' }), base + 'escalation:\n  team: "NOC: night shift"\n');
});

test('CRLF files keep CRLF; a BOM shifts the offsets; a file without a final line break gets one', () => {
  const crlf = 'kind: incident\r\nid: INC-0001\r\ntitle: t\r\n';
  assert.equal(fill(crlf, { channel: 'email' }), crlf + 'channel: email\r\n');
  const bom = '\uFEFFkind: incident\nid: INC-0001\ntitle: t\n';
  assert.equal(fill(bom, { channel: 'email', category: 'Outage' }), bom + 'channel: email\ncategory: Outage\n');
  assert.equal(fill('kind: incident\nid: INC-0001\ntitle: t', { channel: 'email' }), 'kind: incident\nid: INC-0001\ntitle: t\nchannel: email\n');
});

test('in a multi-document file, only the record asked for changes', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: a\n---\nkind: incident\nid: INC-0002\ntitle: b\n---\nkind: incident\nid: INC-0003\ntitle: c\n';
  assert.equal(fill(text, { channel: 'chat' }, 1), 'kind: incident\nid: INC-0001\ntitle: a\n---\nkind: incident\nid: INC-0002\ntitle: b\nchannel: chat\n---\nkind: incident\nid: INC-0003\ntitle: c\n');
  // Edits for two records of one file apply together.
  const edits = [...checklistEdits(text, 0, [{ field: 'channel', value: 'email' }], C), ...checklistEdits(text, 2, [{ field: 'channel', value: 'phone' }], C)];
  assert.equal(applyEdits(text, edits), text.replace('title: a\n', 'title: a\nchannel: email\n').replace('title: c\n', 'title: c\nchannel: phone\n'));
});

test('a flow mapping or a scalar where a block belongs is left alone', () => {
  const text = 'kind: incident\nid: INC-0001\ntitle: t\nescalation: {level: 2}\n';
  assert.deepEqual(checklistEdits(text, 0, [{ field: 'escalation.team', value: 'NOC' }], C), []);
  assert.deepEqual(checklistEdits('kind: incident\nid: INC-0001\ntitle: t\nescalation: soon\n', 0, [{ field: 'escalation.team', value: 'NOC' }], C), []);
});

// ---- turning the check down in kedb.config.yaml ----------------------------------------------------

test('an imported record says how to stop asking its export for what it lacks, and the fix writes it into kedb.config.yaml', () => {
  const ws = new Workspace();
  const configText = '# team settings\nversion: 1\nchecklist:\n  required: [record, priority]  # the seed\n';
  ws.setFileText('kedb.config.yaml', configText);
  const text = 'kind: incident\nid: INC-0001\ntitle: Login fails\ncategory: Account\ntype: incident\nstatus: open\nimpact: low\nurgency: low\npriority: P3\nsource:\n  dataset: helpdesk-x\n';
  ws.setFileText('incidents/INC-0001.yaml', text);
  const issue = ws.issuesFor('incidents/INC-0001.yaml').find((i) => i.code === 'checklist-incomplete')!;
  assert.match(issue.message, /^Checklist: 6 fields missing: reported_at, reporter, description, service, configuration_item, channel\. .*Not in the helpdesk-x export\? A quick fix stops asking its records for them \(kedb\.config\.yaml\)\.$/);
  const fixes = quickFixesFor(issue, { workspace: ws, path: 'incidents/INC-0001.yaml', ranged: parseRangedFile(text, ws.config) });
  const stop = fixes.find((f) => f.title.startsWith('Stop asking records from helpdesk-x for '))!;
  assert.ok(stop, fixes.map((f) => f.title).join(' | '));
  assert.equal(stop.edits.length, 1);
  assert.equal(stop.edits[0].file, 'kedb.config.yaml');
  const lines = new LineIndex(configText);
  const e = stop.edits[0];
  const next = configText.slice(0, lines.offset(e.range.start)) + e.newText + configText.slice(lines.offset(e.range.end));
  assert.match(next, /^# team settings\n/, 'comments stay');
  assert.match(next, /required: \[record, priority\] {2}# the seed\n/);
  assert.deepEqual((parse(next) as { checklist: { sources: Record<string, { lacks: string[] }> } }).checklist.sources['helpdesk-x'].lacks, [
    'reported_at',
    'reporter',
    'description',
    'service',
    'configuration_item',
    'channel',
  ]);
  ws.setFileText('kedb.config.yaml', next);
  assert.deepEqual(ws.issuesFor('incidents/INC-0001.yaml').filter((i) => i.code === 'checklist-incomplete'), [], 'applied, the record is asked nothing');
});

test('without kedb.config.yaml, the fix that turns the checklist diagnostics off creates it', () => {
  const ws = new Workspace();
  const text = 'kind: incident\nid: INC-0002\ntitle: Printer jams\n';
  ws.setFileText('incidents/INC-0002.yaml', text);
  const issue = ws.issuesFor('incidents/INC-0002.yaml').find((i) => i.code === 'checklist-incomplete')!;
  const fixes = quickFixesFor(issue, { workspace: ws, path: 'incidents/INC-0002.yaml', ranged: parseRangedFile(text, ws.config) });
  const off = fixes.find((f) => f.title === "Turn off the checklist's information diagnostics (kedb.config.yaml: checklist.diagnostics: false)")!;
  assert.ok(off, fixes.map((f) => f.title).join(' | '));
  assert.deepEqual(off.createFile, { path: 'kedb.config.yaml', contents: 'version: 1\nchecklist:\n  diagnostics: false\n' });
  assert.ok(!fixes.some((f) => f.title.startsWith('Stop asking')), 'a record typed here has no export to blame');
  ws.setFileText('kedb.config.yaml', off.createFile!.contents);
  assert.deepEqual(ws.issuesFor('incidents/INC-0002.yaml').filter((i) => i.code === 'checklist-incomplete'), []);
});
