#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
//
// runTests spawns the executable with Electron-style arguments. This machine cannot download
// VS Code, so instead we:
//   1. start code-server (VS Code 1.139 server, see ensure-code-server.mjs) on a free loopback port,
//      in its own process group, with the smoke-test driver enabled;
//   2. open the workbench in headless Debian chromium through playwright-core, passing the
//      extension under development and the test entry point in the URL's `payload`;
//   3. stream what the page reports through window.codeAutomationLog to stdout and exit with the
//      code it reports through window.codeAutomationExit (0 pass, non-zero fail).
//
// Understood arguments: --extensionDevelopmentPath=P (repeatable), --extensionTestsPath=P,
// --user-data-dir=D, --extensions-dir=D and one folder to open. Anything else starting with "-"
// (--no-sandbox, --disable-extensions, --disable-gpu-sandbox, ...) is accepted and ignored.
//
// Env: KEDB_VSCODE_TIMEOUT_MS  overall limit, default 600000 (10 min); then everything is killed, exit 1
//      KEDB_SHIM_VERBOSE=1     also print code-server's log and the browser console

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CHROMIUM_ARGS,
  freePort,
  killGroup,
  logTail,
  remoteUri,
  startCodeServer,
  waitForHealthz,
  workbenchUrl,
} from './code-server.mjs';
import { ensureCodeServer } from './ensure-code-server.mjs';

const TAG = '[code-shim]';
const info = (msg) => process.stderr.write(`${TAG} ${msg}\n`);
const verbose = process.env.KEDB_SHIM_VERBOSE === '1';
const overallTimeoutMs = Number(process.env.KEDB_VSCODE_TIMEOUT_MS) || 10 * 60_000;

// Flags that take a value; both "--flag=value" and "--flag value" are accepted.
const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);

function parseArgs(argv) {
  const out = {
    extensionDevelopmentPaths: [],
    extensionTestsPath: undefined,
    userDataDir: undefined,
    extensionsDir: undefined,
    folder: undefined,
    ignored: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-')) {
      if (out.folder === undefined) out.folder = resolve(arg);
      else out.ignored.push(arg);
      continue;
    }
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    const name = m?.[1];
    if (!name || !VALUE_FLAGS.has(name)) {
      out.ignored.push(arg);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    switch (name) {
      case 'extensionDevelopmentPath':
        out.extensionDevelopmentPaths.push(resolve(value));
        break;
      case 'extensionTestsPath':
        out.extensionTestsPath = resolve(value);
        break;
      case 'user-data-dir':
        out.userDataDir = resolve(value);
        break;
      case 'extensions-dir':
        out.extensionsDir = resolve(value);
        break;
    }
  }
  return out;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    info(err.message);
    return 2;
  }
  if (!opts.extensionTestsPath) {
    info('missing --extensionTestsPath: this shim only runs extension tests (use scripts/vscode/start.mjs to open VS Code)');
    return 2;
  }
  if (verbose && opts.ignored.length) info(`ignoring: ${opts.ignored.join(' ')}`);

  const workDir = mkdtempSync(join(tmpdir(), 'kedb-vscode-'));
  let server;
  let browser;
  let interrupted; // exit code to use once a signal asked us to stop
  // Memoized: the signal handler and main's `finally` may both call it, and both must wait for
  // the one cleanup to finish before exiting.
  let cleaning;
  const cleanup = () =>
    (cleaning ??= (async () => {
      // Browser first (it holds websockets to the server), each step bounded so it cannot hang.
      await Promise.race([browser?.close().catch(() => {}), new Promise((r) => setTimeout(r, 5_000))]);
      await server?.stop();
      try {
        rmSync(workDir, { recursive: true, force: true, maxRetries: 5 });
      } catch (err) {
        info(`could not remove ${workDir}: ${err.message}`);
      }
    })());
  // Last resort if something exits the process without going through cleanup().
  process.on('exit', () => server?.child.pid && killGroup(server.child.pid, 'SIGKILL'));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      info(`${sig}: shutting down`);
      interrupted = sig === 'SIGINT' ? 130 : 143;
      cleanup().finally(() => process.exit(interrupted));
    });
  }

  const overall = new Promise((_, reject) => {
    const t = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`overall timeout of ${overallTimeoutMs / 1000} s reached (KEDB_VSCODE_TIMEOUT_MS)`), {
            showLog: true,
          }),
        ),
      overallTimeoutMs,
    );
    t.unref();
  });

  const runAll = async () => {
    const t0 = Date.now();
    const paths = await ensureCodeServer();
    const port = await freePort();
    server = await startCodeServer({
      codeServerBin: paths.codeServerBin,
      port,
      folder: opts.folder,
      userDataDir: opts.userDataDir ?? join(workDir, 'user-data'),
      extensionsDir: opts.extensionsDir ?? join(workDir, 'extensions'),
      workDir,
    });
    if (verbose) info(`code-server log: ${server.logFile}`);
    try {
      await waitForHealthz(server);
    } catch (err) {
      throw Object.assign(err, { showLog: true });
    }
    info(`code-server ready on 127.0.0.1:${port} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: paths.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      // Otherwise chromium's crash handler writes ~/.config/chromium/Crash Reports.
      env: { ...process.env, XDG_CONFIG_HOME: join(workDir, 'xdg-config'), XDG_CACHE_HOME: join(workDir, 'xdg-cache') },
      // Playwright's own signal handlers would process.exit() before our cleanup finishes.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    // The overall timeout may have run cleanup() while chromium was starting.
    if (cleaning) await browser.close().catch(() => {});
    const page = await browser.newPage();

    let resolveExit;
    const exitCode = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map(formatLogArg).join(' ');
      if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      (type === 'error' ? process.stderr : process.stdout).write(text + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number.isInteger(code) ? code : 1));
    page.on('pageerror', (err) => verbose && info(`page error: ${err.message}`));
    page.on('console', (msg) => verbose && info(`browser console [${msg.type()}]: ${msg.text()}`));
    const pageGone = new Promise((_, reject) => {
      page.on('crash', () => reject(Object.assign(new Error('the workbench page crashed'), { showLog: true })));
      page.on('close', () =>
        reject(Object.assign(new Error('the workbench page closed before the tests finished'), { showLog: true })),
      );
    });
    const serverGone = server.exitPromise.then((e) => {
      throw Object.assign(new Error(`code-server exited during the run (${JSON.stringify(e)})`), { showLog: true });
    });
    // Both may reject before the race below is reached (e.g. cleanup after the overall timeout
    // closes the page during goto); mark them handled so Node does not crash on them.
    pageGone.catch(() => {});
    serverGone.catch(() => {});

    const authority = `127.0.0.1:${port}`;
    const payload = [
      ...opts.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remoteUri(authority, p)]),
      ['extensionTestsPath', remoteUri(authority, opts.extensionTestsPath)],
    ];
    const url = workbenchUrl(port, opts.folder, payload);
    if (verbose) info(`opening ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const code = await Promise.race([exitCode, pageGone, serverGone]);
    info(`tests finished with exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return code;
  };

  try {
    return await Promise.race([runAll(), overall]);
  } catch (err) {
    // Closing the browser on a signal makes the run fail with "page closed": not worth reporting.
    if (interrupted) return interrupted;
    info(`FAILED: ${err.message}`);
    if (server && err.showLog) {
      info(`last lines of the code-server log (${server.logFile}):\n${logTail(server.logFile)}`);
    }
    return 1;
  } finally {
    if (verbose && server) info(`code-server log:\n${logTail(server.logFile, 200)}`);
    await cleanup();
  }
}

// codeAutomationLog carries the whole workbench log, not only the extension host's console
// (all as type "info"/"error", nothing tells them apart), so drop the workbench's known chatter
// on this offline machine. KEDB_SHIM_VERBOSE=1 shows everything.
const WORKBENCH_NOISE = [
  /^\[AgentHost/,
  /^\[ChatModelSelection\]/,
  /^\[AccountPolicyGate\]/,
  /^\[reconnection-grace-time\]/,
  /^\[Service Worker\]/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(renderer-/,
  /^Updating additional builtin extensions cache/,
  /ENOTFOUND (open-vsx\.org|marketplace\.visualstudio\.com)/,
  /^Canceled: Canceled/, // the workbench disposing the extension host after codeAutomationExit
];

// codeAutomationLog receives the workbench's log arguments: strings, sometimes objects.
function formatLogArg(a) {
  if (typeof a === 'string') return a;
  try {
    return JSON.stringify(a);
  } catch {
    return String(a);
  }
}

process.exit(await main());
