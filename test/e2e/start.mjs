#!/usr/bin/env node
// `npm start` as a user runs it, checked from the outside:
//   1 `npm start` prints a 127.0.0.1 URL within the wait (it builds, and installs code-server on a
//     machine that has none, so the wait is long)
//   2 the URL answers
//   3 in Chromium, the workbench opens samples/lab-02 with the extension active: its status bar item
//     counts the sample's records
//   4 Ctrl+C's signal (SIGINT to npm's process group) stops it, and no process of it is left behind:
//     not npm, not start.mjs, not code-server or anything it started
// The last line is `N passed, N failed`. CI (.ci/run) runs it after `npm test`.
//
//   npm run test:start
//
// Env: KEDB_START_TIMEOUT_MS   the wait for the URL, default 900000 (15 min: a cold code-server
//                              install takes 3 to 4 of them)
//      KEDB_CACHE_DIR          where code-server is cached (see scripts/vscode/README.md)

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, killGroup } from '../../scripts/vscode/code-server.mjs';
import { codeServerPaths } from '../../scripts/vscode/ensure-code-server.mjs';
import * as wb from './workbench.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sample = join(repoRoot, 'samples', 'lab-02');
const urlWaitMs = Number(process.env.KEDB_START_TIMEOUT_MS) || 15 * 60_000;
const info = (msg) => process.stderr.write(`[start-check] ${msg}\n`);

const results = [];
function report(ok, text) {
  process.stdout.write(`check ${results.length + 1} ${ok ? 'ok' : 'FAILED'}: ${text}\n`);
  results.push(ok);
}

/** Every live process as { pid, pgid, cmd }, read from /proc. */
function processes() {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The fields after the command's ")" : state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue; // a zombie has ended; its parent has not reaped it yet
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(name), pgid: Number(fields[2]), cmd });
    } catch {
      // gone while we looked
    }
  }
  return out;
}

/** The processes that belong to this `npm start`: its own group, and code-server's (started from the cache). */
function startedProcesses(npmGroup, cacheDir) {
  const groups = new Set([npmGroup]);
  const all = processes();
  for (const p of all) if (p.cmd.includes(cacheDir) && p.pid !== process.pid) groups.add(p.pgid);
  return all.filter((p) => groups.has(p.pgid) && p.pid !== process.pid);
}

function sampleRecordCount() {
  return ['incidents', 'problems', 'known-errors'].reduce((n, d) => n + readdirSync(join(sample, d)).filter((f) => /\.ya?ml$/.test(f)).length, 0);
}

async function main() {
  const cacheDir = dirname(codeServerPaths().dir);
  const work = mkdtempSync(join(tmpdir(), 'kedb-start-check-'));
  // As a user's terminal does: npm in a process group of its own, which Ctrl+C signals as a whole.
  const npm = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, KEDB_NO_LOCAL_CODE: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [npm.stdout, npm.stderr]) stream.on('data', (d) => (output += d));
  let exited;
  const exitPromise = new Promise((r) => npm.on('exit', (code, signal) => r((exited = { code, signal }))));
  let browser;
  const seen = new Map();
  try {
    const started = Date.now();
    const url = await wb.until(
      'npm start to print the workbench URL',
      () => {
        if (exited) throw new Error(`npm start exited (${JSON.stringify(exited)}) before printing a URL:\n${output.slice(-3000)}`);
        return /^\s*(http:\/\/127\.0\.0\.1:\d+\/\?\S+)$/m.exec(output)?.[1];
      },
      { timeoutMs: urlWaitMs, intervalMs: 250 },
    ).catch((err) => {
      report(false, err.message.includes('exited') ? err.message : `${err.message}; output so far:\n${output.slice(-3000)}`);
      return undefined;
    });
    if (!url) return;
    report(true, `npm start printed ${url.slice(0, 40)}… after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const folder = new URL(url).searchParams.get('folder');
    if (folder !== sample) throw new Error(`the URL opens ${folder}, not ${sample}`);

    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    const body = await res.text();
    if (!res.ok || !/<html/i.test(body)) throw new Error(`the URL answered ${res.status} with ${body.slice(0, 200)}`);
    report(true, `the URL answers ${res.status} with the workbench page (${body.length} bytes)`);

    for (const p of startedProcesses(npm.pid, cacheDir)) seen.set(p.pid, p);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: codeServerPaths().chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      env: { ...process.env, XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_CACHE_HOME: join(work, 'xdg-cache') },
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await wb.waitForWorkbench(page);
    const expected = sampleRecordCount();
    const status = await wb.until(
      'the KEDB status bar item to count the records',
      async () => {
        const s = await wb.statusBarEntry(page, 'kedb.status');
        return [s?.text, s?.aria].find((t) => t && /\d+ records/.test(t));
      },
      { timeoutMs: 90_000 },
    );
    const counted = Number(/(\d+) records/.exec(status)[1]);
    if (counted !== expected) throw new Error(`the status bar counts ${counted} records; samples/lab-02 has ${expected}`);
    await page.screenshot({ path: join(work, 'start.png') });
    report(true, `the workbench opened samples/lab-02 with the extension active: the status bar says "${status}"`);
    await browser.close();
    browser = undefined;

    for (const p of startedProcesses(npm.pid, cacheDir)) seen.set(p.pid, p);
    const codeServer = [...seen.values()].filter((p) => p.cmd.includes(cacheDir));
    if (codeServer.length === 0) throw new Error('no code-server process was found while it served the workbench');
    info(`sending SIGINT to npm start's process group (${seen.size} processes, ${codeServer.length} of code-server)`);
    killGroup(npm.pid, 'SIGINT');
    await wb.until('npm start to exit after SIGINT', () => exited, { timeoutMs: 30_000 });
    const left = await wb
      .until('every process of npm start to end', () => {
        const alive = processes().filter((p) => seen.has(p.pid) && seen.get(p.pid).cmd === p.cmd);
        return alive.length === 0 ? [] : undefined;
      }, { timeoutMs: 15_000 })
      .catch(() => processes().filter((p) => seen.has(p.pid) && seen.get(p.pid).cmd === p.cmd));
    if (left.length) throw new Error(`after SIGINT, ${left.length} process(es) were left: ${left.map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`).join('; ')}`);
    report(true, `SIGINT stopped npm start (${JSON.stringify(exited)}); none of its ${seen.size} processes is left`);
  } catch (err) {
    report(false, err.message.split('\n').join(' | '));
  } finally {
    await browser?.close().catch(() => {});
    // Whatever a failed check left running goes, so the next run starts clean.
    if (!exited) killGroup(npm.pid, 'SIGKILL');
    for (const p of [...startedProcesses(npm.pid, cacheDir), ...seen.values()]) killGroup(p.pgid, 'SIGKILL');
    await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 5_000))]);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
const passed = results.filter(Boolean).length;
const failed = results.length - passed + (results.length < 4 && results.every(Boolean) ? 1 : 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
