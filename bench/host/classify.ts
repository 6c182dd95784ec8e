// In-host part of bench/classifyEditor.bench.ts: KEDB: Classify Priority on a whole workspace of
// imported tickets, in code-server, timed from the command to its result (no confirmation asked).
// Figures go to KEDB_BENCH_OUT as JSON.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { KedbApi } from '../../src/extension/extension';
import type { ClassifyResult } from '../../src/extension/priority/register';

export async function run(): Promise<void> {
  const api = await vscode.extensions.getExtension<KedbApi>('kedb-studio.kedb-studio')!.activate();
  await api.index.ready;
  const times: number[] = [];
  let last: ClassifyResult | undefined;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    last = await vscode.commands.executeCommand<ClassifyResult>('kedb.classifyPriority', undefined, undefined, { scope: 'workspace', confirm: false });
    times.push(performance.now() - t0);
  }
  const result = { records: api.index.all()[0]?.ws.recordCount ?? 0, times, lacking: last?.lacking.records ?? -1 };
  console.log(`bench result: ${JSON.stringify(result)}`);
  if (process.env.KEDB_BENCH_OUT) fs.writeFileSync(process.env.KEDB_BENCH_OUT, JSON.stringify(result));
}
