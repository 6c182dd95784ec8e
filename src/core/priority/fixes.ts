import { t } from '../base/l10n';
import { toFileEdit, type TextEdit } from '../records/edits';
import type { FixProvider, QuickFix } from '../workspace/fixes';
import { escalationEdit, priorityEdit } from './classify';

/**
 * The priority fixes, for the workspace's fix registry: set the priority the matrix gives
 * (`priority-mismatch`, `priority-missing`); add the escalation block the rules give
 * (`escalation-missing`).
 */
export const priorityFixes: FixProvider = {
  codes: ['priority-mismatch', 'priority-missing', 'escalation-missing'],
  fixes(issue, ctx): QuickFix[] {
    const data = issue.data ?? {};
    const ordinal = typeof data.ordinal === 'number' ? data.ordinal : 0;
    const text = ctx.ranged.lines.text;
    const config = ctx.workspace.config;
    let edit: TextEdit | undefined;
    let title = '';
    if (issue.code === 'escalation-missing') {
      const esc = data.escalation as { team: string; escalated_at: string; eta: string } | undefined;
      if (!esc) return [];
      edit = escalationEdit(text, ordinal, esc, config);
      title = t('Escalate to {0}, ETA {1}', esc.team, esc.eta);
    } else if (typeof data.expected === 'string') {
      edit = priorityEdit(text, ordinal, data.expected, config);
      title = t('Set priority to {0} ({1})', data.expected, String(data.matrix));
    }
    return edit ? [{ title, isPreferred: true, edits: [toFileEdit(ctx.path, text, edit, ctx.ranged.lines)] }] : [];
  },
};
