import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, exportKedb, kedbTable, Workspace, type ExportFormat } from '../core';
import { NodeFsHost } from '../node/fsHost';
import { t } from '../core/base';
import { atMostOneFolder, noSuchFolder, option } from './output';

/** `kedb kedb --help`, in the current language. */
export function kedbUsage(): string {
  return `${t('Usage:')} kedb kedb [DIR] [--format md|csv|html|json] [--out FILE]

${t(`Prints the Known Error Database of the records under DIR (default: .): one row per known error,
sorted by problem id, in the seed's columns Problem ID | Symptoms | Root Causes | Workaround |
Permanent Fix Status.`)}

${option('  --format md      ', t('a Markdown table (the default)'))}
${option('  --format csv     ', t("RFC 4180 CSV; cells a spreadsheet would read as formulas start with '"))}
${option('  --format html    ', t('a standalone page'))}
  --format json    [{id, problem, title, symptoms, root_causes, workaround,
                     permanent_fix: {status, description}}]
${option('  --out FILE       ', t('write to FILE instead of standard output'))}`;
}

/** `kedb kedb`: 0 printed, 2 bad usage. */
export async function runKedb(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'md' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    out(kedbUsage());
    return 0;
  }
  const format = values.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    err(t('kedb {0}: --format must be md, csv, html or json, not "{1}"', 'kedb', String(values.format)));
    return 2;
  }
  if (positionals.length > 1) {
    err(atMostOneFolder('kedb'));
    return 2;
  }
  const dir = positionals[0] ?? '.';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    err(noSuchFolder('kedb', dir));
    return 2;
  }
  const ws = await Workspace.load(new NodeFsHost(dir));
  const text = exportKedb(kedbTable(ws), format);
  if (values.out) {
    fs.writeFileSync(values.out, text);
    err(t('kedb {0}: wrote {1}', 'kedb', values.out));
  } else process.stdout.write(text);
  return 0;
}
