/**
 * The `recurrence` diagnostic: on an incident that matches a known error whose problem was
 * resolved with its fix applied. Its severity is a lifecycle rule (`lifecycle.rules.recurrence`).
 */
import type { PathIssue, Severity } from '../base/types';
import type { RecordCheck } from '../workspace/checks';
import type { RecordEntry } from '../records/entry';
import { t } from '../base/l10n';
import { isStore, recurrencesOf } from './model';

/** The recurrence issues of one record; none for other kinds, or when the rule is off. */
export const recurrenceCheck: RecordCheck = (r: RecordEntry, ctx): PathIssue[] => {
  if (r.kind !== 'incident' || !isStore(ctx)) return [];
  const level = ctx.config.lifecycle.rules.recurrence;
  if (level === 'off') return [];
  const at = r.value.title !== undefined ? ['title'] : ['id'];
  return recurrencesOf(ctx, r).map((x) => ({
    code: 'recurrence',
    severity: level as Severity,
    message:
      x.problemStatus === 'closed'
        ? t('This looks like a recurrence of {0}: it matches {1} ({2}), and {0} was closed with its fix applied on {3}. Reopen {0} for analysis, or mark this incident as not a recurrence.', x.problem, x.knownError, x.score.toFixed(2), x.resolvedDay)
        : t('This looks like a recurrence of {0}: it matches {1} ({2}), and {0} was resolved with its fix applied on {3}. Reopen {0} for analysis, or mark this incident as not a recurrence.', x.problem, x.knownError, x.score.toFixed(2), x.resolvedDay),
    path: at,
    data: { ordinal: r.ordinal, incident: x.incident.id, knownError: x.knownError, problem: x.problem, fromStatus: x.problemStatus, resolvedDay: x.resolvedDay, score: x.score },
  }));
};
