import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { buildReport, computeStats, dayOfIso, isoWithOffset, recordedHistory, reportHtml, reportMarkdown } from '../core';
import { problemGitHistory } from '../node/gitHistory';
import { insightsSvg } from '../node/insightsSvg';
import { t } from '../core/base';
import { EXIT_NOT_WRITTEN, safeMakeFolder, safeWriteFile, WriteError, writeNotes } from '../node/safeWrite';
import { defineCommand, parseCommand, type Print } from './args';
import { standaloneScript } from './fishbone';
import { option } from './output';
import { loadReporting } from './progress';
import { readDismissals } from '../node/dismissals';

/** `kedb report --help`, in the current language. */
export function reportUsage(): string {
  return `${t('Usage:')} kedb report [DIR] [--out OUTDIR] [--no-diagrams] [--quiet]

${t(`Writes the problem-management report of the records under DIR (default: .) as Markdown and as a
standalone offline HTML page: field completeness against the checklist, repeated and non-repeated
categories, the top problem candidates, the problems and their states, each fishbone, and the KEDB.`)}

${option('  --out OUTDIR     ', t('where to write problem-management-report.md and .html (default: DIR/reports)'))}
${option('  --no-diagrams    ', t("leave Mermaid's drawing script out of the HTML (the fishbones stay as Mermaid text)"))}
${option('  --quiet          ', t('draw no progress bar'))}`;
}

export const REPORT_BASENAME = 'problem-management-report';
/** The folder beside the Markdown that holds its charts, one SVG file each. */
export const CHARTS_FOLDER = 'charts';

export const REPORT = defineCommand({
  name: 'report',
  usage: reportUsage,
  options: { out: { type: 'string' }, 'no-diagrams': { type: 'boolean' }, quiet: { type: 'boolean' } },
  positionals: { kind: 'folder' },
});

/** `kedb report`: 0 written, 2 bad usage, 4 a file could not be written. */
export async function runReport(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(REPORT, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, dir } = parsed;
  const { ws, unread } = await loadReporting(dir, 'report', err, values.quiet);
  const generated = new Date();
  const dismissals = readDismissals(dir);
  const data = buildReport(ws, isoWithOffset(generated), { dismissals });
  // The Insights charts as static SVG: inside the HTML, and as files beside the Markdown (charts/).
  const needGit = [...ws.records('problem')].filter((p) => p.id !== undefined && !recordedHistory(p.value)?.changes.length).map((p) => ({ id: p.id!, file: p.file }));
  const charts = insightsSvg(computeStats(ws, { now: dayOfIso(isoWithOffset(generated)), git: needGit.length ? problemGitHistory(dir, needGit) : undefined, dismissals }));
  const outDir = values.out ?? path.join(dir, 'reports');
  // --out is the user's own path: outside DIR a link at a file is replaced, never written through.
  const explicit = values.out !== undefined;
  try {
    safeMakeFolder(outDir, { root: dir, explicit });
    if (charts.some((c) => c.svg)) safeMakeFolder(path.join(outDir, CHARTS_FOLDER), { root: dir, explicit });
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    err(`kedb report: ${e.message}`);
    return EXIT_NOT_WRITTEN;
  }
  const script = values['no-diagrams'] ? undefined : standaloneScript();
  const md = path.join(outDir, `${REPORT_BASENAME}.md`);
  const html = path.join(outDir, `${REPORT_BASENAME}.html`);
  const wrote: string[] = [];
  let failed = 0;
  const chartFiles = charts.map((c) => (c.svg ? `${CHARTS_FOLDER}/${c.id}.svg` : undefined));
  for (const [file, content] of [
    [md, reportMarkdown(data, { charts: charts.map((c, i) => ({ title: c.title, file: chartFiles[i], empty: c.empty })) })],
    [html, reportHtml(data, { charts, ...(script ? { draw: { script, nonce: randomUUID() } } : {}) })],
    ...charts.flatMap((c, i) => (c.file ? [[path.join(outDir, ...chartFiles[i]!.split('/')), c.file]] : [])),
  ]) {
    try {
      const result = safeWriteFile(file, content, { root: dir, explicit });
      for (const note of writeNotes(result, file)) err(`kedb report: ${note}`);
      // The charts are named by the Markdown that shows them; the list names the report's two files.
      if (file === md || file === html) wrote.push(file);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      err(`kedb report: ${e.message}`);
      failed++;
    }
  }
  if (failed > 0) {
    for (const file of wrote) err(t('kedb {0}: wrote {1}', 'report', file));
    return EXIT_NOT_WRITTEN;
  }
  out(
    t(
      'Wrote {0} and {1}: {2} incidents, {3} categories, {4} candidates, {5} problems, {6} fishbones, {7} known errors.',
      md,
      html,
      data.totals.incidents,
      data.categories.length,
      data.candidates.length,
      data.problems.length,
      data.fishbones.length,
      data.kedb.length,
    ),
  );
  return unread > 0 ? 1 : 0;
}
