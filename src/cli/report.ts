import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReport, isoWithOffset, reportHtml, reportMarkdown } from '../core';
import { t } from '../core/base';
import { defineCommand, parseCommand, type Print } from './args';
import { standaloneScript } from './fishbone';
import { option } from './output';
import { loadWorkspace } from './progress';

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

export const REPORT = defineCommand({
  name: 'report',
  usage: reportUsage,
  options: { out: { type: 'string' }, 'no-diagrams': { type: 'boolean' }, quiet: { type: 'boolean' } },
  positionals: { kind: 'folder' },
});

/** `kedb report`: 0 written, 2 bad usage. */
export async function runReport(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(REPORT, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, dir } = parsed;
  const ws = await loadWorkspace(dir, values.quiet);
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
