/**
 * The detector on samples/lab-02 (the seed's lab as a workspace) and on small made-up cases:
 * the seed's category table, the rules, coverage, scores, dismissals, settings, the drafted
 * problem with its links, and the `kedb candidates` CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  addDismissal,
  applyEdits,
  defaultConfig,
  defaultDetection,
  contextReason,
  detect,
  dismissalFor,
  draftProblem,
  incidentFacts,
  parseDismissals,
  resolveDetection,
  scoreSentence,
  timeWindows,
  toJson,
  toMarkdown,
  Workspace,
  type IncidentFacts,
  type RecordEntry,
} from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { REPO_ROOT, WorkspaceWithoutChecklist } from './helpers';

const LAB = path.join(REPO_ROOT, 'samples', 'lab-02');
const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');

const SEED_REPEATED = ['Outage 9', 'Compatibility 7', 'Billing 5', 'Inquiry 5', 'Network 4', 'Documentation 3', 'Connectivity 3', 'Request 2', 'Hardware 2'];
const SEED_SINGLE = ['Account', 'Bug', 'Compliance', 'Configuration', 'Feature', 'Healthcare', 'Infrastructure', 'Maintenance', 'Marketing', 'Organization', 'Product', 'Security'];
// The sample's table: the seed's, and INC-0052, the recurrence of PRB-0029 the sample adds after the
// seed, which makes Infrastructure repeat (INC-0029, INC-0052).
const LAB_REPEATED = [...SEED_REPEATED, 'Infrastructure 2'];
const LAB_SINGLE = SEED_SINGLE.filter((c) => c !== 'Infrastructure');

let lab: Workspace | undefined;
async function labWorkspace(): Promise<Workspace> {
  lab ??= await WorkspaceWithoutChecklist.load(new NodeFsHost(LAB));
  return lab;
}

function incident(id: string, fields: Record<string, unknown>): RecordEntry {
  return { file: `incidents/${id}.yaml`, ordinal: 0, kind: 'incident', id, value: { kind: 'incident', id, title: id, ...fields } };
}

test('lab-02, --rule category: exactly the seed’s table, in its order, and its top three candidates', async () => {
  const ws = await labWorkspace();
  const r = detect(ws.records('incident'), ws.config.detection, { rules: ['category'], categoryOrder: ws.config.categories });
  assert.deepEqual(r.categories.filter((c) => c.repeated).map((c) => `${c.category} ${c.count}`), LAB_REPEATED);
  assert.deepEqual(r.categories.filter((c) => !c.repeated).map((c) => `${c.category} ${c.count}`), LAB_SINGLE.map((c) => `${c} 1`));
  assert.equal(r.categories.reduce((n, c) => n + c.count, 0), 53);
  assert.deepEqual(r.candidates.slice(0, 3).map((c) => c.label), ['Outage', 'Compatibility', 'Billing']);
  // Every repeated category is a candidate; Connectivity is shown as covered: 2 of its 3 belong to PRB-0049.
  assert.deepEqual([...r.candidates, ...r.covered].map((c) => c.label).sort(), LAB_REPEATED.map((s) => s.split(' ')[0]).sort());
  assert.deepEqual(r.covered.map((c) => [c.label, c.problems]), [['Connectivity', ['PRB-0049']]]);
});

test('lab-02: leaving service requests out of the category rule would change the seed’s counts', async () => {
  // Why the category rule counts service requests by default: the seed's table counts tickets,
  // and its Inquiry and Request rows are requests only.
  const ws = await labWorkspace();
  const settings = defaultDetection();
  settings.category.serviceRequests = false;
  const r = detect(ws.records('incident'), settings, { rules: ['category'], categoryOrder: ws.config.categories });
  assert.deepEqual(r.categories.filter((c) => c.repeated).map((c) => `${c.category} ${c.count}`), ['Outage 9', 'Compatibility 7', 'Billing 4', 'Network 4', 'Connectivity 3', 'Hardware 2', 'Infrastructure 2']);
  const withRequests = detect(ws.records('incident'), defaultDetection(), { rules: ['category'], categoryOrder: ws.config.categories });
  assert.deepEqual(withRequests.categories.filter((c) => c.serviceRequests > 0).map((c) => `${c.category} ${c.serviceRequests}/${c.count}`), [
    'Billing 1/5', 'Inquiry 5/5', 'Documentation 2/3', 'Request 2/2', 'Feature 1/1', 'Product 1/1',
  ]);
});

test('lab-02, all rules: CI, service and text candidates are shown as covered by the problems they recur under', async () => {
  const ws = await labWorkspace();
  const r = detect(ws.records('incident'), ws.config.detection, { categoryOrder: ws.config.categories });
  // Outage holds 9 of the 52 and its incidents already belong to three problems: context, not a candidate.
  assert.deepEqual(r.context.map((c) => c.key), ['category:Outage', 'category:Compatibility', 'category:Billing']);
  assert.match(contextReason(r, r.context[0]), /^9 incidents \(17 % of all\); they already belong to 3 problems \(PRB-0007, PRB-0034, PRB-0050\)/);
  assert.ok(!r.candidates.some((c) => c.key === 'category:Outage'));
  const vpn = r.covered.find((c) => c.key === 'ci:VPN-RTR-01@2025-09-21');
  assert.ok(vpn, 'the VPN router window');
  assert.deepEqual(vpn.incidents, ['INC-0007', 'INC-0016', 'INC-0028', 'INC-0030']);
  assert.deepEqual(vpn.problems, ['PRB-0007']);
  assert.deepEqual(vpn.open, ['INC-0030']);
  assert.ok(vpn.evidence.includes('INC-0030 is not linked yet and may belong to PRB-0007.'), vpn.evidence.join('\n'));
  const saas = r.covered.find((c) => c.key === 'ci:SAAS-K8S-PROD01@2025-09-21');
  assert.deepEqual(saas?.problems, ['PRB-0034', 'PRB-0050']);
  // The same five incidents on the service SaaS Platform in the category Outage make no second candidate.
  assert.ok(![...r.candidates, ...r.covered].some((c) => c.key.startsWith('service:SaaS Platform / Outage')));
  assert.ok(r.covered.some((c) => c.rules.includes('text') && c.problems.includes('PRB-0007')), 'the telemedicine texts cluster under PRB-0007');
  assert.equal(r.stats.serviceRequestsLeftOut, 12);
});

test('the score is rule × incidents × severity × recency, and specific candidates rank before categories', () => {
  const day = (d: number) => new Date(Date.UTC(2025, 0, d)).toISOString();
  const records = [
    ...[1, 2, 3, 4, 5].map((d) => incident(`INC-000${d}`, { category: 'Network', priority: 'P3', reported_at: day(d) })),
    ...[10, 11, 12].map((d) => incident(`INC-00${d}`, { category: d < 12 ? 'Printing' : 'Hardware', configuration_item: 'PRN-01', priority: 'P2', reported_at: day(d) })),
    incident('INC-0099', { category: 'Other', reported_at: day(71) }),
  ];
  const r = detect(records, defaultDetection(), { rules: ['category', 'ci'] });
  const printing = r.candidates.find((c) => c.key === 'ci:PRN-01@2025-01-10')!;
  // Newest incident 2025-01-12, workspace newest 2025-03-12: 59 days, two half-lives of 30 days nearly.
  const recency = 0.5 + 0.5 * 2 ** (-59 / 30);
  // Three incidents weigh log2(1 + 3) = 2: each further incident counts a little less.
  assert.equal(printing.score, Math.round(1 * 2 * 0.8 * recency * 100) / 100);
  // Three of nine incidents is as few as a candidate can hold: its size says all it can (specificity 1).
  assert.deepEqual(printing.scoreParts, { rule: 1, n: 3, size: 2, severity: 0.8, recency: Math.round(recency * 100) / 100, specificity: 1 });
  // Network holds 5 of the 9: its specificity is ln(9/5) / ln(9/2), and a category that large is context.
  const network = r.context.find((c) => c.key === 'category:Network')!;
  const spec = Math.round((Math.log(9 / 5) / Math.log(9 / 2)) * 100) / 100;
  assert.equal(network.scoreParts.specificity, spec);
  assert.equal(network.scoreParts.size, Math.round(Math.log2(6) * 100) / 100);
  assert.equal(network.score, Math.round(0.5 * network.scoreParts.size * 0.6 * (0.5 + 0.5 * 2 ** (-66 / 30)) * spec * 100) / 100);
  assert.deepEqual(r.candidates.map((c) => c.key), ['ci:PRN-01@2025-01-10']);
  assert.deepEqual(r.context.map((c) => c.key), ['category:Network', 'category:Printing']);
  assert.match(scoreSentence(network), /^Score [\d.]+: 5 incidents \(×2\.58, each further incident counting a little less\), found by same category \(×0\.5\)/);
  assert.match(scoreSentence(network), new RegExp(`holding 56 % of the incidents \\(×${spec}: the larger the share, the less it says\\)`));
  assert.equal(printing.highestPriority, 'P2');
  assert.equal(printing.spanDays, 2);
  // Two rules that find the very same incidents make one candidate, scored a quarter higher.
  const same = detect(records.slice(5, 8).map((r) => ({ ...r, value: { ...r.value, category: 'Printing' } })), defaultDetection(), { rules: ['category', 'ci'] });
  assert.deepEqual(same.candidates.map((c) => [c.key, c.keys, c.rules, c.scoreParts.rule]), [['ci:PRN-01@2025-01-10', ['ci:PRN-01@2025-01-10', 'category:Printing'], ['ci', 'category'], 1.25]]);
});

test('the CI rule takes windows of at most window_days holding at least min_count incidents', () => {
  const at = (...days: number[]) => days.map((d, i) => ({ id: `INC-${i}`, time: d * 86_400_000 }) as IncidentFacts);
  const ids = (ws: IncidentFacts[][]) => ws.map((w) => w.map((i) => i.time! / 86_400_000));
  assert.deepEqual(ids(timeWindows(at(0, 25, 40, 45), 30 * 86_400_000, 3)), [[25, 40, 45]]);
  assert.deepEqual(ids(timeWindows(at(0, 1, 2, 3, 40, 41, 42), 30 * 86_400_000, 3)), [[0, 1, 2, 3], [40, 41, 42]]);
  assert.deepEqual(ids(timeWindows(at(0, 29, 58, 87), 30 * 86_400_000, 3)), []);
});

test('defaults: service requests out of the CI and text rules, closed incidents in, settings switch each', () => {
  const records = [
    incident('INC-0001', { configuration_item: 'SRV-1', reported_at: '2025-01-01T00:00:00Z', status: 'closed' }),
    incident('INC-0002', { configuration_item: 'SRV-1', reported_at: '2025-01-02T00:00:00Z', status: 'resolved' }),
    incident('INC-0003', { configuration_item: 'SRV-1', reported_at: '2025-01-03T00:00:00Z', type: 'service-request' }),
    incident('INC-0004', { configuration_item: 'SRV-1', reported_at: '2025-01-04T00:00:00Z' }),
  ];
  const keys = (s = defaultDetection()) => detect(records, s, { rules: ['ci'] }).candidates.map((c) => `${c.key} ${c.incidents.join(',')}`);
  assert.deepEqual(keys(), ['ci:SRV-1@2025-01-01 INC-0001,INC-0002,INC-0004']);
  const withRequests = defaultDetection();
  withRequests.serviceRequests = true;
  assert.deepEqual(keys(withRequests), ['ci:SRV-1@2025-01-01 INC-0001,INC-0002,INC-0003,INC-0004']);
  const openOnly = defaultDetection();
  openOnly.closed = false;
  assert.deepEqual(keys(openOnly), []);
});

test('detection settings resolve from kedb.config.yaml, and the config schema checks them', () => {
  assert.deepEqual(resolveDetection(undefined), defaultDetection());
  const d = resolveDetection({
    service_requests: true,
    category: { enabled: false, min_count: 3 },
    ci_or_service: { window_days: 7 },
    text: { threshold: 0.5, linkage: 'single', min_count: 2, weights: { title: 2, body: 0 } },
    recency_half_life_days: 14,
  });
  assert.equal(d.serviceRequests, true);
  assert.deepEqual(d.category, { enabled: false, minCount: 3, serviceRequests: true });
  assert.deepEqual(d.ciOrService, { enabled: true, minCount: 3, windowDays: 7 });
  assert.deepEqual(d.text, { enabled: true, minCount: 2, threshold: 0.5, linkage: 'single', weights: { title: 2, description: 1, body: 0 } });
  assert.equal(d.recencyHalfLifeDays, 14);
  // Values of the wrong shape keep their defaults here; the schema reports them.
  assert.deepEqual(resolveDetection({ text: { threshold: 3, linkage: 'complete' }, category: { min_count: 1 } }), defaultDetection());
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('kedb.config.yaml', 'version: 1\ndetection:\n  text:\n    threshold: 0.5\n    linkage: single\n  ci_or_service:\n    window_days: 7\n');
  assert.deepEqual(ws.issuesFor('kedb.config.yaml'), []);
  assert.equal(ws.config.detection.text.threshold, 0.5);
  ws.setFileText('kedb.config.yaml', 'version: 1\ndetection:\n  text:\n    threshold: 3\n  rules: []\n');
  assert.deepEqual(ws.issuesFor('kedb.config.yaml').map((i) => i.range.start.line + 1), [4, 5]);
});

test('dismissals: kept with their reason, comments preserved, hidden until the candidate grows', () => {
  const first = addDismissal(undefined, { key: 'category:Inquiry', reason: 'Information requests, not faults', dismissedAt: '2025-09-22T10:00:00+07:00', incidents: 5 });
  assert.match(first, /^# Problem candidates dismissed in KEDB Studio/);
  assert.match(first, /\ndismissed:\n {2}- key: category:Inquiry\n {4}reason: Information requests, not faults\n {4}dismissed_at: "2025-09-22T10:00:00\+07:00"\n {4}incidents: 5\n$/);
  const edited = first.replace('dismissed:\n', 'dismissed: # our team’s list\n');
  const second = addDismissal(edited, { key: 'text:INC-0015', reason: 'phishing, not billing', dismissedAt: '2025-09-23T09:00:00+07:00', incidents: 3 });
  assert.ok(second.startsWith(edited), 'appended, every other byte kept');
  const list = parseDismissals(second);
  assert.deepEqual(list.map((d) => d.key), ['category:Inquiry', 'text:INC-0015']);
  // The same key again replaces the older entry.
  assert.deepEqual(parseDismissals(addDismissal(second, { key: 'category:Inquiry', reason: 'again', dismissedAt: 'x', incidents: 6 })).map((d) => `${d.key} ${d.reason}`), ['text:INC-0015 phishing, not billing', 'category:Inquiry again']);
  assert.equal(dismissalFor(list, ['category:Inquiry'], 5)?.reason, 'Information requests, not faults');
  assert.equal(dismissalFor(list, ['category:Inquiry'], 6), undefined, 'back with a sixth incident');
  assert.deepEqual(parseDismissals('not: [valid'), []);
});

test('lab-02: a dismissed candidate stays hidden on the next run, and says so when it comes back', async () => {
  const ws = await labWorkspace();
  const dismissals = parseDismissals(addDismissal(undefined, { key: 'category:Inquiry', reason: 'requests', dismissedAt: '2025-09-22T10:00:00+07:00', incidents: 5 }));
  const r = detect(ws.records('incident'), ws.config.detection, { rules: ['category'], dismissals });
  assert.ok(!r.candidates.some((c) => c.key === 'category:Inquiry'));
  assert.deepEqual(r.dismissed.map((c) => c.key), ['category:Inquiry']);
  const grown = detect(ws.records('incident'), ws.config.detection, { rules: ['category'], dismissals: [{ ...dismissals[0], incidents: 4 }] });
  const back = grown.candidates.find((c) => c.key === 'category:Inquiry');
  assert.ok(back?.evidence.includes('Dismissed 2025-09-22 with 4 incidents (requests); back with 5.'));
});

test('lab-02: Create Problem Record drafts a valid problem and links the open incidents with comment-preserving edits', async () => {
  const ws = await WorkspaceWithoutChecklist.load(new NodeFsHost(LAB));
  const r = detect(ws.records('incident'), ws.config.detection, { categoryOrder: ws.config.categories });
  const network = r.candidates.find((c) => c.key === 'category:Network')!;
  const draft = draftProblem(ws, network, '2025-09-23T09:00:00+07:00');
  assert.equal(draft.id, 'PRB-0051');
  assert.equal(draft.path, 'problems/PRB-0051.yaml');
  assert.deepEqual(draft.links.map((l) => l.id), ['INC-0011', 'INC-0030', 'INC-0043']);
  assert.deepEqual(draft.skipped, [{ id: 'INC-0019', reason: 'already belongs to PRB-0029' }]);
  const lines = draft.text.split('\n');
  assert.deepEqual(lines.slice(0, 3), ['kind: problem', 'id: PRB-0051', 'title: "Repeated Network incidents"']);
  assert.ok(lines.includes('impact: medium # the highest among the incidents'));
  assert.ok(lines.includes('urgency: high # the highest among the incidents'));
  assert.ok(lines.includes('priority: P2 # itil-3x3: impact medium × urgency high'));
  // The three incidents name three services and three CIs: the draft names none of them.
  assert.ok(!lines.some((l) => /^(service|configuration_item):/.test(l)), draft.text);
  assert.ok(lines.includes('owner: "" # who owns this problem: a person or a role'));
  assert.ok(lines.includes('  method: repeated-category # rule: same category; candidate category:Network'));
  assert.ok(lines.includes('  - INC-0011'));
  const statement = /problem_statement: >-\n((?: {2}.*\n)+)/.exec(draft.text)![1].replace(/\n {2}/g, ' ').trim();
  assert.equal(
    statement,
    '4 incidents have been reported since 2025-09-21: “Wi-Fi drops every 10 to 15 minutes in the clinic west wing”; “Headsets, printers and workstations on the 3rd floor keep dropping off the network”; “VPN very slow for remote radiologists in the evening”, and 1 more. 1 of them already belongs to PRB-0029.',
  );

  // Apply everything to the workspace in memory: no issue anywhere it touched.
  const before = ws.textOf('incidents/INC-0011.yaml')!;
  ws.setFileText(draft.path, draft.text);
  for (const l of draft.links) ws.setFileText(l.file, applyEdits(ws.textOf(l.file)!, [l.edit]));
  assert.equal(ws.textOf('incidents/INC-0011.yaml'), before + 'problem: PRB-0051\n');
  for (const f of [draft.path, ...draft.links.map((l) => l.file), 'incidents/INC-0019.yaml']) assert.deepEqual(ws.issuesFor(f), [], f);
  assert.equal(ws.get('PRB-0051')?.kind, 'problem');
});

test('a problem drafted in a workspace with a 1–5 matrix takes the numeric levels', () => {
  const ws = new WorkspaceWithoutChecklist();
  ws.setFileText('kedb.config.yaml', 'version: 1\npriority:\n  matrix: rabobank-5x5\n');
  for (const [id, imp, urg] of [['INC-0001', 4, 4], ['INC-0002', 3, 5], ['INC-0003', 5, 2]] as const) {
    ws.setFileText(`incidents/${id}.yaml`, `kind: incident\nid: ${id}\ntitle: Payroll export fails\nconfiguration_item: PAY-01\nreported_at: "2025-01-0${id.slice(-1)}T10:00:00Z"\nimpact: ${imp}\nurgency: ${urg}\n`);
  }
  const r = detect(ws.records('incident'), ws.config.detection, { rules: ['ci'] });
  const draft = draftProblem(ws, r.candidates[0], '2025-01-05T00:00:00Z');
  assert.ok(draft.text.includes('\nimpact: 3 # the highest among the incidents\nurgency: 2 # the highest among the incidents\npriority: P2 # rabobank-5x5: impact 3 × urgency 2\n'), draft.text);
  ws.setFileText(draft.path, draft.text);
  assert.deepEqual(ws.issuesFor(draft.path).filter((i) => i.code !== 'link-mismatch'), []);
});

/** A workspace of incidents written from `fields` (one mapping per incident), for drafting problems. */
function draftWorkspace(incidents: Record<string, string | number>[]): WorkspaceWithoutChecklist {
  const ws = new WorkspaceWithoutChecklist();
  incidents.forEach((fields, i) => {
    const id = `INC-000${i + 1}`;
    const extra = Object.entries(fields).map(([k, v]) => `${k}: ${typeof v === 'number' ? v : JSON.stringify(v)}\n`).join('');
    ws.setFileText(`incidents/${id}.yaml`, `kind: incident\nid: ${id}\ncategory: Payroll\nreported_at: "2025-01-0${i + 1}T10:00:00Z"\n${extra}`);
  });
  return ws;
}

const draftOf = (ws: WorkspaceWithoutChecklist, rules: ('category' | 'ci' | 'text')[], owner?: string) => {
  const r = detect(ws.records('incident'), ws.config.detection, { rules });
  // A workspace of one category: that category holds every incident, so it is context (a problem can still be drafted from it).
  const found = [...r.candidates, ...r.context];
  assert.equal(found.length, 1, JSON.stringify(found.map((c) => c.key)));
  const draft = draftProblem(ws, found[0], '2025-01-05T00:00:00Z', undefined, owner);
  ws.setFileText(draft.path, draft.text);
  return { draft, lines: draft.text.split('\n'), value: ws.get(draft.id)!.value, issues: ws.issuesFor(draft.path).filter((i) => i.code !== 'link-mismatch') };
};

test('a drafted problem is titled by what its incidents share, not by one ticket’s title', () => {
  const titles = ['Payroll export fails with timeout at month end', 'Month end payroll export timeout again', 'Export of payroll fails: timeout after 30 minutes'];
  const ws = draftWorkspace(titles.map((title) => ({ title })));
  const { draft, value, issues } = draftOf(ws, ['text']);
  const title = String(value.title);
  assert.ok(!titles.includes(title), `not one ticket's title: ${title}`);
  assert.match(title, /^Similar incidents: /);
  for (const term of ['payroll', 'export', 'timeout']) assert.match(title.toLowerCase(), new RegExp(`\\b${term}\\b`), title);
  assert.ok(title.length <= 80, title);
  assert.deepEqual(issues, [], draft.text);

  // A long shared vocabulary is cut to whole terms within 80 characters.
  const long = 'Kubernetes ingress controller certificate renewal webhook admission failures cluster';
  const wide = draftWorkspace([1, 2, 3].map((n) => ({ title: `${long} ${n}` })));
  const cut = String(draftOf(wide, ['text']).value.title);
  assert.ok(cut.length <= 80, cut);
  assert.match(cut, /^Similar incidents: [\w-]+(, [\w-]+)+$/, cut);
  // A CI candidate keeps its key's wording: the CI the incidents share.
  const onCi = draftWorkspace([1, 2, 3].map(() => ({ title: 'Payroll export fails', configuration_item: 'PAY-01' })));
  assert.equal(draftOf(onCi, ['ci']).value.title, 'Repeated incidents on PAY-01');
});

test('a drafted problem takes the highest priority among its incidents, and their highest impact and urgency', () => {
  const ws = draftWorkspace([
    { title: 'Payroll export fails', impact: 'medium', urgency: 'medium', priority: 'P3' },
    { title: 'Payroll export fails again', impact: 'high', urgency: 'medium', priority: 'P2' },
    { title: 'Payroll export fails once more', impact: 'low', urgency: 'low', priority: 'P5' },
  ]);
  const { lines, value, issues, draft } = draftOf(ws, ['category']);
  assert.equal(value.priority, 'P2');
  assert.equal(value.impact, 'high');
  assert.equal(value.urgency, 'medium');
  assert.ok(lines.includes('priority: P2 # itil-3x3: impact high × urgency medium'), draft.text);
  assert.deepEqual(issues, [], draft.text);

  // The highest impact and urgency come from different incidents: the priority stays the
  // incidents' highest, and the comment and the priority check say what the matrix gives.
  const split = draftWorkspace([
    { title: 'Payroll export fails', impact: 'high', urgency: 'low', priority: 'P3' },
    { title: 'Payroll export fails again', impact: 'low', urgency: 'high', priority: 'P3' },
    { title: 'Payroll export fails once more', impact: 'low', urgency: 'low', priority: 'P4' },
  ]);
  const s = draftOf(split, ['category']);
  assert.equal(s.value.priority, 'P3');
  assert.deepEqual([s.value.impact, s.value.urgency], ['high', 'high']);
  assert.ok(s.lines.includes('priority: P3 # the highest among the incidents; impact high × urgency high gives P1 under itil-3x3'), s.draft.text);
  assert.deepEqual(s.issues.map((i) => `${i.code} ${i.severity}`), ['priority-mismatch warning']);

  // Priorities without impact and urgency: the highest of them, and no levels made up.
  const bare = draftWorkspace([{ title: 'a', priority: 'P4' }, { title: 'b', priority: 'P1' }, { title: 'c' }]);
  const b = draftOf(bare, ['category']);
  assert.equal(b.value.priority, 'P1');
  assert.ok(b.lines.includes('priority: P1 # the highest among the incidents'), b.draft.text);
  assert.equal(b.value.impact, undefined);
  assert.deepEqual(b.issues, []);
});

test('a drafted problem names the service and CI its incidents agree on, and none when they disagree', () => {
  const agree = draftWorkspace([
    { title: 'a', service: 'Payroll', configuration_item: 'PAY-01' },
    { title: 'b', service: 'Payroll' },
    { title: 'c', service: 'Payroll', configuration_item: 'PAY-01' },
  ]);
  const a = draftOf(agree, ['category']);
  assert.equal(a.value.service, 'Payroll');
  assert.equal(a.value.configuration_item, 'PAY-01', 'the incident without a CI does not disagree');
  const disagree = draftWorkspace([
    { title: 'a', service: 'Payroll', configuration_item: 'PAY-01' },
    { title: 'b', service: 'Payroll', configuration_item: 'PAY-02' },
    { title: 'c', service: 'HR Portal', configuration_item: 'PAY-01' },
  ]);
  const d = draftOf(disagree, ['category']);
  assert.equal(d.value.service, undefined, d.draft.text);
  assert.equal(d.value.configuration_item, undefined, d.draft.text);
  assert.deepEqual(d.issues, []);
});

test('a drafted problem asks for its owner with a placeholder, or names the owner given', () => {
  const ws = draftWorkspace([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
  const blank = draftOf(ws, ['category']);
  assert.ok(blank.lines.includes('owner: "" # who owns this problem: a person or a role'), blank.draft.text);
  assert.equal(blank.value.owner, '');
  // An empty owner is no schema error: the record validates (the checklist-style nudge is the comment).
  assert.deepEqual(blank.issues, [], blank.draft.text);
  // The same with the workspace's every check on, the checklist included.
  const full = new Workspace();
  for (const f of ws.recordFiles()) full.setFileText(f, ws.textOf(f)!);
  const ownerLine = blank.lines.findIndex((l) => l.startsWith('owner:'));
  const fullIssues = full.issuesFor(blank.draft.path);
  assert.ok(!fullIssues.some((i) => i.severity === 'error' || i.range.start.line === ownerLine), JSON.stringify(fullIssues));

  const named = draftOf(draftWorkspace([{ title: 'a' }, { title: 'b' }, { title: 'c' }]), ['category'], '  Service Desk: Tier 2  ');
  assert.equal(named.value.owner, 'Service Desk: Tier 2');
  assert.ok(named.lines.includes('owner: "Service Desk: Tier 2"'), named.draft.text);
  assert.ok(!named.draft.text.includes('who owns this problem'));
  assert.deepEqual(named.issues, []);
});

test('the JSON and Markdown reports have the documented shapes', async () => {
  const ws = await labWorkspace();
  const r = detect(ws.records('incident'), ws.config.detection, { rules: ['category'], categoryOrder: ws.config.categories });
  const json = toJson(r);
  for (const c of json.candidates) for (const k of ['rule', 'key', 'count', 'incidents', 'score', 'evidence']) assert.ok(k in c, k);
  assert.deepEqual(json.categories[0], { category: 'Outage', count: 9, repeated: true, serviceRequests: 0 });
  const md = toMarkdown(r, 3).split('\n');
  assert.deepEqual(md.slice(0, 5), ['## Identify Problems', '', '| Category | Count | Type |', '| --- | ---: | --- |', '| Outage | 9 | Repeated |']);
  assert.ok(md.includes('| Security | 1 | Non-repeated |'));
  assert.ok(md.includes('| Problem Candidate | Frequency | Reason |'));
  assert.ok(md.some((l) => l.startsWith('| Outage | 9 | 9 incidents (same category); highest priority P1;')));
});

function kedb(args: string[]) {
  const r = spawnSync(process.execPath, [KEDB, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('kedb candidates --rule category --format json gives the seed’s counts and top three', () => {
  const r = kedb(['candidates', LAB, '--rule', 'category', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { candidates: { rule: string; key: string; count: number }[]; categories: { category: string; count: number; repeated: boolean }[] };
  assert.deepEqual(out.categories.filter((c) => c.repeated).map((c) => `${c.category} ${c.count}`), LAB_REPEATED);
  assert.equal(out.categories.filter((c) => !c.repeated).length, LAB_SINGLE.length);
  assert.deepEqual(out.candidates.slice(0, 3).map((c) => `${c.key} ${c.count}`), ['category:Outage 9', 'category:Compatibility 7', 'category:Billing 5']);
  assert.ok(out.candidates.every((c) => c.rule === 'category'));
});

test('kedb candidates: md prints the seed’s two tables, text the ranked evidence; bad usage exits 2', () => {
  const md = kedb(['candidates', LAB, '--rule', 'category', '--format', 'md', '--top', '3']);
  assert.equal(md.code, 0);
  assert.match(md.stdout, /^## Identify Problems\n\n\| Category \| Count \| Type \|\n/);
  assert.match(md.stdout, /\| Outage \| 9 \| 9 incidents \(same category\)/);
  const text = kedb(['candidates', LAB]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^Problem candidates: \d+ new, \d+ covered by problems\.\n\n1\. Infrastructure {2}\[category:Infrastructure\] {2}score 0\.79, 2 incidents, P1, partly covered\n/);
  assert.match(text.stdout, /\nContext \(large categories, not ranked\):\n {3}Outage: 9 incidents \(17 % of all\); they already belong to 3 problems/);
  assert.equal(kedb(['candidates', LAB, '--rule', 'nope']).code, 2);
  assert.equal(kedb(['candidates', LAB, '--format', 'xml']).code, 2);
  assert.equal(kedb(['candidates', 'no/such/folder']).code, 2);
  assert.match(kedb(['candidates', '--help']).stdout, /^Usage: kedb candidates/);
});

test('kedb candidates hides what .kedb/dismissed.yaml dismisses', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-candidates-'));
  fs.cpSync(LAB, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.kedb'));
  fs.writeFileSync(path.join(dir, '.kedb', 'dismissed.yaml'), addDismissal(undefined, { key: 'category:Outage', reason: 'covered by three problems', dismissedAt: '2025-09-22T10:00:00+07:00', incidents: 9 }));
  const out = JSON.parse(kedb(['candidates', dir, '--rule', 'category', '--format', 'json']).stdout) as ReturnType<typeof toJson>;
  assert.equal(out.candidates[0].key, 'category:Compatibility');
  assert.deepEqual(out.dismissed, [{ key: 'category:Outage', count: 9, reason: 'covered by three problems' }]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an empty workspace gives no candidates and an empty table', () => {
  const r = detect([], defaultConfig().detection);
  assert.deepEqual([r.candidates, r.covered, r.dismissed, r.categories], [[], [], [], []]);
});

test('a problem drafted from a text cluster with awkward characters is still valid YAML and a valid record', () => {
  const ws = new WorkspaceWithoutChecklist();
  const titles = ['Portal: "Error #503" – login fails: @admin & *all* users', 'Portal error #503: login fails for all users', 'All users: login fails with error #503 on the portal'];
  titles.forEach((title, i) => {
    ws.setFileText(`incidents/INC-000${i + 1}.yaml`, `kind: incident\nid: INC-000${i + 1}\ntitle: ${JSON.stringify(title)}\ncategory: "Access: SSO"\nreported_at: "2025-01-0${i + 1}T10:00:00Z"\n# a comment the edit keeps\n`);
  });
  const r = detect(ws.records('incident'), defaultDetection(), { rules: ['text'] });
  assert.equal(r.candidates.length, 1);
  assert.equal(r.candidates[0].count, 3);
  assert.ok(r.candidates[0].evidence.some((e) => e.startsWith('Their texts share: ')), r.candidates[0].evidence.join('\n'));
  const draft = draftProblem(ws, r.candidates[0], '2025-01-05T00:00:00Z');
  ws.setFileText(draft.path, draft.text);
  for (const l of draft.links) ws.setFileText(l.file, applyEdits(ws.textOf(l.file)!, [l.edit]));
  for (const f of [draft.path, ...draft.links.map((l) => l.file)]) assert.deepEqual(ws.issuesFor(f), [], `${f}\n${ws.textOf(f)}`);
  assert.ok(ws.textOf('incidents/INC-0001.yaml')!.endsWith('# a comment the edit keeps\nproblem: PRB-0001\n') || ws.textOf('incidents/INC-0001.yaml')!.includes('problem: PRB-0001\n# a comment the edit keeps\n'));
  assert.equal(ws.get('PRB-0001')?.value.category, 'Access: SSO');
});

test('the score in plain words: each factor named, and one the data cannot support left out and said so', () => {
  const bare = ['INC-0101', 'INC-0102', 'INC-0103'].map((id) => incident(id, { category: 'Billing', title: 'Invoice shows the wrong amount' }));
  const [c] = detect(bare, defaultDetection(), { rules: ['category'] }).candidates;
  assert.equal(c.scoreParts.severity, 1, 'no incident has a priority: severity is left out');
  assert.equal(c.scoreParts.recency, 1, 'no dates: recency is left out');
  // The category rule alone is the seed's method: it ranks categories by their counts, so size does not weigh against them.
  assert.equal(c.scoreParts.specificity, 1);
  assert.equal(scoreSentence(c), `Score ${c.score}: 3 incidents, found by same category (×${c.scoreParts.rule}). Its incidents have no priority and no dates, so neither is counted.`);
  const dated = ['INC-0201', 'INC-0202', 'INC-0203'].map((id, i) =>
    incident(id, { category: 'Billing', title: 'Invoice shows the wrong amount', priority: i === 0 ? 'P2' : 'P4', reported_at: `2025-09-0${i + 1}T09:00:00+07:00` }),
  );
  const [d] = detect(dated, defaultDetection(), { rules: ['category'] }).candidates;
  assert.equal(scoreSentence(d), `Score ${d.score}: 3 incidents, found by same category (×${d.scoreParts.rule}), the highest priority among them P2 (×0.8), the newest reported 2025-09-03 (×1 for how recent).`);
});

test('incidents are ordered by reported_at, undated last, then by id in natural order; ties keep the workspace order', () => {
  const collator = new Intl.Collator('en', { numeric: true });
  // Few distinct times, and ids that collate alike ("INC-7" and "INC-07"), of one shape
  // ("INC-10", "INC-12") or not ("inc-10", "TKT-1-2"), so that ties are common.
  const record = fc.record({
    prefix: fc.constantFrom('INC-', 'inc-', 'INC', 'TKT-1-'),
    n: fc.integer({ min: 0, max: 12 }),
    pad: fc.boolean(),
    time: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    bad: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.array(record, { maxLength: 60 }), (rows) => {
      const records = rows.map((r, k) =>
        incident(`${r.prefix}${r.pad ? '0' : ''}${r.n}`, {
          ...(r.time === undefined ? {} : { reported_at: r.bad ? 'not a date' : new Date(Date.UTC(2026, 0, 1 + r.time)).toISOString() }),
          ordinal: k,
        }),
      );
      const facts = incidentFacts(records);
      const bySeq = [...facts].sort((a, b) => a.seq - b.seq);
      // The order as written: a stable sort by time (undated last), then by id.
      const expected = [...facts].sort((a, b) => {
        if (a.time !== undefined && b.time !== undefined && a.time !== b.time) return a.time - b.time;
        if (a.time !== undefined && b.time === undefined) return -1;
        if (a.time === undefined && b.time !== undefined) return 1;
        return collator.compare(a.id, b.id);
      });
      assert.deepEqual(
        bySeq.map((f) => facts.indexOf(f)),
        expected.map((f) => facts.indexOf(f)),
      );
      assert.deepEqual(
        facts.map((f) => f.seq).sort((a, b) => a - b),
        facts.map((_, k) => k),
      );
    }),
    { numRuns: 300, seed: 18 },
  );
});
