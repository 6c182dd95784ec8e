/**
 * One call to import a CSV file into a folder of records: the CLI's `kedb import`, the benchmark
 * and the VS Code command all go through here. Setup problems (a bad mapping file, an unknown
 * preset, a header no preset fits) throw `ImportSetupError`; problems with the data end up in the
 * summary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { t } from '../core/base';
import { CONFIG_FILE, defaultConfig, RECORD_FOLDERS, resolveConfig, type KedbConfig } from '../core';
import {
  configCreatedMessage,
  detectPreset,
  importedConfigText,
  importIncidents,
  matrixAdvice,
  sourcesAdvice,
  parseMappingText,
  PRESET_NAMES,
  PRESETS,
  resolveMapping,
  type ImportOptions,
  type ImportSummary,
  type MappingSpec,
} from '../core/import';
import { openCsvFile, type CsvFile } from './csvSource';
import { RecordFolder } from './recordFolder';
import { folderProblem, safeWriteFile, WriteError } from './safeWrite';

export class ImportSetupError extends Error {}

/** A path as shown to the user: relative to the current folder when inside it. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/** The run options the core importer takes as they are: limit, dry run, cancellation, progress. */
type PassedOn = Pick<ImportOptions, 'limit' | 'dryRun' | 'signal' | 'isCancelled' | 'onProgress' | 'progressEvery'>;

export interface ImportFileOptions extends PassedOn {
  csvPath: string;
  /** The folder the records go to (created on the first write). */
  outDir: string;
  /** A preset name; without it and without a mapping, the preset is detected from the header. */
  preset?: string;
  /** A mapping file (YAML); it may itself start from a preset with `preset:`. */
  mappingPath?: string;
  /** The id prefix; default: the nearest kedb.config.yaml's for the kind the mapping writes, else `INC` (`PRB` for problems). */
  idPrefix?: string;
}

export interface ImportFileResult {
  summary: ImportSummary;
  /** The preset used (given, named by the mapping, or detected). */
  preset?: string;
  presetDetected: boolean;
  encoding: string;
  delimiter: string;
  idPrefix: string;
  outDir: string;
  /** What to set in the workspace so that its checks agree with the data (see `matrixAdvice`). */
  advice: string[];
  /** When this import created kedb.config.yaml for a new workspace: the sentence that says where, and what it sets. */
  createdConfig?: string;
  /** Why the kedb.config.yaml for a new workspace could not be written (one line), if it could not. */
  configNotWritten?: string;
}

/**
 * The configuration of the workspace the records go to: the first kedb.config.yaml found in `dir`
 * or a folder above it. Without one, the defaults, and the file where one would go: beside `dir`
 * when `dir` is a record folder such as `incidents/`, else in `dir`.
 */
export function workspaceConfigFor(dir: string): { config: KedbConfig; file: string; exists: boolean } {
  const start = path.resolve(dir);
  for (let at = start; ; ) {
    const file = path.join(at, CONFIG_FILE);
    if (fs.existsSync(file)) {
      let raw: unknown;
      try {
        raw = load(fs.readFileSync(file, 'utf8'), { schema: CORE_SCHEMA });
      } catch {
        raw = undefined; // kedb validate reports a broken config; the import goes on with defaults
      }
      return { config: resolveConfig(raw), file, exists: true };
    }
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  const root = path.basename(start) in RECORD_FOLDERS ? path.dirname(start) : start;
  return { config: defaultConfig(), file: path.join(root, CONFIG_FILE), exists: false };
}

/** The header row of an opened CSV file, trimmed; undefined when the file has none. */
async function headerOf(csv: CsvFile): Promise<string[] | undefined> {
  const it = csv[Symbol.asyncIterator]();
  try {
    const first = await it.next();
    return !first.done && first.value.type === 'row' ? first.value.fields.map((f) => f.trim()) : undefined;
  } finally {
    await it.return?.();
  }
}

/** Reads the header row only, e.g. to offer the detected preset in a picker. */
export async function readCsvHeader(csvPath: string): Promise<string[] | undefined> {
  return headerOf(openCsvFile(csvPath));
}

function loadMappingFile(file: string): MappingSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ImportSetupError(t('cannot read mapping file {0}: {1}', file, (e as Error).message));
  }
  const parsed = parseMappingText(text);
  if (!parsed.ok) {
    throw new ImportSetupError(
      (parsed.problems.length === 1 ? t('mapping file {0} has a problem:', file) : t('mapping file {0} has {1} problems:', file, parsed.problems.length)) +
        '\n' +
        parsed.problems.map((p) => `${file}:${p.line ?? 1}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'),
    );
  }
  return parsed.spec;
}

export async function importCsvFile(options: ImportFileOptions): Promise<ImportFileResult> {
  const { csvPath } = options;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(csvPath);
  } catch {
    throw new ImportSetupError(t('{0}: no such file', csvPath));
  }
  if (!stat.isFile()) throw new ImportSetupError(t('{0} is not a file', csvPath));

  let spec: MappingSpec = {};
  if (options.mappingPath) spec = loadMappingFile(options.mappingPath);
  if (spec.preset === undefined && options.preset !== undefined) spec = { ...spec, preset: options.preset };

  let csv: CsvFile;
  try {
    csv = openCsvFile(csvPath, { encoding: spec.encoding, delimiter: spec.delimiter });
  } catch (e) {
    throw new ImportSetupError(`${csvPath}: ${(e as Error).message}`);
  }
  let presetDetected = false;
  if (spec.preset === undefined && !options.mappingPath) {
    const header = (await headerOf(csv)) ?? [];
    const detected = header.length ? detectPreset(header) : undefined;
    if (!detected && header.length) {
      throw new ImportSetupError(
        t(
          'no preset fits the header of {0} ({1}); give --preset ({2}) or a --mapping file',
          path.basename(csvPath),
          header.slice(0, 12).join(', ') + (header.length > 12 ? ', …' : ''),
          PRESET_NAMES.join(', '),
        ),
      );
    }
    // An empty file has no header: any preset lets the importer say that it is empty.
    spec = { ...spec, preset: detected ?? PRESET_NAMES[0] };
    presetDetected = detected !== undefined;
  }
  const resolved = resolveMapping(spec, PRESETS);
  if (!resolved.ok) throw new ImportSetupError(resolved.message);
  const workspace = workspaceConfigFor(options.outDir);
  // A folder that cannot be made (a file in its path) would fail every row: say it once.
  const folderFault = options.dryRun ? undefined : folderProblem(options.outDir, options.outDir, true);
  if (folderFault) throw new ImportSetupError(folderFault.message);
  const idPrefix = options.idPrefix ?? workspace.config.idPrefixes[resolved.mapping.kind ?? 'incident'];
  const summary = await importIncidents(() => csv, {
    mapping: resolved.mapping,
    target: new RecordFolder(options.outDir),
    fileName: path.basename(csvPath),
    idPrefix,
    delimiter: csv.delimiter,
    limit: options.limit,
    dryRun: options.dryRun,
    signal: options.signal,
    isCancelled: options.isCancelled,
    onProgress: options.onProgress,
    progressEvery: options.progressEvery,
    position: () => ({ read: csv.bytesRead(), total: csv.size }),
  });
  // A new workspace gets the matrix its data follows and the checklist (or, for a problem log, the
  // lifecycle) fields its export cannot hold, so that it validates at once and asks only for what
  // the data could have; an existing config is the user's and is never changed (the advice says
  // what to set instead).
  let createdConfig: string | undefined;
  let configNotWritten: string | undefined;
  const lacks = summary.lacks;
  const problemLacks = summary.problemLacks;
  const configText = importedConfigText(resolved.mapping, lacks, problemLacks);
  if (!workspace.exists && configText && !options.dryRun && !summary.fatal && summary.imported + summary.updated + summary.unchanged > 0) {
    try {
      safeWriteFile(workspace.file, configText, { root: path.dirname(workspace.file), expected: null, shownAs: shownPath(workspace.file) });
      createdConfig = configCreatedMessage(shownPath(workspace.file), resolved.mapping, lacks, problemLacks);
      workspace.config = resolveConfig(load(configText, { schema: CORE_SCHEMA }));
    } catch (e) {
      // Someone created it meanwhile: leave it, and advise below. Anything else is said too.
      if (!(e instanceof WriteError)) throw e;
      if (e.kind !== 'exists') configNotWritten = e.message;
    }
  }
  return {
    createdConfig,
    configNotWritten,
    summary,
    preset: resolved.mapping.preset,
    presetDetected,
    encoding: csv.encoding,
    delimiter: csv.delimiter,
    idPrefix,
    outDir: path.resolve(options.outDir),
    advice: summary.fatal
      ? []
      : [
          matrixAdvice(resolved.mapping, workspace.config, shownPath(workspace.file)),
          workspace.exists ? sourcesAdvice(resolved.mapping, workspace.config, shownPath(workspace.file), lacks) : undefined,
          workspace.exists ? sourcesAdvice(resolved.mapping, workspace.config, shownPath(workspace.file), problemLacks, 'lifecycle') : undefined,
        ].filter((a): a is string => a !== undefined),
  };
}
