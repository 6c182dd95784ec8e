/**
 * The problem-task checks, as diagnostics with stable codes: overdue tasks, tasks nobody owns, done
 * tasks that do not say when, a resolved or closed problem with work still open, and task ids used
 * twice. Their severities are lifecycle rules (`lifecycle.rules` in kedb.config.yaml).
 */
import type { PathIssue, Severity } from '../base/types';
import type { CheckContext, RecordCheck } from '../workspace/checks';
import type { RecordEntry } from '../records/entry';
import type { LifecycleRule } from '../records/settings/lifecycle';
import { t } from '../base/l10n';
import { dayOfIso, isTaskActive, overdueDays, readTasks, type ProblemTask } from './model';

export const TASK_CODES = ['task-overdue', 'task-owner-missing', 'task-done-at-missing', 'problem-open-tasks', 'duplicate-task-id', 'review-action-untracked'] as const;

/** How a message names a task: its id, else its place ("task 2"). */
export function taskName(task: ProblemTask): string {
  return task.id ?? t('task {0}', task.index + 1);
}

/** "T1", "T1 and T2", "T1, T2 and T3", in the user's language. */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return t('{0} and {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

/** The task issues of one record, against "today" (an ISO date). */
export function taskIssues(r: RecordEntry, ctx: CheckContext, today = dayOfIso(ctx.clock())): PathIssue[] {
  if (r.kind !== 'problem') return [];
  const actions = reviewActions(r.value);
  if (!Array.isArray(r.value.tasks) && actions.length === 0) return [];
  const rules = ctx.config.lifecycle.rules;
  const out: PathIssue[] = [];
  const push = (code: (typeof TASK_CODES)[number] & LifecycleRule, message: string, path: (string | number)[], data: Record<string, unknown> = {}) => {
    const level = rules[code];
    if (level === 'off') return;
    out.push({ code, severity: level as Severity, message, path, data: { ...data, ordinal: r.ordinal } });
  };
  const tasks = readTasks(r.value);
  const seen = new Map<string, ProblemTask>();
  for (const task of tasks) {
    const name = taskName(task);
    // At the key when it is written, else at the task's id (else the task).
    const item = (r.value.tasks as Record<string, unknown>[])[task.index];
    const at = (key: string): (string | number)[] => (key in item ? ['tasks', task.index, key] : 'id' in item ? ['tasks', task.index, 'id'] : ['tasks', task.index]);
    if (task.id !== undefined) {
      const first = seen.get(task.id);
      if (first) {
        push('duplicate-task-id', t('Task id {0} is used twice in this problem (tasks {1} and {2}): give each task its own id.', task.id, first.index + 1, task.index + 1), at('id'), {
          task: task.index,
          id: task.id,
          freeId: freeTaskId(tasks),
        });
      } else seen.set(task.id, task);
    }
    const days = overdueDays(task, today);
    if (days > 0) {
      push(
        'task-overdue',
        days === 1
          ? t('{0} is 1 day overdue (due {1}): roll it forward or mark it done.', name, task.due!)
          : t('{0} is {1} days overdue (due {2}): roll it forward or mark it done.', name, days, task.due!),
        at('due'),
        { task: task.index, days, due: task.due },
      );
    }
    if (isTaskActive(task) && task.owner === undefined) {
      push('task-owner-missing', t('{0} has no owner: name the person or role who will do it.', name), at('owner'), { task: task.index });
    }
    if (task.status === 'done' && task.doneAt === undefined) {
      push('task-done-at-missing', t('{0} is done but does not say when: set done_at to the day it was done.', name), ['tasks', task.index, 'status'], { task: task.index, today });
    }
  }
  // A follow-up action of the review that no task tracks: no owner, no due date, easily forgotten.
  const titles = new Set(tasks.map((task) => task.title?.toLowerCase()).filter((x): x is string => x !== undefined));
  for (const a of actions) {
    if (titles.has(a.text.toLowerCase())) continue;
    push('review-action-untracked', t('This follow-up action is not a task yet, so nobody owns it and it has no due date: turn it into a task.'), ['review', 'actions', a.index], {
      action: a.index,
      title: a.text,
      freeId: freeTaskId(tasks),
    });
  }
  const status = typeof r.value.status === 'string' ? r.value.status : undefined;
  if (status === 'resolved' || status === 'closed') {
    const open = tasks.filter(isTaskActive).map(taskName);
    if (open.length > 0) {
      push(
        'problem-open-tasks',
        open.length === 1
          ? t('This problem is {0}, but {1} is still open: finish it or cancel it.', status, open[0])
          : t('This problem is {0}, but {1} tasks are still open ({2}): finish them or cancel them.', status, open.length, andList(open)),
        ['status'],
        { tasks: open },
      );
    }
  }
  return out;
}

/** The review's follow-up actions written as text, with their place in `review.actions`. */
export function reviewActions(value: Record<string, unknown>): { index: number; text: string }[] {
  const review = value.review;
  if (typeof review !== 'object' || review === null || Array.isArray(review)) return [];
  const list = (review as Record<string, unknown>).actions;
  if (!Array.isArray(list)) return [];
  const out: { index: number; text: string }[] = [];
  list.forEach((a: unknown, index) => {
    if (typeof a === 'string' && a.trim()) out.push({ index, text: a.trim() });
  });
  return out;
}

/** A task id no task of the list uses: `T<n>` past the highest `T<n>` in use. */
export function freeTaskId(tasks: readonly ProblemTask[]): string {
  const used = new Set(tasks.map((t) => t.id));
  let n = 1 + Math.max(0, ...tasks.map((t) => Number(/^T(\d+)$/.exec(t.id ?? '')?.[1] ?? 0)));
  while (used.has(`T${n}`)) n++;
  return `T${n}`;
}

/** The problem-task checks, for the workspace's check registry. */
export const tasksCheck: RecordCheck = (r, ctx) => taskIssues(r, ctx);
