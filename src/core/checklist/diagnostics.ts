import type { KedbConfig } from '../records/config';
import type { PathIssue } from '../base/types';
import type { PriorityMatrix } from '../records/matrix';
import type { IssueCode } from '../base/types';
import type { RecordEntry } from '../records/entry';
import type { RecordCheck } from '../workspace/checks';
import { describeMissing, missingChecklistFields, sourceDataset } from './fields';
import { suggestChecklist } from './suggest';
import { t } from '../base/l10n';

/**
 * The completeness check's code. Not yet a member of `IssueCode` in types.ts (a shared file this
 * feature does not edit); the cast goes once that line is added.
 */
export const CHECKLIST_INCOMPLETE = 'checklist-incomplete' as IssueCode;

/**
 * One information issue per incident that leaves checklist fields empty, at its `id`, listing
 * them all (so the Problems panel shows one line per record, not one per field) and how many have
 * a suggestion. Off unless kedb.config.yaml has a `checklist` section.
 */
export function checklistIssues(r: Pick<RecordEntry, 'kind' | 'value' | 'ordinal'>, config: KedbConfig, matrix: PriorityMatrix): PathIssue[] {
  if (r.kind !== 'incident' || !config.checklist.diagnostics) return [];
  const missing = missingChecklistFields(r.value, config, matrix);
  if (missing.length === 0) return [];
  const suggested = suggestChecklist(r.value, config, matrix).suggestions.map((s) => s.field);
  const n = missing.length;
  const dataset = sourceDataset(r.value);
  const hint =
    (suggested.length ? ' ' + t("{0} can be filled from the ticket's words (quick fix).", suggested.length) : '') +
    (dataset !== undefined ? ' ' + t('Not in the {0} export? A quick fix stops asking its records for them (kedb.config.yaml).', dataset) : '');
  return [
    {
      code: CHECKLIST_INCOMPLETE,
      severity: 'info',
      message: (n === 1 ? t('Checklist: 1 field missing: {0}.', describeMissing(missing)) : t('Checklist: {0} fields missing: {1}.', n, describeMissing(missing))) + hint,
      path: r.value.id !== undefined ? ['id'] : r.value.title !== undefined ? ['title'] : ['kind'],
      data: { ordinal: r.ordinal, missing, suggested },
    },
  ];
}

/** The incident checklist check, for the workspace's check registry. */
export const checklistCheck: RecordCheck = (r, ctx) => checklistIssues(r, ctx.config, ctx.matrix);
