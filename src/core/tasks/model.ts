/**
 * Problem tasks: the actions under a problem's `tasks:` (finding the cause, fixing it, stopping it
 * recurring), each with an owner, a due date and a status. This module reads them and lists them;
 * `diagnostics.ts` checks them and `fixes.ts` mends what has one right answer.
 */
import type { RecordEntry } from '../records/entry';
import { dayNumber } from '../base/dates';

export const TASK_TYPES = ['rca', 'corrective', 'preventive', 'general'] as const;
export const TASK_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;

/** One task as written; a field missing or of the wrong shape is undefined (the schema reports it). */
export interface ProblemTask {
  /** Its place in the problem's `tasks` list. */
  index: number;
  id: string | undefined;
  title: string | undefined;
  type: string | undefined;
  owner: string | undefined;
  due: string | undefined;
  /** As written; a task without one counts as `open`. */
  status: string | undefined;
  doneAt: string | undefined;
  link: string | undefined;
}

/** A YAML date read as a string (`2025-10-01`), or a string as it is; anything else, undefined. */
function text(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The tasks of a problem record, in order; items that are not mappings are skipped. */
export function readTasks(value: Record<string, unknown>): ProblemTask[] {
  const list = value.tasks;
  if (!Array.isArray(list)) return [];
  const out: ProblemTask[] = [];
  list.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return;
    const t = item as Record<string, unknown>;
    out.push({
      index,
      id: text(t.id),
      title: text(t.title),
      type: text(t.type),
      owner: text(t.owner),
      due: text(t.due),
      status: text(t.status),
      doneAt: text(t.done_at),
      link: text(t.link),
    });
  });
  return out;
}

/** Whether a task is still to be done: `open` (or no status) or `in-progress`. */
export function isTaskActive(task: ProblemTask): boolean {
  return task.status === undefined || task.status === 'open' || task.status === 'in-progress';
}

/** Days since 1970-01-01 of a task's ISO date (`2025-10-01`), or undefined for anything else. */
export const taskDayNumber = dayNumber;

/** The day of an ISO date-time as written (its own offset): `2025-10-15T08:00:00+07:00` → `2025-10-15`. */
export function dayOfIso(iso: string): string {
  return iso.slice(0, 10);
}

/** How many whole days a task is overdue on `today` (an ISO date): 0 when it is not (done, cancelled, no due date, not yet due). */
export function overdueDays(task: ProblemTask, today: string): number {
  if (!isTaskActive(task)) return 0;
  const due = taskDayNumber(task.due);
  const now = taskDayNumber(today);
  if (due === undefined || now === undefined) return 0;
  return Math.max(0, now - due);
}

/** A task with its problem, as `kedb tasks` and the Tasks view list it. */
export interface TaskRow {
  problem: string;
  /** The problem's title. */
  problemTitle: string | undefined;
  file: string;
  ordinal: number;
  task: ProblemTask;
  overdueDays: number;
}

export interface TaskFilter {
  /** "Today", an ISO date. */
  today: string;
  /** Only the overdue tasks. */
  overdue?: boolean;
  /** Only the tasks of this owner (compared without case and outer spaces). */
  owner?: string;
}

/** Sorts rows by due date (none last), then problem id, then place in the problem. */
export function compareTaskRows(a: TaskRow, b: TaskRow): number {
  const da = a.task.due ?? '\uffff';
  const db = b.task.due ?? '\uffff';
  if (da !== db) return da < db ? -1 : 1;
  const p = a.problem.localeCompare(b.problem, 'en', { numeric: true });
  return p !== 0 ? p : a.task.index - b.task.index;
}

/** The tasks of every problem in `records`, filtered, sorted by due date then problem id. */
export function listTasks(records: Iterable<RecordEntry>, filter: TaskFilter): TaskRow[] {
  const owner = filter.owner?.trim().toLowerCase();
  const rows: TaskRow[] = [];
  for (const r of records) {
    if (r.kind !== 'problem') continue;
    for (const task of readTasks(r.value)) {
      const days = overdueDays(task, filter.today);
      if (filter.overdue && days === 0) continue;
      if (owner !== undefined && task.owner?.toLowerCase() !== owner) continue;
      rows.push({ problem: r.id ?? r.file, problemTitle: text(r.value.title), file: r.file, ordinal: r.ordinal, task, overdueDays: days });
    }
  }
  return rows.sort(compareTaskRows);
}

/** The row as `kedb tasks --format json` gives it: `overdue_days` 0 when not overdue, null for what is not written. */
export function taskJson(row: TaskRow): { problem: string; id: string | null; title: string | null; type: string | null; owner: string | null; due: string | null; status: string; overdue_days: number } {
  const t = row.task;
  return {
    problem: row.problem,
    id: t.id ?? null,
    title: t.title ?? null,
    type: t.type ?? null,
    owner: t.owner ?? null,
    due: t.due ?? null,
    status: t.status ?? 'open',
    overdue_days: row.overdueDays,
  };
}
