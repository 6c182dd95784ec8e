/**
 * Fishbone preview benchmark (issue 7), measured in headless Chromium on the preview's real page
 * and bundle: time from opening the page to the first drawn diagram, time from an edit to the
 * redrawn diagram (PRB-0007, and a fishbone of 8 bones × 10 causes × 2 levels), the webview
 * bundle's size, and the host's share (YAML to Mermaid text). Targets: first ≤ 500 ms, update ≤ 150 ms.
 *
 * KEDB_MERMAID_COMPARE=/path/to/node_modules (holding another Mermaid, e.g. 12.x) also builds the
 * same webview against that Mermaid and measures it the same way.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../src/core/records/config';
import { buildRcaView } from '../src/core/rca';
import { DEBOUNCE_MS } from '../src/extension/rca/constants';
import { bigFishbone, CHROMIUM, denseFishbone, launch, PreviewPage, PreviewServer, renderMessage, repoRoot } from './previewHarness';
import { fmt, heading, median, percentile, row } from './stats';

const SOURCE = 'file:///bench/problems/PRB-0007.yaml';
const RUNS = Number(process.env.KEDB_BENCH_RUNS ?? 7);

function dirBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.js')) continue;
    bytes += fs.statSync(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).size;
    files++;
  }
  return { bytes, files };
}

const mb = (b: number) => `${fmt(b / 1024 / 1024, 2)} MB`;

interface Figures {
  first: number[];
  firstDraw: number[];
  loaded: number;
  update: Record<string, number[]>;
  /** The webview's own share: message received → new SVG in place. */
  updateInPage: Record<string, number[]>;
}

/** The edit: the middle `cause:` of the file gets more words, as a user typing would. */
function editCause(text: string, i: number): string {
  const lines = text.split('\n');
  const causes = lines.flatMap((l, k) => (/^\s*- cause: /.test(l) ? [k] : []));
  lines[causes[Math.floor(causes.length / 2)]] += ` (edit ${i})`;
  return lines.join('\n');
}

/** Opens the page RUNS+1 times (the first is a warm-up), and edits each diagram RUNS times. */
async function measure(server: PreviewServer, texts: Record<string, string>): Promise<Figures> {
  const browser = await launch();
  const out: Figures = { first: [], firstDraw: [], loaded: 0, update: Object.fromEntries(Object.keys(texts).map((k) => [k, []])), updateInPage: {} };
  try {
    const prb = texts['PRB-0007'];
    for (let i = 0; i <= RUNS; i++) {
      server.scriptBytes = 0;
      const t0 = Date.now();
      const page = await PreviewPage.open(browser.context, server);
      await page.waitFor((m) => m.type === 'ready');
      const done = await page.render(renderMessage(prb, SOURCE, 1));
      if (!done.ok) throw new Error(done.error);
      const t1 = page.received.find((m) => m.type === 'rendered')!.at;
      if (i > 0) {
        out.first.push(t1 - t0);
        out.firstDraw.push(done.ms);
        out.loaded = server.scriptBytes;
      }
      await page.page.close();
    }
    for (const [name, text] of Object.entries(texts)) {
      const page = await PreviewPage.open(browser.context, server);
      await page.waitFor((m) => m.type === 'ready');
      let seq = 1;
      await page.render(renderMessage(text, SOURCE, seq));
      const inPage: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const edited = editCause(text, i);
        const msg = renderMessage(edited, SOURCE, ++seq);
        const t0 = Date.now();
        const done = await page.render(msg);
        if (!done.ok || !done.labels?.some((l) => l.includes(`(edit ${i})`))) throw new Error(`edit ${i} of ${name} not drawn`);
        if (i > 0) {
          out.update[name].push(page.received.find((m) => m.type === 'rendered' && m.seq === msg.seq)!.at - t0);
          inPage.push(done.ms);
        }
      }
      out.updateInPage[name] = inPage;
      await page.page.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

function report(label: string, f: Figures): void {
  row(`${label}: open page → first drawn fishbone, median (p95)`, `${fmt(median(f.first), 0)} ms`, `p95 ${fmt(percentile(f.first, 95), 0)} ms; target <= 500 ms`);
  row(`${label}: of which drawing (message → SVG in place)`, `${fmt(median(f.firstDraw), 0)} ms`);
  row(`${label}: JavaScript loaded for the first fishbone`, mb(f.loaded));
  for (const [name, xs] of Object.entries(f.update)) {
    row(`${label}: edit → redrawn, ${name}, median (p95)`, `${fmt(median(xs), 0)} ms`, `p95 ${fmt(percentile(xs, 95), 0)} ms; target <= 150 ms (+ ${DEBOUNCE_MS} ms typing debounce in the host)`);
    row(`${label}:   of which in the webview (message → SVG in place)`, `${fmt(median(f.updateInPage[name]), 0)} ms`, 'the rest: Chromium DevTools protocol round trips of this harness');
  }
}

export async function run(): Promise<void> {
  heading('Fishbone preview in Chromium (issue 7)');
  row('machine load (1 min average)', fmt(os.loadavg()[0], 2), `${os.cpus().length} cores: figures stretch with it`);
  if (!fs.existsSync(CHROMIUM)) {
    row('skipped', `no Chromium at ${CHROMIUM}`, 'set KEDB_CHROMIUM');
    return;
  }
  const root = repoRoot();
  const prb = fs.readFileSync(path.join(root, 'samples', 'lab-02', 'problems', 'PRB-0007.yaml'), 'utf8');
  const texts = { 'PRB-0007': prb, '8 bones × 10 causes × 2 levels': bigFishbone(), '8 × 10 × 2, long causes (40–110 characters)': denseFishbone() };

  const mermaidVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'mermaid', 'package.json'), 'utf8')) as { version: string }).version;
  const webview = dirBytes(path.join(root, 'dist', 'webview', 'chunks'));
  const entry = fs.statSync(path.join(root, 'dist', 'webview', 'preview.js')).size;
  row(`webview bundle, mermaid ${mermaidVersion} (ESM, all chunks)`, mb(webview.bytes + entry), `${webview.files + 1} files`);
  row('standalone page script (IIFE, for kedb fishbone --format html|svg)', mb(fs.statSync(path.join(root, 'dist', 'webview', 'standalone.js')).size));
  const ext = fs.readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8');
  row('extension host bundle holds Mermaid?', /ishikawa-head-group|mermaidAPI/.test(ext) ? 'YES (bug)' : 'no', `${mb(ext.length)}`);

  const config = defaultConfig();
  for (const [name, text] of Object.entries(texts)) {
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      buildRcaView(text, config);
      times.push(performance.now() - t);
    }
    row(`host: YAML → both Mermaid texts + line map, ${name}`, `${fmt(median(times.slice(5)), 2)} ms`);
  }

  const server = new PreviewServer();
  await server.start({ source: SOURCE, locked: false, tab: 'fishbone' });
  try {
    report(`mermaid ${mermaidVersion}`, await measure(server, texts));
  } finally {
    server.close();
  }

  const other = process.env.KEDB_MERMAID_COMPARE;
  if (other) {
    const pkg = JSON.parse(fs.readFileSync(path.join(other, 'mermaid', 'package.json'), 'utf8')) as { version: string };
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-mermaid-'));
    const esbuildName = 'esbuild';
    const esbuild = (await import(esbuildName)) as typeof import('esbuild');
    await esbuild.build({
      entryPoints: { preview: path.join(root, 'src', 'webview', 'preview.ts') },
      outdir: out,
      bundle: true,
      platform: 'browser',
      target: ['chrome114'],
      minify: true,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      legalComments: 'none',
      logLevel: 'error',
      alias: { mermaid: path.join(other, 'mermaid') },
      nodePaths: [other],
    });
    const size = dirBytes(out);
    row(`webview bundle, mermaid ${pkg.version} (ESM, all chunks)`, mb(size.bytes), `${size.files} files`);
    const server2 = new PreviewServer(out);
    await server2.start({ source: SOURCE, locked: false, tab: 'fishbone' });
    try {
      report(`mermaid ${pkg.version}`, await measure(server2, texts));
    } finally {
      server2.close();
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
}
