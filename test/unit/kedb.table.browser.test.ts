// The KEDB table webview in a real browser: the page the extension builds, dist/webview/kedb-table.js,
// rows from lab-02 and the hostile fixture, in headless Chromium through playwright-core, with
// `acquireVsCodeApi` stubbed to record what the page posts. Skipped when there is no Chromium.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../src/core';
import { kedbTable } from '../../src/core/kedb';
import { tableHtml } from '../../src/extension/kedb/tableHtml';
import type { TableRow } from '../../src/shared/kedbTable';
import { toTableRow } from '../../src/extension/kedb/tableProtocol';
import { NodeFsHost } from '../../src/node/fsHost';
import { chromiumMissing, CHROMIUM, FIXTURES, REPO_ROOT, testNeeding } from './helpers';

const ORIGIN = 'https://webview.test';
const NONCE = 'n0nce4test';

type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;
let browser: Browser | undefined;
let rows: TableRow[] = [];

async function rowsOf(dir: string, folder: string): Promise<TableRow[]> {
  const ws = await Workspace.load(new NodeFsHost(dir));
  return kedbTable(ws).map((r) => toTableRow(r, folder));
}

before(async () => {
  if (chromiumMissing()) return;
  const lab = await rowsOf(path.join(REPO_ROOT, 'samples', 'lab-02'), 'file:///lab-02');
  // The hostile known error, under another id so it sorts after lab-02's.
  const hostile = (await rowsOf(path.join(FIXTURES, 'kedb', 'hostile'), 'file:///hostile')).map((r) => ({ ...r, id: 'KE-0999', problem: 'PRB-0999' }));
  rows = [...lab, ...hostile];
  const moduleName = 'playwright-core';
  const { chromium } = (await import(moduleName)) as typeof import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
});

after(async () => {
  await browser?.close();
});

interface Posted {
  type: string;
  [k: string]: unknown;
}

/** The page's window as the callbacks below use it (this project compiles without the DOM library). */
interface Win {
  __posted: Posted[];
  __state?: unknown;
  acquireVsCodeApi?: () => unknown;
  postMessage(message: unknown, target: string): void;
  document: { querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): { length: number } };
}

async function openTable(): Promise<{ page: Page; posted: () => Promise<Posted[]>; cspErrors: string[] }> {
  const page = await browser!.newPage();
  const cspErrors: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()));
  page.on('pageerror', (e) => cspErrors.push(`pageerror: ${e.message}`));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') {
      return route.fulfill({ contentType: 'text/html', body: tableHtml(ORIGIN, NONCE, `${ORIGIN}/dist/webview/kedb-table.js`, `${ORIGIN}/media/kedb-table.css`) });
    }
    const file = path.join(REPO_ROOT, url.pathname);
    if (!file.startsWith(path.join(REPO_ROOT, 'media') + path.sep) && file !== path.join(REPO_ROOT, 'dist', 'webview', 'kedb-table.js')) return route.abort();
    return route.fulfill({ contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: fs.readFileSync(file, 'utf8') });
  });
  await page.addInitScript(() => {
    const w = globalThis as unknown as Win;
    w.__posted = [];
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => w.__posted.push(m as Posted),
      getState: () => w.__state,
      setState: (s: unknown) => (w.__state = s),
    });
  });
  await page.goto(`${ORIGIN}/index.html`);
  const posted = () => page.evaluate(() => (globalThis as unknown as Win).__posted);
  return { page, posted, cspErrors };
}

/** The ids of the last `rendered` message, after waiting for a new one. */
async function rendered(page: Page, posted: () => Promise<Posted[]>, act: () => Promise<unknown>): Promise<string[]> {
  const before = (await posted()).length;
  await act();
  await page.waitForFunction((n) => (globalThis as unknown as Win).__posted.slice(n).some((m) => m.type === 'rendered'), before);
  const all = await posted();
  return all.slice(before).filter((m) => m.type === 'rendered').at(-1)!.ids as string[];
}

const LAB_IDS = ['KE-0007', 'KE-0022', 'KE-0024', 'KE-0029', 'KE-0031', 'KE-0032', 'KE-0034', 'KE-0051', 'KE-0042', 'KE-0048', 'KE-0049', 'KE-0050'];

testNeeding(chromiumMissing(), 'the table draws a row per known error in problem order, under the strict CSP, after it says ready', {}, async () => {
  const { page, posted, cspErrors } = await openTable();
  await page.waitForFunction(() => (globalThis as unknown as Win).__posted.some((m) => m.type === 'ready'));
  const ids = await rendered(page, posted, () => page.evaluate((r) => (globalThis as unknown as Win).postMessage({ type: 'rows', rows: r }, '*'), rows));
  assert.deepEqual(ids, [...LAB_IDS, 'KE-0999']);
  assert.deepEqual(await page.$$eval('thead th', (ths) => ths.map((t) => t.textContent)), ['Known Error ID', 'Problem ID', 'Title', 'Symptoms', 'Root Causes', 'Workaround', 'Permanent Fix Status', 'Linked Incidents', 'State']);
  // A row: the known error's id heads it, its problem and title have their own cells, the linked incidents close it.
  const first = await page.$$eval('tr[data-id="KE-0007"] > *', (cells) => cells.map((c) => [c.tagName.toLowerCase(), (c.textContent ?? '').slice(0, 40)]));
  assert.deepEqual(first.map(([tag]) => tag), ['th', 'td', 'td', 'td', 'td', 'td', 'td', 'td', 'td']);
  assert.deepEqual([first[0][1], first[1][1], first[2][1], first[7][1], first[8][1]], ['KE-0007', 'PRB-0007', 'Telemedicine & EMR unreachable with "con', '3', 'Published']);
  assert.equal(await page.textContent('tr[data-id="KE-0034"] > td:last-child'), 'Retired replaced by KE-0051');
  assert.equal(await page.textContent('#count'), '13 of 13');
  assert.deepEqual(cspErrors, []);
  await page.close();
});

testNeeding(chromiumMissing(), 'the table filters by fix status and by text, and sorts by a column', {}, async () => {
  const { page, posted } = await openTable();
  await rendered(page, posted, () => page.evaluate((r) => (globalThis as unknown as Win).postMessage({ type: 'rows', rows: r }, '*'), rows));
  assert.deepEqual(await page.$$eval('#status option', (os) => os.map((o) => (o as unknown as { value: string }).value)), ['', 'planned', 'in-progress', 'ongoing', 'done']);
  const ongoing = await rendered(page, posted, () => page.selectOption('#status', 'ongoing'));
  assert.deepEqual(ongoing, ['KE-0034', 'KE-0051']);
  await rendered(page, posted, () => page.selectOption('#status', ''));
  // The state filter: the states the rows have, in life order; a retired known error alone.
  assert.deepEqual(await page.$$eval('#state option', (os) => os.map((o) => (o as unknown as { value: string }).value)), ['', 'published', 'retired']);
  assert.deepEqual(await rendered(page, posted, () => page.selectOption('#state', 'retired')), ['KE-0034']);
  assert.deepEqual(await rendered(page, posted, () => page.selectOption('#state', 'published')), LAB_IDS.filter((id) => id !== 'KE-0034').concat('KE-0999'));
  await rendered(page, posted, () => page.selectOption('#state', ''));
  const router = await rendered(page, posted, () => page.fill('#filter', 'router firmware'));
  assert.deepEqual(router, ['KE-0007', 'KE-0032', 'KE-0049']);
  await rendered(page, posted, () => page.fill('#filter', ''));
  const byStatus = await rendered(page, posted, () => page.click('th[data-sort="fixStatus"]'));
  assert.deepEqual(byStatus.slice(0, 8), ['KE-0022', 'KE-0024', 'KE-0031', 'KE-0032', 'KE-0042', 'KE-0048', 'KE-0049', 'KE-0999'], 'planned first (open, planned, in progress, ongoing, done)');
  const reversed = await rendered(page, posted, () => page.click('th[data-sort="fixStatus"]'));
  assert.deepEqual(reversed.slice(0, 5), ['KE-0029', 'KE-0034', 'KE-0051', 'KE-0007', 'KE-0050'], 'a second click reverses: done, ongoing, then in progress');
  const byIncidents = await rendered(page, posted, () => page.click('th[data-sort="incidents"]'));
  assert.deepEqual(byIncidents, ['KE-0031', 'KE-0032', 'KE-0999', 'KE-0022', 'KE-0024', 'KE-0029', 'KE-0042', 'KE-0048', 'KE-0049', 'KE-0050', 'KE-0007', 'KE-0034', 'KE-0051'], 'fewest linked incidents first, as numbers');
  await page.close();
});

testNeeding(chromiumMissing(), 'a row click asks to open its known error; the problem link asks to open the problem', {}, async () => {
  const { page, posted } = await openTable();
  await rendered(page, posted, () => page.evaluate((r) => (globalThis as unknown as Win).postMessage({ type: 'rows', rows: r }, '*'), rows));
  await page.click('tr[data-id="KE-0031"] td');
  await page.click('tr[data-id="KE-0022"] a.problem');
  const opens = (await posted()).filter((m) => m.type === 'open');
  assert.deepEqual(opens, [
    { type: 'open', id: 'KE-0031', folder: 'file:///lab-02' },
    { type: 'open', id: 'PRB-0022', folder: 'file:///lab-02' },
  ]);
  // The host's way in for tests: a click message clicks the row.
  await page.evaluate(() => (globalThis as unknown as Win).postMessage({ type: 'click', id: 'KE-0050' }, '*'));
  await page.waitForFunction(() => (globalThis as unknown as Win).__posted.some((m) => m.type === 'open' && m.id === 'KE-0050'));
  await page.close();
});

testNeeding(chromiumMissing(), 'hostile record text stays text in the table: no element, handler or link is made from it', {}, async () => {
  const { page, posted, cspErrors } = await openTable();
  await rendered(page, posted, () => page.evaluate((r) => (globalThis as unknown as Win).postMessage({ type: 'rows', rows: r }, '*'), rows));
  const row = await page.$eval('tr[data-id="KE-0999"]', (tr) => ({
    text: (tr as unknown as { innerText: string }).innerText,
    tags: [...tr.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
    handlers: [...tr.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
  }));
  assert.ok(row.text.includes("<script>alert('symptom')</script>"));
  assert.ok(row.text.includes("=cmd|' /C calc'!A0"));
  assert.ok(row.text.includes('<img src=x onerror='));
  assert.deepEqual([...new Set(row.tags)].sort(), ['a', 'li', 'span', 'td', 'th', 'ul']);
  assert.deepEqual(row.handlers, []);
  assert.equal(await page.evaluate(() => (globalThis as unknown as Win).document.querySelectorAll('script').length), 1, 'only our script');
  // Malformed messages are ignored.
  await page.evaluate(() => (globalThis as unknown as Win).postMessage({ type: 'rows', rows: [{ id: 'KE-1', symptoms: 'not a list' }] }, '*'));
  await page.waitForFunction(() => (globalThis as unknown as Win).document.querySelector('#count')?.textContent === '0 of 0');
  assert.deepEqual(cspErrors, []);
  await page.close();
});
