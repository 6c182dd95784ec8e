/**
 * Shapes shared by the CSV importer: what a CSV reader hands the core, where records go, and what
 * the user is told at the end. Nothing here touches the file system: a reader (`src/node/csvSource`)
 * turns bytes into rows, and an `ImportTarget` (`src/node/recordFolder`) stores record files.
 */
import type { LifecycleSourceField } from '../records/settings/lifecycle';

/** One parsed CSV record, or a part of the file that could not be read as a record. */
export type CsvEvent =
  | {
      type: 'row';
      /** 1-based line where the record starts (a record may span lines in quoted fields). */
      line: number;
      fields: string[];
    }
  | {
      type: 'error';
      line: number;
      reason: string;
      /** The error ended the file: everything from `line` on could not be read. */
      toEnd?: boolean;
    };

/** Where imported records live: one YAML file per incident, named `<id>.yaml`. */
export interface ImportTarget {
  /** The file's text, or undefined when there is no such file. May throw to refuse the file. */
  read(fileName: string): Promise<string | undefined> | string | undefined;
  /** Writes the whole file (atomically where the store can). */
  write(fileName: string, text: string): Promise<void> | void;
}

/** Why a row or record was skipped. Codes are stable; messages are for people. */
export type SkipCode =
  | 'csv-syntax'
  | 'field-count'
  | 'bad-id'
  | 'unsafe-id'
  | 'duplicate-id'
  | 'bad-value'
  | 'invalid-record'
  | 'edited'
  | 'not-imported'
  | 'other-dataset'
  | 'other-file'
  | 'unreadable-record'
  | 'refused-file'
  | 'write-failed';

export interface ImportProblem {
  /** 1-based line of the CSV file. */
  line: number;
  /** The incident id, when the row got far enough to have one. */
  id?: string;
  code: SkipCode;
  reason: string;
}

/** Counts reported while an import runs. */
export interface ImportProgress {
  /** Data rows read (the header excluded). */
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Bytes of the CSV file read so far and in all, when the reader knows them. */
  bytesRead?: number;
  totalBytes?: number;
}

export interface ImportTimings {
  /** Reading, decoding and CSV parsing (time spent waiting for the next row), in ms. */
  parse: number;
  /** Turning rows into records: value maps, dates, schema check, hash. */
  map: number;
  /** Comparing with the record on disk, YAML output, and writing. */
  write: number;
  total: number;
}

export interface ImportSummary extends ImportProgress {
  /** The CSV file's base name, as stored in `source.file`. */
  file: string;
  dataset: string;
  /** The preset the mapping came from, if any. */
  preset?: string;
  /** Rows that were skipped, first ones first (at most `MAX_LISTED_PROBLEMS`). */
  problems: ImportProblem[];
  /** Every skip counted by code, including those past the listed ones. */
  skippedByCode: Partial<Record<SkipCode, number>>;
  /** A problem that stopped the import before any row (empty file, missing column…). */
  fatal?: ImportProblem | { line: number; code: 'empty-file' | 'missing-column' | 'bad-header'; reason: string };
  cancelled: boolean;
  /** The import stopped at `--limit`. */
  limitReached: boolean;
  dryRun: boolean;
  timings: ImportTimings;
  /**
   * The checklist blocks and fields no row of the file filled (a block by its name when all its
   * fields are empty): what this export cannot hold, for `checklist.sources` in kedb.config.yaml.
   */
  lacks: string[];
  /**
   * For a problem log: the lifecycle fields (`resolution.code`, `resolution.change`) that fewer
   * than 1 % of its records fill, for `lifecycle.sources` in kedb.config.yaml. Empty for incidents.
   */
  problemLacks: LifecycleSourceField[];
  /**
   * What each ticket type of the export became (`source.original_type` → `type`), with how many:
   * "409 Problem tickets became incidents". Empty when the export has no type column.
   */
  types: Array<{ from: string; to: string; count: number }>;
}

/** Problems listed one by one in a summary; further ones are only counted. */
export const MAX_LISTED_PROBLEMS = 1000;
