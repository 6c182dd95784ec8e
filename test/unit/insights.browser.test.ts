// The Insights webview in a real browser: the page the extension builds, dist/webview/insights.js
// (Observable Plot), the figures of lab-02 and of a made-up workspace with thousands of categories
// and empty figures, in headless Chromium through playwright-core, under the page's strict CSP,
// with `acquireVsCodeApi` stubbed to record what the page posts. Skipped when there is no Chromium.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeStats, Workspace, type Stats } from '../../src/core';
import { insightsHtml } from '../../src/extension/stats/insightsHtml';
import { NodeFsHost } from '../../src/node/fsHost';
import { PARETO_TOP, TREND_SERIES } from '../../src/shared/insightCharts';
import { CHART_IDS } from '../../src/shared/insights';
import { chromiumMissing, CHROMIUM, REPO_ROOT, testNeeding } from './helpers';

const ORIGIN = 'https://webview.test';
const NONCE = 'n0nce4insights';

type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;
let browser: Browser | undefined;
let lab: Stats;
let labWs: Workspace;

interface Posted {
  type: string;
  [k: string]: unknown;
}
interface Win {
  __posted: Posted[];
  __violations: string[];
  acquireVsCodeApi?: () => unknown;
  postMessage(message: unknown, target: string): void;
  addEventListener(type: string, f: (e: { violatedDirective: string }) => void): void;
}

/** A workspace no one has: 3,000 categories of one incident each but the first, no problems, no known errors. */
function crowded(): Stats {
  const rows = Array.from({ length: 3000 }, (_, i) => ({ value: i === 0 ? `<img src=x onerror=alert(1)> very long category name that goes on and on` : `Category ${i}`, count: i === 0 ? 50 : 1, ids: [i === 0 ? 'INC-0' : `INC-${i}`] }));
  const total = rows.reduce((s, r) => s + r.count, 0);
  let cumulative = 0;
  const category = rows.map((r) => ((cumulative += r.count / total), { ...r, share: r.count / total, cumulative }));
  const empty = { count: 0, total: 0, share: 0 };
  return {
    now: '2026-12-07',
    counts: { incidents: total, problems: 0, known_errors: 0 },
    pareto: { category, service: [], configuration_item: [] },
    weekly: { weeks: [], overall: [], candidates: [] },
    problems_by_state: [],
    aging: { open: [], buckets: [], median_days: null, oldest: null },
    time_in_state: { source: 'none', per_problem: [], median: [] },
    coverage: { incidents_linked: { count: 0, total, share: 0 }, problems_with_known_error: empty, known_errors_with_workaround: empty, fix_status: [] },
    notes: ['No incident has a date: no weekly trend.'],
  };
}

before(async () => {
  if (chromiumMissing()) return;
  labWs = await Workspace.load(new NodeFsHost(path.join(REPO_ROOT, 'samples', 'lab-02')));
  lab = computeStats(labWs, { now: '2026-12-07' });
  const moduleName = 'playwright-core';
  const { chromium } = (await import(moduleName)) as typeof import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
});

after(async () => {
  await browser?.close();
});

/** The page, drawn from `stats`; resolves when it says `rendered`. */
async function openInsights(stats: Stats): Promise<{ page: Page; posted: () => Promise<Posted[]>; errors: string[]; rendered: Posted }> {
  const page = await browser!.newPage({ viewport: { width: 1000, height: 800 } });
  const errors: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: insightsHtml(ORIGIN, NONCE, `${ORIGIN}/dist/webview/insights.js`, `${ORIGIN}/media/insights.css`) });
    const file = path.join(REPO_ROOT, url.pathname);
    if (file !== path.join(REPO_ROOT, 'media', 'insights.css') && file !== path.join(REPO_ROOT, 'dist', 'webview', 'insights.js')) return route.abort();
    return route.fulfill({ contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: fs.readFileSync(file, 'utf8') });
  });
  await page.addInitScript(() => {
    const w = globalThis as unknown as Win;
    w.__posted = [];
    w.__violations = [];
    w.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.violatedDirective));
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m as Posted), getState: () => undefined, setState: () => undefined });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (globalThis as unknown as Win).__posted.some((m) => m.type === 'ready'));
  await page.evaluate((s) => (globalThis as unknown as Win).postMessage({ type: 'stats', stats: s, folder: 'file:///lab-02' }, '*'), stats);
  await page.waitForFunction(() => (globalThis as unknown as Win).__posted.some((m) => m.type === 'rendered'));
  const posted = () => page.evaluate(() => (globalThis as unknown as Win).__posted);
  const rendered = (await posted()).find((m) => m.type === 'rendered')!;
  return { page, posted, errors, rendered };
}

/** Pairs of text labels whose boxes overlap, in any chart of the page (a label's own lines are one box). */
async function overlaps(page: Page): Promise<string[]> {
  return page.$$eval('figure svg', (svgs) => {
    const found: string[] = [];
    for (const svg of svgs) {
      const boxes = [...svg.querySelectorAll('text')]
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0 && b.r.height > 0);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          // One pixel of slack: glyph boxes of neighbouring lines touch.
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) found.push(`${svg.closest('figure')?.getAttribute('data-chart')}: "${boxes[i].text}" / "${boxes[j].text}"`);
        }
    }
    return found;
  });
}

/** The bars or points a click reaches, per chart, as the page draws them. */
function marksOn(page: Page, chart: string): Promise<number> {
  return page.$$eval(`figure[data-chart="${chart}"] .kedb-hit > *`, (els) => els.length);
}

testNeeding(chromiumMissing(), 'Insights draws every chart of lab-02 with a bar or point per value, no label over another, under the strict CSP', {}, async () => {
  const { page, errors, rendered } = await openInsights(lab);
  const charts = rendered.charts as Array<{ id: string; marks: number; empty: boolean }>;
  assert.deepEqual(
    charts.map((c) => c.id),
    [...CHART_IDS],
  );
  // What each chart must draw, from the figures.
  const expected: Record<string, number> = {
    'pareto-category': Math.min(lab.pareto.category.length, PARETO_TOP),
    'pareto-service': Math.min(lab.pareto.service.length, PARETO_TOP),
    'pareto-configuration_item': Math.min(lab.pareto.configuration_item.length, PARETO_TOP),
    // A point per week with incidents, on the overall line and on each candidate's.
    weekly: [lab.weekly.overall, ...lab.weekly.candidates.slice(0, TREND_SERIES).map((c) => c.counts)].reduce((s, counts) => s + counts.filter((n) => n > 0).length, 0),
    states: lab.problems_by_state.length,
    aging: lab.aging.open.length ? lab.aging.buckets.length : 0,
    'time-in-state': lab.time_in_state.source === 'none' ? 0 : lab.time_in_state.median.length,
    coverage: [lab.coverage.incidents_linked, lab.coverage.problems_with_known_error, lab.coverage.known_errors_with_workaround].filter((f) => f.total > 0).length,
    'fix-status': lab.coverage.fix_status.filter((f) => f.count > 0).length,
  };
  for (const [id, n] of Object.entries(expected)) {
    assert.equal(await marksOn(page, id), n, `${id}: marks drawn`);
    assert.equal(charts.find((c) => c.id === id)!.marks, n, `${id}: marks reported`);
  }
  assert.ok(expected['pareto-category'] > 0 && expected.states > 0 && expected.aging > 0 && expected.weekly > 0 && expected.coverage > 0 && expected['fix-status'] > 0, 'lab-02 has categories, dated incidents, problems, open problems and known errors');
  // The Pareto: its bars in the seed's order, the cumulative line through a point per bar, the 80 % mark.
  const titles = await page.$$eval('figure[data-chart="pareto-category"] .kedb-hit > * > title', (ts) => ts.map((t) => t.textContent ?? ''));
  assert.deepEqual(
    titles.map((t) => t.split(':')[0]),
    lab.pareto.category.slice(0, titles.length).map((r) => (titles.length < lab.pareto.category.length && r === lab.pareto.category[titles.length - 1] ? titles.at(-1)!.split(':')[0] : r.value)),
  );
  assert.equal(await page.$$eval('figure[data-chart="pareto-category"] .kedb-line-dot circle', (c) => c.length), expected['pareto-category']);
  assert.equal(await page.$$eval('figure[data-chart="pareto-category"] .kedb-mark80 line', (l) => l.length), 1);
  // Coverage: one bar per share with a total.
  const shares = [lab.coverage.incidents_linked, lab.coverage.problems_with_known_error, lab.coverage.known_errors_with_workaround].filter((f) => f.total > 0).length;
  assert.equal(await page.$$eval('figure[data-chart="coverage"] .kedb-bar rect', (r) => r.length), shares);
  // Values a screen reader reaches: a title per chart, an aria-label on the drawing, a table of values.
  for (const c of charts.filter((x) => !x.empty)) {
    const a11y = await page.$eval(`figure[data-chart="${c.id}"]`, (f) => ({ label: f.querySelector('svg')?.getAttribute('aria-label'), heading: f.querySelector('h2')?.textContent, rows: f.querySelectorAll('table.sr-only tbody tr').length }));
    assert.equal(a11y.label, a11y.heading, `${c.id}: the drawing is named by its title`);
    assert.ok(a11y.rows > 0, `${c.id}: a table of its values`);
  }
  assert.deepEqual(await overlaps(page), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.evaluate(() => (globalThis as unknown as Win).__violations), []);
  await page.close();
});

testNeeding(chromiumMissing(), 'a click on a Pareto bar or an aging bar asks to open the records behind it', {}, async () => {
  const { page, posted } = await openInsights(lab);
  await page.click('figure[data-chart="pareto-category"] .kedb-hit > :nth-child(1)');
  await page.click('figure[data-chart="aging"] .kedb-hit > :nth-child(4)', { force: true });
  const opens = (await posted()).filter((m) => m.type === 'open');
  const oldest = lab.aging.buckets[3];
  assert.deepEqual(opens, [
    { type: 'open', ids: lab.pareto.category[0].ids, folder: 'file:///lab-02', label: lab.pareto.category[0].value },
    { type: 'open', ids: oldest.ids, folder: 'file:///lab-02', label: oldest.label },
  ]);
  // Keyboard: a bar takes the focus and Enter opens it.
  const state = lab.problems_by_state.findIndex((s) => s.count > 0);
  await page.focus(`figure[data-chart="states"] .kedb-hit > :nth-child(${state + 1})`);
  await page.keyboard.press('Enter');
  assert.deepEqual((await posted()).filter((m) => m.type === 'open').at(-1)!.ids, lab.problems_by_state[state].ids);
  await page.close();
});

/** The records the page last asked to open. */
async function lastOpen(posted: () => Promise<Posted[]>): Promise<Posted> {
  return (await posted()).filter((m) => m.type === 'open').at(-1)!;
}

/** The incidents reported (in their own day) in the week starting on Monday `week`. */
function reportedInWeek(ids: readonly string[], week: string): string[] {
  const sunday = new Date(Date.parse(`${week}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  return ids.filter((id) => {
    const day = String(labWs.get(id)?.value.reported_at ?? '').slice(0, 10);
    return day >= week && day <= sunday;
  });
}

testNeeding(chromiumMissing(), 'a click on a weekly point opens the incidents of that week only, on the overall line and on a candidate\'s', {}, async () => {
  const { page, posted } = await openInsights(lab);
  const w = lab.weekly;
  const incidents = [...labWs.records('incident')].map((r) => r.id!);
  // The overall line: its points are the weeks with incidents, in order; each opens that week's incidents.
  const weeks = w.weeks.map((week, i) => ({ week, i })).filter((x) => w.overall[x.i] > 0);
  assert.ok(weeks.length >= 2, 'lab-02 has incidents in two weeks at least');
  for (const [n, { week, i }] of weeks.entries()) {
    await page.click(`figure[data-chart="weekly"] .kedb-hit.kedb-s0 > :nth-child(${n + 1})`);
    const open = await lastOpen(posted);
    assert.equal(open.label, `All incidents, ${week}`);
    assert.equal((open.ids as string[]).length, w.overall[i], week);
    assert.deepEqual(open.ids, w.overall_ids![i], week);
    // Exactly the incidents reported that week, read from the records themselves.
    assert.deepEqual([...(open.ids as string[])].sort(), reportedInWeek(incidents, week).sort(), week);
  }
  // A candidate with incidents in two weeks: a click on one point opens that week's, not all of the candidate's.
  const n = w.candidates.slice(0, TREND_SERIES).findIndex((c) => c.counts.filter((x) => x > 0).length >= 2);
  assert.ok(n >= 0, 'lab-02 has a candidate over two weeks');
  const c = w.candidates[n];
  const first = c.counts.findIndex((x) => x > 0);
  await page.click(`figure[data-chart="weekly"] .kedb-hit.kedb-s${n + 1} > :nth-child(1)`);
  const open = await lastOpen(posted);
  assert.equal(open.label, `${c.label}, ${w.weeks[first]}`);
  assert.deepEqual(open.ids, c.week_ids![first]);
  assert.ok((open.ids as string[]).length < c.ids.length, 'fewer than all the candidate\'s incidents');
  assert.deepEqual([...(open.ids as string[])].sort(), reportedInWeek(c.ids, w.weeks[first]).sort());
  await page.close();
});

testNeeding(chromiumMissing(), 'a click on a coverage bar opens the records it counts; fix-status and time-in-state bars open their known errors and problems', {}, async () => {
  // lab-02 without git has no time in state: two problems with a recorded history of their own.
  const stats: Stats = {
    ...lab,
    time_in_state: {
      source: 'history',
      per_problem: [
        { id: 'PRB-0007', source: 'history', states: [{ state: 'new', days: 2 }, { state: 'assessed', days: 3 }] },
        { id: 'PRB-0022', source: 'history', states: [{ state: 'new', days: 4 }] },
      ],
      median: [{ state: 'new', days: 3, problems: 2 }, { state: 'assessed', days: 3, problems: 1 }],
    },
  };
  const { page, posted } = await openInsights(stats);
  const cov = lab.coverage;
  const shown = [cov.incidents_linked, cov.problems_with_known_error, cov.known_errors_with_workaround].filter((f) => f.total > 0);
  for (const [i, f] of shown.entries()) {
    await page.click(`figure[data-chart="coverage"] .kedb-hit > :nth-child(${i + 1})`);
    const open = await lastOpen(posted);
    assert.deepEqual(open.ids, f.ids);
    assert.equal((open.ids as string[]).length, f.count);
  }
  // The first bar is the incidents linked to a problem: each names one, or a problem lists it.
  const listed = new Set([...labWs.records('problem')].flatMap((p) => (Array.isArray(p.value.incidents) ? p.value.incidents.map(String) : [])));
  const linked = (await posted()).filter((m) => m.type === 'open')[0].ids as string[];
  assert.ok(linked.length > 0);
  for (const id of linked) assert.ok(labWs.get(id)?.value.problem !== undefined || listed.has(id), `${id} is linked`);

  const fix = cov.fix_status.filter((x) => x.count > 0);
  await page.click(`figure[data-chart="fix-status"] .kedb-hit > :nth-child(${fix.length})`);
  const fixOpen = await lastOpen(posted);
  assert.deepEqual(fixOpen.ids, fix.at(-1)!.ids);
  for (const id of fixOpen.ids as string[]) assert.equal(labWs.get(id)?.kind, 'known_error');

  await page.click('figure[data-chart="time-in-state"] .kedb-hit > :nth-child(2)');
  assert.deepEqual((await lastOpen(posted)).ids, ['PRB-0007']);
  await page.click('figure[data-chart="time-in-state"] .kedb-hit > :nth-child(1)');
  assert.deepEqual((await lastOpen(posted)).ids, ['PRB-0007', 'PRB-0022']);
  await page.close();
});

testNeeding(chromiumMissing(), 'thousands of categories draw the top ones and one "others" bar; a figure with no data says why in a sentence', {}, async () => {
  const stats = crowded();
  const { page, posted, errors, rendered } = await openInsights(stats);
  assert.equal(await marksOn(page, 'pareto-category'), PARETO_TOP);
  const last = await page.$eval('figure[data-chart="pareto-category"] .kedb-hit > :last-child > title', (t) => t.textContent ?? '');
  assert.match(last, new RegExp(`^Others \\(${stats.pareto.category.length - PARETO_TOP + 1} values\\): ${stats.counts.incidents - 50 - (PARETO_TOP - 2)} `));
  // The hostile category is text in a title and a tick, never an element.
  assert.equal(await page.$$eval('img', (i) => i.length), 0);
  await page.click('figure[data-chart="pareto-category"] .kedb-hit > :last-child');
  const open = (await posted()).filter((m) => m.type === 'open').at(-1)!;
  assert.equal((open.ids as string[]).length, stats.pareto.category.length - PARETO_TOP + 1);
  // Every empty figure: a sentence, no drawing.
  const charts = rendered.charts as Array<{ id: string; empty: boolean }>;
  const empties = charts.filter((c) => c.empty).map((c) => c.id);
  assert.deepEqual(empties, ['pareto-service', 'pareto-configuration_item', 'weekly', 'states', 'aging', 'time-in-state', 'fix-status']);
  for (const id of empties) {
    const f = await page.$eval(`figure[data-chart="${id}"]`, (el) => ({ svg: el.querySelectorAll('svg').length, text: el.querySelector('p.empty')?.textContent ?? '' }));
    assert.equal(f.svg, 0, id);
    assert.match(f.text, /^[A-Z].+\.$/, `${id}: a sentence`);
  }
  assert.deepEqual(await page.$$eval('#notes li', (li) => li.map((l) => l.textContent)), stats.notes);
  assert.deepEqual(await overlaps(page), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.evaluate(() => (globalThis as unknown as Win).__violations), []);
  await page.close();
});

testNeeding(chromiumMissing(), 'a chart saves as SVG and as PNG through the host', {}, async () => {
  const { page, posted } = await openInsights(lab);
  await page.click('figure[data-chart="pareto-category"] button[data-export="svg"]');
  await page.click('figure[data-chart="pareto-category"] button[data-export="png"]');
  await page.waitForFunction(() => (globalThis as unknown as Win).__posted.filter((m) => m.type === 'export').length === 2);
  const [svg, png] = (await posted()).filter((m) => m.type === 'export');
  assert.equal(svg.chart, 'pareto-category');
  assert.match(svg.data as string, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok((svg.data as string).includes(lab.pareto.category[0].value));
  assert.match(png.data as string, /^data:image\/png;base64,iVBORw0KGgo/);
  assert.ok((png.data as string).length > 5000, 'a PNG with a picture in it');
  await page.close();
});
