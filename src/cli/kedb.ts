import { EXPORT_FORMATS, exportKedb, kedbTable } from '../core';
import { loadReporting } from './progress';
import { EXIT_NOT_WRITTEN, safeWriteFile, WriteError, writeNotes } from '../node/safeWrite';
import { t } from '../core/base';
import { defineCommand, parseCommand, type Print } from './args';
import { option } from './output';

/** `kedb kedb --help`, in the current language. */
export function kedbUsage(): string {
  return `${t('Usage:')} kedb kedb [DIR] [--format md|csv|html|json] [--out FILE]

${t(`Prints the Known Error Database of the records under DIR (default: .): one row per known error,
sorted by problem id, in the columns Known Error ID | Problem ID | Title | Symptoms | Root Causes |
Workaround | Permanent Fix Status | Linked Incidents (the incidents linked to the known error or
its problem) | State (draft, published, or retired with its replacement).`)}

${option('  --format md      ', t('a Markdown table (the default)'))}
${option('  --format csv     ', t("RFC 4180 CSV; cells a spreadsheet would read as formulas start with '"))}
${option('  --format html    ', t('a standalone page'))}
  --format json    [{id, problem, title, symptoms, root_causes, workaround,
                     permanent_fix: {status, description}, linked_incidents,
                     state, replaced_by, retired_at}]
${option('  --out FILE       ', t('write to FILE instead of standard output'))}`;
}

export const KEDB = defineCommand({
  name: 'kedb',
  usage: kedbUsage,
  options: {
    format: { type: 'string', default: 'md', choices: EXPORT_FORMATS, invalid: (cmd, v) => t('kedb {0}: --format must be md, csv, html or json, not "{1}"', cmd, v) },
    out: { type: 'string' },
  },
  positionals: { kind: 'folder' },
});

/** `kedb kedb`: 0 printed, 1 printed but a file under DIR could not be read, 2 bad usage, 4 the --out file could not be written. */
export async function runKedb(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(KEDB, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, dir } = parsed;
  const { ws, unread } = await loadReporting(dir, 'kedb', err);
  const text = exportKedb(kedbTable(ws), values.format);
  if (values.out) {
    try {
      const result = safeWriteFile(values.out, text, { root: dir, explicit: true });
      for (const note of writeNotes(result, values.out)) err(`kedb kedb: ${note}`);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      err(`kedb kedb: ${e.message}`);
      return EXIT_NOT_WRITTEN;
    }
    err(t('kedb {0}: wrote {1}', 'kedb', values.out));
  } else process.stdout.write(text);
  return unread > 0 ? 1 : 0;
}
