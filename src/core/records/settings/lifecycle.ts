import type { Severity } from '../../base/types';

/**
 * The problem-lifecycle rules, by their stable diagnostic codes. Each can be given another severity,
 * or turned `off`, under `lifecycle.rules` in kedb.config.yaml.
 */
export const LIFECYCLE_RULES = {
  /** A problem in `root-cause-analysis` has neither an `rca` nor an assignee. */
  'rca-or-assignee-missing': 'warning',
  /** A problem in `fix-in-progress` names no change (see `change_reference`). */
  'change-reference-missing': 'warning',
  /** A `resolved` or `closed` problem has no `resolution.code`. */
  'resolution-code-missing': 'warning',
  /** A problem resolved as a `duplicate` does not say which problem it duplicates. */
  'duplicate-of-missing': 'warning',
  /** A known error has no workaround, nor "None: <the reason>". */
  'workaround-missing': 'warning',
  /** A known error documents a problem that does not link to it. */
  'known-error-unlinked': 'warning',
  /** A published known error is past its `valid_to` date. */
  'known-error-stale': 'warning',
  /** A published known error is past its `review_by` date. */
  'known-error-review-due': 'warning',
  /** An open incident or open problem links a retired known error. */
  'retired-known-error-linked': 'warning',
  /** A known error's `replaced_by` names a retired known error. */
  'replaced-by-retired': 'warning',
  /** `replaced_by` links that lead back where they started. */
  'replaced-by-loop': 'error',
  /** An incident's notes carry a draft known error's workaround. */
  'draft-workaround-communicated': 'warning',
  /** An open or in-progress problem task is past its `due` date. */
  'task-overdue': 'warning',
  /** An open or in-progress problem task has no `owner`. */
  'task-owner-missing': 'warning',
  /** A `done` problem task does not say when (`done_at`). */
  'task-done-at-missing': 'warning',
  /** A `resolved` or `closed` problem still has open or in-progress tasks. */
  'problem-open-tasks': 'warning',
  /** Two tasks of one problem share an `id`. */
  'duplicate-task-id': 'error',
  /** A follow-up action of the review that no task of the problem tracks. */
  'review-action-untracked': 'info',
  /** An incident matches a known error whose problem was resolved with its fix applied: the error came back. */
  recurrence: 'warning',
  /** A problem resolved with its fix applied still has linked incidents that are not resolved or closed. */
  'linked-incidents-open': 'info',
} as const satisfies Record<string, Severity>;

export type LifecycleRule = keyof typeof LIFECYCLE_RULES;

/**
 * The problem fields an export may have no column for, each with the rule it would otherwise set
 * off on every imported problem: `resolution.code` (`resolution-code-missing` on each resolved or
 * closed one), `resolution.change` (`change-reference-missing` on each fix in progress).
 */
export const LIFECYCLE_SOURCE_FIELDS = ['resolution.code', 'resolution.change'] as const;

export type LifecycleSourceField = (typeof LIFECYCLE_SOURCE_FIELDS)[number];

/** The lifecycle settings with every default filled in. */
export interface LifecycleConfig {
  /** The severity of each rule; `off` silences it. */
  rules: Record<LifecycleRule, Severity | 'off'>;
  /** The problem fields that name an assignee for `root-cause-analysis`. */
  assigneeFields: string[];
  /**
   * What counts as the change of a fix in progress: `id`, a change id only (`resolution.change`
   * of the problem, `permanent_fix.change` of its known error); `id-or-plan` (default), also the
   * known error's described permanent fix, the seed's "Permanent Fix Status" cell.
   */
  changeReference: 'id' | 'id-or-plan';
  /** How many days a stale known error's `valid_to` moves on when it is reviewed. */
  reviewDays: number;
  /** The least similarity for an incident ↔ known error match CodeLens (0 to 1). */
  matchThreshold: number;
  /** How many matches the CodeLens shows at most. */
  matchLimit: number;
  /** The least similarity for an incident to count as a recurrence of a resolved problem's known error (0 to 1). */
  recurrenceThreshold: number;
  /**
   * Per imported data set (a problem's `source.dataset`): the problem fields its export cannot
   * hold, which its problems are not asked for (`lifecycle.sources.NAME.lacks`, written by
   * `kedb import` for a new workspace).
   */
  sources: Record<string, { lacks: LifecycleSourceField[] }>;
}

export function defaultLifecycle(): LifecycleConfig {
  return {
    rules: { ...LIFECYCLE_RULES },
    assigneeFields: ['assignment_group', 'owner'],
    changeReference: 'id-or-plan',
    reviewDays: 180,
    matchThreshold: 0.3,
    matchLimit: 3,
    recurrenceThreshold: 0.3,
    sources: {},
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const LEVELS = new Set(['error', 'warning', 'info', 'off']);

/** Reads the `lifecycle` section of kedb.config.yaml; values of the wrong shape keep their default (the schema reports them). */
export function resolveLifecycle(raw: unknown): LifecycleConfig {
  const out = defaultLifecycle();
  if (!isObject(raw)) return out;
  if (isObject(raw.rules)) {
    for (const [code, level] of Object.entries(raw.rules)) {
      if (Object.hasOwn(LIFECYCLE_RULES, code) && typeof level === 'string' && LEVELS.has(level)) out.rules[code as LifecycleRule] = level as Severity | 'off';
    }
  }
  if (Array.isArray(raw.assignee_fields) && raw.assignee_fields.every((f) => typeof f === 'string')) out.assigneeFields = raw.assignee_fields as string[];
  if (raw.change_reference === 'id' || raw.change_reference === 'id-or-plan') out.changeReference = raw.change_reference;
  if (typeof raw.review_days === 'number' && Number.isInteger(raw.review_days) && raw.review_days > 0) out.reviewDays = raw.review_days;
  if (isObject(raw.sources)) {
    for (const [name, source] of Object.entries(raw.sources)) {
      const lacks = isObject(source) ? source.lacks : undefined;
      const list = typeof lacks === 'string' ? [lacks] : Array.isArray(lacks) ? lacks : undefined;
      if (list) out.sources[name] = { lacks: LIFECYCLE_SOURCE_FIELDS.filter((f) => list.includes(f)) };
    }
  }
  if (isObject(raw.matching)) {
    const t = raw.matching.threshold;
    if (typeof t === 'number' && t > 0 && t <= 1) out.matchThreshold = t;
    const l = raw.matching.limit;
    if (typeof l === 'number' && Number.isInteger(l) && l > 0) out.matchLimit = l;
    const r = raw.matching.recurrence_threshold;
    if (typeof r === 'number' && r > 0 && r <= 1) out.recurrenceThreshold = r;
  }
  return out;
}
