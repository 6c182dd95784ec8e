#!/usr/bin/env node
// `npm start`: open samples/lab-02 in VS Code with this repo's extension loaded for development.
//
// - If a local `code` command is on PATH: code --extensionDevelopmentPath=<repo> samples/lab-02
// - Otherwise (e.g. this offline machine): ensure code-server (ensure-code-server.mjs), serve
//   VS Code on 127.0.0.1 (port from KEDB_PORT, else a free one) and print the URL to open; the URL's
//   payload loads the extension under development. Stays in the foreground until Ctrl+C, then
//   kills code-server's whole process group.
//
// Env: KEDB_PORT          port for code-server
//      KEDB_NO_LOCAL_CODE=1  ignore a local `code` and use code-server anyway
// The extension is loaded from dist/extension.js: build first (npm run build).

import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, logTail, remoteUri, startCodeServer, waitForHealthz, workbenchUrl } from './code-server.mjs';
import { codeServerPaths, ensureCodeServer } from './ensure-code-server.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const info = (msg) => process.stderr.write(`[start] ${msg}\n`);

function findOnPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, cmd);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function workspaceFolder() {
  const sample = join(repoRoot, 'samples', 'lab-02');
  if (existsSync(sample)) return sample;
  info(`${sample} does not exist yet; opening the repository root instead`);
  return repoRoot;
}

async function withLocalCode(code, folder) {
  info(`using ${code}`);
  const child = spawn(code, [`--extensionDevelopmentPath=${repoRoot}`, folder], { stdio: 'inherit' });
  return new Promise((r) => child.on('exit', (c) => r(c ?? 1)));
}

async function withCodeServer(folder) {
  const paths = await ensureCodeServer();
  const port = Number(process.env.KEDB_PORT) || (await freePort());
  const workDir = mkdtempSync(join(tmpdir(), 'kedb-start-'));
  // Keep the profile between runs (settings, opened editors), next to the cached install.
  const profile = join(dirname(codeServerPaths().dir), 'start-profile');
  const server = await startCodeServer({
    codeServerBin: paths.codeServerBin,
    port,
    folder,
    userDataDir: join(profile, 'user-data'),
    extensionsDir: join(profile, 'extensions'),
    workDir,
  });

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
    process.exit(code);
  };
  process.on('SIGINT', () => {
    info('stopping code-server');
    stop(0);
  });
  process.on('SIGTERM', () => stop(0));
  process.on('SIGHUP', () => stop(0));

  try {
    await waitForHealthz(server);
  } catch (err) {
    info(`code-server failed to start: ${err.message}\nlast lines of ${server.logFile}:\n${logTail(server.logFile)}`);
    return stop(1);
  }

  const url = workbenchUrl(port, folder, [['extensionDevelopmentPath', remoteUri(`127.0.0.1:${port}`, repoRoot)]]);
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
    info('warning: dist/extension.js is missing; run `npm run build` so the extension can load');
  }
  process.stdout.write(
    `\nVS Code (code-server) is serving ${folder}\n` +
      `Open this URL in a browser on this machine:\n\n  ${url}\n\n` +
      `Log: ${server.logFile}\nPress Ctrl+C to stop.\n`,
  );

  const exited = await server.exitPromise;
  if (!stopping) {
    info(`code-server exited unexpectedly (${JSON.stringify(exited)}); last lines of its log:\n${logTail(server.logFile)}`);
    return stop(1);
  }
}

const folder = workspaceFolder();
const code = process.env.KEDB_NO_LOCAL_CODE === '1' ? undefined : findOnPath('code');
try {
  if (code) process.exitCode = await withLocalCode(code, folder);
  else await withCodeServer(folder);
} catch (err) {
  info(`FAILED: ${err?.message ?? err}`);
  process.exitCode = 1;
}
