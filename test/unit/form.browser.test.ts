// The record form webview in a real browser: the page the extension builds, dist/webview/form.js,
// PRB-0007 of samples/lab-02, in headless Chromium through playwright-core, with
// `acquireVsCodeApi` stubbed to record what the page posts. Skipped when there is no Chromium.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, defaultConfig, formEdit, parseRangedFile, placeIssues, recordForm, setL10nBundle, taskFormEdit, withTaskState, type FormOp, type Issue } from '../../src/core';
import { formHtml, formLabels } from '../../src/extension/form/html';
import type { FormHostMessage } from '../../src/shared/form';
import { chromiumMissing, CHROMIUM, REPO_ROOT, testNeeding } from './helpers';

const ORIGIN = 'https://webview.test';
const NONCE = 'n0nce4form';
const PRB = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'lab-02', 'problems', 'PRB-0007.yaml'), 'utf8');

type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;
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

/** The render message the host sends for a text, with extra issues to place (and "today", for the tasks). */
function renderOf(text: string, version: number, issues: Issue[] = [], today?: string): FormHostMessage {
  const ranged = parseRangedFile(text, defaultConfig());
  const record = ranged.records[0];
  const plain = recordForm(record.kind!, record.value);
  const form = today ? withTaskState(plain, record.value, today) : plain;
  return { type: 'render', version, form, issues: placeIssues(text, ranged.documents[0], form, [...ranged.issues, ...issues]), readOnly: false, records: 1, zone: '+07:00' };
}

interface Posted {
  type: string;
  [k: string]: unknown;
}

interface Win {
  __posted: Posted[];
  __pwned?: boolean;
  acquireVsCodeApi?: () => unknown;
  postMessage(message: unknown, target: string): void;
  document: { querySelectorAll(s: string): { length: number } };
}

async function openForm(labels = formLabels()): Promise<{ page: Page; posted: () => Promise<Posted[]>; errors: string[] }> {
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: formHtml(ORIGIN, NONCE, `${ORIGIN}/dist/webview/form.js`, `${ORIGIN}/media/form.css`, labels) });
    const file = path.join(REPO_ROOT, url.pathname);
    if (file !== path.join(REPO_ROOT, 'media', 'form.css') && file !== path.join(REPO_ROOT, 'dist', 'webview', 'form.js')) return route.abort();
    return route.fulfill({ contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: fs.readFileSync(file, 'utf8') });
  });
  await page.addInitScript(() => {
    const w = globalThis as unknown as Win;
    w.__posted = [];
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m as Posted) });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (globalThis as unknown as Win).__posted.some((m) => m.type === 'ready'));
  const posted = () => page.evaluate(() => (globalThis as unknown as Win).__posted);
  return { page, posted, errors };
}

async function send(page: Page, m: FormHostMessage): Promise<void> {
  await page.evaluate((msg) => (globalThis as unknown as Win).postMessage(msg, '*'), m);
  await page.waitForFunction((v) => (globalThis as unknown as Win).__posted.some((p) => p.type === 'rendered' && p.version === v), m.version);
}

async function edits(posted: () => Promise<Posted[]>, n: number, page: Page): Promise<Posted[]> {
  await page.waitForFunction((k) => (globalThis as unknown as Win).__posted.filter((p) => p.type === 'edit').length >= k, n);
  return (await posted()).filter((p) => p.type === 'edit');
}

const sel = (attr: string, p: (string | number)[]) => `[${attr}='${JSON.stringify(p.map(String))}']`;

testNeeding(chromiumMissing(), 'the form draws PRB-0007 under the strict CSP and posts the edits a user makes', {}, async () => {
  const { page, posted, errors } = await openForm();
  const issue: Issue = { code: 'schema', severity: 'warning', message: 'Owner looks odd.', range: { start: { line: 14, character: 7 }, end: { line: 14, character: 20 } } };
  await send(page, renderOf(PRB, 3, [issue]));
  assert.equal(await page.textContent('h1'), 'PRB-0007');
  assert.equal(await page.inputValue(sel('data-edit', ['title'])), 'VPN-router connectivity disruption affecting Telemedicine & EMR');
  assert.equal(await page.$eval(sel('data-edit', ['problem_statement']), (e) => e.tagName), 'TEXTAREA');
  assert.equal(await page.$eval(sel('data-edit', ['status']), (e) => e.tagName), 'SELECT');
  assert.match(await page.inputValue(sel('data-edit', ['created_at'])), /^2025-09-22T09:00(:00)?$/);
  assert.match((await page.textContent(`${sel('data-path', ['created_at'])} .zone`)) ?? '', /\+07:00/);
  assert.match((await page.textContent(`${sel('data-path', ['status'])} .desc`)) ?? '', /Lifecycle state/);
  assert.match((await page.textContent(`${sel('data-path', ['owner'])} .issues`)) ?? '', /Line 15: Owner looks odd\./);
  assert.equal(await page.locator('.list-category > ol > li.row').count(), 5);
  assert.equal(await page.locator('.chains .list-why > ol > li.row').count(), 5);

  // A field: typed, then committed on leaving it.
  await page.fill(sel('data-edit', ['title']), 'Router: down # again');
  await page.press(sel('data-edit', ['title']), 'Tab');
  let sent = await edits(posted, 1, page);
  assert.deepEqual(sent[0], { type: 'edit', version: 3, op: { op: 'set', path: ['title'], value: 'Router: down # again' } });
  // The next edit waits for the drawing of the new version, then goes with it.
  await page.selectOption(sel('data-edit', ['status']), { label: 'closed' });
  await send(page, renderOf(PRB, 4));
  sent = await edits(posted, 2, page);
  assert.deepEqual(sent[1], { type: 'edit', version: 4, op: { op: 'set', path: ['status'], value: 'closed' } });
  await send(page, renderOf(PRB, 5));
  // The root-cause toggle, a row removed, a cause added.
  const ispCause = ['rca', 'fishbone', 'categories', 3, 'causes', 0];
  await page.check(sel('data-root', ispCause));
  sent = await edits(posted, 3, page);
  assert.deepEqual(sent[2].op, { op: 'rootCause', path: ispCause, on: true });
  await send(page, renderOf(PRB, 6));
  await page.click(`${sel('data-path', ['tags', 1])} > .row-tools > button.remove`);
  sent = await edits(posted, 4, page);
  assert.deepEqual(sent[3].op, { op: 'remove', path: ['tags', 1] });
  await send(page, renderOf(PRB, 7));
  await page.fill(sel('data-add', ['rca', 'fishbone', 'categories', 3, 'causes']), 'The backup link is untested.');
  await page.press(sel('data-add', ['rca', 'fishbone', 'categories', 3, 'causes']), 'Enter');
  sent = await edits(posted, 5, page);
  assert.deepEqual(sent[4].op, { op: 'add', path: ['rca', 'fishbone', 'categories', 3, 'causes'], item: 'The backup link is untested.' });
  assert.deepEqual(errors, []);
  await page.close();
});

testNeeding(chromiumMissing(), 'hostile record text stays text in the form: no script runs, no element is made from it', {}, async () => {
  const { page, errors } = await openForm();
  const evil = `<img src=x onerror="globalThis.__pwned=true">`;
  const text = [
    'kind: problem',
    'id: PRB-0999',
    `title: ${JSON.stringify(`<script>globalThis.__pwned=true</script>`)}`,
    `description: ${JSON.stringify(evil + '\n"quoted": # not a comment')}`,
    'rca:',
    '  fishbone:',
    '    categories:',
    `      - name: ${JSON.stringify(evil)}`,
    '        causes:',
    `          - ${JSON.stringify(`</textarea>${evil}`)}`,
    `unknown_key: ${JSON.stringify(evil)}`,
    '',
  ].join('\n');
  await send(page, renderOf(text, 1));
  assert.equal(await page.inputValue(sel('data-edit', ['title'])), '<script>globalThis.__pwned=true</script>');
  assert.equal(await page.inputValue(sel('data-edit', ['description'])), evil + '\n"quoted": # not a comment');
  assert.equal(await page.inputValue(sel('data-edit', ['rca', 'fishbone', 'categories', 0, 'causes', 0])), `</textarea>${evil}`);
  assert.match((await page.textContent(`${sel('data-path', ['unknown_key'])} pre`)) ?? '', /<img src=x/);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => (globalThis as unknown as Win).__pwned), undefined);
  assert.equal(await page.evaluate(() => (globalThis as unknown as Win).document.querySelectorAll('script').length), 1, 'only our script');
  assert.equal(await page.evaluate(() => (globalThis as unknown as Win).document.querySelectorAll('img').length), 0);
  // A malformed message is ignored: the form stays.
  await page.evaluate(() => (globalThis as unknown as Win).postMessage({ type: 'render', version: 2, form: { kind: 'problem', fields: [{ type: 'text' }] } }, '*'));
  await page.waitForTimeout(100);
  assert.equal(await page.textContent('h1'), 'PRB-0999');
  // A read-only render shows the errors and the button to the YAML.
  await send(page, { type: 'render', version: 3, form: null, issues: [{ path: [], severity: 'error', message: 'YAML syntax error: bad.', code: 'yaml-syntax', line: 4 }], readOnly: true, records: 0, zone: 'Z' });
  assert.equal(await page.isVisible('#open-yaml'), true);
  assert.match((await page.textContent('#banner')) ?? '', /read-only[\s\S]*Line 4: YAML syntax error: bad\./);
  assert.deepEqual(errors, []);
  await page.close();
});

testNeeding(chromiumMissing(), 'the 5 Whys as chains to add to: a new chain, a why/because step, evidence for a cause', {}, async () => {
  const { page, posted, errors } = await openForm();
  await send(page, renderOf(PRB, 1));
  const whys = ['rca', 'five_whys'];
  // A step: its question and its answer, added with the button.
  await page.fill(sel('data-add', whys), 'Why was there no second router?');
  await page.fill(sel('data-add-because', whys), 'Budget: deferred # 2024');
  await page.click(`${sel('data-path', whys)} .why-adder button.add`);
  let sent = await edits(posted, 1, page);
  assert.deepEqual(sent[0], { type: 'edit', version: 1, op: { op: 'add', path: whys, item: { why: 'Why was there no second router?', because: 'Budget: deferred # 2024' } } });
  assert.equal(await page.inputValue(sel('data-add', whys)), '');
  await send(page, renderOf(PRB, 2));
  // A new chain, named by the user; the list chain is named as the form showed it.
  assert.equal((await page.textContent(`${sel('data-path', whys)} .list-why > legend`))?.trim(), 'Chain 1');
  await page.fill(sel('data-add-chain', whys), 'Firmware rollback');
  await page.press(sel('data-add-chain', whys), 'Enter');
  sent = await edits(posted, 2, page);
  assert.deepEqual(sent[1].op, { op: 'addChain', path: whys, name: 'Firmware rollback', first: 'Chain 1' });
  // Drawn from the new text: two named chains, each with its own step adder.
  // What the host writes for it (core's formEdit, tested in form.edits.test.ts).
  const twoChains = applyEdits(PRB, [formEdit(PRB, 0, 'problem', sent[1].op as FormOp, defaultConfig())!]);
  await send(page, renderOf(twoChains, 3));
  const legends = await page.$$eval(`${sel('data-path', whys)} .list-why > legend`, (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(legends, ['Chain 1', 'Firmware rollback']);
  const newChain = [...whys, 'Firmware rollback'];
  assert.equal(await page.locator(`${sel('data-path', newChain)} > ol > li.row`).count(), 0);
  await page.fill(sel('data-add', newChain), 'Why was the rollback not tried?');
  await page.press(sel('data-add', newChain), 'Enter');
  sent = await edits(posted, 3, page);
  assert.deepEqual(sent[2].op, { op: 'add', path: newChain, item: { why: 'Why was the rollback not tried?' } });
  await send(page, renderOf(twoChains, 4));
  // Evidence for a cause that has none.
  const isp = ['rca', 'fishbone', 'categories', 3, 'causes', 0];
  assert.equal(await page.getAttribute(sel('data-add', [...isp, 'evidence']), 'placeholder'), 'Evidence');
  await page.fill(sel('data-add', [...isp, 'evidence']), 'ISP status page: 3 outages in September');
  await page.click(`${sel('data-path', isp)} .evidence-adder button.add`);
  sent = await edits(posted, 4, page);
  assert.deepEqual(sent[3].op, { op: 'add', path: [...isp, 'evidence'], item: 'ISP status page: 3 outages in September' });
  assert.deepEqual(errors, []);
  await page.close();
});

testNeeding(chromiumMissing(), 'PRB-0007\'s three tasks in the Tasks section: fields to edit, the overdue one marked, mark done and add a task', {}, async () => {
  const { page, posted, errors } = await openForm();
  // On 2030-07-03, T3 (in progress, due 2030-06-30) is 3 days overdue; T1 and T2 are done.
  await send(page, renderOf(PRB, 1, [], '2030-07-03'));
  const tasks = sel('data-path', ['tasks']);
  assert.equal((await page.textContent(`${tasks} > legend`))?.trim(), 'Tasks');
  assert.deepEqual(await page.$$eval(`${tasks} .task .task-id`, (ids) => ids.map((e) => e.textContent)), ['T1', 'T2', 'T3']);
  assert.equal(await page.inputValue(sel('data-edit', ['tasks', 0, 'title'])), 'Roll the Cisco RV340 firmware back to the last stable version');
  assert.equal(await page.inputValue(sel('data-edit', ['tasks', 2, 'owner'])), 'NOC lead');
  assert.equal(await page.inputValue(sel('data-edit', ['tasks', 2, 'due'])), '2030-06-30');
  assert.equal(await page.getAttribute(sel('data-edit', ['tasks', 2, 'due']), 'type'), 'date');
  assert.equal(await page.inputValue(sel('data-edit', ['tasks', 0, 'done_at'])), '2025-09-25');
  assert.equal(await page.inputValue(sel('data-edit', ['tasks', 2, 'done_at'])), '');
  assert.equal(await page.$eval(`${sel('data-edit', ['tasks', 2, 'type'])} option:checked`, (o) => o.textContent), 'preventive');
  assert.equal(await page.$eval(`${sel('data-edit', ['tasks', 1, 'status'])} option:checked`, (o) => o.textContent), 'done');
  assert.equal(await page.$eval(`${sel('data-edit', ['tasks', 2, 'status'])} option:checked`, (o) => o.textContent), 'in-progress');
  assert.ok(await page.isVisible(sel('data-edit', ['tasks', 2, 'link'])));
  // The id is the row's heading, not a field; the schema's words ride on each label's tooltip.
  assert.equal(await page.locator(sel('data-edit', ['tasks', 2, 'id'])).count(), 0);
  assert.match((await page.getAttribute(`${sel('data-path', ['tasks', 2, 'due'])} > label`, 'title')) ?? '', /an open task past it is overdue/);
  // Only T3 is overdue, by 3 days, and only T3 can be marked done.
  assert.deepEqual(await page.$$eval(`${tasks} .task-overdue`, (xs) => xs.map((e) => e.textContent)), ['3 days overdue']);
  assert.equal(await page.getAttribute(`div.task${sel('data-path', ['tasks', 2])}`, 'class'), 'task overdue');
  assert.equal(await page.locator(`${tasks} button.task-done`).count(), 1);

  await page.click(sel('data-done', ['tasks', 2]));
  let sent = await edits(posted, 1, page);
  assert.deepEqual(sent[0], { type: 'edit', version: 1, op: { op: 'taskDone', path: ['tasks', 2] } });
  // Drawn from the text the host writes for it: T3 done that day, no longer overdue.
  const done = applyEdits(PRB, [taskFormEdit(PRB, 0, sent[0].op as FormOp, defaultConfig(), '2030-07-03')!]);
  await send(page, renderOf(done, 2, [], '2030-07-03'));
  assert.equal(await page.inputValue(sel('data-edit', ['tasks', 2, 'done_at'])), '2030-07-03');
  assert.equal(await page.locator(`${tasks} .task-overdue`).count(), 0);
  assert.equal(await page.locator(`${tasks} button.task-done`).count(), 0);

  await page.selectOption(sel('data-edit', ['tasks', 2, 'status']), { label: 'cancelled' });
  sent = await edits(posted, 2, page);
  assert.deepEqual(sent[1], { type: 'edit', version: 2, op: { op: 'set', path: ['tasks', 2, 'status'], value: 'cancelled' } });
  await send(page, renderOf(done, 3, [], '2030-07-03'));
  await page.fill(sel('data-edit', ['tasks', 1, 'due']), '2025-11-07');
  sent = await edits(posted, 3, page);
  assert.deepEqual(sent[2].op, { op: 'set', path: ['tasks', 1, 'due'], value: '2025-11-07' });
  await send(page, renderOf(done, 4, [], '2030-07-03'));
  // A new task: what, who and when; the host picks its id.
  await page.fill(sel('data-add', ['tasks']), 'Write the rollback runbook');
  await page.fill(sel('data-add-owner', ['tasks']), 'NOC lead');
  await page.fill(sel('data-add-due', ['tasks']), '2030-08-15');
  await page.click(`${tasks} .task-adder button.add`);
  sent = await edits(posted, 4, page);
  assert.deepEqual(sent[3].op, { op: 'addTask', path: ['tasks'], title: 'Write the rollback runbook', owner: 'NOC lead', due: '2030-08-15' });
  assert.equal(await page.inputValue(sel('data-add', ['tasks'])), '');
  const four = applyEdits(done, [taskFormEdit(done, 0, sent[3].op as FormOp, defaultConfig(), '2030-07-03')!]);
  await send(page, renderOf(four, 5, [], '2030-07-03'));
  assert.deepEqual(await page.$$eval(`${tasks} .task .task-id`, (ids) => ids.map((e) => e.textContent)), ['T1', 'T2', 'T3', 'T4']);
  assert.equal(await page.$eval(`${sel('data-edit', ['tasks', 3, 'status'])} option:checked`, (o) => o.textContent), 'open');
  assert.deepEqual(errors, []);
  await page.close();
});

testNeeding(chromiumMissing(), 'in Indonesian, the form labels its fields and buttons in Indonesian; the YAML keys stay', {}, async () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.id.json'), 'utf8')) as Record<string, string>;
  setL10nBundle(bundle, 'id');
  let labels;
  let render;
  try {
    labels = formLabels();
    render = renderOf(PRB, 1);
  } finally {
    setL10nBundle(undefined);
  }
  const { page, errors } = await openForm(labels);
  await send(page, render);
  assert.equal((await page.textContent(`${sel('data-path', ['title'])} > label`))?.trim(), 'Judul (wajib)');
  assert.equal((await page.textContent(`${sel('data-path', ['problem_statement'])} > label`))?.trim(), 'Pernyataan masalah');
  assert.equal((await page.textContent(`${sel('data-path', ['owner'])} > label`))?.trim(), 'Pemilik');
  assert.equal((await page.textContent(`${sel('data-path', ['rca'])} > legend`))?.trim(), 'Analisis akar masalah');
  assert.equal((await page.textContent(`${sel('data-path', ['rca', 'five_whys'])} .list-why > legend`))?.trim(), 'Rantai 1');
  assert.equal((await page.textContent(`${sel('data-path', ['rca', 'five_whys'])} .chain-adder button`))?.trim(), 'Tambah rantai');
  assert.equal((await page.textContent(`${sel('data-path', ['rca', 'five_whys'])} .why-adder button`))?.trim(), 'Tambah langkah');
  assert.equal(await page.getAttribute(sel('data-add', ['rca', 'five_whys']), 'placeholder'), 'Mengapa itu terjadi?');
  assert.equal((await page.textContent(`${sel('data-path', ['tasks'])} > legend`))?.trim(), 'Tugas');
  assert.equal((await page.textContent(`${sel('data-path', ['tasks', 2, 'due'])} > label`))?.trim(), 'Tenggat');
  assert.equal((await page.textContent(sel('data-done', ['tasks', 2])))?.trim(), 'Tandai selesai');
  assert.equal((await page.textContent(`${sel('data-path', ['tasks'])} .task-adder button`))?.trim(), 'Tambah tugas');
  // The values and the enum options are the YAML's, untranslated.
  assert.equal(await page.inputValue(sel('data-edit', ['title'])), 'VPN-router connectivity disruption affecting Telemedicine & EMR');
  assert.ok((await page.$$eval(`${sel('data-edit', ['status'])} option`, (os) => os.map((o) => o.textContent))).includes('fix-in-progress'));
  assert.deepEqual(errors, []);
  await page.close();
});
