// Runs inside a real VS Code extension host (through test/integration/runTests.mjs) on a workspace
// that is NOT a KEDB workspace (bench/k8sCorpus.ts): opens one Kubernetes manifest so that the
// extension activates on `onLanguage:yaml`, then measures what it costs during activation and the
// first second after it, and again once its index says it is ready. Figures go to KEDB_BENCH_OUT
// as JSON (bench/activation.bench.ts reads them).
//
// Files read are counted two ways: what the index holds (`api.index.all()`), and every read of a
// workspace YAML file through node:fs in this process (readFileSync, readFile, promises.readFile,
// patched on the shared built-in module, which the extension's bundle reaches through getters).
// The second does not depend on the extension's API, so it stays right when the index changes.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { K8S_OPEN_FILE } from '../k8sCorpus';

/** What the benchmark reads of the extension's API; every part optional, so an API change gives NaN, not a crash. */
interface ApiView {
  timings?: { activateMs?: number; firstIndexMs?: number };
  index?: {
    ready?: Promise<void>;
    all?: () => Array<{ kedb?: boolean; ws?: { fileCount?: number; recordCount?: number; recordFiles?: () => string[] } }>;
  };
}

const WINDOW_MS = 1000;
const READY_TIMEOUT_MS = 180_000;
/** Linux clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on every mainstream kernel). */
const CLK_TCK = 100;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---- node:fs reads of workspace YAML files -------------------------------------------------

const reads = { calls: 0, paths: new Set<string>() };

function instrumentFs(root: string): void {
  // The built-in module object itself (an `import * as` binding is a copy with getters).
  const realFs = createRequire(__filename)('node:fs') as typeof fs;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const note = (p: unknown) => {
    const s = typeof p === 'string' ? p : p instanceof URL ? p.pathname : Buffer.isBuffer(p) ? p.toString() : undefined;
    if (s === undefined || !s.startsWith(prefix) || !/\.ya?ml$/i.test(s)) return;
    reads.calls++;
    reads.paths.add(s);
  };
  const wrap = <T extends object, K extends keyof T>(obj: T, key: K) => {
    const original = obj[key] as unknown as (...args: unknown[]) => unknown;
    (obj as Record<K, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
      note(args[0]);
      return original.apply(this, args);
    };
  };
  wrap(realFs, 'readFileSync');
  wrap(realFs, 'readFile');
  wrap(realFs.promises, 'readFile');
}

// ---- CPU of this process and of the rest of the VS Code server -----------------------------

/**
 * CPU (ms) outside this process's own threads, from one snapshot of /proc (utime+stime, plus
 * cutime+cstime for children already reaped): `children`, the processes the extension host starts
 * (ripgrep for a file search runs there); `server`, everything else under the extension host's
 * parent, code-server's server (its own search and watchers, the extension host's RPC peer). NaN
 * where /proc is absent.
 */
function otherCpuMs(): { children: number; server: number } {
  try {
    const parent = new Map<number, number>();
    const cpu = new Map<number, number>();
    let selfChildren = 0;
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
      const pid = Number(name);
      const tick = 1000 / CLK_TCK;
      parent.set(pid, Number(f[1]));
      cpu.set(pid, (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick);
      if (pid === process.pid) selfChildren = (Number(f[13]) + Number(f[14])) * tick;
    }
    let children = selfChildren;
    let server = 0;
    for (const [pid, ms] of cpu) {
      if (pid === process.pid) continue;
      for (let p: number | undefined = parent.get(pid); p !== undefined && p > 0; p = parent.get(p)) {
        if (p === process.pid) {
          children += ms;
          break;
        }
        if (p === process.ppid) {
          server += ms;
          break;
        }
      }
    }
    server += cpu.get(process.ppid) ?? NaN; // the server process itself
    return { children, server };
  } catch {
    return { children: NaN, server: NaN };
  }
}

function cpuMs(since?: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

// ---- the extension's view of the workspace --------------------------------------------------

function indexCounts(api: ApiView | undefined): { indexFiles: number; records: number; recordFiles: number; kedbFolders: number } {
  const folders = api?.index?.all?.();
  if (!folders) return { indexFiles: NaN, records: NaN, recordFiles: NaN, kedbFolders: NaN };
  let indexFiles = 0;
  let records = 0;
  let recordFiles = 0;
  let kedbFolders = 0;
  for (const f of folders) {
    indexFiles += f.ws?.fileCount ?? NaN;
    records += f.ws?.recordCount ?? NaN;
    recordFiles += f.ws?.recordFiles?.().length ?? NaN;
    if (f.kedb) kedbFolders++;
  }
  return { indexFiles, records, recordFiles, kedbFolders };
}

function kedbDiagnostics(): number {
  return vscode.languages.getDiagnostics().reduce((n, [, ds]) => n + ds.filter((d) => d.source === 'kedb').length, 0);
}

function loopFigures(h: IntervalHistogram, prefix: string): Record<string, number> {
  return { [`${prefix}MaxEventLoopDelayMs`]: h.max / 1e6, [`${prefix}P99EventLoopDelayMs`]: h.percentile(99) / 1e6, [`${prefix}MeanEventLoopDelayMs`]: h.mean / 1e6 };
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('kedb-studio.kedb-studio');
  if (!ext) throw new Error('extension not found');
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  instrumentFs(folder.uri.fsPath);

  const result: Record<string, number> = { activeBeforeOpen: ext.isActive ? 1 : 0, hostUptimeAtStartMs: process.uptime() * 1000 };
  // Warm-up: open a non-YAML file first, so that the editor's own first-open work and any built-in
  // extension activating on every language are paid before the window, not counted in it.
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'README.md')));
  await sleep(3000);

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  reads.calls = 0;
  reads.paths.clear();
  const window = monitorEventLoopDelay({ resolution: 10 });
  const untilReady = monitorEventLoopDelay({ resolution: 10 });
  const other0 = otherCpuMs();
  const cpu0 = process.cpuUsage();
  window.enable();
  untilReady.enable();
  const t0 = performance.now();

  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, K8S_OPEN_FILE)));
  while (!ext.isActive && performance.now() - t0 < 15_000) await sleep(2);
  const tActive = performance.now();
  result.activated = ext.isActive ? 1 : 0;
  result.openToActiveMs = ext.isActive ? tActive - t0 : NaN;
  const api = ext.isActive ? (ext.exports as ApiView | undefined) : undefined;
  result.activateMs = api?.timings?.activateMs ?? NaN;

  // (b) activation plus the first second after it.
  await sleep(Math.max(0, tActive + WINDOW_MS - performance.now()));
  const tWindow = performance.now();
  const cpuWindow = process.cpuUsage(cpu0);
  window.disable();
  result.windowMs = tWindow - t0;
  result.windowCpuMs = (cpuWindow.user + cpuWindow.system) / 1000;
  const probe = process.cpuUsage();
  const other1 = otherCpuMs();
  const probeMs = cpuMs(probe); // taken off the CPU until ready, as the collection below is
  result.windowChildCpuMs = other1.children - other0.children;
  result.windowServerCpuMs = other1.server - other0.server;
  Object.assign(result, loopFigures(window, 'window'));
  result.windowYamlReads = reads.calls;
  result.windowYamlFilesRead = reads.paths.size;
  const c1 = indexCounts(api);
  result.windowIndexFiles = c1.indexFiles;
  result.windowRecords = c1.records;
  // (c) the heap after that second: as it is, and after a full collection.
  result.windowHeapUsedMB = process.memoryUsage().heapUsed / 2 ** 20;
  const gcCpu = process.cpuUsage();
  gc();
  result.windowHeapAfterGcMB = process.memoryUsage().heapUsed / 2 ** 20;
  result.windowHeapGrowthMB = result.windowHeapAfterGcMB - heapBefore / 2 ** 20;
  const gcMs = cpuMs(gcCpu);

  // Then until the extension says its index is ready (at once when it reads nothing up front).
  let ready = false;
  const readyPromise = api?.index?.ready;
  if (readyPromise) {
    ready = await Promise.race([readyPromise.then(() => true), sleep(READY_TIMEOUT_MS).then(() => false)]);
    // The first build's duration is recorded once start() settles, just after `ready`.
    for (let i = 0; i < 100 && api?.timings?.firstIndexMs === undefined; i++) await new Promise((r) => setImmediate(r));
  }
  const tReady = performance.now();
  untilReady.disable();
  result.indexReady = ready ? 1 : 0;
  result.readyAfterActiveMs = ready ? tReady - tActive : NaN;
  result.firstIndexMs = api?.timings?.firstIndexMs ?? NaN;
  result.readyCpuMs = cpuMs(cpu0) - gcMs - probeMs;
  const other2 = otherCpuMs();
  result.readyChildCpuMs = other2.children - other0.children;
  result.readyServerCpuMs = other2.server - other0.server;
  Object.assign(result, loopFigures(untilReady, 'ready'));
  result.readyYamlReads = reads.calls;
  result.readyYamlFilesRead = reads.paths.size;
  const c2 = indexCounts(api);
  result.readyIndexFiles = c2.indexFiles;
  result.readyRecords = c2.records;
  result.readyRecordFiles = c2.recordFiles;
  result.readyKedbFolders = c2.kedbFolders;
  // Diagnostics are published after a debounce: give them a moment before counting.
  await sleep(1000);
  result.kedbDiagnostics = kedbDiagnostics();
  gc();
  result.readyHeapAfterGcMB = process.memoryUsage().heapUsed / 2 ** 20;
  result.heapBeforeOpenMB = heapBefore / 2 ** 20;
  result.workspaceYamlFiles = (await vscode.workspace.findFiles('**/*.{yaml,yml}')).length;

  console.log(`bench result: ${JSON.stringify(result)}`);
  if (process.env.KEDB_BENCH_OUT) fs.writeFileSync(process.env.KEDB_BENCH_OUT, JSON.stringify(result, null, 2));
}
