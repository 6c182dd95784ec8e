import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildRcaView, wireDiagram } from '../core/rca';
import { loadReporting } from './progress';
import { EXIT_NOT_WRITTEN, safeWriteFile, WriteError, writeNotes } from '../node/safeWrite';
import type { WireDiagram } from '../shared/protocol';
import { escapeHtml, jsonForScript, pageHead } from '../core/base';
import { t } from '../core/base';
import { defineCommand, parseCommand, type Print } from './args';
import { option } from './output';

/** `kedb fishbone --help`, in the current language. */
export function fishboneUsage(): string {
  return `${t('Usage:')} kedb fishbone PROBLEM-ID [DIR] [--format mermaid|html|svg] [--out FILE]

${t("Draws a problem's root cause analysis (rca) from the records under DIR (default: .).")}

${option('  --format mermaid   ', t('print the fishbone as Mermaid ishikawa text, then the 5 Whys as a flowchart\nwhen there are any (the default)'))}
${option('  --format html      ', t('a standalone page that draws both diagrams offline in any browser'))}
${option('  --format svg       ', t('the fishbone as a standalone SVG, drawn by a headless Chromium\n(KEDB_CHROMIUM=path, else /usr/bin/chromium, chromium or google-chrome)'))}
${option('  --whys             ', t('with svg: draw the 5 Whys instead of the fishbone'))}
${option('  --out FILE         ', t('write to FILE instead of standard output'))}`;
}

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The Chromium to drive: KEDB_CHROMIUM, else the first of the usual places that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.KEDB_CHROMIUM) return fs.existsSync(env.KEDB_CHROMIUM) ? env.KEDB_CHROMIUM : undefined;
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  return candidates.find((c) => fs.existsSync(c));
}


/**
 * The standalone drawing script (dist/webview/standalone.js, beside dist/cli.js): it draws every
 * diagram of a page's `kedb-data` into the element of the same id. The fishbone page and the report
 * both inline it.
 */
export function standaloneScript(): string {
  const file = path.join(__dirname, 'webview', 'standalone.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing; run \`npm run build\``);
  const js = fs.readFileSync(file, 'utf8');
  // The script is inlined in the page: it must not be able to close its own <script> element.
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * A page that draws the diagrams offline: the data as inert JSON, our drawing script inline, and a
 * CSP that lets only that script (by hash) run.
 */
const STANDALONE_STYLE = `body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1f1f1f; background: #fff; margin: 24px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 32px; }
/* A wide diagram scrolls sideways: shrunk to the page, a dense fishbone's text would be 5 px high. */
section { overflow-x: auto; }
section svg { display: block; max-width: none; }
.error { color: #b3261e; }`;

export function fishboneHtml(title: string, fishbone: WireDiagram, whys: WireDiagram): string {
  const script = standaloneScript();
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const data = jsonForScript({ diagrams: { fishbone, ...(whys.nodes.length ? { whys } : {}) } });
  const csp = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:`;
  return `${pageHead({ cspAttribute: csp, title, style: STANDALONE_STYLE })}<body>
<h1>${escapeHtml(title)}</h1>
<h2>${escapeHtml(t('Fishbone'))}</h2>
<section id="fishbone"></section>
${whys.nodes.length ? `<h2>${escapeHtml(t('5 Whys'))}</h2>\n<section id="whys"></section>` : ''}
<script type="application/json" id="kedb-data">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** Draws the page in headless Chromium and returns the standalone SVG of one diagram. */
export async function renderSvg(html: string, which: 'fishbone' | 'whys', chromium: string): Promise<string> {
  // Loaded at run time from node_modules, not bundled: only --format svg needs it.
  const moduleName = 'playwright-core';
  let launcher: typeof import('playwright-core').chromium;
  try {
    launcher = ((await import(moduleName)) as typeof import('playwright-core')).chromium;
  } catch {
    throw new Error(t('--format svg drives Chromium through the playwright-core package, which is not installed (npm install playwright-core)'));
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-chromium-'));
  const pageFile = path.join(profile, 'fishbone.html');
  safeWriteFile(pageFile, html, { root: profile });
  const context = await launcher.launchPersistentContext(profile, { executablePath: chromium, headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('file://' + pageFile);
    await page.waitForSelector('body[data-state]', { timeout: 30_000 });
    if ((await page.getAttribute('body', 'data-state')) !== 'done') throw new Error((await page.textContent('pre.error')) ?? t('the page could not draw the diagram'));
    const svg = await page.evaluate((w) => (globalThis as unknown as { kedbSvg: Record<string, string> }).kedbSvg[w], which);
    if (!svg) throw new Error(which === 'whys' ? t('no 5 Whys to draw') : t('no fishbone to draw'));
    return svg;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

export const FISHBONE = defineCommand({
  name: 'fishbone',
  usage: fishboneUsage,
  options: {
    format: {
      type: 'string',
      default: 'mermaid',
      choices: ['mermaid', 'html', 'svg'],
      invalid: (cmd, v) => t('kedb {0}: --format must be mermaid, html or svg, not "{1}"', cmd, v),
    },
    out: { type: 'string' },
    whys: { type: 'boolean' },
  },
  positionals: { kind: 'arg-and-folder', arg: 'PROBLEM-ID' },
});

/** `kedb fishbone`: 0 written, 1 the record cannot be drawn, 2 bad usage or no browser for svg, 4 the --out file could not be written. */
export async function runFishbone(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(FISHBONE, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, arg: id, dir } = parsed;
  const format = values.format;
  // Files that could not be read are named; the diagram is still drawn when its own record was read.
  const { ws } = await loadReporting(dir, 'fishbone', err);
  const record = ws.get(id);
  if (!record) {
    err(t('kedb {0}: no record with id {1} under {2}', 'fishbone', id, dir));
    return 1;
  }
  if (record.kind !== 'problem') {
    err(
      record.kind === 'incident'
        ? t('kedb {0}: {1} is an incident; only problems have a root cause analysis', 'fishbone', id)
        : t('kedb {0}: {1} is a known error; only problems have a root cause analysis', 'fishbone', id),
    );
    return 1;
  }
  const view = buildRcaView(ws.textOf(record.file) ?? '', ws.config);
  if (!view.ok) {
    err(`kedb fishbone: ${record.file}${view.line !== undefined ? `:${view.line + 1}` : ''}: ${view.message}`);
    return 1;
  }
  const title = [view.id, view.title].filter(Boolean).join(' — ');
  let output: string;
  if (format === 'mermaid') {
    output = view.fishbone.text + (view.whys.nodes.length ? '\n' + view.whys.text : '');
  } else {
    const html = fishboneHtml(title, wireDiagram(view.fishbone), wireDiagram(view.whys));
    if (format === 'html') output = html;
    else {
      const chromium = findChromium();
      if (!chromium) {
        err(
          t(
            'kedb {0}: --format svg needs Chromium or Chrome, and none was found (set KEDB_CHROMIUM=/path/to/chromium, or install one, e.g. `apt-get install chromium`). --format html writes a page that draws the same diagram in any browser.',
            'fishbone',
          ),
        );
        return 2;
      }
      output = await renderSvg(html, values.whys ? 'whys' : 'fishbone', chromium);
    }
  }
  if (values.out) {
    try {
      const result = safeWriteFile(values.out, output.endsWith('\n') ? output : output + '\n', { root: dir, explicit: true });
      for (const note of writeNotes(result, values.out)) err(`kedb fishbone: ${note}`);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      err(`kedb fishbone: ${e.message}`);
      return EXIT_NOT_WRITTEN;
    }
    err(t('kedb {0}: wrote {1}', 'fishbone', values.out));
  } else {
    process.stdout.write(output.endsWith('\n') ? output : output + '\n');
  }
  return 0;
}
