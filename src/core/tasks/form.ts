/**
 * Problem tasks in the record form: each task row marked with the days it is overdue (the same
 * count as the `task-overdue` diagnostic), and the two task operations, a new task under the next
 * free id and a task marked done today. Edits go through `setIn` and `appendToList`, so the rest
 * of the file, comments included, stays as written.
 */
import type { KedbConfig } from '../records/config';
import { appendToList, chainEdits, render, setIn, yamlInline, yamlString, type TextEdit } from '../records/edits';
import type { FormField, FormOp, RecordForm } from '../records/form';
import { parseRangedFile } from '../records/parse';
import { freeTaskId } from './diagnostics';
import { overdueDays, readTasks } from './model';

/** `form` with each task row of `tasks` carrying the days it is overdue on `today` (an ISO date). */
export function withTaskState(form: RecordForm, value: Record<string, unknown>, today: string): RecordForm {
  if (form.kind !== 'problem') return form;
  const tasks = readTasks(value);
  const mark = (f: FormField): FormField => {
    if (f.type !== 'list' || f.item !== 'task') return f;
    const items = f.items.map((item) => {
      const task = tasks.find((x) => item.path[1] === x.index);
      return item.type === 'task' && task ? { ...item, overdueDays: overdueDays(task, today) } : item;
    });
    return { ...f, items };
  };
  return { ...form, fields: form.fields.map((f) => (f.path.length === 1 && f.path[0] === 'tasks' ? mark(f) : f)) };
}

/** Places a new `tasks:` list in schema order: after these keys, the first present wins. */
const TASKS_AFTER = ['known_error', 'workaround', 'rca', 'detection', 'incidents'];

/**
 * The edit a task operation of the form (`addTask`, `taskDone`) makes to the file's `ordinal`-th
 * record, on `today` (an ISO date); undefined for other operations, and when the YAML there has a
 * shape the form cannot edit in place. A new task is `open`, under the next free id (`T1`, `T2`…);
 * marking a task done sets its `status` and its `done_at` in one edit.
 */
export function taskFormEdit(text: string, ordinal: number, op: FormOp, config: KedbConfig, today: string): TextEdit | undefined {
  if (op.op === 'addTask') {
    if (op.path.length !== 1 || op.path[0] !== 'tasks' || !op.title.trim()) return undefined;
    const record = parseRangedFile(text, config).records[ordinal];
    if (record?.kind !== 'problem') return undefined;
    const lines = [`id: ${yamlInline(freeTaskId(readTasks(record.value)))}`, ...render('title', yamlString(op.title.trim()), '')];
    if (op.owner?.trim()) lines.push(...render('owner', yamlString(op.owner.trim()), ''));
    if (op.due && /^\d{4}-\d\d-\d\d$/.test(op.due)) lines.push(`due: ${op.due}`);
    lines.push('status: open');
    return appendToList(text, ordinal, ['tasks'], lines, config, { after: TASKS_AFTER });
  }
  if (op.op === 'taskDone') {
    const [list, index] = op.path;
    if (op.path.length !== 2 || list !== 'tasks' || typeof index !== 'number' || !/^\d{4}-\d\d-\d\d$/.test(today)) return undefined;
    const record = parseRangedFile(text, config).records[ordinal];
    if (record?.kind !== 'problem' || !readTasks(record.value).some((x) => x.index === index)) return undefined;
    return chainEdits(text, [
      (t) => setIn(t, ordinal, ['tasks', index, 'status'], { inline: 'done' }, config),
      (t) => setIn(t, ordinal, ['tasks', index, 'done_at'], { inline: today }, config),
    ]);
  }
  return undefined;
}
