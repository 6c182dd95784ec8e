// Drives the fishbone preview's real page in headless Chromium, outside VS Code: the page the
// extension builds (previewHtml), our webview bundle from dist/webview, and a stand-in for the
// webview API that records what the page posts. Used by test/unit/preview.browser.test.ts and
// bench/preview.bench.ts.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { defaultConfig } from '../src/core/records/config';
import { buildRcaView, wireDiagram } from '../src/core/rca';
import { previewHtml } from '../src/extension/rca/html';
import type { HostMessage, PreviewInit, WebviewMessage } from '../src/shared/protocol';
import { prng } from './stats';

export const CHROMIUM = process.env.KEDB_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function repoRoot(): string {
  // Bundled into dist/test/unit/ or dist/bench/: the repository is the first folder up with package.json and src/.
  let dir = __dirname;
  while (!(fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src')))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

/** The render message the extension would send for a problem file's text. */
export function renderMessage(text: string, source: string, seq: number, version = 1): Extract<HostMessage, { type: 'render' }> {
  const view = buildRcaView(text, defaultConfig());
  if (!view.ok) throw new Error(view.message);
  return { type: 'render', source, seq, version, title: `${view.id} — ${view.title}`, locked: false, fishbone: wireDiagram(view.fishbone), whys: wireDiagram(view.whys) };
}

/** Serves the page and our bundle on a loopback port, as a webview's resource origin would. */
export class PreviewServer {
  private server: http.Server | undefined;
  origin = '';
  readonly nonce = crypto.randomUUID().replace(/-/g, '');
  /** Bytes of JavaScript served since the last reset: what a page load costs. */
  scriptBytes = 0;

  /** `bundleDir` serves another build of the webview (the benchmark's Mermaid comparison). */
  constructor(private readonly bundleDir?: string) {}

  async start(init: PreviewInit): Promise<void> {
    const root = repoRoot();
    const bundle = path.join(this.bundleDir ?? path.join(root, 'dist', 'webview'), 'preview.js');
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node esbuild.mjs\` first`);
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/preview.html') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(previewHtml({ cspSource: this.origin, nonce: this.nonce, scriptUri: `${this.origin}/dist/webview/preview.js`, styleUri: `${this.origin}/media/preview.css`, init }));
        return;
      }
      if (url.pathname === '/favicon.ico') {
        res.statusCode = 204;
        res.end();
        return;
      }
      const webviewDir = this.bundleDir ?? path.join(root, 'dist', 'webview');
      const file = url.pathname.startsWith('/dist/webview/') ? path.normalize(path.join(webviewDir, url.pathname.slice('/dist/webview/'.length))) : path.normalize(path.join(root, url.pathname));
      const allowed = [webviewDir + path.sep, path.join(root, 'media') + path.sep];
      if (!allowed.some((a) => file.startsWith(a)) || !fs.existsSync(file)) {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream');
      const body = fs.readFileSync(file);
      if (file.endsWith('.js')) this.scriptBytes += body.length;
      res.end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }

  close(): void {
    this.server?.close();
  }
}

/** A Chromium with a fresh profile. */
export async function launch(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  // Loaded from node_modules at run time, never bundled (its own files are found relative to it).
  const moduleName = 'playwright-core';
  const { chromium } = (await import(moduleName)) as typeof import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-preview-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One preview page: what it posted, and ways to send it host messages and wait on its answers. */
export class PreviewPage {
  readonly received: (WebviewMessage & { at: number })[] = [];
  readonly consoleErrors: string[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, server: PreviewServer, bodyClass = 'vscode-light'): Promise<PreviewPage> {
    const page = await context.newPage();
    const p = new PreviewPage(page);
    page.on('console', (m) => {
      if (m.type() === 'error') p.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => p.consoleErrors.push(String(e)));
    await page.exposeFunction('__kedbToHost', (m: WebviewMessage) => {
      p.received.push({ ...m, at: Date.now() });
      for (const w of p.waiters.splice(0)) w();
    });
    // Runs in the page before its scripts (no DOM types in this tsconfig, hence a string).
    await page.addInitScript({
      content: `(() => {
        let state;
        window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__kedbToHost(m), getState: () => state, setState: (s) => { state = s; } });
        document.addEventListener('DOMContentLoaded', () => document.body.classList.add(${JSON.stringify(bodyClass)}));
        document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
      })();`,
    });
    await page.goto(`${server.origin}/preview.html`);
    return p;
  }

  /** Waits until the page has posted a message that `match` accepts; returns it. */
  async waitFor<T extends WebviewMessage>(match: (m: WebviewMessage) => m is T, timeout?: number): Promise<T>;
  async waitFor(match: (m: WebviewMessage) => boolean, timeout?: number): Promise<WebviewMessage>;
  async waitFor(match: (m: WebviewMessage) => boolean, timeout = 20_000): Promise<WebviewMessage> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const hit = this.received.find(match);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`timed out waiting for a webview message; got ${JSON.stringify(this.received.map((m) => m.type))}; console errors: ${this.consoleErrors.join(' | ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  }

  async send(message: HostMessage): Promise<void> {
    await this.page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'), message);
  }

  /** Sends a render and waits for the page to say it drew it. */
  async render(message: Extract<HostMessage, { type: 'render' }>, tab: 'fishbone' | 'whys' = 'fishbone'): Promise<Extract<WebviewMessage, { type: 'rendered' }>> {
    await this.send(message);
    return (await this.waitFor((m) => m.type === 'rendered' && m.seq === message.seq && m.tab === tab)) as Extract<WebviewMessage, { type: 'rendered' }>;
  }
}

/** A problem with 8 bones of 10 causes, each with one sub-cause: 160 causes. */
export function bigFishbone(): string {
  const lines = ['kind: problem', 'id: PRB-0800', 'title: Big fishbone', 'rca:', '  fishbone:', '    effect: Orders are lost between the shop and the warehouse', '    categories:'];
  for (let c = 0; c < 8; c++) {
    lines.push(`      - name: Category ${c + 1}`, '        causes:');
    for (let k = 0; k < 10; k++) lines.push(`          - cause: Cause ${c + 1}.${k + 1} of the lost orders`, '            because:', `              - Reason ${c + 1}.${k + 1} behind it`);
  }
  return lines.join('\n') + '\n';
}

/** A fishbone of 8 bones × 10 causes, each with a sub-cause, worded like real analyses (40–110 characters), every seventh a root cause. */
export function denseFishbone(): string {
  const words = 'router firmware update fails VPN tunnel drops EMR sessions telemedicine clinic network admins procedure documentation monitoring alert latency ISP link backup path configuration compatibility rollback vendor support'.split(' ');
  const next = prng(7);
  const sentence = (n: number) => {
    const w = Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
    return w[0].toUpperCase() + w.slice(1) + '.';
  };
  const lines = ['kind: problem', 'id: PRB-0800', 'title: Dense fishbone', 'rca:', '  fishbone:', '    effect: Orders are lost between the shop and the warehouse', '    categories:'];
  let n = 0;
  for (let c = 0; c < 8; c++) {
    lines.push(`      - name: Category ${c + 1}`, '        causes:');
    for (let k = 0; k < 10; k++) {
      lines.push(`          - cause: ${sentence(6 + Math.floor(next() * 9))}`);
      if (++n % 7 === 0) lines.push('            root_cause: true');
      lines.push('            because:', `              - ${sentence(5 + Math.floor(next() * 9))}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Pairs of drawn labels (and bone names) whose boxes overlap by more than a pixel each way, in the SVG under `root`. */
export const OVERLAPS = (root: string) => `(() => {
  const svg = document.querySelector(${JSON.stringify(root)});
  const items = [...svg.querySelectorAll('text, rect.ishikawa-label-box')].map((el) => ({ el, r: el.getBoundingClientRect(), text: el.textContent }));
  const out = [];
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
    const a = items[i], b = items[j];
    if (a.el.contains(b.el) || b.el.contains(a.el) || a.el.parentNode === b.el.parentNode) continue;
    const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
    const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
    if (w > 1 && h > 1) out.push(a.text + ' | ' + b.text);
  }
  return { count: items.length, overlaps: out };
})()`;

/**
 * How crowded a drawn fishbone under `root` reads, measured on the page (screen boxes of the SVG
 * texts, the ends of its lines through their screen matrices):
 * - `labelOverlaps`: two texts whose boxes overlap by more than a pixel each way;
 * - `lineCrossings`: a line (spine, bone, cause arrow) that runs into a text's box shrunk by one
 *   unit of the drawing: an arrow may end at the edge of the text it points at, never inside it;
 * - `outOfArea`: a cause text that reaches past its own bone, past the neighbouring bone on its
 *   side (the next bone to the left), or over the spine onto the other side;
 * - `smallestText`: the smallest text on the screen, in CSS pixels (font size × the SVG's scale).
 */
export const CROWDING = (root: string) => `(() => {
  const svg = document.querySelector(${JSON.stringify(root)});
  const words = (el) => ([...el.querySelectorAll(':scope > tspan')].map((s) => s.textContent).join(' ') || el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
  const box = (el) => { const r = el.getBoundingClientRect(); return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom }; };
  const ends = (line) => {
    const m = line.getScreenCTM();
    const p = (x, y) => { const q = new DOMPoint(x, y).matrixTransform(m); return { x: q.x, y: q.y }; };
    const n = (a) => Number(line.getAttribute(a));
    return [p(n('x1'), n('y1')), p(n('x2'), n('y2'))];
  };
  const g = svg.querySelector('g.ishikawa');
  const texts = [...g.querySelectorAll('text')].map((el) => ({ el, b: box(el), name: words(el) }));
  const lines = [...g.querySelectorAll('line')].map((el) => ({ el, e: ends(el) }));
  // Liang–Barsky: does the segment p–q enter the box?
  const crosses = (p, q, b) => {
    let t0 = 0, t1 = 1;
    const dx = q.x - p.x, dy = q.y - p.y;
    for (const [pp, qq] of [[-dx, p.x - b.x0], [dx, b.x1 - p.x], [-dy, p.y - b.y0], [dy, b.y1 - p.y]]) {
      if (pp === 0) { if (qq < 0) return false; continue; }
      const r = qq / pp;
      if (pp < 0) { if (r > t1) return false; if (r > t0) t0 = r; } else { if (r < t0) return false; if (r < t1) t1 = r; }
    }
    return t1 - t0 > 1e-6;
  };
  const labelOverlaps = [];
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    const a = texts[i].b, b = texts[j].b;
    if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 1) labelOverlaps.push(texts[i].name + ' | ' + texts[j].name);
  }
  // Bones: each line.ishikawa-branch, with the cause texts drawn after it in its pair.
  const bones = [];
  for (const pair of g.querySelectorAll(':scope > g.ishikawa-pair')) for (const child of pair.children) {
    if (child.matches('line.ishikawa-branch')) { const e = ends(child); bones.push({ e, upper: e[1].y < e[0].y, causes: [] }); }
    else if (bones.length && child.matches('g.ishikawa-sub-group')) bones[bones.length - 1].causes.push(child.querySelector(':scope > text'));
  }
  const lineCrossings = [];
  for (const t of texts) {
    // One unit of the drawing (its glyphs' side bearings), however far the view is zoomed.
    const m = t.el.getScreenCTM();
    const unit = Math.max(1, Math.hypot(m.a, m.b));
    const b = { x0: t.b.x0 + unit, y0: t.b.y0 + unit, x1: t.b.x1 - unit, y1: t.b.y1 - unit };
    for (const l of lines) {
      if (crosses(l.e[0], l.e[1], b)) lineCrossings.push((l.el.getAttribute('class') || 'line') + (l.el.parentNode === t.el.parentNode ? ' (its own)' : '') + ' × ' + t.name);
    }
  }
  const spine = g.querySelector(':scope > line.ishikawa-spine');
  const spineY = spine ? ends(spine)[0].y : NaN;
  const xAt = (e, y) => e[0].x + ((e[1].x - e[0].x) * (y - e[0].y)) / (e[1].y - e[0].y || 1);
  const outOfArea = [];
  bones.forEach((bone, k) => {
    // Bones run right to left; the neighbour on the same side is the next one with the same side.
    const left = bones.slice(k + 1).find((o) => o.upper === bone.upper);
    for (const el of bone.causes) {
      if (!el) continue;
      const b = box(el);
      const name = words(el);
      const lo = Math.max(Math.min(bone.e[0].y, bone.e[1].y), b.y0), hi = Math.min(Math.max(bone.e[0].y, bone.e[1].y), b.y1);
      if (b.x1 > Math.min(xAt(bone.e, lo), xAt(bone.e, hi)) + 1) outOfArea.push('past its bone: ' + name);
      if (left && b.x0 < Math.max(xAt(left.e, lo), xAt(left.e, hi)) - 1) outOfArea.push('past the next bone: ' + name);
      if (bone.upper ? b.y1 > spineY + 1 : b.y0 < spineY - 1) outOfArea.push('over the spine: ' + name);
    }
  });
  const smallestText = Math.min(...texts.map((t) => parseFloat(getComputedStyle(t.el).fontSize) * Math.hypot(t.el.getScreenCTM().a, t.el.getScreenCTM().b)));
  return { labels: texts.length, labelOverlaps, lineCrossings, outOfArea, smallestText: Math.round(smallestText * 10) / 10 };
})()`;
