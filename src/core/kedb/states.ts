/**
 * A known error's place in the KEDB: `draft` while it is written (Promote to Known Error creates
 * one), `published` once the service desk may use it, `retired` when it no longer applies, with
 * `replaced_by` naming the known error that takes its place. A known error without `state` is
 * published, so workspaces written before states keep their meaning.
 *
 * The checks here: links to a retired known error, `replaced_by` chains that end on a retired
 * record or go round in a loop, a published known error past its `review_by`, and a draft's
 * workaround already sent to an incident. Severities are lifecycle rules (`lifecycle.rules`).
 */
import type { PathIssue, Severity } from '../base/types';
import type { CheckContext, ReachContext, RecordCheck } from '../workspace/checks';
import type { RecordEntry } from '../records/entry';
import type { LifecycleRule } from '../records/settings/lifecycle';
import { isClosedIncident } from '../records/states';
import { t } from '../base/l10n';
import { addDays, dayOf } from './lifecycle';
import { str } from './model';

export const KNOWN_ERROR_STATES = ['draft', 'published', 'retired'] as const;
export type KnownErrorState = (typeof KNOWN_ERROR_STATES)[number];

export const STATE_CODES = ['known-error-review-due', 'retired-known-error-linked', 'replaced-by-retired', 'replaced-by-loop', 'draft-workaround-communicated'] as const;

/** The state of a known error as written; none (or one the schema does not know) is `published`. */
export function knownErrorState(value: Record<string, unknown>): KnownErrorState {
  const s = value.state;
  return s === 'draft' || s === 'retired' ? s : 'published';
}

/** The problem states in which a problem's work is over. */
const PROBLEM_OVER = new Set(['resolved', 'closed', 'cancelled']);

/** A YAML date read as a string (`2025-10-01`); a date-time keeps its own day. */
function dateText(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  const s = str(v)?.trim();
  return s && /^\d{4}-\d{2}-\d{2}(?:$|T)/.test(s) ? s.slice(0, 10) : undefined;
}

export interface Replacement {
  /** The first known error down the `replaced_by` chain that is not retired, when there is one. */
  final: RecordEntry | undefined;
  /** The ids followed, the record's own first. */
  chain: string[];
  /** True when the chain comes back to an id already in it. */
  loop: boolean;
  /** True when the loop comes back to the record the chain started from. */
  loopsHere: boolean;
}

/**
 * Follows `replaced_by` from a known error: through retired known errors to the first one that is
 * not retired. Stops at an unknown id, a record that is not a known error, or a loop.
 */
export function followReplacement(ctx: Pick<CheckContext, 'get'>, ke: RecordEntry): Replacement {
  const chain = [ke.id ?? ''];
  let at = ke;
  for (;;) {
    const next = str(at.value.replaced_by);
    if (!next) return { final: undefined, chain, loop: false, loopsHere: false };
    if (chain.includes(next)) return { final: undefined, chain, loop: true, loopsHere: next === chain[0] };
    chain.push(next);
    const target = ctx.get(next);
    if (!target || target.kind !== 'known_error') return { final: undefined, chain, loop: false, loopsHere: false };
    if (knownErrorState(target.value) !== 'retired') return { final: target, chain, loop: false, loopsHere: false };
    at = target;
  }
}

/** The ids a note names as the source of a workaround: `Workaround (KE-0007): …`. */
function notedSources(notes: string): string[] {
  return [...notes.matchAll(/Workaround \(([A-Za-z][A-Za-z0-9]*-\d+)\):/g)].map((m) => m[1]);
}

/** The known-error state issues of one record, against "today" (an ISO date). */
export function stateIssues(r: RecordEntry, ctx: CheckContext, today = dayOf(ctx.clock())): PathIssue[] {
  const rules = ctx.config.lifecycle.rules;
  const out: PathIssue[] = [];
  const push = (code: (typeof STATE_CODES)[number] & LifecycleRule, message: string, path: (string | number)[], data: Record<string, unknown> = {}) => {
    const level = rules[code];
    if (level === 'off') return;
    out.push({ code, severity: level as Severity, message, path, data: { ...data, ordinal: r.ordinal } });
  };
  const v = r.value;

  if (r.kind === 'incident' || r.kind === 'problem') {
    const open = r.kind === 'incident' ? !isClosedIncident(v) : !PROBLEM_OVER.has(str(v.status) ?? 'new');
    const linked = str(v.known_error);
    const ke = linked ? ctx.get(linked) : undefined;
    if (open && ke?.kind === 'known_error' && knownErrorState(ke.value) === 'retired') {
      const { final } = followReplacement(ctx, ke);
      const retiredAt = dateText(ke.value.retired_at);
      const when = retiredAt ? t('{0} was retired on {1}', linked!, retiredAt) : t('{0} is retired', linked!);
      push(
        'retired-known-error-linked',
        final?.id ? t('{0}: link its replacement, {1}.', when, final.id) : t('{0} and names no replacement: link the known error that applies now.', when),
        ['known_error'],
        { knownError: linked, ...(final?.id ? { replacement: final.id } : {}) },
      );
    }
    if (r.kind === 'incident' && typeof v.notes === 'string') {
      const drafts = [...new Set(notedSources(v.notes))].filter((id) => {
        const source = ctx.get(id);
        return source?.kind === 'known_error' && knownErrorState(source.value) === 'draft';
      });
      for (const id of drafts) {
        push('draft-workaround-communicated', t('The notes give the workaround of {0}, which is still a draft: publish {0}, or tell the user it is not confirmed yet.', id), ['notes'], {
          knownError: id,
        });
      }
    }
    return out;
  }

  if (r.kind !== 'known_error') return out;
  const state = knownErrorState(v);
  const replacedBy = str(v.replaced_by);
  if (replacedBy && r.id !== undefined) {
    const chain = followReplacement(ctx, r);
    if (chain.loopsHere) {
      const ring = [...chain.chain, chain.chain[0]].join(' → ');
      push('replaced-by-loop', t('replaced_by goes round in a loop ({0}): one of them must be the known error in use.', ring), ['replaced_by'], { chain: chain.chain });
    } else {
      const target = ctx.get(replacedBy);
      if (target?.kind === 'known_error' && knownErrorState(target.value) === 'retired') {
        push(
          'replaced-by-retired',
          chain.final?.id
            ? t('{0} is retired too; it is replaced by {1}: name that one.', replacedBy, chain.final.id)
            : t('{0} is retired too: name the known error that replaces it now.', replacedBy),
          ['replaced_by'],
          chain.final?.id ? { replacement: chain.final.id } : {},
        );
      }
    }
  }
  const reviewBy = dateText(v.review_by);
  if (state === 'published' && reviewBy && reviewBy < today) {
    push('known-error-review-due', t('This known error was due for review on {0}: check its workaround and fix, then set the next review_by (or retire it).', reviewBy), ['review_by'], {
      reviewBy,
      reviewedTo: addDays(today, ctx.config.lifecycle.reviewDays),
    });
  }
  return out;
}

/** The known-error state checks, for the workspace's check registry. */
export const knownErrorStateCheck: RecordCheck = Object.assign((r: RecordEntry, ctx: CheckContext) => stateIssues(r, ctx), {
  // A `replaced_by` chain runs through records that do not name each other (a loop A → B → C → A
  // closed at C concerns B too): a changed known error has every known error checked again. They are few.
  // The incidents whose notes give its workaround name it in prose only, which no link index holds.
  reach: (changed: readonly RecordEntry[], ctx: ReachContext) => {
    if (!changed.some((r) => r.kind === 'known_error')) return [];
    const ids = changed.filter((r) => r.kind === 'known_error' && r.id !== undefined).map((r) => r.id!);
    const files = [...ctx.records('known_error')].map((k) => k.file);
    for (const i of ctx.records('incident')) {
      const notes = i.value.notes;
      if (typeof notes === 'string' && ids.some((id) => notes.includes(id)) && notedSources(notes).some((id) => ids.includes(id))) files.push(i.file);
    }
    return files;
  },
});
