/** Zero-based position, `character` in UTF-16 code units (as VS Code counts). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A place in a file of the workspace. */
export interface FileRange {
  file: string;
  range: Range;
}

/** An edit of one file's text. */
export interface FileEdit extends FileRange {
  newText: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** One finding about a file, with a stable machine-readable code. */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  message: string;
  range: Range;
  /** Extra facts a quick fix can use (the missing property, the expected value, …). */
  data?: Record<string, unknown>;
}

/** An issue about a record, located by a path inside it; the workspace turns the path into a range. */
export type PathIssue = Omit<Issue, 'range'> & { path: (string | number)[] };

export type RecordKind = 'incident' | 'problem' | 'known_error';
export const RECORD_KINDS: readonly RecordKind[] = ['incident', 'problem', 'known_error'];

/**
 * Every issue code the core can emit. Codes are part of the public contract (CLI JSON output,
 * diagnostics, quick fixes): add new ones, never rename.
 */
export type IssueCode =
  | 'yaml-syntax'
  | 'tab-indentation'
  | 'duplicate-key'
  | 'alias-limit'
  | 'file-too-large'
  | 'unreadable-file'
  | 'binary-file'
  | 'invalid-encoding'
  | 'empty-file'
  | 'not-a-mapping'
  | 'missing-kind'
  | 'unknown-kind'
  | 'missing-property'
  | 'unknown-property'
  | 'invalid-value'
  | 'invalid-type'
  | 'invalid-format'
  | 'schema'
  | 'id-pattern'
  | 'id-filename-mismatch'
  | 'duplicate-id'
  | 'unknown-reference'
  | 'reference-in-broken-file'
  | 'wrong-reference-kind'
  | 'link-mismatch'
  | 'config-error'
  | 'matrix-error'
  | 'invalid-level'
  | 'priority-mismatch'
  | 'priority-missing'
  | 'escalation-missing'
  | 'root-cause-unlisted'
  | 'root-cause-unmatched'
  | 'known-error-root-cause-unmatched'
  | 'checklist-incomplete'
  | 'rca-or-assignee-missing'
  | 'change-reference-missing'
  | 'resolution-code-missing'
  | 'duplicate-of-missing'
  | 'workaround-missing'
  | 'known-error-unlinked'
  | 'known-error-stale'
  | 'task-overdue'
  | 'task-owner-missing'
  | 'task-done-at-missing'
  | 'problem-open-tasks'
  | 'duplicate-task-id'
  | 'review-action-untracked'
  | 'recurrence'
  | 'linked-incidents-open'
  | 'known-error-review-due'
  | 'retired-known-error-linked'
  | 'replaced-by-retired'
  | 'replaced-by-loop'
  | 'draft-workaround-communicated'
  | 'undefined-alias'
  | 'too-many-issues'
  | 'prose-colon'
  | 'prose-comment'
  | 'prose-indicator'
  | 'prose-quote'
  | 'prose-indent';

export const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
