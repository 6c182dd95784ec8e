// Helpers shared by code-electron-shim.mjs and start.mjs: start code-server on loopback in its own
// process group, wait until it is healthy, build workbench URLs, stop it again.

import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const HEALTH_TIMEOUT_MS = 90_000;

/** A port that was free a moment ago (the kernel picks it; there is a tiny reuse race). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** vscode-remote URI for an absolute path on the code-server host. */
export function remoteUri(authority, absPath) {
  return `vscode-remote://${authority}${absPath.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Start code-server detached (own process group) with throw-away XDG dirs under workDir; its
 * output goes to workDir/code-server.log. Returns { child, port, logFile, stop(), exited(),
 * exitPromise }; stop() kills the whole group (TERM, then KILL after 5 s) and waits for it.
 */
export async function startCodeServer({
  codeServerBin,
  port,
  folder,
  userDataDir,
  extensionsDir,
  workDir,
  smokeTestDriver = true,
}) {
  const xdgConfig = join(workDir, 'xdg-config');
  const xdgData = join(workDir, 'xdg-data');
  const xdgCache = join(workDir, 'xdg-cache');
  for (const d of [xdgConfig, xdgData, xdgCache, userDataDir, extensionsDir]) mkdirSync(d, { recursive: true });
  const logFile = join(workDir, 'code-server.log');
  const logFd = openSync(logFile, 'a');

  const env = { ...process.env, XDG_CONFIG_HOME: xdgConfig, XDG_DATA_HOME: xdgData, XDG_CACHE_HOME: xdgCache };
  // When launched from a VS Code terminal these would make code-server talk to that VS Code.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_IPC_HOOK') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];

  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  // Makes the workbench honour `payload` entries (extensionDevelopmentPath, extensionTestsPath)
  // and call window.codeAutomationLog / codeAutomationExit.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (folder) args.push(folder);

  // detached => own process group, so the server and everything it forks die together.
  const child = spawn(codeServerBin, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exited = null;
  const exitPromise = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));
  child.on('error', (err) => {
    exited ??= { code: null, signal: null, error: err };
  });

  const stop = async () => {
    if (child.pid === undefined) return;
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
    await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 6_000))]);
    clearTimeout(timer);
    // The main process may have exited while children (extension host, ...) linger: kill the
    // group and wait until it is really gone, so callers can delete the dirs it was writing to.
    killGroup(child.pid, 'SIGKILL');
    const deadline = Date.now() + 3_000;
    while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  };

  return { child, port, logFile, stop, exited: () => exited, exitPromise };
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

/** Poll /healthz until it answers 200, the server exits, or the timeout passes. */
export async function waitForHealthz(server, timeoutMs = HEALTH_TIMEOUT_MS) {
  const url = `http://127.0.0.1:${server.port}/healthz`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exited()) throw new Error(`code-server exited before it was ready (${JSON.stringify(server.exited())})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

export function logTail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The URL that opens `folder` with the given payload entries (array of [key, value]). */
export function workbenchUrl(port, folder, payload) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${params}`;
}

// Flags verified on this machine: without the background-networking ones, chromium keeps
// trying (and failing) to reach Google's hosts on the closed network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
