import { t } from '../base/l10n';
import { parseDocument } from 'yaml';
import { setInDocument, toFileEdit, yamlInline } from '../records/edits';
import { CONFIG_FILE } from '../records/config';
import type { QuickFixContext } from '../workspace/fixes';
import { sourceDataset } from './fields';
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
    // Turning the check down in kedb.config.yaml: for the records of one export, or for all.
    const missing = Array.isArray(issue.data?.missing) ? (issue.data.missing as string[]) : [];
    const dataset = sourceDataset(record.value);
    if (dataset !== undefined && missing.length) {
      const lacks = [...(ws.config.checklist.sources[dataset]?.lacks ?? []), ...missing.filter((m) => !ws.config.checklist.sources[dataset]?.lacks.includes(m))];
      const quiet = configFix(ctx, t('Stop asking records from {0} for {1} (kedb.config.yaml)', dataset, missing.join(', ')), ['checklist', 'sources', dataset, 'lacks'], yamlList(lacks));
      if (quiet) out.push(quiet);
    }
    const off = configFix(ctx, t("Turn off the checklist's information diagnostics (kedb.config.yaml: checklist.diagnostics: false)"), ['checklist', 'diagnostics'], 'false');
    if (off) out.push(off);
    return out;
  },
};

/** A flow list of plain words, as kedb.config.yaml writes `lacks`. */
function yamlList(items: readonly string[]): string {
  return `[${items.map((i) => yamlInline(i)).join(', ')}]`;
}

/**
 * A fix that sets `path` in kedb.config.yaml (comments and the rest kept), or creates the file with
 * just that setting when the workspace has none.
 */
function configFix(ctx: QuickFixContext, title: string, path: string[], value: string): QuickFix | undefined {
  const text = ctx.textOf?.(CONFIG_FILE) ?? ctx.workspace.textOf(CONFIG_FILE);
  if (text === undefined) {
    const lines = ['version: 1'];
    path.forEach((key, i) => lines.push(`${'  '.repeat(i)}${yamlInline(key)}:${i === path.length - 1 ? ` ${value}` : ''}`));
    return { title, edits: [], createFile: { path: CONFIG_FILE, contents: lines.join('\n') + '\n' } };
  }
  const e = setInDocument(text, parseDocument(text), path, { inline: value });
  return e ? { title, edits: [toFileEdit(CONFIG_FILE, text, e)] } : undefined;
}
