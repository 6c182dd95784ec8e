/**
 * Insights charts benchmark (issue 21), in headless Chromium: the Insights webview's page and
 * bundle (dist/webview/insights.js, Observable Plot) from the figures posted to the first drawing of
 * every chart, and the report page with its static SVG charts to its first paint; the report's HTML
 * size with and without the charts, and the host's share (the figures, the SVG drawn over linkedom).
 * Target: first render ≤ 300 ms in both pages. Data: samples/lab-02.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { buildReport, computeStats, reportHtml, Workspace } from '../src/core';
import { insightsHtml } from '../src/extension/stats/insightsHtml';
import { NodeFsHost } from '../src/node/fsHost';
import { insightsSvg } from '../src/node/insightsSvg';
import { CHROMIUM, CHROMIUM_FLAGS, repoRoot } from './previewHarness';
import { fmt, heading, median, row } from './stats';

const RUNS = Number(process.env.KEDB_BENCH_RUNS ?? 7);
const ORIGIN = 'https://webview.test';
const kb = (b: number) => `${fmt(b / 1024, 1)} KB`;

export async function run(): Promise<void> {
  heading('Insights charts (lab-02)');
  if (!fs.existsSync(CHROMIUM)) {
    row('skipped', `no Chromium at ${CHROMIUM}`);
    return;
  }
  const root = repoRoot();
  const ws = await Workspace.load(new NodeFsHost(path.join(root, 'samples', 'lab-02')));
  const statsMs: number[] = [];
  const svgMs: number[] = [];
  let stats = computeStats(ws, { now: '2026-12-07' });
  let charts = insightsSvg(stats);
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    stats = computeStats(ws, { now: '2026-12-07' });
    statsMs.push(performance.now() - t);
    t = performance.now();
    charts = insightsSvg(stats);
    svgMs.push(performance.now() - t);
  }
  const script = fs.readFileSync(path.join(root, 'dist', 'webview', 'standalone.js'), 'utf8');
  const data = buildReport(ws, '2026-12-07T00:00:00Z');
  const before = { plain: reportHtml(data).length, drawn: reportHtml(data, { draw: { script, nonce: randomUUID() } }).length };
  const withCharts = { plain: reportHtml(data, { charts }).length, drawn: reportHtml(data, { charts, draw: { script, nonce: randomUUID() } }).length };
  const bundle = fs.statSync(path.join(root, 'dist', 'webview', 'insights.js')).size;

  const moduleName = 'playwright-core';
  const { chromium } = (await import(moduleName)) as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const webviewFirst: number[] = [];
  const webviewDraw: number[] = [];
  const reportFirst: number[] = [];
  const plainFirst: number[] = [];
  const page = insightsHtml(ORIGIN, 'benchnonce', `${ORIGIN}/insights.js`, `${ORIGIN}/insights.css`);
  const js = fs.readFileSync(path.join(root, 'dist', 'webview', 'insights.js'), 'utf8');
  const css = fs.readFileSync(path.join(root, 'media', 'insights.css'), 'utf8');
  const report = reportHtml(data, { charts });
  const plain = reportHtml(data);
  try {
    for (let i = 0; i < RUNS; i++) {
      const p = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      await p.route(`${ORIGIN}/**`, (r) => {
        const u = new URL(r.request().url()).pathname;
        if (u === '/index.html') return r.fulfill({ contentType: 'text/html', body: page });
        if (u === '/report.html') return r.fulfill({ contentType: 'text/html', body: report });
        if (u === '/plain.html') return r.fulfill({ contentType: 'text/html', body: plain });
        if (u === '/insights.js') return r.fulfill({ contentType: 'text/javascript', body: js });
        if (u === '/insights.css') return r.fulfill({ contentType: 'text/css', body: css });
        return r.abort();
      });
      await p.addInitScript(() => {
        const w = globalThis as unknown as { __posted: Array<{ type: string; ms?: number }>; acquireVsCodeApi: () => unknown };
        w.__posted = [];
        w.acquireVsCodeApi = () => ({ postMessage: (m: { type: string }) => w.__posted.push(m) });
      });
      await p.goto(`${ORIGIN}/index.html`);
      type W = { __posted: Array<{ type: string; ms?: number }>; postMessage(m: unknown, t: string): void; performance: { now(): number } };
      await p.waitForFunction(() => (globalThis as unknown as W).__posted.some((m) => m.type === 'ready'));
      // From the figures posted (what the host does) to every chart drawn and in the page.
      const ms = await p.evaluate(
        (s) =>
          new Promise<[number, number]>((resolve) => {
            const w = globalThis as unknown as W;
            const t0 = w.performance.now();
            const n = w.__posted.length;
            const poll = () => {
              const done = w.__posted.slice(n).find((m) => m.type === 'rendered');
              if (done) resolve([w.performance.now() - t0, done.ms ?? 0]);
              else setTimeout(poll, 1);
            };
            w.postMessage({ type: 'stats', stats: s, folder: 'file:///lab-02' }, '*');
            poll();
          }),
        stats,
      );
      webviewFirst.push(ms[0]);
      webviewDraw.push(ms[1]);
      // The report: static SVG, so its charts are there at the first paint; the same page without them beside it.
      const fcp = async (file: string) => {
        await p.goto(`${ORIGIN}/${file}`);
        return p.evaluate(
          () =>
            new Promise<number>((resolve) => {
              type Entry = { name: string; startTime: number };
              const PO = (globalThis as unknown as { PerformanceObserver: new (f: (l: { getEntries(): Entry[] }) => void) => { observe(o: object): void } }).PerformanceObserver;
              new PO((list) => {
                const e = list.getEntries().find((x) => x.name === 'first-contentful-paint');
                if (e) resolve(e.startTime);
              }).observe({ type: 'paint', buffered: true });
            }),
        );
      };
      plainFirst.push(await fcp('plain.html'));
      reportFirst.push(await fcp('report.html'));
      await p.close();
    }
  } finally {
    await browser.close();
  }
  row('webview bundle (dist/webview/insights.js)', kb(bundle), 'Plot 0.6.17 + d3 parts + our charts, minified');
  row('figures (computeStats)', `${fmt(median(statsMs))} ms`);
  row('report SVG, 9 charts over linkedom', `${fmt(median(svgMs))} ms`);
  row('webview: figures posted → all charts drawn', `${fmt(median(webviewFirst))} ms`, `target ≤ 300 ms; of which drawing ${fmt(median(webviewDraw))} ms`);
  row('report page: first contentful paint (charts inline)', `${fmt(median(reportFirst))} ms`, `target ≤ 300 ms; without the charts ${fmt(median(plainFirst))} ms`);
  row('report HTML without charts', `${kb(before.plain)} (${kb(before.drawn)} with the fishbone script)`);
  row('report HTML with charts', `${kb(withCharts.plain)} (${kb(withCharts.drawn)} with the fishbone script)`);
}
