/**
 * The problem lifecycle and the known-error rules, as diagnostics with stable codes.
 *
 * States follow ServiceNow's problem model: new → assessed → root-cause-analysis → fix-in-progress
 * → resolved → closed, and cancelled from any open state. Each state asks for what the next step
 * needs; the rules, their defaults and how to change them are in `settings.ts`.
 */
import type { PathIssue } from '../base/types';
import type { Severity } from '../base/types';
import type { CheckContext, RecordCheck } from '../workspace/checks';
import type { RecordEntry } from '../records/entry';
import { obj, str, strings } from './model';
import type { LifecycleConfig, LifecycleRule, LifecycleSourceField } from '../records/settings/lifecycle';
import { t } from '../base/l10n';
import { orList } from '../schema/validate';

/** "a and b and c", in the user's language. */
function andList(items: readonly string[]): string {
  return items.length === 0 ? '' : items.reduce((a, b) => t('{0} and {1}', a, b));
}

/** What a workaround says: nothing, "none" without a reason, "none" with one, or a workaround. */
export type WorkaroundState = 'missing' | 'none-without-reason' | 'none-with-reason' | 'given';

const NONE = /^\s*(?:none|no workaround|n\/a|n\.a\.|-+|—)(?=$|[\s:.,;–—-])[\s:.,;–—-]*(.*)$/is;

/**
 * Reads a workaround: "None: the sensor must be replaced" (or "No workaround — …", "N/A: …")
 * declares that there is none and why; "None" alone gives no reason.
 */
export function workaroundState(v: unknown): WorkaroundState {
  const s = str(v);
  if (!s) return 'missing';
  const m = NONE.exec(s);
  if (!m) return 'given';
  // A reason is a few words, not a stray mark.
  return m[1].trim().split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 2 ? 'none-with-reason' : 'none-without-reason';
}

/** True when an `rca` holds some analysis: a cause, a why, or a root cause (an empty skeleton is none). */
export function hasRca(value: Record<string, unknown>): boolean {
  const rca = obj(value.rca);
  if (strings(rca.root_causes).length) return true;
  const whys = rca.five_whys;
  if (Array.isArray(whys) ? whys.length > 0 : Object.values(obj(whys)).some((c) => Array.isArray(c) && c.length > 0)) return true;
  const cats = obj(rca.fishbone).categories;
  return Array.isArray(cats) && cats.some((c) => Array.isArray(obj(c).causes) && (obj(c).causes as unknown[]).length > 0);
}

/** The problem states in their order; `cancelled` stands aside. */
const PROBLEM_FLOW = ['new', 'assessed', 'root-cause-analysis', 'fix-in-progress', 'resolved', 'closed'];

/**
 * The state a problem moves to when its known error is published. A known error is a problem whose
 * cause is being (or has been) analysed and whose workaround is documented, so the problem is in
 * `root-cause-analysis` (as ServiceNow keeps a problem marked as a known error in Root Cause
 * Analysis until a fix starts). The lifecycle rules ask a problem in that state for an rca or an
 * assignee (`rca-or-assignee-missing`): when it has neither and the rule is on, it moves to
 * `assessed` instead, so that promoting adds no warning. A problem already further on, cancelled,
 * or in a state the schema does not know keeps its state (undefined).
 */
export function statusAfterPromotion(value: Record<string, unknown>, settings: LifecycleConfig): string | undefined {
  const status = str(value.status) ?? 'new';
  const at = PROBLEM_FLOW.indexOf(status);
  if (at < 0 || at >= PROBLEM_FLOW.indexOf('root-cause-analysis')) return undefined;
  const ready = settings.rules['rca-or-assignee-missing'] === 'off' || hasRca(value) || settings.assigneeFields.some((f) => str(value[f]));
  const target = ready ? 'root-cause-analysis' : 'assessed';
  return at < PROBLEM_FLOW.indexOf(target) ? target : undefined;
}

/** The known errors that name `problemId`, found through the files that refer to it. */
function knownErrorsNaming(ws: CheckContext, problemId: string, referrers: (id: string) => Iterable<string>): RecordEntry[] {
  const out: RecordEntry[] = [];
  for (const file of referrers(problemId)) {
    for (const r of ws.recordsInFile(file)) if (r.kind === 'known_error' && r.value.problem === problemId && r.value.state !== 'retired' && r.id !== undefined) out.push(r);
  }
  return out.sort((a, b) => a.id!.localeCompare(b.id!, 'en', { numeric: true }));
}

/** The day of an ISO date-time as written (its own offset), e.g. `2025-09-23`. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** An ISO date `days` after another. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(date + 'T00:00:00Z');
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The problem fields the export a problem was imported from cannot hold
 * (`lifecycle.sources.NAME.lacks`, NAME its `source.dataset`): its own lack of them is not reported.
 */
function problemSourceLacks(value: Record<string, unknown>, settings: LifecycleConfig): readonly LifecycleSourceField[] {
  const dataset = str(obj(value.source).dataset);
  return dataset !== undefined ? (settings.sources[dataset]?.lacks ?? []) : [];
}

/**
 * The lifecycle checks of one record. `referrers(id)` gives the files that refer to an id (the
 * workspace's reverse index), so that a problem finds the known errors that name it without a scan.
 */
export function lifecycleIssues(r: RecordEntry, ws: CheckContext, referrers: (id: string) => Iterable<string>): PathIssue[] {
  if (r.kind === 'incident') return [];
  const settings = ws.config.lifecycle;
  const out: PathIssue[] = [];
  const push = (code: LifecycleRule, message: string, path: (string | number)[], data: Record<string, unknown> = {}) => {
    const level = settings.rules[code];
    if (level === 'off') return;
    out.push({ code, severity: level as Severity, message, path, data: { ...data, ordinal: r.ordinal } });
  };
  const v = r.value;

  if (r.kind === 'problem') {
    const status = str(v.status);
    const resolution = obj(v.resolution);
    const lacks = problemSourceLacks(v, settings);
    if (status === 'root-cause-analysis' && !hasRca(v) && !settings.assigneeFields.some((f) => str(v[f]))) {
      push(
        'rca-or-assignee-missing',
        t('A problem in root-cause-analysis needs an rca or an assignee ({0}): someone must be finding the cause.', orList(settings.assigneeFields)),
        ['status'],
        { fields: settings.assigneeFields },
      );
    }
    const named = str(v.known_error);
    const namedKe = named ? ws.get(named) : undefined;
    const naming = r.id !== undefined && !named ? knownErrorsNaming(ws, r.id, referrers) : [];
    const ke = namedKe?.kind === 'known_error' ? namedKe : naming[0];
    if (status === 'fix-in-progress') {
      const fix = obj(ke?.value.permanent_fix);
      const byId = str(resolution.change) ?? str(fix.change);
      const byPlan = settings.changeReference === 'id-or-plan' && str(fix.description);
      // An export without change ids excuses the problem's own resolution.change; a known error
      // documenting it is the user's work, and is still asked for its permanent fix.
      const excused = !ke && lacks.includes('resolution.change');
      if (!byId && !byPlan && !excused) {
        const plan = settings.changeReference === 'id-or-plan';
        const message = ke
          ? plan
            ? t('A problem in fix-in-progress needs a change reference: resolution.change, or permanent_fix.change on {0} (or a permanent fix described on its known error).', String(ke.id))
            : t('A problem in fix-in-progress needs a change reference: resolution.change, or permanent_fix.change on {0}.', String(ke.id))
          : plan
            ? t('A problem in fix-in-progress needs a change reference: resolution.change (or a permanent fix described on its known error).')
            : t('A problem in fix-in-progress needs a change reference: resolution.change.');
        push('change-reference-missing', message, ['status'], ke?.id ? { knownError: ke.id } : {});
      }
    }
    if ((status === 'resolved' || status === 'closed') && !str(resolution.code) && !lacks.includes('resolution.code')) {
      push(
        'resolution-code-missing',
        t('A {0} problem needs a resolution.code: fix-applied, duplicate, risk-accepted or cancelled.', status),
        v.resolution === undefined ? ['status'] : ['resolution'],
      );
    }
    if (resolution.code === 'duplicate' && !str(resolution.duplicate_of)) {
      push('duplicate-of-missing', t('A problem resolved as a duplicate must say which problem it duplicates: set resolution.duplicate_of.'), ['resolution', 'code']);
    }
    if (!named && naming.length > 0) {
      const ids = naming.map((k) => k.id!);
      const message =
        ids.length === 1
          ? t('{0} documents this problem, but it does not link to it: set known_error.', ids[0])
          : t('{0} document this problem, but it does not link to them: set known_error.', andList(ids));
      push('known-error-unlinked', message, ['id'], { knownErrors: ids });
    }
    return out;
  }

  // Known errors. A retired one asks for nothing more; only a published one goes stale.
  const keState = v.state === 'draft' || v.state === 'retired' ? v.state : 'published';
  if (keState === 'retired') return out;
  const state = workaroundState(v.workaround);
  if (state === 'missing' || state === 'none-without-reason') {
    const problem = str(v.problem) ? ws.get(String(v.problem)) : undefined;
    const from = problem?.kind === 'problem' && workaroundState(problem.value.workaround) === 'given' ? problem.id : undefined;
    push(
      'workaround-missing',
      state === 'missing'
        ? t('A known error needs a workaround, or "None: " and the reason there is none, so the service desk knows what to do.')
        : t('A known error without a workaround must say why: write "None: " and the reason.'),
      v.workaround === undefined ? ['id'] : ['workaround'],
      from ? { fromProblem: from } : {},
    );
  }
  const validTo = str(v.valid_to);
  const today = dayOf(ws.clock());
  if (keState === 'published' && validTo && /^\d{4}-\d{2}-\d{2}$/.test(validTo) && validTo < today) {
    push('known-error-stale', t('This known error was valid until {0}: review it, then move valid_to on (or retire it).', validTo), ['valid_to'], {
      validTo,
      reviewedTo: addDays(today, settings.reviewDays),
    });
  }
  return out;
}

/** The problem-lifecycle checks, for the workspace's check registry. */
export const lifecycleCheck: RecordCheck = (r, ctx) => lifecycleIssues(r, ctx, (id) => ctx.referrers(id));
