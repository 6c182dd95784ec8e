import { t } from '../base/l10n';
import { toFileEdit } from '../records/edits';
import type { FixProvider, QuickFix } from '../workspace/fixes';
import { CHECKLIST_INCOMPLETE } from './diagnostics';
import { checklistEdits } from './edits';
import { checklistFixTitle, suggestChecklist } from './suggest';

/**
 * The checklist fixes, for the workspace's fix registry: on a record's `checklist-incomplete`
 * issue, one fix per field with a suggestion, and one that fills them all.
 */
export const checklistFixes: FixProvider = {
  codes: [CHECKLIST_INCOMPLETE],
  fixes(issue, ctx): QuickFix[] {
    const ordinal = issue.data?.ordinal;
    if (typeof ordinal !== 'number') return [];
    const ws = ctx.workspace;
    const record = ws.recordsInFile(ctx.path).find((r) => r.ordinal === ordinal);
    if (!record) return [];
    const text = ctx.ranged.lines.text;
    const fix = (title: string, fields: { field: string; value: string | number | boolean }[]): QuickFix | undefined => {
      const edits = checklistEdits(text, ordinal, fields, ws.config);
      return edits.length ? { title, edits: edits.map((e) => toFileEdit(ctx.path, text, e, ctx.ranged.lines)) } : undefined;
    };
    const { suggestions } = suggestChecklist(record.value, ws.config, ws.matrix);
    const out: QuickFix[] = [];
    for (const s of suggestions) {
      const one = fix(checklistFixTitle(s), [{ field: s.field, value: s.value }]);
      if (one) out.push(one);
    }
    if (suggestions.length > 1) {
      const title = t('Fill the {0} suggested fields of {1} ({2})', suggestions.length, record.id ?? t('this record'), suggestions.map((s) => s.field).join(', '));
      const all = fix(title, suggestions.map((s) => ({ field: s.field, value: s.value })));
      if (all) out.push(all);
    }
    return out;
  },
};
