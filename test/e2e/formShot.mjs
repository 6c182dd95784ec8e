#!/usr/bin/env node
// The README's screenshot of the record form: samples/lab-02's PRB-0007 in a real VS Code
// (code-server 4.139 in headless Chromium), the YAML editor, the form beside it ("KEDB: Open as
// Form") and the fishbone preview ("KEDB: Open Fishbone Preview to the Side"), all three opened
// from the command palette as a user does. Writes docs/images/form-editor.png (1600×900).
//
//   node esbuild.mjs && node test/e2e/formShot.mjs [out.png]
//
// It loads this tree's extension as the extension under development (dist/ must be built), on a
// temp copy of samples/lab-02 so the sample stays as it is. Env: KEDB_CACHE_DIR (code-server's
// cache, scripts/vscode/README.md), KEDB_E2E_KEEP=1 keeps the temp folder.

import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, freePort, killGroup, logTail, remoteUri, startCodeServer, waitForHealthz, workbenchUrl } from '../../scripts/vscode/code-server.mjs';
import { ensureCodeServer } from '../../scripts/vscode/ensure-code-server.mjs';
import * as wb from './workbench.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = resolve(process.argv[2] ?? join(repoRoot, 'docs', 'images', 'form-editor.png'));
const info = (msg) => process.stderr.write(`[form-shot] ${msg}\n`);

/** The form's frame: the webview whose page has the record form's `main#form` drawn with PRB-0007. */
async function formFrame(page) {
  return wb.until('the form to show PRB-0007', async () => {
    const frame = await wb.webviewFrame(page, 'main#form h1', 2_000).catch(() => undefined);
    return frame && (await frame.textContent('main#form h1').catch(() => '')) === 'PRB-0007' ? frame : undefined;
  });
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'kedb-form-shot-'));
  let server;
  let browser;
  process.on('exit', () => server?.child.pid && killGroup(server.child.pid, 'SIGKILL'));
  try {
    const folder = join(work, 'kedb-lab-02');
    cpSync(join(repoRoot, 'samples', 'lab-02'), folder, { recursive: true });
    const userDataDir = join(work, 'user-data');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(
      join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({
        'workbench.tips.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'editor.minimap.enabled': false,
        'breadcrumbs.enabled': false,
      }),
    );
    const paths = await ensureCodeServer();
    const port = await freePort();
    server = await startCodeServer({ codeServerBin: paths.codeServerBin, port, folder, userDataDir, extensionsDir: join(work, 'extensions'), workDir: work });
    await waitForHealthz(server);
    info(`code-server on 127.0.0.1:${port}`);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: paths.chromium, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_CACHE_HOME: join(work, 'xdg-cache') } });
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.setDefaultTimeout(wb.WAIT_MS);
    await page.goto(workbenchUrl(port, folder, [['extensionDevelopmentPath', remoteUri(`127.0.0.1:${port}`, repoRoot)]]), { waitUntil: 'domcontentloaded' });
    await wb.waitForWorkbench(page);
    await wb.until('the KEDB status bar item to count the records', async () => {
      const s = await wb.statusBarEntry(page, 'kedb.status');
      return [s?.text, s?.aria].some((t) => t && /\d+ records/.test(t));
    }, { timeoutMs: 90_000 });

    // YAML | form | fishbone: the preview goes beside the YAML, then the YAML is split into the
    // middle group, and that copy is reopened as the form.
    await wb.openFile(page, 'PRB-0007.yaml');
    await wb.until('the editor to show id: PRB-0007', async () => (await wb.visibleEditorText(page)).includes('id: PRB-0007'));
    await wb.runCommand(page, 'KEDB: Open Fishbone Preview to the Side');
    await wb.webviewFrame(page, '#stage svg', 60_000);
    await wb.focusEditor(page, 'PRB-0007.yaml');
    await wb.runCommand(page, 'View: Split Editor Right');
    await wb.until('three editor groups', async () => (await page.locator('.editor-group-container').count()) === 3);
    await wb.runCommand(page, 'KEDB: Open as Form');
    await formFrame(page);
    // The form opened as a tab of its own beside the split's text copy: that copy goes.
    const middle = page.locator('.editor-group-container').nth(1);
    await wb.until('the form to be the middle group\'s active tab', async () => (await middle.locator('.tab').count()) === 2 && (await middle.locator('.tab.active').count()) === 1);
    await middle.locator('.tab:not(.active)').click();
    await wb.runCommand(page, 'View: Close Editor');
    await wb.until('the middle group to hold the form alone', async () => (await middle.locator('.tab').count()) === 1);
    if (!(await page.locator('.editor-group-container').first().locator('.tab[data-resource-name="PRB-0007.yaml"]').count())) throw new Error('PRB-0007.yaml is not in the first group');
    // Room for the three: no side bar. The YAML at the 5 Whys, the form at the same place.
    await wb.focusEditor(page, 'PRB-0007.yaml');
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible' });
    await page.keyboard.type('104');
    await page.keyboard.press('Enter');
    await wb.until('the YAML to show five_whys', async () => (await wb.visibleEditorText(page)).includes('five_whys:'));
    // The webviews may have been made anew while the layout changed: found again here.
    const form = await formFrame(page);
    const preview = await wb.webviewFrame(page, '#stage svg', 60_000);
    await form.$eval(`[data-path='${JSON.stringify(['rca', 'five_whys'])}']`, (e) => {
      e.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -12);
    });
    // Let the diagram settle (Mermaid lays out again once fonts load).
    let last = '';
    await wb.until('the diagram to keep its size for two polls', async () => {
      const box = await preview.$eval('#stage svg', (svg) => { const r = svg.getBoundingClientRect(); return `${r.width}x${r.height}`; });
      const same = box === last && !box.startsWith('0x');
      last = box;
      return same;
    }, { intervalMs: 300 });
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    info(`wrote ${out} (${Math.round(statSync(out).size / 1024)} KB)`);
  } catch (err) {
    info(`failed: ${err.message}`);
    if (server) info(`last lines of the code-server log:\n${logTail(server.logFile)}`);
    process.exitCode = 1;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (process.env.KEDB_E2E_KEEP === '1') info(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true, maxRetries: 5 });
  }
}

await main();
