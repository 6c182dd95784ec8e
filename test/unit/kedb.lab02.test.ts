import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../src/core';
import { buildReport, LIFECYCLE_CODES } from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { chromiumMissing, REPO_ROOT, testNeeding } from './helpers';
import { NOW } from './kedbHelpers';
import { launch, OVERLAPS } from '../../bench/previewHarness';

const KEDB = path.join(REPO_ROOT, 'bin', 'kedb.js');
const LAB = path.join(REPO_ROOT, 'samples', 'lab-02');

function kedb(args: string[]) {
  const r = spawnSync(process.execPath, [KEDB, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The seed's KEDB: problem and its "Permanent Fix Status" (Open In Progress, Open Planned, Open Ongoing). */
const SEED_KEDB: [string, string][] = [
  ['PRB-0007', 'in-progress'],
  ['PRB-0022', 'planned'],
  ['PRB-0024', 'planned'],
  ['PRB-0029', 'ongoing'],
  ['PRB-0031', 'planned'],
  ['PRB-0032', 'planned'],
  ['PRB-0034', 'ongoing'],
  ['PRB-0042', 'planned'],
  ['PRB-0048', 'planned'],
  ['PRB-0049', 'planned'],
  ['PRB-0050', 'in-progress'],
];

/** The seed's "Identify Problems" table. */
const SEED_CATEGORIES: [string, number][] = [
  ['Outage', 9], ['Compatibility', 7], ['Billing', 5], ['Inquiry', 5], ['Network', 4], ['Documentation', 3], ['Connectivity', 3], ['Request', 2], ['Hardware', 2],
  ['Account', 1], ['Bug', 1], ['Compliance', 1], ['Configuration', 1], ['Feature', 1], ['Healthcare', 1], ['Infrastructure', 1], ['Maintenance', 1], ['Marketing', 1], ['Organization', 1], ['Product', 1], ['Security', 1],
];

/**
 * The sample's table: the seed's, and INC-0052, the recurrence of PRB-0029 the sample adds after
 * the seed, which makes Infrastructure repeat (INC-0029, INC-0052).
 */
const LAB_CATEGORIES: [string, number][] = [
  ...SEED_CATEGORIES.filter(([, n]) => n > 1),
  ['Infrastructure', 2],
  ...SEED_CATEGORIES.filter(([c, n]) => n === 1 && c !== 'Infrastructure'),
];

/** The sample's permanent-fix statuses: the seed's, but PRB-0029's fix is done (CHG-0031), as the sample carries it past the seed. */
const LAB_KEDB: [string, string][] = SEED_KEDB.map(([p, s]) => [p, p === 'PRB-0029' ? 'done' : s]);

test('kedb kedb --format json on lab-02 gives the seed\'s eleven rows, PRB-0007 … PRB-0050, with their statuses, and KE-0051, which replaced the retired KE-0034', () => {
  const r = kedb(['kedb', LAB, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { id: string; problem: string; title: string; symptoms: string[]; root_causes: string[]; workaround: string; permanent_fix: { status: string; description: string }; linked_incidents: number; state: string; replaced_by: string | null; retired_at: string | null }[];
  // The seed's rows; PRB-0034's known error was rewritten after the seed as KE-0051, beside the one it retired.
  const seed = rows.filter((x) => x.id !== 'KE-0051');
  assert.deepEqual(seed.map((x) => [x.problem, x.permanent_fix.status]), LAB_KEDB);
  assert.deepEqual(seed.map((x) => x.id), SEED_KEDB.map(([p]) => p.replace('PRB', 'KE')));
  assert.deepEqual(rows.slice(6, 8).map((x) => [x.id, x.problem, x.state, x.replaced_by, x.retired_at]), [
    ['KE-0034', 'PRB-0034', 'retired', 'KE-0051', '2025-10-06'],
    ['KE-0051', 'PRB-0034', 'published', null, null],
  ]);
  assert.deepEqual(rows.filter((x) => x.state !== 'published').map((x) => x.id), ['KE-0034']);
  for (const row of rows) {
    assert.deepEqual(Object.keys(row), ['id', 'problem', 'title', 'symptoms', 'root_causes', 'workaround', 'permanent_fix', 'linked_incidents', 'state', 'replaced_by', 'retired_at']);
    assert.deepEqual(Object.keys(row.permanent_fix), ['status', 'description']);
    assert.ok(row.symptoms.length > 0 && row.root_causes.length > 0 && row.workaround && row.permanent_fix.description, row.id);
  }
  assert.match(rows[0].workaround, /^Restart the router manually, divert traffic to the direct internet connection/);
  // PRB-0007 lists INC-0007, INC-0016 and INC-0028; PRB-0031 has INC-0031 alone.
  assert.deepEqual(rows.map((x) => x.linked_incidents), [3, 2, 2, 2, 1, 1, 3, 3, 2, 2, 2, 2]);
});

test('kedb kedb prints the seed\'s five columns, with the known error id, the title and the linked incidents, as Markdown, CSV and HTML; bad usage exits 2', () => {
  const md = kedb(['kedb', LAB]);
  assert.equal(md.code, 0);
  const lines = md.stdout.trimEnd().split('\n');
  assert.equal(lines[0], '| Known Error ID | Problem ID | Title | Symptoms | Root Causes | Workaround | Permanent Fix Status | Linked Incidents | State |');
  assert.equal(lines.length, 14);
  assert.match(lines[2], /^\| KE-0007 \| PRB-0007 \| Telemedicine &#38; EMR unreachable with "connection lost" after Cisco RV340 firmware update \| Telemedicine and the EMR cannot be accessed\.; A "connection lost" error appears\./);
  assert.match(lines[2], /\| In progress: Roll the router firmware back to a stable version[^|]*\| 3 \| published \|$/);
  assert.match(lines[8], /^\| KE-0034 \| PRB-0034 \| .* \| retired \(replaced by KE-0051\) \|$/);
  const csv = kedb(['kedb', LAB, '--format', 'csv']);
  assert.equal(csv.stdout.split('\r\n').length, 14);
  assert.match(csv.stdout.split('\r\n')[1], /^KE-0007,PRB-0007,"Telemedicine & EMR unreachable with ""connection lost"" after Cisco RV340 firmware update",.*,3,published$/);
  const html = kedb(['kedb', LAB, '--format', 'html']);
  assert.equal((html.stdout.match(/<tr>/g) ?? []).length, 13);
  assert.equal(kedb(['kedb', LAB, '--format', 'xml']).code, 2);
  assert.equal(kedb(['kedb', path.join(LAB, 'nope')]).code, 2);
});

test('lab-02 stays clean under the lifecycle rules, but for what it shows: INC-0052 recurs after PRB-0029\'s fix, whose incidents are still open', async () => {
  const ws = await Workspace.load(new NodeFsHost(LAB));
  const found = [...ws.allIssues()].flatMap(([file, issues]) => issues.map((i) => `${file} ${i.code}`));
  const codes = [...LIFECYCLE_CODES, 'recurrence', 'linked-incidents-open'];
  assert.deepEqual(found.filter((f) => codes.some((c) => f.endsWith(' ' + c))), ['incidents/INC-0052.yaml recurrence', 'problems/PRB-0029.yaml linked-incidents-open']);
  const r = kedb(['validate', LAB]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /: 0 errors, 1 warning, 2 info\.\n$/);
});

test('the report\'s category table on lab-02 equals the seed\'s, with the recurrence the sample adds', async () => {
  const ws = await Workspace.load(new NodeFsHost(LAB));
  const data = buildReport(ws, NOW);
  assert.deepEqual(data.categories.map((c) => [c.category, c.count]), LAB_CATEGORIES);
  assert.deepEqual(data.categories.map((c) => c.repeated), LAB_CATEGORIES.map(([, n]) => n > 1));
  // The seed's 52 tickets and INC-0052.
  assert.equal(data.totals.incidents, 53);
  // Every problem where the seed left it, but PRB-0029, resolved since with its fix applied.
  assert.deepEqual(data.problems.map((p) => [p.id, p.status, p.knownError]), SEED_KEDB.map(([p]) => [p, p === 'PRB-0029' ? 'resolved' : 'fix-in-progress', p === 'PRB-0034' ? 'KE-0051' : p.replace('PRB', 'KE')]));
  assert.deepEqual(data.states, [{ state: 'fix-in-progress', count: 10 }, { state: 'resolved', count: 1 }]);
  assert.deepEqual(data.fishbones.map((f) => f.id), ['PRB-0007']);
  assert.match(data.fishbones[0].mermaid, /^ishikawa\n {4}VPN-Router Connectivity Disruption/);
  assert.equal(data.kedb.length, 12);
  assert.ok(data.candidates.length > 0 && data.candidates.every((c) => c.reason.length > 0));
  // Outage spans three problems: the report sets it apart as context, with why.
  assert.ok(!data.candidates.some((c) => c.label === 'Outage'));
  const outage = data.context.find((c) => c.label === 'Outage');
  assert.equal(outage?.count, 9);
  assert.match(outage.reason, /already belong to 3 problems/);
  // The checklist: every field has a rate and says who misses it.
  const tools = data.checklist.find((f) => f.field === 'initial_analysis.diagnostic_tools');
  assert.ok(tools && tools.applicable > 0 && tools.filled + tools.missing.length === tools.applicable);
  const escalation = data.checklist.find((f) => f.field === 'escalation.team');
  assert.ok(escalation && escalation.applicable < 53, 'escalation is only asked of the incidents that must be escalated');
});

test('kedb report writes the Markdown and the standalone HTML; kedb search ranks and exits 1 on no match', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-report-'));
  try {
    const r = kedb(['report', LAB, '--out', out, '--no-diagrams']);
    assert.equal(r.code, 0, r.stderr);
    const md = fs.readFileSync(path.join(out, 'problem-management-report.md'), 'utf8');
    const table = md.slice(md.indexOf('## 5.'), md.indexOf('## 6.'));
    const rows = [...table.matchAll(/^\| ([A-Za-z]+) \| (\d+) \| (Repeated|Non-repeated) \|$/gm)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(rows, LAB_CATEGORIES);
    // What a reader acts on first (the candidates, the problems, the KEDB), the analyses and the data's completeness after.
    const headings = [
      '## 1. Top problem candidates',
      '## 2. Problems and their states',
      '## 3. Known Error Database',
      '## 4. Root cause analyses',
      '## 5. Repeated and non-repeated categories',
      '## 6. Field completeness',
    ];
    const at = headings.map((h) => md.indexOf(h));
    assert.ok(at.every((i) => i >= 0), headings.filter((_, i) => at[i] < 0).join(', '));
    assert.deepEqual([...at].sort((a, b) => a - b), at, 'in this order');
    // The candidates in the order kedb candidates (and the view) gives them.
    const listed = [...md.slice(at[0], at[1]).matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((m) => m[2].trim());
    const cli = JSON.parse(kedb(['candidates', LAB, '--format', 'json']).stdout) as { candidates: { label: string }[] };
    assert.deepEqual(listed, cli.candidates.slice(0, 10).map((c) => c.label.replace(/\s+/g, ' ')));
    const html = fs.readFileSync(path.join(out, 'problem-management-report.html'), 'utf8');
    assert.ok(html.includes('<pre class="mermaid">ishikawa\n'));
    assert.ok(!/<(script|link|img|iframe)\b/i.test(html), 'no script with --no-diagrams, and nothing loaded from outside');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  const s = kedb(['search', 'vpn connection lost after the router firmware update', LAB, '--format', 'json']);
  assert.equal(s.code, 0);
  const hits = JSON.parse(s.stdout) as { id: string; score: number }[];
  assert.equal(hits[0].id, 'KE-0007');
  assert.equal(kedb(['search', 'zzzz qqqq', LAB]).code, 1);
  assert.equal(kedb(['search']).code, 2);
});

testNeeding(chromiumMissing(), 'kedb report: opened from disk in Chromium, the HTML draws each fishbone offline with no error and no overlapping labels', {}, async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-report-draw-'));
  const { context, close } = await launch();
  try {
    const r = kedb(['report', LAB, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('file://' + path.join(out, 'problem-management-report.html'));
    await page.waitForSelector('body[data-state]');
    assert.equal(await page.getAttribute('body', 'data-state'), 'done', (await page.textContent('body')) ?? '');
    const sections = await page.$$eval('section.diagram', (els) =>
      els.map((s) => ({ svg: s.querySelectorAll(':scope > svg').length, pre: s.querySelectorAll('pre').length, text: s.textContent ?? '' })),
    );
    const data = buildReport(await Workspace.load(new NodeFsHost(LAB)), NOW);
    assert.equal(sections.length, data.fishbones.length);
    assert.ok(sections.every((s) => s.svg === 1 && s.pre === 0), 'each fishbone is drawn in place of its Mermaid text');
    // PRB-0007's fishbone, as drawn: its five branches and a cause of each.
    const prb7 = sections[data.fishbones.findIndex((f) => f.id === 'PRB-0007')].text;
    for (const word of ['People', 'Process', 'Technology', 'Environment', 'Measurement']) assert.ok(prb7.includes(word), word);
    const overlaps: string[] = [];
    for (let i = 1; i <= sections.length; i++) overlaps.push(...((await page.evaluate(OVERLAPS(`#rca-${i} svg`))) as { overlaps: string[] }).overlaps);
    assert.deepEqual(overlaps, [], 'the label layout runs in the report too');
    assert.deepEqual(errors, [], 'nothing blocked by the page policy, no script error');
  } finally {
    await close();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
