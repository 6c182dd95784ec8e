import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport, isoWithOffset, reportHtml, reportMarkdown, Workspace } from '../core';
import { NodeFsHost } from '../node/fsHost';
import { t } from '../core/base';
import { standaloneScript } from './fishbone';
import { atMostOneFolder, noSuchFolder, option } from './output';

/** `kedb report --help`, in the current language. */
export function reportUsage(): string {
  return `${t('Usage:')} kedb report [DIR] [--out OUTDIR] [--no-diagrams]

${t(`Writes the problem-management report of the records under DIR (default: .) as Markdown and as a
standalone offline HTML page: field completeness against the checklist, repeated and non-repeated
categories, the top problem candidates, the problems and their states, each fishbone, and the KEDB.`)}

${option('  --out OUTDIR     ', t('where to write problem-management-report.md and .html (default: DIR/reports)'))}
${option('  --no-diagrams    ', t("leave Mermaid's drawing script out of the HTML (the fishbones stay as Mermaid text)"))}`;
}

export const REPORT_BASENAME = 'problem-management-report';

/** `kedb report`: 0 written, 2 bad usage. */
export async function runReport(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, 'no-diagrams': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    out(reportUsage());
    return 0;
  }
  if (positionals.length > 1) {
    err(atMostOneFolder('report'));
    return 2;
  }
  const dir = positionals[0] ?? '.';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    err(noSuchFolder('report', dir));
    return 2;
  }
  const ws = await Workspace.load(new NodeFsHost(dir));
  const data = buildReport(ws, isoWithOffset(new Date()));
  const outDir = values.out ?? path.join(dir, 'reports');
  fs.mkdirSync(outDir, { recursive: true });
  const script = values['no-diagrams'] ? undefined : standaloneScript();
  const md = path.join(outDir, `${REPORT_BASENAME}.md`);
  const html = path.join(outDir, `${REPORT_BASENAME}.html`);
  fs.writeFileSync(md, reportMarkdown(data));
  fs.writeFileSync(html, reportHtml(data, script ? { draw: { script, nonce: randomUUID() } } : {}));
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
  return 0;
}
