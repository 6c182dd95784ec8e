import type { PathIssue } from '../base/types';
import type { KedbConfig } from '../records/config';
import type { RecordEntry } from '../records/entry';
import type { RecordKind } from '../base/types';
import type { PriorityMatrix } from '../records/matrix';

/**
 * What a record check may ask of the workspace while it checks one record: the settings, the
 * clock, and the other records by id or by file. The store is one; a test can hand a check a
 * small one of its own.
 */
export interface CheckContext {
  readonly config: KedbConfig;
  readonly matrix: PriorityMatrix;
  /** "Now" as an ISO date-time with offset. */
  clock(): string;
  /** The record with this id; the first one when the id is (wrongly) used twice. */
  get(id: string): RecordEntry | undefined;
  recordsInFile(path: string): readonly RecordEntry[];
  /** The files that refer to `id` (the store's reverse index). */
  referrers(id: string): Iterable<string>;
}

/**
 * One check of the records: the issues it finds in `record`, placed by a path inside the record
 * (the store turns each path into a range). Features export their checks; the store runs the ones
 * it was made with, in order, after its own id checks and before its link checks.
 */
export type RecordCheck = ((record: RecordEntry, ctx: CheckContext) => Iterable<PathIssue>) & {
  /**
   * For a check that reads records beyond the links the store tracks (a known error's whole
   * `replaced_by` chain, every resolved problem's known error): given the records a change touched,
   * as they were and as they are, the files whose issues it may have changed. The store adds them to
   * the files a change event names, so an editor checks them again.
   */
  reach?: (changed: readonly RecordEntry[], ctx: ReachContext) => Iterable<string>;
};

/** What `reach` may ask of the store: a check's context, and every record of a kind. */
export interface ReachContext extends CheckContext {
  records(kind?: RecordKind): Iterable<RecordEntry>;
}
