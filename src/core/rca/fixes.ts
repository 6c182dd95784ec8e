import type { FixableIssue, FixProvider, QuickFix, QuickFixContext } from '../workspace/fixes';
import { appendToList, toFileEdit, yamlInline } from '../records/edits';
import { t } from '../base/l10n';
import { oneLine } from '../base/lines';

/**
 * The fix for `root-cause-unlisted`: the cause's text appended to `rca.root_causes` in the list's
 * own style (a new `- item` line, or inside `[…]`), the list made when there is none. Comments
 * and everything else stay as written.
 */
export function rcaFixes(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  if (issue.code !== 'root-cause-unlisted') return [];
  const cause = issue.data?.rootCause;
  if (typeof cause !== 'string' || cause.trim() === '') return [];
  const ordinal = typeof issue.data?.ordinal === 'number' ? issue.data.ordinal : 0;
  const text = ctx.ranged.lines.text;
  const item = yamlInline(cause.replace(/\s+/g, ' ').trim());
  const edit = appendToList(text, ordinal, ['rca', 'root_causes'], item, ctx.workspace.config);
  if (!edit) return [];
  return [{ title: t('Add "{0}" to rca.root_causes', oneLine(cause, 60)), isPreferred: true, edits: [toFileEdit(ctx.path, text, edit, ctx.ranged.lines)] }];
}

/** The root cause analysis fixes, for the workspace's fix registry. */
export const rcaFixProvider: FixProvider = { codes: ['root-cause-unlisted'], fixes: rcaFixes };
