/**
 * Foundation benchmark: how fast records are parsed, validated and loaded into a Workspace, on a
 * corpus of real incidents (the UCI ServiceNow final-state export, one record per incident), with
 * JSON.parse of the same data as the named upper-bound baseline.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseFast, parseRangedFile, Workspace } from '../src/core';
import { NodeFsHost } from '../src/node/fsHost';
import { ensureUciCorpus } from './corpus';
import { fmt, heading, median, percentile, row, timeRuns } from './stats';

export async function run(): Promise<void> {
  heading('Foundation: parse, validate, load (issue 2)');
  const corpus = await ensureUciCorpus();
  if (!corpus) return;
  const host = new NodeFsHost(corpus.dir);
  const files = host.listFiles().filter((f) => f.startsWith('incidents/'));
  const texts = files.map((f) => fs.readFileSync(path.join(corpus.dir, f), 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  row('corpus', `${files.length} files`, `${fmt(bytes / 1024 / 1024)} MB, ${corpus.source}`);
  const config = defaultConfig();

  // Upper bound: JSON.parse of the same records' values.
  const jsonTexts = texts.map((t) => JSON.stringify(parseRangedFile(t, config).records[0]?.value));
  const jsonTimes = await timeRuns(5, () => {
    for (const j of jsonTexts) JSON.parse(j);
  });
  const jsonRate = files.length / (median(jsonTimes) / 1000);
  row('baseline JSON.parse, records/s (median of 5)', fmt(jsonRate, 0));

  const rangedTimes = await timeRuns(3, () => {
    for (const t of texts) parseRangedFile(t, config);
  });
  const rangedRate = files.length / (median(rangedTimes) / 1000);
  row('ranged path (yaml + ajv + issues), records/s', fmt(rangedRate, 0), `ratio to JSON.parse ${fmt(rangedRate / jsonRate, 3)}`);

  const fastTimes = await timeRuns(5, () => {
    for (const t of texts) if (!parseFast(t, config)) parseRangedFile(t, config);
  });
  const fastRate = files.length / (median(fastTimes) / 1000);
  row('bulk path (js-yaml + ajv, ranged on issues), records/s', fmt(fastRate, 0), `ratio to JSON.parse ${fmt(fastRate / jsonRate, 3)}`);

  // One typical file, from text to issues, as the editor does it on each change.
  const single: number[] = [];
  const ws = await Workspace.load(host);
  const sample = files.filter((_, i) => i % 10 === 0);
  for (const f of sample.slice(0, 50)) ws.setFileText(f, ws.textOf(f)!); // warm-up
  for (const f of sample) {
    const text = ws.textOf(f)!;
    const t = performance.now();
    parseRangedFile(text, config);
    ws.issuesFor(f);
    single.push(performance.now() - t);
  }
  row('one record file, text to issues: median', `${fmt(median(single), 3)} ms`, `over ${sample.length} files`);
  row('one record file, text to issues: p95', `${fmt(percentile(single, 95), 3)} ms`, 'target <= 2 ms');

  const loadTimes = await timeRuns(3, () => Workspace.load(new NodeFsHost(corpus.dir)));
  row(`load ${files.length}-file workspace into Workspace (median of 3)`, `${fmt(median(loadTimes) / 1000, 2)} s`, 'target <= 3 s');

  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const held = await Workspace.load(new NodeFsHost(corpus.dir));
  globalThis.gc?.();
  const after = process.memoryUsage().heapUsed;
  row('heap held by the loaded index', `${fmt((after - before) / 1024 / 1024)} MB`, `${fmt((after - before) / held.recordCount / 1024, 2)} KB per record`);
  const issues = held.allIssues();
  row('issues in the corpus', String([...issues.values()].reduce((n, l) => n + l.length, 0)));
}
