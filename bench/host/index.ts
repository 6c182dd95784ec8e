// Runs inside a real VS Code extension host (through test/integration/runTests.mjs) on a large
// workspace: activation time, index build with event-loop stalls, memory, and the latency from an
// edit to its published diagnostics, debounce included. Figures go to KEDB_BENCH_OUT as JSON.
import * as fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { KedbApi } from '../../src/extension/extension';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

/** Resolves when the file's kedb diagnostics satisfy `ok`; rejects after `ms`. */
function diagnosticsWhen(uri: vscode.Uri, ok: (codes: string[]) => boolean, ms: number): Promise<void> {
  const codes = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kedb').map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
  return new Promise((resolve, reject) => {
    if (ok(codes())) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics of ${uri.toString()} not as expected after ${ms} ms: ${codes().join(',')}`));
    }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && ok(codes())) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<KedbApi>('kedb-studio.kedb-studio');
  if (!ext) throw new Error('extension not found');
  const api = await ext.activate();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  await api.index.ready;
  loop.disable();
  // The first build's duration is recorded once start() settles, just after `ready`.
  for (let i = 0; i < 100 && api.timings.firstIndexMs === undefined; i++) await new Promise((r) => setImmediate(r));
  const records = () => api.index.all().reduce((n, f) => n + [...f.ws.records()].length, 0);
  const result: Record<string, number> = {
    activateMs: api.timings.activateMs,
    firstIndexMs: api.timings.firstIndexMs ?? NaN,
    records: records(),
    indexMaxEventLoopDelayMs: loop.max / 1e6,
    indexP99EventLoopDelayMs: loop.percentile(99) / 1e6,
  };

  // A second full index build, watched the same way (the first may have started before the monitor).
  const loop2 = monitorEventLoopDelay({ resolution: 10 });
  const heapBefore = process.memoryUsage().heapUsed;
  loop2.enable();
  const t = performance.now();
  await api.index.reloadAll();
  result.reindexMs = performance.now() - t;
  loop2.disable();
  result.reindexMaxEventLoopDelayMs = loop2.max / 1e6;
  result.reindexP99EventLoopDelayMs = loop2.percentile(99) / 1e6;
  (globalThis as { gc?: () => void }).gc?.();
  result.heapUsedMB = process.memoryUsage().heapUsed / 1024 / 1024;
  result.heapDeltaReindexMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

  // Edit → diagnostics, debounce included: break a value, wait for its diagnostic, fix, wait for none.
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const [uri] = await vscode.workspace.findFiles('incidents/*.yaml', undefined, 1);
  const doc = await vscode.workspace.openTextDocument(uri ?? vscode.Uri.joinPath(folder, 'x.yaml'));
  const line = doc.getText().split('\n').findIndex((l) => l.startsWith('title: '));
  const latencies: number[] = [];
  // 30 edits by default; KEDB_BENCH_EDITS=200 for a p95 that no single slow edit decides.
  const edits = Number(process.env.KEDB_BENCH_EDITS) || 30;
  for (let i = 0; i < edits; i++) {
    const broken = i % 2 === 0;
    const edit = new vscode.WorkspaceEdit();
    if (broken) edit.insert(doc.uri, new vscode.Position(line, 0), 'urgencyy: high\n');
    else edit.delete(doc.uri, new vscode.Range(line, 0, line + 1, 0));
    const started = performance.now();
    const wait = diagnosticsWhen(doc.uri, (codes) => (broken ? codes.includes('unknown-property') : !codes.includes('unknown-property')), 5000);
    await vscode.workspace.applyEdit(edit);
    await wait;
    latencies.push(performance.now() - started);
  }
  result.editToDiagnosticsMedianMs = median(latencies);
  result.editToDiagnosticsP95Ms = p95(latencies);
  console.log(`bench result: ${JSON.stringify(result)}`);
  if (process.env.KEDB_BENCH_OUT) fs.writeFileSync(process.env.KEDB_BENCH_OUT, JSON.stringify(result, null, 2));
}
