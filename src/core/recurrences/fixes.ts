/**
 * The quick fixes of a `recurrence`: reopen the problem for analysis (its status back to
 * `root-cause-analysis`, the incident added to its incidents and linked back, and a `reopened`
 * entry saying when, from what, why and which incident), one edit of both files; or mark the
 * incident as not a recurrence of that problem (`not_recurrence_of`), so the warning is not
 * raised again.
 */
import type { FixableIssue, FixProvider, QuickFix, QuickFixContext } from '../workspace/fixes';
import type { FileEdit } from '../base/types';
import { appendToList, chainEdits, setIn, toFileEdit, yamlInline, type TextEdit } from '../records/edits';
import { strings, str } from '../kedb/model';
import { t } from '../base/l10n';
import { appendMapping } from './edits';

type Step = (text: string) => TextEdit | undefined;

/** The quick fixes for one `recurrence` diagnostic, reopen first; none for other codes. */
export function recurrenceFixes(issue: FixableIssue, ctx: QuickFixContext): QuickFix[] {
  if (issue.code !== 'recurrence') return [];
  const d = issue.data ?? {};
  const problemId = typeof d.problem === 'string' ? d.problem : undefined;
  const keId = typeof d.knownError === 'string' ? d.knownError : undefined;
  const ordinal = typeof d.ordinal === 'number' ? d.ordinal : 0;
  const ws = ctx.workspace;
  const incident = ws.recordsInFile(ctx.path)[ordinal];
  if (!problemId || !keId || incident?.kind !== 'incident' || incident.id === undefined) return [];
  const incidentId = incident.id;
  const { config } = ws;
  const fixes: QuickFix[] = [];

  const problem = ws.get(problemId);
  const problemText = problem ? (problem.file === ctx.path ? ctx.ranged.lines.text : (ctx.textOf?.(problem.file) ?? ws.textOf(problem.file))) : undefined;
  if (problem?.kind === 'problem' && problemText !== undefined) {
    const now = ctx.now ?? ws.clock();
    const fromStatus = str(problem.value.status);
    const score = typeof d.score === 'number' ? d.score.toFixed(2) : '';
    const day = typeof d.resolvedDay === 'string' ? d.resolvedDay : '';
    const reason = t('{0} matches {1} ({2}): the error came back after the fix applied on {3}.', incidentId, keId, score, day);
    const po = problem.ordinal;
    const problemSteps: Step[] = [
      (text) => setIn(text, po, ['status'], { inline: 'root-cause-analysis' }, config, { after: ['title'] }),
      (text) => (strings(problem.value.incidents).includes(incidentId) ? undefined : appendToList(text, po, ['incidents'], incidentId, config, { after: ['created_at', 'assignment_group', 'owner', 'priority', 'status'] })),
    ];
    const entry: [string, string][] = [['at', JSON.stringify(now)]];
    if (fromStatus === 'resolved' || fromStatus === 'closed') entry.push(['from_status', fromStatus]);
    entry.push(['incident', yamlInline(incidentId)], ['reason', JSON.stringify(reason)]);
    const reopenedStep: Step = (text) => appendMapping(text, po, 'reopened', entry, config, { after: ['resolution', 'tasks', 'known_error'] });
    const io = incident.ordinal;
    const incidentSteps: Step[] = [
      (text) => setIn(text, io, ['problem'], { inline: yamlInline(problemId) }, config, { after: ['escalation', 'assigned_to', 'assignment_group', 'status'] }),
      (text) => (str(incident.value.known_error) ? undefined : setIn(text, io, ['known_error'], { inline: yamlInline(keId) }, config, { after: ['problem', 'escalation', 'status'] })),
    ];
    // The `reopened` entry is what makes the reopening a record: without it (the key holds
    // something that is not a list), there is no fix rather than an overwrite.
    const reopenedOk = reopenedStep(problemText) !== undefined;
    const edits: FileEdit[] = [];
    const incidentText = ctx.ranged.lines.text;
    if (reopenedOk && problem.file === ctx.path) {
      const e = chainEdits(incidentText, [...incidentSteps, ...problemSteps, reopenedStep]);
      if (e) edits.push(toFileEdit(ctx.path, incidentText, e, ctx.ranged.lines));
    } else if (reopenedOk) {
      const ie = chainEdits(incidentText, incidentSteps);
      if (ie) edits.push(toFileEdit(ctx.path, incidentText, ie, ctx.ranged.lines));
      const pe = chainEdits(problemText, [...problemSteps, reopenedStep]);
      if (pe) edits.push(toFileEdit(problem.file, problemText, pe));
    }
    if (edits.length > 0) fixes.push({ title: t('Link to {0} and reopen it for analysis', problemId), isPreferred: true, edits });
  }

  const text = ctx.ranged.lines.text;
  const dismiss = appendToList(text, ordinal, ['not_recurrence_of'], yamlInline(problemId), config, { after: ['known_error', 'problem', 'escalation', 'status'] });
  if (dismiss) fixes.push({ title: t('Not a recurrence of {0}', problemId), edits: [toFileEdit(ctx.path, text, dismiss, ctx.ranged.lines)] });
  return fixes;
}

/** The recurrence fixes, for the workspace's fix registry. */
export const recurrenceFixProvider: FixProvider = { codes: ['recurrence'], fixes: recurrenceFixes };
