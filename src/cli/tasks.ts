import { dayOfIso, listTasks, taskDayNumber, taskJson, type TaskRow } from '../core';
import { escapeMarkdownCell, t } from '../core/base';
import { loadReporting } from './progress';
import { defineCommand, parseCommand, type Print } from './args';
import { machineOutput, option } from './output';

/** `kedb tasks --help`, in the current language. */
export function tasksUsage(): string {
  return `${t('Usage:')} kedb tasks [DIR] [--overdue] [--owner NAME] [--now DATE] [--format text|json|md]

${t(`Lists the tasks of the problems under DIR (default: .), sorted by due date then problem id,
each with how many days it is overdue.`)}

${option('  --overdue        ', t('only the open or in-progress tasks past their due date'))}
${option('  --owner NAME     ', t('only the tasks of this owner (a person or a role)'))}
${option('  --now DATE       ', t('count overdue days against DATE (YYYY-MM-DD) instead of today'))}
${option('  --format md      ', t('a Markdown table'))}
  --format json    [{problem, id, title, type, owner, due, status, overdue_days}]`;
}

export const TASKS = defineCommand({
  name: 'tasks',
  usage: tasksUsage,
  options: {
    overdue: { type: 'boolean' },
    owner: { type: 'string' },
    now: { type: 'string', valid: (v) => taskDayNumber(v) !== undefined, invalid: (cmd, v) => t('kedb {0}: --now must be a date (YYYY-MM-DD), not "{1}"', cmd, v) },
    format: { type: 'string', default: 'text', choices: ['text', 'json', 'md'], invalid: (cmd, v) => t('kedb {0}: --format must be text, json or md, not "{1}"', cmd, v) },
  },
  positionals: { kind: 'folder' },
});

/** How many days overdue, in words; empty when not overdue. */
function overdueText(days: number): string {
  if (days === 0) return '';
  return days === 1 ? t('1 day overdue') : t('{0} days overdue', days);
}

/** The tasks as a Markdown table, every cell through the one cell escaper. */
export function tasksMarkdown(rows: readonly TaskRow[]): string {
  const head = [t('Problem'), t('Task'), t('Title'), t('Type'), t('Owner'), t('Due'), t('Status'), t('Overdue (days)')];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const r of rows) {
    const cells = [r.problem, r.task.id ?? '', r.task.title ?? '', r.task.type ?? '', r.task.owner ?? '', r.task.due ?? '', r.task.status ?? 'open', String(r.overdueDays)];
    lines.push(`| ${cells.map(escapeMarkdownCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** `kedb tasks`: 0 listed, 1 listed but a file under DIR could not be read, 2 bad usage. */
export async function runTasks(args: string[], out: Print, err: Print): Promise<number> {
  const parsed = parseCommand(TASKS, args, out, err);
  if ('exit' in parsed) return parsed.exit;
  const { values, dir } = parsed;
  if (values.format === 'json') machineOutput();
  const { ws, unread } = await loadReporting(dir, 'tasks', err);
  const today = values.now ?? dayOfIso(ws.clock());
  const rows = listTasks(ws.records('problem'), { today, overdue: values.overdue, owner: values.owner });
  if (values.format === 'json') {
    out(JSON.stringify(rows.map(taskJson), null, 2));
  } else if (values.format === 'md') {
    out(tasksMarkdown(rows));
  } else if (rows.length === 0) {
    out(values.overdue ? t('No task is overdue on {0}.', today) : t('No tasks.'));
  } else {
    const width = (f: (r: TaskRow) => string) => Math.max(...rows.map((r) => f(r).length));
    const due = (r: TaskRow) => r.task.due ?? t('no due date');
    const task = (r: TaskRow) => `${r.problem} ${r.task.id ?? '?'}`;
    const owner = (r: TaskRow) => r.task.owner ?? t('no owner');
    const status = (r: TaskRow) => r.task.status ?? 'open';
    const w = [width(due), width(task), width(owner), width(status)];
    for (const r of rows) {
      const late = overdueText(r.overdueDays);
      out(`${due(r).padEnd(w[0])}  ${task(r).padEnd(w[1])}  ${owner(r).padEnd(w[2])}  ${status(r).padEnd(w[3])}  ${r.task.title ?? ''}${late ? `  (${late})` : ''}`);
    }
    const overdue = rows.filter((r) => r.overdueDays > 0).length;
    out('');
    out(rows.length === 1 ? t('1 task, {0} overdue on {1}.', overdue, today) : t('{0} tasks, {1} overdue on {2}.', rows.length, overdue, today));
  }
  return unread > 0 ? 1 : 0;
}
