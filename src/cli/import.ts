import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { delimiterName, formatImportReport, PRESET_NAMES, type SkipCode } from '../core/import';
import { t } from '../core/base';
import { importCsvFile, ImportSetupError } from '../node/importFile';
import { option } from './output';

/** `kedb import --help`, in the current language. */
export function importUsage(): string {
  return `${t('Usage:')} kedb import FILE.csv [--preset NAME] [--mapping MAP.yaml] [--out DIR] [--limit N] [--dry-run]

${t(`Turns helpdesk tickets into incident records, one YAML file per incident named after its id
(INC- and the ticket number, or the row number when the tickets have none).`)}

${option('  --preset NAME        ', t('{0} (default: detected from the header)', PRESET_NAMES.join(', ')))}
${option('  --mapping MAP.yaml   ', t('A mapping file naming the column of each incident field; it may start\nfrom a preset with `preset: NAME` and change some fields'))}
${option('  --out DIR            ', t('Folder for the records (default: ./incidents)'))}
${option('  --limit N            ', t('Import at most N incidents'))}
${option('  --dry-run            ', t('Report what would be imported, updated or skipped; write nothing'))}

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

${t('Exit codes: 0 done, 1 some rows could not be imported, 2 nothing imported (bad usage, file or mapping).')}`;
}

/** Skips that protect the user's work rather than report bad data: they do not fail the run. */
const PROTECTIVE: readonly SkipCode[] = ['edited', 'not-imported', 'other-dataset', 'other-file'];

function encodingName(enc: string): string {
  const names: Record<string, string> = { utf8: 'UTF-8', windows1252: 'Windows-1252', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE', latin1: 'ISO-8859-1' };
  return names[enc] ?? enc;
}

/** `kedb import`: returns the exit code. */
export async function runImport(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let values: { preset?: string; mapping?: string; out?: string; limit?: string; 'dry-run'?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        preset: { type: 'string' },
        mapping: { type: 'string' },
        out: { type: 'string' },
        limit: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    err(`kedb import: ${(e as Error).message}\n\n${importUsage()}`);
    return 2;
  }
  if (values.help) {
    out(importUsage());
    return 0;
  }
  if (positionals.length !== 1) {
    err(`${t('kedb {0}: give one CSV file', 'import')}\n\n${importUsage()}`);
    return 2;
  }
  if (values.preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(values.preset)) {
    err(t('kedb {0}: unknown preset "{1}"; presets: {2}', 'import', values.preset, PRESET_NAMES.join(', ')));
    return 2;
  }
  let limit: number | undefined;
  if (values.limit !== undefined) {
    if (!/^\d+$/.test(values.limit) || Number(values.limit) < 1) {
      err(t('kedb {0}: --limit must be a whole number of at least 1, not "{1}"', 'import', values.limit));
      return 2;
    }
    limit = Number(values.limit);
  }
  const csvPath = positionals[0];
  const outDir = values.out ?? 'incidents';
  try {
    const result = await importCsvFile({
      csvPath,
      outDir,
      preset: values.preset,
      mappingPath: values.mapping,
      limit,
      dryRun: values['dry-run'] === true,
    });
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
    if (result.createdConfig) out(t('Created {0} with the priority matrix the data follows.', result.createdConfig));
    for (const advice of result.advice) out(t('Note: {0}', advice));
    if (s.fatal) return 2;
    const bad = Object.entries(s.skippedByCode).some(([code, n]) => !PROTECTIVE.includes(code as SkipCode) && (n ?? 0) > 0);
    return bad ? 1 : 0;
  } catch (e) {
    if (e instanceof ImportSetupError) {
      err(`kedb import: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
