#!/usr/bin/env node
// The end-to-end run of issue 9: the packaged .vsix installed into a real VS Code workbench
// (code-server 4.139 = VS Code 1.139, served on 127.0.0.1), driven in headless Chromium with the
// keyboard and the mouse only, as a new user would go through the whole loop.
//
//   npm run test:e2e
//
// Steps (each prints `step N ok: …` or `step N FAILED: …`; the last line is `N passed, N failed`):
//   1 the Getting Started walkthrough          5 a typed cause appears in the diagram
//   2 KEDB: Create Sample Workspace            6 Detect Problem Candidates, Create Problem Record
//   3 problems/PRB-0007.yaml opened (Ctrl+P)   7 a schema error, the status bar count, the quick fix
//   4 the editor-title fishbone button         8 the walkthrough's last step: KEDB table and report
//                                              9 Bahasa Indonesia: the display language switched,
//                                                the Indonesian palette title run, the walkthrough
// Screenshots: test-output/e2e/step-N-*.png (and step-N-failed.png when a step fails).
//
// Env: KEDB_E2E_VSIX=file.vsix    test this package instead of building one (`npm run package` in a
//                                 temp copy of the tree, so this tree's dist/ stays as it is)
//      KEDB_E2E_UPDATE_DOCS=1     also write the README screenshots into docs/images/
//      KEDB_E2E_TIMEOUT_MS        overall budget, default 360000 (6 min, packaging included)
//      KEDB_E2E_KEEP=1            keep the temp folder (workspace, profile, code-server log)
//      KEDB_E2E_HEADED=1          show the browser (needs a display)
//      KEDB_CACHE_DIR             where code-server is cached (see scripts/vscode/README.md)

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, freePort, killGroup, logTail, startCodeServer, waitForHealthz, workbenchUrl } from '../../scripts/vscode/code-server.mjs';
import { ensureCodeServer } from '../../scripts/vscode/ensure-code-server.mjs';
import { makeLanguagePack } from './languagePack.mjs';
import { packageVsix, stopPackaging } from './vsix.mjs';
import { readZip } from './zip.mjs';
import * as wb from './workbench.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(repoRoot, 'test-output', 'e2e');
const docsDir = join(repoRoot, 'docs', 'images');
const updateDocs = process.env.KEDB_E2E_UPDATE_DOCS === '1';
const budgetMs = Number(process.env.KEDB_E2E_TIMEOUT_MS) || 6 * 60_000;
const keep = process.env.KEDB_E2E_KEEP === '1';
const info = (msg) => process.stderr.write(`[e2e] ${msg}\n`);

/** README screenshots: docs/images/<name> <- the step's screenshot. */
const DOC_IMAGES = {
  'editor-diagnostics.png': 'step-7-diagnostic.png',
  'fishbone-preview.png': 'step-4-fishbone.png',
  'problem-candidates.png': 'step-6-candidates.png',
  'kedb-table.png': 'step-8-kedb-table.png',
  'bahasa-indonesia.png': 'step-9-walkthrough.png',
};

// ---- the packaged manifest: titles as the workbench shows them ---------------------------------

function manifestOf(vsix) {
  const zip = readZip(vsix);
  const files = [...zip.keys()];
  const readFromVsix = (_vsix, entry) => zip.get(entry)?.().toString('utf8');
  const pkg = JSON.parse(readFromVsix(vsix, 'extension/package.json'));
  const nls = (lang) => {
    const text = readFromVsix(vsix, `extension/package.nls${lang ? `.${lang}` : ''}.json`);
    return text === undefined ? undefined : JSON.parse(text);
  };
  const en = nls('') ?? {};
  /** A manifest string in a language: `%key%` looked up in that language's table; literals as they are. */
  const localize = (s, table) => {
    const m = typeof s === 'string' ? /^%(.+)%$/.exec(s) : null;
    if (!m) return s;
    const v = table?.[m[1]];
    return typeof v === 'string' ? v : typeof v === 'object' && v ? v.message : undefined;
  };
  /**
   * "Category: Title" of a contributed command as the palette shows it in a language (English when
   * `table` is omitted); throws saying what is missing.
   */
  const commandTitle = (id, table = en, lang = 'en') => {
    const c = pkg.contributes?.commands?.find((x) => x.command === id);
    if (!c) throw new Error(`${id} is not in package.json contributes.commands, so the command palette does not offer it`);
    const title = localize(c.title, table);
    const category = c.category === undefined ? undefined : localize(c.category, table);
    const file = lang === 'en' ? 'package.nls.json' : `package.nls.${lang}.json`;
    if (title === undefined) throw new Error(`the title of ${id} (${c.title}) is not in the packaged ${file}`);
    if (c.category !== undefined && category === undefined) throw new Error(`the category of ${id} (${c.category}) is not in the packaged ${file}`);
    return category ? `${category}: ${title}` : title;
  };
  return {
    pkg,
    files,
    en,
    id: nls('id'),
    localize,
    commandTitle,
    has: (path) => files.includes(`extension/${path}`),
    /** A packaged file's text (undefined when the .vsix lacks it). */
    read: (path) => (files.includes(`extension/${path}`) ? readFromVsix(vsix, `extension/${path}`) : undefined),
  };
}

// ---- steps -------------------------------------------------------------------------------------

const results = [];

function printResult(n, ok, text) {
  const line = `step ${n} ${ok ? 'ok' : 'FAILED'}: ${text}`;
  process.stdout.write(line + '\n');
  results.push({ n, ok });
}

async function main() {
  const t0 = Date.now();
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (f.endsWith('.png')) rmSync(join(outDir, f), { force: true });
  const work = mkdtempSync(join(tmpdir(), 'kedb-e2e-'));
  let server;
  let browser;
  let page;
  let cleaning;
  const cleanup = () =>
    (cleaning ??= (async () => {
      stopPackaging();
      await Promise.race([browser?.close().catch(() => {}), new Promise((r) => setTimeout(r, 5_000))]);
      await server?.stop();
      if (keep) info(`kept ${work}`);
      else rmSync(work, { recursive: true, force: true, maxRetries: 5 });
    })());
  process.on('exit', () => server?.child.pid && killGroup(server.child.pid, 'SIGKILL'));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      info(`${sig}: stopping code-server and the browser`);
      cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
  const deadline = t0 + budgetMs;
  const left = () => deadline - Date.now();
  // Steps stop at the deadline on their own; this catches a setup that hangs (packaging, start).
  const watchdog = setTimeout(() => {
    info(`the time budget of ${budgetMs / 1000} s is used up (KEDB_E2E_TIMEOUT_MS); stopping`);
    const passed = results.filter((r) => r.ok === true).length;
    const failed = results.filter((r) => r.ok === false).length;
    cleanup().finally(() => {
      process.stdout.write(`${passed} passed, ${failed + 1} failed\n`);
      process.exit(1);
    });
  }, budgetMs + 30_000);
  watchdog.unref();

  const state = {};
  const shot = async (name) => {
    const file = join(outDir, name);
    await page.screenshot({ path: file });
    return file;
  };

  /**
   * Runs one step within what is left of the budget. `requires()` returns a reason not to run it
   * (a missing earlier result); the step then fails with that reason.
   */
  const step = async (n, name, fn, requires = () => undefined) => {
    const missing = requires();
    if (missing) return printResult(n, false, `${name}: not run, ${missing}`);
    if (left() <= 0) return printResult(n, false, `${name}: not run, the time budget of ${budgetMs / 1000} s is used up`);
    const started = Date.now();
    let timer;
    // A failed step may leave a quick input open: close it, so the next step starts clean.
    if (await page.locator('.quick-input-widget').isVisible().catch(() => false)) await page.keyboard.press('Escape');
    try {
      const outcome = await Promise.race([
        fn(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`the time budget of ${budgetMs / 1000} s ran out`)), left()))),
      ]);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      printResult(n, true, `${name}: ${outcome} (${secs} s)`);
    } catch (err) {
      printResult(n, false, `${name}: ${err.message.split('\n').join(' | ')}`);
      await page?.screenshot({ path: join(outDir, `step-${n}-failed.png`) }).catch(() => {});
    } finally {
      clearTimeout(timer);
    }
  };

  let setupError;
  try {
    // -- setup: package, install, start ---------------------------------------------------------
    let vsix = process.env.KEDB_E2E_VSIX && resolve(process.env.KEDB_E2E_VSIX);
    let cli = join(repoRoot, 'bin', 'kedb.js');
    if (!vsix) {
      info('packaging the extension (npm run package, in a temp copy of the tree)');
      const pkgd = await packageVsix(repoRoot, work);
      vsix = pkgd.vsix;
      cli = join(pkgd.dir, 'bin', 'kedb.js');
      info(`packaged ${pkgd.files.length} files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const m = manifestOf(vsix);
    state.manifest = m;
    state.cli = cli;

    const paths = await ensureCodeServer();
    const extensionsDir = join(work, 'extensions');
    const userDataDir = join(work, 'user-data');
    const csEnv = { ...process.env, XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_DATA_HOME: join(work, 'xdg-data'), XDG_CACHE_HOME: join(work, 'xdg-cache') };
    const install = spawnSync(paths.codeServerBin, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], { env: csEnv, encoding: 'utf8', timeout: 120_000 });
    if (install.status !== 0 || !/successfully installed/i.test(install.stdout)) throw new Error(`code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    // A quiet profile: nothing that pops up over the parts the run reads, no lookups that fail offline.
    writeFileSync(
      join(userDataDir, 'User', 'settings.json'),
      JSON.stringify(
        {
          'workbench.tips.enabled': false,
          'workbench.enableExperiments': false,
          'telemetry.telemetryLevel': 'off',
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'extensions.ignoreRecommendations': true,
          'update.mode': 'none',
          'chat.disableAIFeatures': true,
          'security.workspace.trust.enabled': false,
          'git.enabled': false,
          'files.autoSave': 'off',
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
        },
        null,
        2,
      ),
    );
    const emptyFolder = join(work, 'workspace');
    mkdirSync(emptyFolder);
    state.parent = emptyFolder;

    const port = await freePort();
    server = await startCodeServer({ codeServerBin: paths.codeServerBin, port, folder: emptyFolder, userDataDir, extensionsDir, workDir: work, smokeTestDriver: false });
    await waitForHealthz(server);
    info(`code-server on 127.0.0.1:${port}, log ${server.logFile}`);

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: paths.chromium,
      headless: process.env.KEDB_E2E_HEADED !== '1',
      args: CHROMIUM_ARGS,
      env: { ...process.env, XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_CACHE_HOME: join(work, 'xdg-cache') },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    // Clipboard access: a path is pasted into the file dialog (workbench.mjs enterPath).
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    page = await context.newPage();
    page.setDefaultTimeout(wb.WAIT_MS);
    await page.goto(workbenchUrl(port, emptyFolder, []), { waitUntil: 'domcontentloaded' });
    await wb.waitForWorkbench(page);
    state.work = work;
  } catch (err) {
    setupError = err;
  }

  if (setupError) {
    printResult(0, false, `setup: ${setupError.message.split('\n').slice(0, 12).join(' | ')}`);
    if (server) info(`last lines of the code-server log:\n${logTail(server.logFile)}`);
  } else {
    const ctx = { page, state, shot, wb };
    await step(1, 'walkthrough', () => stepWalkthrough(ctx));
    await step(2, 'Create Sample Workspace', () => stepSample(ctx));
    const hasSample = () => (state.sample ? undefined : 'needs the sample workspace of step 2');
    await step(3, 'open PRB-0007.yaml', () => stepOpenProblem(ctx), hasSample);
    await step(4, 'fishbone preview', () => stepFishbone(ctx), () => hasSample() ?? (state.problemOpen ? undefined : 'needs PRB-0007.yaml open (step 3)'));
    await step(5, 'typed cause in the diagram', () => stepTypeCause(ctx), () => hasSample() ?? (state.preview ? undefined : 'needs the fishbone preview of step 4'));
    await step(6, 'problem candidates', () => stepCandidates(ctx), hasSample);
    await step(7, 'schema error and quick fix', () => stepQuickFix(ctx), hasSample);
    await step(8, 'KEDB table and report', () => stepKedbTable(ctx), hasSample);
    await step(9, 'Bahasa Indonesia', () => stepIndonesian(ctx), hasSample);
  }

  if (updateDocs) {
    mkdirSync(docsDir, { recursive: true });
    for (const [doc, from] of Object.entries(DOC_IMAGES)) {
      const src = join(outDir, from);
      if (existsSync(src)) copyFileSync(src, join(docsDir, doc));
      else info(`docs/images/${doc} not updated: ${from} was not taken`);
    }
  }
  clearTimeout(watchdog);
  await cleanup();
  const passed = results.filter((r) => r.ok === true).length;
  const failed = results.filter((r) => r.ok === false).length;
  info(`finished in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${outDir}`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

// ---- step 1: the walkthrough -------------------------------------------------------------------

async function stepWalkthrough({ page, state, shot, wb }) {
  const walkthrough = state.manifest.pkg.contributes?.walkthroughs?.find((w) => w.id === 'kedb.gettingStarted');
  if (!walkthrough) throw new Error('package.json has no contributes.walkthroughs entry with id kedb.gettingStarted');
  const en = (s) => state.manifest.localize(s, state.manifest.en) ?? s;
  const title = en(walkthrough.title);
  // Help > Get Started lists the walkthroughs; "Welcome: Open Walkthrough..." goes to one directly.
  await wb.pickFromQuickInput(page, wb.PALETTE_KEY, 'Open Walkthrough', (r) => /Open Walkthrough/.test(r.label), { what: 'Welcome: Open Walkthrough...' });
  await wb.pickFromQuickInput(page, '', '', (r) => r.label === title || r.aria.startsWith(title), { what: `the walkthrough "${title}"` });
  const container = page.locator('.gettingStartedContainer');
  await container.locator('.getting-started-category .category-title', { hasText: title }).or(container.locator('h2', { hasText: title })).first().waitFor({ state: 'visible' });
  const stepTitles = walkthrough.steps.map((s) => en(s.title));
  if (stepTitles.length !== 5) throw new Error(`the walkthrough has ${stepTitles.length} steps, not 5`);
  const shownSteps = await wb.until('the five walkthrough steps', async () => {
    const shown = (await container.locator('.getting-started-step .step-title').allTextContents()).map((t) => t.trim());
    return stepTitles.every((t) => shown.includes(t)) ? shown : undefined;
  });
  // Every step has its button: open each step and read the buttons it shows.
  const buttons = [];
  for (const s of stepTitles) {
    const stepEl = container.locator('.getting-started-step', { has: page.locator('.step-title', { hasText: s }) }).first();
    await stepEl.click();
    await wb.until(`step "${s}" to expand`, async () => (await stepEl.getAttribute('aria-expanded')) === 'true' || (await stepEl.evaluate((e) => e.classList.contains('expanded'))));
    const labels = (await stepEl.locator('.monaco-button').allTextContents()).map((t) => t.trim()).filter(Boolean);
    if (labels.length === 0) throw new Error(`walkthrough step "${s}" shows no button`);
    buttons.push(labels.join(' / '));
  }
  // Back to the first step for the screenshot: it is what a new user sees first.
  await container.locator('.getting-started-step', { has: page.locator('.step-title', { hasText: stepTitles[0] }) }).first().click();
  await shot('step-1-walkthrough.png');
  state.walkthroughTitle = title;
  return `"${title}" shows ${shownSteps.length} steps with buttons: ${buttons.join('; ')}`;
}

// ---- step 2: the sample workspace --------------------------------------------------------------

async function stepSample({ page, state, shot, wb }) {
  const m = state.manifest;
  let title;
  let note = '';
  try {
    title = m.commandTitle('kedb.createSample');
    if (!(await wb.paletteHas(page, title))) note = `"${title}" is not in the command palette`;
  } catch (err) {
    note = err.message;
  }
  const viaPalette = !note;
  if (viaPalette) {
    await wb.runCommand(page, title);
  } else {
    // The command is not in the palette: follow the walkthrough's button instead, so the later
    // steps still run, and report the step as failed.
    const button = page.locator('.gettingStartedContainer .getting-started-step.expanded .monaco-button', { hasText: /Sample/i }).first();
    await button.click();
  }
  // code-server's folder picker is a quick input: the parent folder goes in, then its OK button.
  await wb.enterPath(page, state.parent + '/', 'Create the sample here');
  // The command copies the sample and opens it: the window reloads on the new folder.
  const target = join(state.parent, 'kedb-lab-02');
  await page.waitForURL((url) => url.searchParams.get('folder') === target, { timeout: 60_000 });
  await wb.waitForWorkbench(page);
  const expected = ['incidents', 'problems', 'known-errors'].reduce((n, d) => n + readdirSync(join(target, d)).filter((f) => f.endsWith('.yaml')).length, 0);
  // The extension activates on the records and indexes them: its status bar item counts them.
  const status = await wb.until(
    'the KEDB status bar item to count the records',
    async () => {
      const s = await wb.statusBarEntry(page, 'kedb.status');
      return [s?.text, s?.aria].find((t) => t && /\d+ records/.test(t));
    },
    { timeoutMs: 60_000 },
  );
  const counted = Number(/(\d+) records/.exec(status)[1]);
  if (counted !== expected) throw new Error(`the status bar counts ${counted} records, the sample has ${expected}`);
  state.sample = target;
  await shot('step-2-sample.png');
  const text = `${target} created and opened; the status bar counts ${counted} records`;
  if (!viaPalette) throw new Error(`${note}; created through the walkthrough button instead: ${text}`);
  return text;
}

// ---- step 3: PRB-0007.yaml ---------------------------------------------------------------------

async function stepOpenProblem({ page, state, shot, wb }) {
  await wb.openFile(page, 'PRB-0007.yaml');
  await wb.until('the editor to show id: PRB-0007', async () => (await wb.visibleEditorText(page)).includes('id: PRB-0007'));
  state.problemOpen = true;
  await shot('step-3-prb-0007.png');
  return 'PRB-0007.yaml is the active editor and shows id: PRB-0007';
}

// ---- step 4: the fishbone button ---------------------------------------------------------------

const CATEGORIES = ['People', 'Process', 'Technology', 'Environment', 'Measurement'];
const squash = (s) => s.replace(/\s+/g, '');

/** The texts of the drawn diagram, one string per SVG <text> (Mermaid wraps long ones in <tspan>s). */
async function diagramTexts(frame) {
  return frame.$eval('#stage svg', (svg) => [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '')).catch(() => []);
}

async function stepFishbone({ page, state, shot, wb }) {
  const m = state.manifest;
  const entry = m.pkg.contributes?.menus?.['editor/title']?.find((e) => /fishbone/i.test(e.command) && !/lock/i.test(e.command));
  if (!entry) throw new Error('package.json menus.editor/title has no fishbone preview command');
  const label = m.localize(m.pkg.contributes.commands.find((c) => c.command === entry.command)?.title, m.en);
  const button = page.locator(`.editor-group-container.active .editor-actions [aria-label^="${label}"]`).first();
  await button.waitFor({ state: 'visible' });
  await button.click();
  const frame = await wb.webviewFrame(page, '#stage svg', 60_000).catch((err) => {
    // The page loads its drawing code from dist/webview/: say so when the package lacks it.
    const hint = m.has('dist/webview/preview.js') ? '' : ' (the .vsix has no dist/webview/preview.js: .vscodeignore needs !dist/webview/**)';
    throw new Error(err.message + hint);
  });
  const texts = await wb.until('the diagram to show the five categories', async () => {
    const t = (await diagramTexts(frame)).map((x) => x.trim());
    return CATEGORIES.every((c) => t.includes(c)) ? t : undefined;
  });
  // The preview opens beside the YAML: a second editor group, the YAML's tab still in the first.
  const groups = await page.locator('.editor-group-container').count();
  if (groups < 2) throw new Error(`the preview did not open to the side (${groups} editor group)`);
  if (!(await page.locator('.editor-group-container').first().locator('.tab[data-resource-name="PRB-0007.yaml"]').count())) throw new Error('PRB-0007.yaml is no longer in the first editor group');
  state.preview = frame;
  // Room for the diagram in the screenshot: the side bar hidden (Ctrl+B; shown again in step 5).
  await page.keyboard.press('Control+B');
  await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  // Let the drawing settle (Mermaid lays out once more after fonts load) before the screenshot.
  let lastSize = '';
  await wb.until(
    'the diagram to keep its size for two polls',
    async () => {
      const box = await frame.$eval('#stage svg', (svg) => { const r = svg.getBoundingClientRect(); return `${r.width}x${r.height}`; });
      const same = box === lastSize && !box.startsWith('0x');
      lastSize = box;
      return same;
    },
    { intervalMs: 300 },
  );
  await shot('step-4-fishbone.png');
  return `clicked "${label}"; the diagram beside the YAML shows ${CATEGORIES.join(', ')} (${texts.length} texts)`;
}

// ---- step 5: type a cause ----------------------------------------------------------------------

const NEW_CAUSE = 'Night shift staff skip the VPN health checklist.';

async function stepTypeCause({ page, state, shot, wb }) {
  const hasCause = async () => (await diagramTexts(state.preview)).some((t) => squash(t) === squash(NEW_CAUSE));
  if (await hasCause()) throw new Error('the new cause is already in the diagram');
  await wb.focusEditor(page, 'PRB-0007.yaml');
  // Under People: after its last cause, a new list item at the same indentation.
  await wb.findInEditor(page, 'Internal VPN troubleshooting documentation is very limited.');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(`- ${NEW_CAUSE}`);
  await wb.closeSuggestions(page);
  // Back to column 1 (Home twice: the first stops at the indentation), so the narrow editor
  // scrolls back to the start of its lines.
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  await wb.until('the typed cause to appear in the diagram', hasCause);
  await page.keyboard.press('Control+S');
  await wb.until('PRB-0007.yaml to be saved', async () => !(await page.locator('.tab.dirty[data-resource-name="PRB-0007.yaml"]').count()));
  const saved = readFileSync(join(state.sample, 'problems', 'PRB-0007.yaml'), 'utf8');
  if (!saved.includes(`- ${NEW_CAUSE}`)) throw new Error('the saved file does not hold the typed cause');
  await shot('step-5-new-cause.png');
  // Palette "Developer: Reload Window": the preview comes back beside the YAML, drawn again by the
  // extension's webview serializer, with the saved cause on its bone.
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await wb.runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await wb.waitForWorkbench(page);
  const revived = await wb.webviewFrame(page, '#stage svg', 60_000);
  await wb.until('the revived preview to show the typed cause', async () => (await diagramTexts(revived)).some((t) => squash(t) === squash(NEW_CAUSE)), { timeoutMs: 60_000 });
  if ((await page.locator('.editor-group-container').count()) < 2) throw new Error('after the reload the preview is no longer beside the YAML');
  state.preview = revived;
  await shot('step-5-after-reload.png');
  // The side bar, hidden in step 4, comes back hidden: show it again for the next steps.
  if (!(await page.locator('.part.sidebar').isVisible())) {
    await wb.focusEditor(page, 'PRB-0007.yaml');
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'visible' });
  }
  return `typed "${NEW_CAUSE}" under People; the diagram shows it, and again after a window reload`;
}

// ---- step 6: problem candidates ----------------------------------------------------------------

/**
 * The detector's ranking for the sample folder as it is on disk, from the packaged CLI, with its
 * human text in `lang` (`--lang`; English unless asked, whatever LANG says).
 */
function detectorCandidates(state, lang = 'en') {
  const r = spawnSync(process.execPath, [state.cli, 'candidates', state.sample, '--format', 'json', '--lang', lang], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && !r.stdout.trim()) throw new Error(`kedb candidates failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout).candidates;
}

async function stepCandidates({ page, state, shot, wb }) {
  const m = state.manifest;
  const title = m.commandTitle('kedb.detectCandidates');
  // What the detector ranks first, from the CLI over the same folder: the view must agree.
  const expected = detectorCandidates(state);
  if (!expected.length) throw new Error('the CLI finds no candidates in the sample');
  const top = expected[0];
  const viewName = m.localize(m.pkg.contributes.views.kedb.find((v) => v.id === 'kedb.candidates').name, m.en);
  await wb.runCommand(page, title);
  const rows = await wb.until(`the ${viewName} view to list its candidates`, async () => {
    const r = await wb.viewRows(page, viewName);
    return r.some((x) => /^1\. /.test(x.label)) ? r : undefined;
  });
  const first = rows.find((x) => /^1\. /.test(x.label));
  if (first.label !== `1. ${top.label}`) throw new Error(`the view ranks "${first.label}" first, the detector "${top.label}"`);
  // For the screenshot, room for the candidates: the Records view folded, the side bar wider.
  const recordsName = m.localize(m.pkg.contributes.views.kedb.find((v) => v.id === 'kedb.explorer').name, m.en);
  const recordsHeader = page.locator(`.pane-header[aria-label^="${recordsName}"]`).first();
  // Click the header's left end (its chevron): its right end holds the view's action buttons.
  if ((await recordsHeader.getAttribute('aria-expanded')) === 'true') await recordsHeader.click({ position: { x: 12, y: 10 } });
  await wb.until(`the ${recordsName} view to fold`, async () => (await recordsHeader.getAttribute('aria-expanded')) === 'false');
  await wb.resizeSideBar(page, 300);
  await shot('step-6-candidates.png');
  await wb.resizeSideBar(page, -300);

  // Create Problem Record: the row's inline action, shown on hover.
  const unlinked = top.incidents.filter((id) => !/^problem:\s*\S/m.test(readFileSync(join(state.sample, 'incidents', `${id}.yaml`), 'utf8')));
  const before = new Set(readdirSync(join(state.sample, 'problems')));
  const row = wb.viewRow(page, viewName, first.label);
  await row.hover();
  const createTitle = m.localize(m.pkg.contributes.commands.find((c) => c.command === 'kedb.createProblemFromCandidate').title, m.en);
  const action = row.locator(`.actions [aria-label^="${createTitle}"]`).first();
  await action.waitFor({ state: 'visible' });
  await action.click();
  // The command asks who owns the new problem: the user names a role and presses Enter.
  const ownerTitle = await wb.until('the Owner question', async () => {
    const t = ((await page.locator('.quick-input-widget .quick-input-title').textContent({ timeout: 1_000 }).catch(() => '')) ?? '').trim();
    return /^Owner of PRB-\d+$/.test(t) ? t : undefined;
  });
  const ownerBox = page.locator('.quick-input-widget .quick-input-box input');
  await wb.until('the Owner box to have the keyboard focus', () => ownerBox.evaluate((el) => el === document.activeElement && document.hasFocus()).catch(() => false));
  await page.keyboard.type('Problem manager');
  await page.keyboard.press('Enter');
  await wb.waitQuickInputClosed(page);
  const created = await wb.until('a new problem record to open', async () => {
    const label = await wb.activeTabLabel(page);
    return label && /^PRB-\d+\.yaml$/.test(label) && !before.has(label) ? label : undefined;
  });
  if (ownerTitle !== `Owner of ${created.replace(/\.yaml$/, '')}`) throw new Error(`the Owner question reads "${ownerTitle}" for ${created}`);
  // The links are saved as a refactoring: each linked incident names the new problem on disk, and
  // none of them opens as an editor, modified or not.
  const linkedId = created.replace(/\.yaml$/, '');
  await wb.until(`${unlinked.join(', ')} to name ${linkedId} on disk`, async () =>
    unlinked.every((inc) => new RegExp(`^problem:\\s*${linkedId}\\b`, 'm').test(readFileSync(join(state.sample, 'incidents', `${inc}.yaml`), 'utf8'))),
  );
  const incidentTabs = (await wb.tabLabels(page)).filter((l) => /^INC-/.test(l));
  if (incidentTabs.length) throw new Error(`incidents shown as editors after Create Problem Record: ${incidentTabs.join(', ')}`);
  if (await page.locator('.tab.dirty').count()) throw new Error('an editor is left modified after Create Problem Record');
  const text = await wb.until(`problems/${created} on disk`, async () => {
    const f = join(state.sample, 'problems', created);
    return existsSync(f) && readFileSync(f, 'utf8').includes('kind: problem') ? readFileSync(f, 'utf8') : undefined;
  });
  const missing = unlinked.filter((inc) => !text.includes(inc));
  if (missing.length) throw new Error(`${created} does not list ${missing.join(', ')}`);
  if (!/^owner: Problem manager$/m.test(text)) throw new Error(`${created} does not name its owner`);
  await shot('step-6-created.png');
  state.createdProblem = created;
  return `the view ranks "${first.label}" first (${first.description}), as the detector does; "${createTitle}" wrote ${created} and linked ${unlinked.join(', ')}`;
}

// ---- step 7: a schema error and its quick fix --------------------------------------------------

async function stepQuickFix({ page, shot, wb }) {
  // The YAML alone, full width (everything is saved by now): close the editors, open PRB-0007.
  await wb.runCommand(page, 'View: Close All Editors');
  await wb.until('the editors to close', async () => (await wb.tabLabels(page)).length === 0);
  await wb.openFile(page, 'PRB-0007.yaml');
  const base = await wb.until('the status bar problems item', () => wb.problemCounts(page));
  await wb.focusEditor(page, 'PRB-0007.yaml');
  await wb.findInEditor(page, 'urgency: high');
  // The selection is "urgency: high"; End puts the cursor after "high": make it "hgih".
  await page.keyboard.press('End');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('hgih');
  await wb.closeSuggestions(page);
  const broken = await wb.until(`one more error than ${base.errors} in the status bar`, async () => {
    const c = await wb.problemCounts(page);
    return c && c.errors === base.errors + 1 ? c : undefined;
  });
  // The mouse on the squiggle: the error as the user reads it, with its quick fix link.
  const squiggle = page.locator('.editor-group-container.active .squiggly-error').first();
  await squiggle.waitFor({ state: 'visible' });
  const box = await squiggle.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  const hoverText = await wb.until('the hover to show the error', async () => {
    const t = ((await hover.textContent({ timeout: 1_000 })) ?? '').replace(/\s+/g, ' ').trim();
    return t.includes('hgih') && /invalid-value/.test(t) && /Quick Fix/.test(t) ? t : undefined;
  });
  await shot('step-7-diagnostic.png');
  // Away with the mouse; the light bulb's menu from the keyboard: Ctrl+. and Enter.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden' });
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
  await menu.waitFor({ state: 'visible' });
  const fix = await wb.until('a focused quick fix', async () => (await menu.locator('.monaco-list-row.action.focused').textContent({ timeout: 1_000 }))?.trim());
  const offered = (await menu.locator('.monaco-list-row.action').allTextContents()).map((t) => t.trim());
  if (fix !== 'Change to high') throw new Error(`the quick fix menu offers ${JSON.stringify(offered)} with "${fix}" first, not "Change to high"`);
  await shot('step-7-quick-fix.png');
  await page.keyboard.press('Enter');
  const fixed = await wb.until(`the error count back to ${base.errors}`, async () => {
    const c = await wb.problemCounts(page);
    return c && c.errors === base.errors ? c : undefined;
  });
  await wb.until('the editor to read "urgency: high" again', async () => (await wb.visibleEditorText(page)).includes('urgency: high'));
  await page.keyboard.press('Control+S');
  await wb.until('PRB-0007.yaml to be saved', async () => !(await page.locator('.tab.dirty[data-resource-name="PRB-0007.yaml"]').count()));
  const message = hoverText.slice(0, hoverText.indexOf('kedb(') > 0 ? hoverText.indexOf('kedb(') : 80);
  return `status bar "${base.label}" -> "${broken.label}" after typing urgency: hgih (hover: ${message.trim()}) -> Ctrl+. "${fix}" -> "${fixed.label}"`;
}

// ---- step 8: the walkthrough's last step: KEDB table and report ---------------------------------

async function stepKedbTable({ page, state, shot, wb }) {
  const m = state.manifest;
  const tableCommand = m.pkg.contributes.commands.find((c) => /KEDB Table/i.test(m.localize(c.title, m.en) ?? '') && /^kedb\.open/.test(c.command));
  if (!tableCommand) throw new Error('no contributed command titled "…KEDB Table"');
  const tableTitle = m.commandTitle(tableCommand.command);
  const knownErrors = readdirSync(join(state.sample, 'known-errors')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
  await wb.runCommand(page, tableTitle);
  const frame = await wb.webviewFrame(page, 'table', 60_000);
  const rows = await wb.until(`the KEDB table to list the ${knownErrors.length} known errors`, async () => {
    const r = await frame.$$eval('table tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    return r.length === knownErrors.length && knownErrors.every((id) => r.some((t) => t.includes(id))) ? r : undefined;
  });
  await shot('step-8-kedb-table.png');
  // The report, from the palette (the walkthrough's last button runs the same command).
  await wb.runCommand(page, m.commandTitle('kedb.generateReport'));
  const reportDir = join(state.sample, 'reports');
  const files = await wb.until('the report files under reports/', async () => {
    const f = existsSync(reportDir) ? readdirSync(reportDir) : [];
    return f.some((x) => x.endsWith('.md')) && f.some((x) => x.endsWith('.html')) ? f : undefined;
  });
  const md = readFileSync(join(reportDir, files.find((x) => x.endsWith('.md'))), 'utf8');
  const missing = knownErrors.filter((id) => !md.includes(id));
  if (missing.length) throw new Error(`the report does not mention ${missing.join(', ')}`);
  // The HTML report draws its fishbones offline with the script the packaged extension ships.
  const report = await page.context().newPage();
  let drawn;
  try {
    await report.goto('file://' + join(reportDir, files.find((x) => x.endsWith('.html'))));
    await report.waitForSelector('body[data-state]', { timeout: 30_000 });
    if ((await report.getAttribute('body', 'data-state')) !== 'done') throw new Error(`the HTML report could not draw: ${await report.textContent('pre.error')}`);
    drawn = await report.$$eval('section.diagram', (els) => els.map((s) => s.querySelectorAll(':scope > svg').length));
  } finally {
    await report.close();
  }
  if (!drawn.length || drawn.some((n) => n !== 1)) throw new Error(`the HTML report drew ${drawn.filter((n) => n === 1).length} of ${drawn.length} fishbones`);
  return `"${tableTitle}" shows ${rows.length} rows, one per known error (${knownErrors[0]} … ${knownErrors.at(-1)}); "${m.commandTitle('kedb.generateReport')}" wrote reports/${files.join(', reports/')}, whose HTML draws its ${drawn.length} fishbones offline`;
}

// ---- step 9: Bahasa Indonesia ------------------------------------------------------------------

/**
 * The packaged runtime bundle's translations as patterns: each English key and its Indonesian text
 * with `{n}` matching any value, anchored at both ends. Keys whose fixed text is short (a lone
 * "{0}", "{0}: {1}") would match anything and are left out, as are translations equal to the key.
 */
function runtimePatterns(bundle) {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = (s) => new RegExp(`^${s.split(/\{\d+\}/).map(esc).join('[\\s\\S]*?')}$`);
  const out = [];
  for (const [en, v] of Object.entries(bundle ?? {})) {
    const id = typeof v === 'string' ? v : v?.message;
    if (!id || id === en || en.replace(/\{\d+\}/g, '').replace(/\W/g, '').length < 8) continue;
    out.push({ en, id, enRe: re(en), idRe: re(id) });
  }
  return out;
}

/** The KEDB diagnostics the Problems panel shows (tree mode): [{ message, code }]. */
async function problemsPanelMessages(page) {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) =>
    rows
      .map((r) => ({
        message: [...r.querySelectorAll('.marker-message')].map((m) => m.textContent ?? '').join('\n').trim(),
        source: (r.querySelector('.marker-source')?.textContent ?? '').trim(),
        code: (r.querySelector('.marker-code')?.textContent ?? '').trim(),
      }))
      .filter((x) => x.message && /kedb/.test(x.source)),
  );
}

async function stepIndonesian({ page, state, shot, wb }) {
  const m = state.manifest;
  if (!m.id) throw new Error('the .vsix has no package.nls.id.json (the Indonesian manifest strings; .vscodeignore needs !package.nls*.json)');
  const idTitle = m.commandTitle('kedb.detectCandidates', m.id, 'id');
  const enTitle = m.commandTitle('kedb.detectCandidates');
  if (idTitle === enTitle) throw new Error(`the Indonesian title of kedb.detectCandidates is the English one ("${idTitle}")`);
  // No Indonesian language pack is reachable offline, and without one VS Code keeps the display
  // language English and reads package.nls.json. A minimal pack (no translations of VS Code's own
  // strings) makes "Bahasa Indonesia" selectable; the user installs it and switches to it.
  const pack = await makeLanguagePack(join(state.work, 'language-pack'), 'id', 'Indonesian', 'Bahasa Indonesia');
  await wb.runCommand(page, 'Extensions: Install from VSIX...');
  await wb.enterPath(page, pack, 'Install');
  await wb.until('the language pack to be installed', async () => (await wb.notifications(page)).some((n) => /install/i.test(n) && /(complete|success)/i.test(n)), { timeoutMs: 60_000 }).catch(async (err) => {
    throw new Error(`${err.message}; notifications: ${JSON.stringify(await wb.notifications(page))}`);
  });
  await wb.runCommand(page, 'Configure Display Language');
  await wb.pickFromQuickInput(page, '', '', (r) => /Bahasa Indonesia/.test(r.label + r.aria), { what: 'Bahasa Indonesia' });
  const restart = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Restart$/ });
  await restart.waitFor({ state: 'visible' });
  await shot('step-9-restart.png');
  await restart.click();
  await wb.until('the workbench to reload in Indonesian', async () => (await page.evaluate(() => globalThis._VSCODE_NLS_LANGUAGE).catch(() => undefined)) === 'id', { timeoutMs: 90_000 });
  await wb.waitForWorkbench(page);
  await wb.until('the extension to be active again', async () => Boolean(await wb.statusBarEntry(page, 'kedb.status')), { timeoutMs: 60_000 });

  // The hard requirement: the palette lists the command under its Indonesian title (the label the
  // user reads, not only the English alias VS Code keeps for searching), and runs it.
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  await wb.pickFromQuickInput(page, wb.PALETTE_KEY, idTitle, (r) => norm(r.label) === idTitle, {
    what: `"${idTitle}" as the row's label`,
    beforeEnter: () => shot('step-9-palette.png'),
  });
  // The view, by its Indonesian name, ranks what the detector ranks now. The CLI asked in either
  // language: the view's labels may be translated while the CLI's JSON stays English, or not yet.
  const expected = [detectorCandidates(state)[0].label, detectorCandidates(state, 'id')[0].label];
  const candidatesView = m.pkg.contributes.views.kedb.find((v) => v.id === 'kedb.candidates').name;
  const viewName = m.localize(candidatesView, m.id);
  if (!viewName || viewName === m.localize(candidatesView, m.en)) throw new Error(`package.nls.id.json gives the candidates view no Indonesian name (${candidatesView})`);
  const rows = await wb.until(`the "${viewName}" view to list candidates`, async () => {
    const r = await wb.viewRows(page, viewName);
    return r.some((x) => /^1\. /.test(x.label)) ? r : undefined;
  });
  await shot('step-9-indonesian.png');
  const first = rows.find((x) => /^1\. /.test(x.label)).label;
  if (!expected.some((label) => first === `1. ${label}`)) throw new Error(`after "${idTitle}" the view ranks "${first}" first, the detector "${expected[0]}"`);

  // The runtime bundle: the Problems panel's KEDB messages against the packaged translations.
  // Which messages are translated changes as the translation goes on, so any translated message
  // will do; an English message whose translation is in the bundle means the bundle is not in use.
  const bundleText = m.read('l10n/bundle.l10n.id.json');
  const patterns = runtimePatterns(bundleText ? JSON.parse(bundleText) : {});
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').first().waitFor({ state: 'visible' });
  const messages = await wb.until('KEDB diagnostics in the Problems panel', async () => {
    const msgs = await problemsPanelMessages(page);
    return msgs.length ? msgs : undefined;
  }, { timeoutMs: 20_000 }).catch(() => []);
  await shot('step-9-problems.png');
  const indonesian = messages.filter((x) => patterns.some((p) => p.idRe.test(x.message)));
  const english = messages.filter((x) => !indonesian.includes(x)).map((x) => ({ ...x, p: patterns.find((p) => p.enRe.test(x.message)) })).filter((x) => x.p);
  let runtimeNote;
  if (indonesian.length) {
    runtimeNote = `the Problems panel shows ${indonesian.length} of ${messages.length} KEDB messages in Indonesian, e.g. "${indonesian[0].message.split('\n')[0]}"`;
    if (english.length) runtimeNote += `; ${english.length} still read as English`;
  } else if (english.length) {
    throw new Error(`the Problems panel shows "${english[0].message}" in English although the packaged l10n/bundle.l10n.id.json translates it ("${english[0].p.id}"): the extension does not use the Indonesian bundle`);
  } else {
    runtimeNote = messages.length
      ? `none of the ${messages.length} KEDB messages in the Problems panel has an Indonesian translation in the packaged bundle yet (${patterns.length} translated keys)`
      : 'no KEDB diagnostic in the Problems panel to compare';
  }
  // The panel away again (Ctrl+J hides it) before the walkthrough.
  await page.keyboard.press('Control+J');
  await page.locator('.part.panel').waitFor({ state: 'hidden' });

  // The walkthrough in Indonesian: its title, step titles and the first step's page (*.id.md).
  const walkthrough = m.pkg.contributes.walkthroughs?.find((w) => w.id === 'kedb.gettingStarted');
  if (!walkthrough || !/^%.+%$/.test(walkthrough.title)) throw new Error('the walkthrough title in package.json is not a %key%');
  const title = m.localize(walkthrough.title, m.id);
  const steps = walkthrough.steps.map((st) => m.localize(st.title, m.id));
  const missingKeys = [walkthrough.title, ...walkthrough.steps.map((st) => st.title)].filter((k, i) => (i === 0 ? title : steps[i - 1]) === undefined);
  if (missingKeys.length) throw new Error(`package.nls.id.json lacks the walkthrough strings ${missingKeys.join(', ')}`);
  await wb.runCommand(page, 'Welcome: Open Walkthrough...');
  await wb.pickFromQuickInput(page, '', '', (r) => r.label === title || r.aria.startsWith(title), { what: `the walkthrough "${title}"` });
  await wb.until('the walkthrough steps in Indonesian', async () => {
    const shown = (await page.locator('.gettingStartedContainer .getting-started-step .step-title').allTextContents()).map((t) => t.trim());
    return steps.every((t) => shown.includes(t));
  });
  // The open step (the first one not done yet) shows its page: the Indonesian copy (*.id.md).
  const open = await wb.until('an open walkthrough step', async () => {
    const t = (await page.locator('.gettingStartedContainer .getting-started-step.expanded .step-title').first().textContent({ timeout: 1_000 }))?.trim();
    return t && steps.includes(t) ? t : undefined;
  });
  const mediaPath = m.localize(walkthrough.steps[steps.indexOf(open)].media.markdown, m.id);
  const media = mediaPath && m.read(mediaPath);
  if (!media) throw new Error(`the Indonesian page of the walkthrough step "${open}" (${mediaPath}) is not in the .vsix`);
  const heading = /^#\s+(.+)$/m.exec(media)?.[1].trim();
  await wb.webviewWithText(page, 'h1', heading);
  await shot('step-9-walkthrough.png');
  return `switched the display language to Bahasa Indonesia (minimal language pack installed from VSIX); the palette lists and runs "${idTitle}"; "${viewName}" ranks "${first}" first; ${runtimeNote}; the walkthrough reads "${title}" with its ${steps.length} steps, and its open step the page "${heading}" (${mediaPath})`;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  info(`run broke: ${err.stack ?? err}`);
  process.stdout.write(`${results.filter((r) => r.ok === true).length} passed, ${results.filter((r) => r.ok === false).length + 1} failed\n`);
}
process.exit(code);
