import * as path from 'node:path';
import { delimiterName, formatImportReport, PRESET_NAMES, PRESETS, type ImportProgress, type PresetName, type SkipCode } from '../core/import';
import { t } from '../core/base';
import { importCsvFile, ImportSetupError, type ImportFileResult } from '../node/importFile';
import { EXIT_NOT_WRITTEN } from '../node/safeWrite';
import { defineCommand, parseCommand, type Print } from './args';
import { option } from './output';
import { progressBar } from './progress';

/** `kedb import --help`, in the current language. */
export function importUsage(): string {
  return `${t('Usage:')} kedb import FILE.csv [--preset NAME] [--mapping MAP.yaml] [--out DIR] [--limit N] [--dry-run] [--quiet]

${t(`Turns helpdesk tickets into incident records, one YAML file per incident named after its id
(INC- and the ticket number, or the row number when the tickets have none).`)}

${option('  --preset NAME        ', t('{0} (default: detected from the header)', PRESET_NAMES.join(', ')))}
${option('  --mapping MAP.yaml   ', t('A mapping file naming the column of each incident field; it may start\nfrom a preset with `preset: NAME` and change some fields'))}
${option('  --out DIR            ', t('Folder for the records (default: ./incidents; ./problems for a problem log such as vinst-problems)'))}
${option('  --limit N            ', t('Import at most N incidents'))}
${option('  --dry-run            ', t('Report what would be imported, updated or skipped; write nothing'))}
${option('  --quiet              ', t('draw no progress bar'))}

${t(`Running it again changes nothing; a newer export updates the fields that came from the source,
except in records edited since the import (source.hash tells), which are skipped.
Encoding (UTF-8, UTF-16 with a BOM, else Windows-1252) and separator (, ; or tab) are detected.`)}

${t('A mapping file, for an export no preset fits:')}
  dataset: helpdesk
  id: Number                      # HD-1001 → INC-1001 (or id: { row: true })
  timezone: "+07:00"              # ${t('for dates written without a zone (default Z, UTC)')}
  fields:
    title: Short description
    reported_at: { column: Opened, date: d/m/y }
    impact: { column: Impact, map: { "1 - High": high, "2 - Medium": medium, "3 - Low": low } }
    tags: { columns: [tag_1, tag_2, tag_3] }
    source.original_priority: Priority

${t('Exit codes: 0 done, 1 some rows could not be imported, 2 nothing imported (bad usage, file, mapping or --out), 4 some records could not be written.')}`;
}

/** Skips that protect the user's work rather than report bad data: they do not fail the run. */
const PROTECTIVE: readonly SkipCode[] = ['edited', 'not-imported', 'other-dataset', 'other-file'];

function encodingName(enc: string): string {
  const names: Record<string, string> = { utf8: 'UTF-8', windows1252: 'Windows-1252', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE', latin1: 'ISO-8859-1' };
  return names[enc] ?? enc;
}

/** `kedb import FILE.csv`: the file comes first, and is checked before the options. */
export const IMPORT = defineCommand({
  name: 'import',
  usage: importUsage,
  options: {
    preset: {
      type: 'string',
      choices: PRESET_NAMES,
      invalid: (cmd, v) => t('kedb {0}: unknown preset "{1}"; presets: {2}', cmd, v, PRESET_NAMES.join(', ')),
    },
    mapping: { type: 'string' },
    out: { type: 'string' },
    limit: {
      type: 'string',
      valid: (v) => /^\d+$/.test(v) && Number(v) >= 1,
      invalid: (cmd, v) => t('kedb {0}: --limit must be a whole number of at least 1, not "{1}"', cmd, v),
    },
    'dry-run': { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
  positionals: { kind: 'file', wrongCount: (cmd) => t('kedb {0}: give one CSV file', cmd) },
  usageOnParseError: true,
  positionalsFirst: true,
});

/** `kedb import`: returns the exit code. */
export async function runImport(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(IMPORT, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const csvPath = parsed.file;
  // A problem log's preset writes problem records, into ./problems by default.
  const outDir = values.out ?? (values.preset !== undefined && PRESETS[values.preset as PresetName].kind === 'problem' ? 'problems' : 'incidents');
  const bar = progressBar(t('Importing'), values.quiet);
  let result: ImportFileResult;
  try {
    result = await importCsvFile({
      csvPath,
      outDir,
      preset: values.preset,
      mappingPath: values.mapping,
      limit,
      dryRun: values['dry-run'] === true,
      ...(bar.active && {
        progressEvery: 100,
        // The bytes read make the bar; the rows so far are its text.
        onProgress: (p: ImportProgress) =>
          bar.update(p.bytesRead ?? 0, p.totalBytes ?? 0, t('{0} rows: {1} new, {2} updated, {3} skipped', p.rows.toLocaleString(), p.imported.toLocaleString(), p.updated.toLocaleString(), p.skipped.toLocaleString())),
      }),
    });
  } catch (e) {
    bar.stop();
    if (e instanceof ImportSetupError) {
      err(`kedb import: ${e.message}`);
      return 2;
    }
    throw e;
  }
  bar.stop();
  // Paths as the user gave them, so that `file:line` prefixes open from the same shell.
  const shownCsv = csvPath.split(path.sep).join('/');
  const shownOut = outDir.split(path.sep).join('/').replace(/\/+$/, '');
  const s = result.summary;
  const how = values.mapping
    ? result.preset
      ? t('mapping {0} on preset {1}', values.mapping, String(result.preset))
      : t('mapping {0}', values.mapping)
    : result.presetDetected
      ? t('preset {0}, detected from the header', String(result.preset))
      : t('preset {0}', String(result.preset));
  out(t('kedb import: {0} → {1}/ ({2}; {3}, separated by {4})', shownCsv, shownOut, how, encodingName(result.encoding), delimiterName(result.delimiter)));
  for (const line of formatImportReport(s, (n) => `${shownCsv}:${n}`)) out(line);
  if (result.createdConfig) out(result.createdConfig);
  if (result.configNotWritten) err(`kedb import: ${result.configNotWritten}`);
  for (const advice of result.advice) out(t('Note: {0}', advice));
  if (s.fatal) return 2;
  // Records that could not be written (a full disk, a file in the way) are each listed above.
  if ((s.skippedByCode['write-failed'] ?? 0) > 0) return EXIT_NOT_WRITTEN;
  const bad = Object.entries(s.skippedByCode).some(([code, n]) => !PROTECTIVE.includes(code as SkipCode) && (n ?? 0) > 0);
  return bad ? 1 : 0;
}
