// The views in Indonesian: the labels the host builds for the KEDB table and the fishbone preview
// webviews (which cannot translate themselves), the pages built from them, and the problem
// candidates' evidence, which the view shows in the user's language while the drafted record and
// the JSON keep English. Each test resets to English in a finally.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../src/core';
import { detect, draftProblem, ruleName, shownEvidence, RULE_NAMES } from '../../src/core/candidates';
import { kedbTable, knownErrorCount } from '../../src/core/kedb';
import { setL10nBundle } from '../../src/core/base/l10n';
import { tableHtml, tableLabels } from '../../src/extension/kedb/tableHtml';
import type { TableLabels } from '../../src/shared/kedbTable';
import { toTableRow } from '../../src/extension/kedb/tableProtocol';
import { previewHtml, previewLabels } from '../../src/extension/rca/html';
import { parseLabels, PREVIEW_LABELS_EN } from '../../src/shared/fishbone';
import { NodeFsHost } from '../../src/node/fsHost';
import { chromiumMissing, CHROMIUM, inIndonesian, indonesian, REPO_ROOT, testNeeding } from './helpers';

const ID = indonesian();
const VIEWS = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'id', 'views.json'), 'utf8')) as Record<string, string>;

/** Every string in a labels object, nested ones included. */
function strings(v: unknown): string[] {
  return typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];
}

const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

test('the KEDB table labels the host builds are Indonesian under the Indonesian bundle and English after a reset', () => {
  const id = inIndonesian(() => tableLabels());
  assert.equal(id.columns.problem, VIEWS['Problem ID']);
  assert.equal(id.columns.rootCauses, VIEWS['Root Causes']);
  assert.equal(id.filterPlaceholder, 'Filter: gejala, penyebab, workaround, id…');
  assert.equal(id.empty, 'Tidak ada known error yang cocok.');
  assert.equal(id.count, '{0} dari {1}');
  assert.equal(id.statuses['in-progress'], 'Sedang dikerjakan');
  const en = tableLabels();
  assert.deepEqual(en.columns, {
    id: 'Known Error ID',
    problem: 'Problem ID',
    title: 'Title',
    symptoms: 'Symptoms',
    rootCauses: 'Root Causes',
    workaround: 'Workaround',
    fixStatus: 'Permanent Fix Status',
    incidents: 'Linked Incidents',
    state: 'State',
  });
  assert.deepEqual(id.states, { draft: 'Draf', published: 'Diterbitkan', retired: 'Dipensiunkan' });
  assert.equal(id.columns.id, 'ID Known Error');
  assert.equal(id.columns.title, 'Judul');
  assert.equal(id.columns.incidents, 'Insiden Terkait');
  assert.equal(en.title, 'Known Error Database');
  assert.equal(en.filterPlaceholder, 'Filter: symptom, cause, workaround, id…');
  // Every English label changed, except the words Indonesian keeps (names, "Workaround").
  const kept = new Set(['Known Error Database', 'Workaround', '{0}: {1} (click to open)'].filter((k) => VIEWS[k] === k));
  const enList = strings(en);
  const idList = strings(id);
  enList.forEach((e, i) => kept.has(e) || assert.notEqual(idList[i], e, e));
});

test('the export counts known errors in words that agree with the number, in English and Indonesian', () => {
  assert.deepEqual([0, 1, 2, 11].map(knownErrorCount), ['0 known errors', '1 known error', '2 known errors', '11 known errors']);
  assert.deepEqual(inIndonesian(() => [1, 2].map(knownErrorCount)), ['1 known error', '2 known error']);
  assert.equal(VIEWS['KEDB: exported {0} to {1}.'], 'KEDB: {0} diekspor ke {1}.');
});

test('the page carries the labels escaped: in the HTML, and as a data-labels attribute that parses back', () => {
  const html = inIndonesian(() => tableHtml('https://res.example', 'n0nce', 'https://res.example/media/kedb-table.js', 'https://res.example/media/kedb-table.css'));
  assert.match(html, /<html lang="id">/);
  assert.ok(html.includes(`<th data-sort="problem" scope="col" tabindex="0">${VIEWS['Problem ID']}</th>`));
  assert.ok(html.includes('placeholder="Filter: gejala, penyebab, workaround, id…"'));
  const attr = decode(/data-labels="([^"]*)"/.exec(html)![1]);
  assert.equal((JSON.parse(attr) as TableLabels).columns.symptoms, 'Gejala');
  // The English page is as it was.
  const en = tableHtml('https://res.example', 'n0nce', 'https://res.example/media/kedb-table.js', 'https://res.example/media/kedb-table.css');
  assert.match(en, /<html lang="en">/);
  assert.ok(en.includes('<th data-sort="problem" scope="col" tabindex="0">Problem ID</th>'));
  assert.ok(en.includes('<p id="empty" hidden>No known errors match.</p>'));
  // A label is text: markup in a translation is escaped, and the CSP and the one script stay.
  const hostile = tableLabels();
  hostile.columns.problem = '<img src=x onerror=alert(1)>"';
  hostile.filterPlaceholder = '"><script>alert(2)</script>';
  const bad = tableHtml('https://res.example', 'n0nce', 'https://res.example/media/kedb-table.js', 'https://res.example/media/kedb-table.css', hostile);
  assert.doesNotMatch(bad, /<img|<script>alert/);
  assert.deepEqual(bad.match(/<script[^>]*>/g), ['<script nonce="n0nce" src="https://res.example/media/kedb-table.js">']);
  assert.ok(bad.includes(`content="default-src &#39;none&#39;; script-src &#39;nonce-n0nce&#39;;`));
});

test('the fishbone preview labels are Indonesian under the Indonesian bundle and the English defaults after a reset', () => {
  const id = inIndonesian(() => previewLabels());
  assert.equal(id.follow, 'Ikuti editor');
  assert.equal(id.locked, 'Terkunci');
  assert.equal(id.keepLast, '{0} Menampilkan diagram valid terakhir.');
  assert.equal(id.rootCause, '{0} (akar masalah)');
  for (const k of Object.keys(PREVIEW_LABELS_EN) as (keyof typeof PREVIEW_LABELS_EN)[]) assert.notEqual(id[k], PREVIEW_LABELS_EN[k], k);
  // The host's English labels are exactly the webview's own defaults.
  assert.deepEqual(previewLabels(), PREVIEW_LABELS_EN);

  const page = (labels?: ReturnType<typeof previewLabels>) =>
    previewHtml({ cspSource: 'https://res.example', nonce: 'n0nce', scriptUri: 'https://res.example/dist/webview/preview.js', styleUri: 'https://res.example/media/preview.css', init: { source: 'file:///p.yaml', locked: false, tab: 'fishbone' }, labels });
  const html = inIndonesian(() => page());
  assert.ok(html.includes('<title>Pratinjau Fishbone</title>'));
  assert.ok(html.includes('title="Sesuaikan dengan jendela (0)">Sesuaikan</button>'));
  assert.deepEqual(parseLabels(decode(/data-labels="([^"]*)"/.exec(html)![1])), id);
  const en = page();
  assert.ok(en.includes('<title>Fishbone Preview</title>'));
  assert.ok(en.includes('title="Follow the active problem editor, or stay on this record">Follow editor</button>'));
  // Markup in a label stays text; a broken or missing attribute gives English.
  const bad = page({ ...PREVIEW_LABELS_EN, follow: '<img src=x onerror=alert(1)>' });
  assert.doesNotMatch(bad, /<img/);
  assert.deepEqual(parseLabels('{"follow": 3, "locked": "Kunci"}'), { ...PREVIEW_LABELS_EN, locked: 'Kunci' });
  assert.deepEqual(parseLabels('not json'), PREVIEW_LABELS_EN);
});

test('candidate evidence: shown in Indonesian, kept in English in the candidate and the drafted problem record', async () => {
  const ws = await Workspace.load(new NodeFsHost(path.join(REPO_ROOT, 'samples', 'lab-02')));
  const id = inIndonesian(() => detect(ws.records('incident'), ws.config.detection));
  const en = detect(ws.records('incident'), ws.config.detection);
  const all = (r: typeof en) => [...r.candidates, ...r.covered];
  assert.ok(all(id).length > 0);
  all(id).forEach((c, i) => {
    assert.deepEqual(c.evidence, all(en)[i].evidence, 'the evidence itself stays English');
    assert.deepEqual(shownEvidence(all(en)[i]), all(en)[i].evidence);
    const shown = shownEvidence(c);
    assert.equal(shown.length, c.evidence.length);
  });
  const lines = all(id).flatMap((c) => shownEvidence(c));
  assert.ok(lines.some((l) => /^\d+ insiden dalam kategori .+ \(dianggap berulang mulai \d+\)\.$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^Prioritas tertinggi P\d \(\d+ dari \d+\)\.$/.test(l)), lines.join('\n'));
  assert.ok(!lines.some((l) => /^Highest priority/.test(l)));
  // The drafted problem record is written in English whatever the language.
  const draft = inIndonesian(() => draftProblem(ws, all(id)[0], '2026-01-01T00:00:00+00:00', 'PRB-9999'));
  for (const e of all(id)[0].evidence) assert.ok(draft.text.includes(e.slice(0, 20)), e);
  assert.doesNotMatch(draft.text, /Prioritas tertinggi|insiden dalam kategori/);
  assert.equal(inIndonesian(() => ruleName('text')), 'teks mirip');
  assert.equal(ruleName('text'), RULE_NAMES.text);
});

// ---- the KEDB table page in Chromium, with Indonesian labels -------------------------------------

const ORIGIN = 'https://webview.test';
type Browser = import('playwright-core').Browser;
let browser: Browser | undefined;

before(async () => {
  if (chromiumMissing()) return;
  const moduleName = 'playwright-core';
  const { chromium } = (await import(moduleName)) as typeof import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
});

after(async () => {
  await browser?.close();
});

interface Win {
  __posted: { type: string; ids?: string[] }[];
  acquireVsCodeApi?: () => unknown;
  postMessage(message: unknown, target: string): void;
}

testNeeding(chromiumMissing(), 'the KEDB table page in Chromium shows the Indonesian column headers, placeholder, row count, filter and empty text, under the strict CSP', {}, async () => {
  const html = inIndonesian(() => tableHtml(ORIGIN, 'n0nce4test', `${ORIGIN}/dist/webview/kedb-table.js`, `${ORIGIN}/media/kedb-table.css`));
  const ws = await Workspace.load(new NodeFsHost(path.join(REPO_ROOT, 'samples', 'lab-02')));
  const rows = kedbTable(ws).map((r) => toTableRow(r, 'file:///lab-02'));
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = path.join(REPO_ROOT, url.pathname);
    if (!file.startsWith(path.join(REPO_ROOT, 'media') + path.sep) && file !== path.join(REPO_ROOT, 'dist', 'webview', 'kedb-table.js')) return route.abort();
    return route.fulfill({ contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: fs.readFileSync(file, 'utf8') });
  });
  await page.addInitScript(() => {
    const w = globalThis as unknown as Win;
    w.__posted = [];
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m as Win['__posted'][number]), getState: () => undefined, setState: () => undefined });
  });
  try {
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => (globalThis as unknown as Win).__posted.some((m) => m.type === 'ready'));
    await page.evaluate((r) => (globalThis as unknown as Win).postMessage({ type: 'rows', rows: r }, '*'), rows);
    await page.waitForFunction(() => (globalThis as unknown as Win).__posted.some((m) => m.type === 'rendered'));
    assert.deepEqual(await page.$$eval('thead th', (ths) => ths.map((t) => t.textContent)), ['ID Known Error', VIEWS['Problem ID'], 'Judul', 'Gejala', VIEWS['Root Causes'], VIEWS['Workaround'], VIEWS['Permanent Fix Status'], 'Insiden Terkait', 'Status']);
    assert.equal(await page.$eval('#state option', (o) => o.textContent), 'semua');
    assert.equal(await page.getAttribute('#filter', 'placeholder'), 'Filter: gejala, penyebab, workaround, id…');
    assert.equal(await page.title(), VIEWS['Known Error Database']);
    // The script's own words come from the page's labels too.
    assert.equal(await page.textContent('#count'), `${rows.length} dari ${rows.length}`);
    assert.equal(await page.$eval('#status option', (o) => o.textContent), 'semua');
    await page.fill('#filter', 'no such words anywhere');
    await page.waitForFunction(() => !(globalThis as unknown as { document: { getElementById(id: string): { hidden: boolean } } }).document.getElementById('empty').hidden);
    assert.equal(await page.textContent('#empty'), 'Tidak ada known error yang cocok.');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

testNeeding(chromiumMissing(), 'the fishbone preview in Chromium writes its run-time words from the Indonesian labels', {}, async () => {
  const { launch, PreviewPage, PreviewServer, renderMessage } = await import('../../bench/previewHarness');
  const source = 'file:///lab-02/problems/PRB-0007.yaml';
  const text = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'lab-02', 'problems', 'PRB-0007.yaml'), 'utf8');
  const server = new PreviewServer();
  await server.start({ source, locked: false, tab: 'fishbone' });
  const chromium = await launch();
  try {
    // The server builds the page when it is asked for: in Indonesian while the page loads.
    setL10nBundle(ID, 'id');
    let page: Awaited<ReturnType<typeof PreviewPage.open>>;
    try {
      page = await PreviewPage.open(chromium.context, server);
    } finally {
      setL10nBundle(undefined);
    }
    await page.waitFor((m) => m.type === 'ready');
    const done = await page.render(renderMessage(text, source, 1));
    assert.equal(done.ok, true, done.error);
    assert.equal(await page.page.textContent('#lock'), 'Ikuti editor');
    assert.equal(await page.page.textContent('#fit'), 'Sesuaikan');
    const tips = (await page.page.$$eval('#stage [data-key] > title', (ts) => ts.map((x) => x.textContent ?? ''))).join('\n');
    assert.match(tips, /\(akar masalah\)/);
    assert.match(tips, /Baris \d+: klik untuk menampilkan/);
    assert.doesNotMatch(tips, /root cause\)|click to reveal/);
    await page.send({ type: 'error', source, seq: 2, version: 2, message: 'YAML syntax error: bad indentation.', line: 51 });
    await page.page.waitForFunction(`!document.getElementById('banner').hidden`);
    assert.equal(await page.page.textContent('#banner'), 'Baris 52: YAML syntax error: bad indentation. Menampilkan diagram valid terakhir.');
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await chromium.close();
    server.close();
  }
});
