/**
 * The Tasks view's tree as plain data, without vscode, so that it can be tested: the tasks of
 * every problem, grouped by owner or by when they are due, overdue first, with the days shown.
 */
import { isTaskActive, taskDayNumber, type TaskRow } from '../../core';
import { t } from '../../core/base';

export type TaskGrouping = 'owner' | 'due';

export interface TaskGroup {
  /** Stable across refreshes: the owner, or the bucket of due dates. */
  key: string;
  label: string;
  /** How many of its tasks are overdue. */
  overdue: number;
  rows: TaskRow[];
}

/** A task's line: `PRB-0007 T3 · Add a redundant router`, and what it says beside it. */
export function taskLabel(row: TaskRow): { label: string; description: string } {
  const name = `${row.problem} ${row.task.id ?? '?'}`;
  const label = row.task.title ? `${name} · ${row.task.title}` : name;
  const status = row.task.status ?? 'open';
  let when: string;
  if (row.overdueDays > 0) when = row.overdueDays === 1 ? t('1 day overdue') : t('{0} days overdue', row.overdueDays);
  else if (row.task.due && isTaskActive(row.task)) when = t('due {0}', row.task.due);
  else when = status;
  return { label, description: when };
}

/** What a group says beside its name: how many tasks, how many overdue. */
export function groupDescription(g: TaskGroup): string {
  const n = g.rows.length;
  if (g.overdue > 0) return n === 1 ? t('1 task, overdue') : t('{0} tasks, {1} overdue', n, g.overdue);
  return n === 1 ? t('1 task') : t('{0} tasks', n);
}

/** Overdue first (most days first), then the tasks still to do by due date, then done and cancelled ones. */
function byUrgency(a: TaskRow, b: TaskRow): number {
  if (a.overdueDays !== b.overdueDays) return b.overdueDays - a.overdueDays;
  const active = Number(isTaskActive(b.task)) - Number(isTaskActive(a.task));
  if (active !== 0) return active;
  const da = a.task.due ?? '\uffff';
  const db = b.task.due ?? '\uffff';
  if (da !== db) return da < db ? -1 : 1;
  return a.problem.localeCompare(b.problem, 'en', { numeric: true }) || a.task.index - b.task.index;
}

/** The bucket of a task by its due date, against `today`. */
function dueBucket(row: TaskRow, today: number | undefined): string {
  if (!isTaskActive(row.task)) return 'closed';
  if (row.overdueDays > 0) return 'overdue';
  const due = taskDayNumber(row.task.due);
  if (due === undefined || today === undefined) return 'no-date';
  if (due - today <= 7) return 'week';
  return 'later';
}

const DUE_ORDER = ['overdue', 'week', 'later', 'no-date', 'closed'];

function dueLabel(key: string): string {
  switch (key) {
    case 'overdue':
      return t('Overdue');
    case 'week':
      return t('Due within 7 days');
    case 'later':
      return t('Due later');
    case 'no-date':
      return t('No due date');
    default:
      return t('Done or cancelled');
  }
}

/**
 * The groups of the view. By owner: one group per owner, whatever its case (tasks without one under "No owner"),
 * those with overdue tasks first (most first), then by name. By due date: overdue, due within 7
 * days, later, no due date, done or cancelled. Inside a group, overdue tasks come first.
 */
export function groupTasks(rows: readonly TaskRow[], grouping: TaskGrouping, today: string): TaskGroup[] {
  const groups = new Map<string, TaskGroup>();
  const day = taskDayNumber(today);
  for (const row of rows) {
    // Owners as written in different cases ("NOC lead", "noc lead") are one owner, named as first written.
    const key = grouping === 'owner' ? (row.task.owner?.toLowerCase() ?? '') : dueBucket(row, day);
    let g = groups.get(key);
    if (!g) {
      const label = grouping === 'owner' ? (row.task.owner ?? t('No owner')) : dueLabel(key);
      groups.set(key, (g = { key, label, overdue: 0, rows: [] }));
    }
    g.rows.push(row);
    if (row.overdueDays > 0) g.overdue++;
  }
  for (const g of groups.values()) g.rows.sort(byUrgency);
  const list = [...groups.values()];
  if (grouping === 'due') return list.sort((a, b) => DUE_ORDER.indexOf(a.key) - DUE_ORDER.indexOf(b.key));
  // "No owner" last among the groups with as many overdue tasks.
  return list.sort((a, b) => b.overdue - a.overdue || Number(a.key === '') - Number(b.key === '') || a.key.localeCompare(b.key));
}
