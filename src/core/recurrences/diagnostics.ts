/**
 * The `recurrence` diagnostic: on an incident that matches a known error whose problem was
 * resolved with its fix applied. Its severity is a lifecycle rule (`lifecycle.rules.recurrence`).
 */
import type { PathIssue, Severity } from '../base/types';
import type { CheckContext, ReachContext, RecordCheck } from '../workspace/checks';
import type { RecordEntry } from '../records/entry';
import { t } from '../base/l10n';
import { forgetRecurrenceTargets, isFixedProblem, isStore, listRecurrences, recurrencesOf } from './model';

/** Per store, the incident files the last check of each found recurring: what a change may clear. */
const FLAGGED = new WeakMap<object, Set<string>>();

function recurrenceIssues(r: RecordEntry, ctx: CheckContext): PathIssue[] {
  if (r.kind !== 'incident' || !isStore(ctx)) return [];
  const level = ctx.config.lifecycle.rules.recurrence;
  const found = level === 'off' ? [] : recurrencesOf(ctx, r);
  let flagged = FLAGGED.get(ctx);
  if (!flagged) FLAGGED.set(ctx, (flagged = new Set()));
  if (found.length) flagged.add(r.file);
  else flagged.delete(r.file);
  const at = r.value.title !== undefined ? ['title'] : ['id'];
  return found.map((x) => ({
    code: 'recurrence',
    severity: level as Severity,
    message:
      x.problemStatus === 'closed'
        ? t('This looks like a recurrence of {0}: it matches {1} ({2}), and {0} was closed with its fix applied on {3}. Reopen {0} for analysis, or mark this incident as not a recurrence.', x.problem, x.knownError, x.score.toFixed(2), x.resolvedDay)
        : t('This looks like a recurrence of {0}: it matches {1} ({2}), and {0} was resolved with its fix applied on {3}. Reopen {0} for analysis, or mark this incident as not a recurrence.', x.problem, x.knownError, x.score.toFixed(2), x.resolvedDay),
    path: at,
    data: { ordinal: r.ordinal, incident: x.incident.id, knownError: x.knownError, problem: x.problem, fromStatus: x.problemStatus, resolvedDay: x.resolvedDay, score: x.score },
  }));
}

/**
 * The recurrence issues of one record; none for other kinds, or when the rule is off. An
 * incident's recurrence depends on records it does not link to (a problem resolved, a known error
 * reworded): when a problem or a known error changes, the incidents flagged before and those
 * flagged now are checked again (`reach`).
 */
export const recurrenceCheck: RecordCheck = Object.assign(recurrenceIssues, {
  reach: (changed: readonly RecordEntry[], ctx: ReachContext): string[] => {
    // Only a problem fixed before or after the change, or a known error of a fixed problem, can
    // change what recurs: an edit to any other problem costs nothing here.
    const matters = (r: RecordEntry) =>
      r.kind === 'problem' ? isFixedProblem(r) : r.kind === 'known_error' && typeof r.value.problem === 'string' && isFixedProblem(ctx.get(r.value.problem));
    if (!changed.some(matters) || !isStore(ctx)) return [];
    forgetRecurrenceTargets(ctx);
    const now = ctx.config.lifecycle.rules.recurrence === 'off' ? [] : listRecurrences(ctx).map((x) => x.incident.file);
    return [...(FLAGGED.get(ctx) ?? []), ...now];
  },
});
