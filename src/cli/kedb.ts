import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, exportKedb, kedbTable, Workspace, type ExportFormat } from '../core';
import { NodeFsHost } from '../node/fsHost';

export const KEDB_USAGE = `Usage: kedb kedb [DIR] [--format md|csv|html|json] [--out FILE]

Prints the Known Error Database of the records under DIR (default: .): one row per known error,
sorted by problem id, in the seed's columns Problem ID | Symptoms | Root Causes | Workaround |
Permanent Fix Status.

  --format md      a Markdown table (the default)
  --format csv     RFC 4180 CSV; cells a spreadsheet would read as formulas start with '
  --format html    a standalone page
  --format json    [{id, problem, title, symptoms, root_causes, workaround,
                     permanent_fix: {status, description}}]
  --out FILE       write to FILE instead of standard output`;

/** `kedb kedb`: 0 printed, 2 bad usage. */
export async function runKedb(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'md' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    out(KEDB_USAGE);
    return 0;
  }
  const format = values.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    err(`kedb kedb: --format must be md, csv, html or json, not "${values.format}"`);
    return 2;
  }
  if (positionals.length > 1) {
    err('kedb kedb: give at most one folder');
    return 2;
  }
  const dir = positionals[0] ?? '.';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    err(`kedb kedb: ${dir}: no such folder`);
    return 2;
  }
  const ws = await Workspace.load(new NodeFsHost(dir));
  const text = exportKedb(kedbTable(ws), format);
  if (values.out) {
    fs.writeFileSync(values.out, text);
    err(`kedb kedb: wrote ${values.out}`);
  } else process.stdout.write(text);
  return 0;
}
