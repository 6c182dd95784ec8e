/**
 * Quick fixes for the task diagnostics that have one right answer: a done task gets `done_at`
 * today; a task whose id is taken gets the next free one. Edits go through `setIn`, so the rest
 * of the file, comments included, stays as written.
 */
import type { FixableIssue, FixProvider, QuickFix, QuickFixContext } from '../workspace/fixes';
import { appendToList, setIn, toFileEdit, yamlInline, type YamlValue } from '../records/edits';
import { t } from '../base/l10n';
import { dayOfIso } from './model';

/** The quick fixes for one task diagnostic, best first; none for other codes. */
export function taskFixes(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  const ordinal = typeof issue.data?.ordinal === 'number' ? issue.data.ordinal : 0;
  const text = ctx.ranged.lines.text;
  if (issue.code === 'review-action-untracked') {
    // The action becomes a task with the same title (the review keeps its words); its owner and
    // due date are then asked for by the task checks.
    const title = issue.data?.title;
    const id = issue.data?.freeId;
    if (typeof title !== 'string' || typeof id !== 'string') return [];
    const e = appendToList(text, ordinal, ['tasks'], [`id: ${yamlInline(id)}`, `title: ${yamlInline(title)}`, 'type: preventive', 'status: open'], ctx.workspace.config);
    return e ? [{ title: t('Turn this action into task {0}', id), isPreferred: true, edits: [toFileEdit(ctx.path, text, e, ctx.ranged.lines)] }] : [];
  }
  const index = issue.data?.task;
  if (typeof index !== 'number') return [];
  const set = (key: string, value: YamlValue) => {
    const e = setIn(text, ordinal, ['tasks', index, key], value, ctx.workspace.config);
    return e ? [toFileEdit(ctx.path, text, e, ctx.ranged.lines)] : undefined;
  };
  switch (issue.code) {
    case 'task-done-at-missing': {
      const today = dayOfIso(ctx.now ?? ctx.workspace.clock());
      const edits = set('done_at', { inline: today });
      return edits ? [{ title: t('Set done_at to today ({0})', today), isPreferred: true, edits }] : [];
    }
    case 'duplicate-task-id': {
      const id = issue.data?.freeId;
      if (typeof id !== 'string') return [];
      const edits = set('id', { inline: yamlInline(id) });
      return edits ? [{ title: t('Rename this task to {0}', id), isPreferred: true, edits }] : [];
    }
    default:
      return [];
  }
}

/** The task fixes, for the workspace's fix registry. */
export const tasksFixProvider: FixProvider = { codes: ['task-done-at-missing', 'duplicate-task-id', 'review-action-untracked'], fixes: taskFixes };
