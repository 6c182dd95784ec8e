/**
 * Insights over a workspace: the Pareto of incidents by category, service and configuration item,
 * incidents per week (overall and for the top candidates), problems by state, the age of the open
 * problems, the time spent in each state, and the KEDB's coverage. See `model.ts` for the shape.
 *
 * Nothing here throws for bad data: what the records cannot support is left out of its figure and
 * said in `notes`.
 */
import { t } from '../base/l10n';
import { detect } from '../candidates/detector';
import type { Dismissal } from '../candidates/dismissals';
import { incidentFacts, type IncidentFacts } from '../candidates/incidents';
import { groupBy } from '../candidates/rules';
import { workaroundState } from '../kedb/lifecycle';
import { byId, knownErrorOfProblem, obj, PERMANENT_FIX_STATUSES, str, strings } from '../kedb/model';
import type { RecordEntry } from '../records/entry';
import { listTasks, taskDayNumber } from '../tasks/model';
import type { RecordStore } from '../workspace/store';
import { DAY_MS, dayNumberOf, dayString, median, mondayOf, round2, timeOf } from './days';
import type { Aging, Coverage, Fraction, Pareto, ParetoRow, StateCount, Stats, TimeInState, WeeklyTrend } from './model';

/** A problem's lifecycle, in order. */
export const PROBLEM_STATES = ['new', 'assessed', 'root-cause-analysis', 'fix-in-progress', 'resolved', 'closed', 'cancelled'] as const;
/** The states in which a problem is no longer open: it is not aged, and time stops counting. */
export const DONE_PROBLEM_STATES: readonly string[] = ['resolved', 'closed', 'cancelled'];

/** One recorded state change: the state entered and when (ISO date-time). */
export interface StateChange {
  status: string;
  at: string;
}

/** What the caller could learn from git about the problem files (see src/node/gitHistory.ts). */
export interface GitHistory {
  /** `ok`: a full clone; `shallow`: a shallow clone (older changes are missing); `not-a-repository`; `unavailable` (no git). */
  state: 'ok' | 'shallow' | 'not-a-repository' | 'unavailable';
  /** Per problem id: the status at each commit that changed it, oldest first. */
  history: Record<string, StateChange[]>;
}

export interface StatsOptions {
  /** The day the figures are counted at, `YYYY-MM-DD`. */
  now: string;
  /** State changes from the git history of the problem files, for the problems without a `history` list. */
  git?: GitHistory;
  /** How many of the ranked candidates get their own weekly series (default 5). */
  topCandidates?: number;
  /** The workspace's dismissed candidates, left out as the candidates view leaves them out. */
  dismissals?: readonly Dismissal[];
  /** Weeks kept in the trend, the latest ones (default 520, ten years). */
  maxWeeks?: number;
}

export const AGING_BUCKETS = [
  { label: '0–7', max: 7 },
  { label: '8–30', max: 30 },
  { label: '31–90', max: 90 },
  { label: '> 90', max: Infinity },
] as const;

const compareIds = new Intl.Collator('en', { numeric: true }).compare;

/** Every figure of `kedb stats` for the records of `ws`, counted at `options.now`. */
export function computeStats(ws: RecordStore, options: StatsOptions): Stats {
  const notes: string[] = [];
  const nowDay = taskDayNumber(options.now);
  if (nowDay === undefined) throw new RangeError(`computeStats: now must be a date (YYYY-MM-DD), not ${JSON.stringify(options.now)}`);
  const facts = incidentFacts(ws.records('incident'));
  const problems = [...ws.records('problem')].filter((r) => r.id !== undefined).sort((a, b) => byId(a.id!, b.id!));
  const knownErrors = [...ws.records('known_error')].filter((r) => r.id !== undefined);

  const pareto = paretoTables(facts, ws.config.categories ?? [], notes);
  const weekly = weeklyTrend(ws, facts, nowDay, options, notes);
  const problemsByState = stateCounts(problems, notes);
  const aging = agingOf(problems, nowDay, options.git, notes);
  const timeInState = timeInStates(problems, nowDay, options.git, notes);
  const coverage = coverageOf(ws, facts, problems, knownErrors, options.now);

  if (facts.length === 0) notes.push(t('There are no incidents: no Pareto, no weekly trend and no incident coverage.'));
  if (problems.length === 0) notes.push(t('There are no problems: no states, no aging and no time in state.'));
  return {
    now: options.now,
    counts: { incidents: facts.length, problems: problems.length, known_errors: knownErrors.length },
    pareto,
    weekly,
    problems_by_state: problemsByState,
    aging,
    time_in_state: timeInState,
    coverage,
    notes,
  };
}

// ---- Pareto ------------------------------------------------------------------------------------

/**
 * One Pareto table: a row per value (compared without case, spelled as most incidents spell it),
 * most incidents first, ties in `order` (the config's categories) and then alphabetically: the
 * seed's table for categories. Shares are over the incidents that have a value.
 */
export function paretoTable(facts: readonly IncidentFacts[], keyOf: (f: IncidentFacts) => string | undefined, order: readonly string[] = []): ParetoRow[] {
  const rank = new Map(order.map((c, i) => [c.toLowerCase(), i]));
  const r = (v: string) => rank.get(v.toLowerCase()) ?? Number.MAX_SAFE_INTEGER;
  const groups = [...groupBy(facts, keyOf).values()].map((g) => ({ value: g.label, members: g.members }));
  groups.sort((a, b) => b.members.length - a.members.length || r(a.value) - r(b.value) || a.value.localeCompare(b.value));
  const total = groups.reduce((n, g) => n + g.members.length, 0);
  let running = 0;
  return groups.map((g) => {
    running += g.members.length;
    return {
      value: g.value,
      count: g.members.length,
      share: g.members.length / total,
      cumulative: running / total,
      ids: g.members.map((m) => m.id).sort(compareIds),
    };
  });
}

function paretoTables(facts: readonly IncidentFacts[], categories: readonly string[], notes: string[]): Pareto {
  const pareto: Pareto = {
    category: paretoTable(facts, (f) => f.category, categories),
    service: paretoTable(facts, (f) => f.service),
    configuration_item: paretoTable(facts, (f) => f.ci),
  };
  if (facts.length === 0) return pareto;
  for (const key of Object.keys(pareto) as (keyof Pareto)[]) {
    const rows = pareto[key];
    const counted = rows.reduce((n, row) => n + row.count, 0);
    if (counted === 0) notes.push(t('No incident has a {0}: no Pareto by {0}.', key));
    else if (counted < facts.length) notes.push(t('{0} of {1} incidents have no {2}: the Pareto by {2} counts the other {3}.', facts.length - counted, facts.length, key, counted));
    else if (rows.length === counted && rows.length > 1) notes.push(t('Every {0} occurs once: the Pareto by {0} has no repeated value.', key));
  }
  return pareto;
}

// ---- weekly trend ------------------------------------------------------------------------------

function weeklyTrend(ws: RecordStore, facts: readonly IncidentFacts[], nowDay: number, options: StatsOptions, notes: string[]): WeeklyTrend {
  const maxWeeks = Math.max(1, options.maxWeeks ?? 520);
  const weekOf = new Map<string, number>();
  let undated = 0;
  let future = 0;
  for (const f of facts) {
    const day = dayNumberOf(f.reportedAt);
    if (day === undefined) undated++;
    else if (day > nowDay) future++;
    else weekOf.set(f.id, mondayOf(day));
  }
  const trend: WeeklyTrend = { weeks: [], overall: [], overall_ids: [], candidates: [] };
  if (facts.length === 0) return trend;
  if (undated === facts.length) {
    notes.push(t('No incident has a valid date (reported_at): no weekly trend.'));
    return trend;
  }
  if (undated > 0) notes.push(t('{0} of {1} incidents have no valid date (reported_at): they are left out of the weekly trend.', undated, facts.length));
  if (future > 0) notes.push(t('{0} incidents are dated after {1}: they are left out of the weekly trend.', future, options.now));
  if (weekOf.size === 0) return trend;
  let first = Infinity;
  let last = -Infinity;
  for (const w of weekOf.values()) {
    first = Math.min(first, w);
    last = Math.max(last, w);
  }
  const weeks = Math.round((last - first) / 7) + 1;
  if (weeks > maxWeeks) {
    const start = last - (maxWeeks - 1) * 7;
    let older = 0;
    for (const w of weekOf.values()) if (w < start) older++;
    notes.push(t('The incidents span {0} weeks: the trend shows the last {1}, from {2}; {3} older incidents are left out of it.', weeks, maxWeeks, dayString(start), older));
    first = start;
  } else if (weeks === 1) {
    notes.push(t('Every dated incident falls in the week of {0}: one point, no trend yet.', dayString(first)));
  }
  const n = Math.round((last - first) / 7) + 1;
  trend.weeks = Array.from({ length: n }, (_, i) => dayString(first + i * 7));
  /** Per week, the incidents of `ids` reported in it (sorted), and their count. */
  const series = (ids: Iterable<string>): { counts: number[]; weekIds: string[][] } => {
    const weekIds = Array.from({ length: n }, () => [] as string[]);
    for (const id of ids) {
      const w = weekOf.get(id);
      if (w === undefined || w < first) continue;
      weekIds[Math.round((w - first) / 7)].push(id);
    }
    for (const list of weekIds) list.sort(compareIds);
    return { counts: weekIds.map((list) => list.length), weekIds };
  };
  const all = series(facts.map((f) => f.id));
  trend.overall = all.counts;
  trend.overall_ids = all.weekIds;
  const top = Math.max(0, options.topCandidates ?? 5);
  if (top > 0) {
    // The candidates as the candidates view and the report rank them.
    const detection = detect(ws.records('incident'), ws.config.detection, { categoryOrder: ws.config.categories, dismissals: options.dismissals, facts });
    for (const c of detection.candidates.slice(0, top)) {
      const own = series(c.incidents);
      trend.candidates.push({ label: c.label, ids: [...c.incidents], counts: own.counts, week_ids: own.weekIds });
    }
    if (detection.candidates.length === 0) notes.push(t('No problem candidate was found: the trend shows all incidents only.'));
  }
  return trend;
}

// ---- problems by state -------------------------------------------------------------------------

/** A problem's state as written (`new` when it has none). */
function stateOf(p: RecordEntry): string {
  return str(p.value.status)?.trim() ?? 'new';
}

function rankState(s: string): number {
  const i = (PROBLEM_STATES as readonly string[]).indexOf(s);
  return i < 0 ? PROBLEM_STATES.length : i;
}

/** Every lifecycle state with its problems (zero included), then any other state written. */
function stateCounts(problems: readonly RecordEntry[], notes: string[]): StateCount[] {
  const byState = new Map<string, string[]>(PROBLEM_STATES.map((s) => [s, []]));
  for (const p of problems) {
    const s = stateOf(p);
    const list = byState.get(s);
    if (list) list.push(p.id!);
    else byState.set(s, [p.id!]);
  }
  const out = [...byState].map(([state, ids]) => ({ state, count: ids.length, ids })).sort((a, b) => rankState(a.state) - rankState(b.state) || a.state.localeCompare(b.state));
  const unknown = out.filter((s) => rankState(s.state) === PROBLEM_STATES.length);
  if (unknown.length) notes.push(t('Some problems have a state outside the lifecycle: {0}.', unknown.map((s) => `${s.state} (${s.count})`).join(', ')));
  return out;
}

// ---- history -----------------------------------------------------------------------------------

/** A problem's `history` list as written: entries with a status and a date-time, in the order written. */
export function recordedHistory(value: Record<string, unknown>): { changes: StateChange[]; invalid: number } | undefined {
  const list = value.history;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const changes: StateChange[] = [];
  let invalid = 0;
  for (const item of list) {
    const e = obj(item);
    const status = str(e.status)?.trim();
    const at = e.at instanceof Date ? e.at.toISOString() : str(e.at)?.trim();
    if (!status || !at || timeOf(at) === undefined) invalid++;
    else changes.push({ status, at });
  }
  return { changes, invalid };
}

/** The changes a problem's time in state is measured from: its `history`, else git's, with where they came from. */
function changesOf(p: RecordEntry, git: GitHistory | undefined): { changes: StateChange[]; invalid: number; source: 'history' | 'git' } | undefined {
  const own = recordedHistory(p.value);
  if (own && own.changes.length > 0) return { ...own, source: 'history' };
  const fromGit = git?.history[p.id!];
  if (fromGit && fromGit.length > 0) return { changes: fromGit, invalid: own?.invalid ?? 0, source: 'git' };
  return undefined;
}

// ---- aging -------------------------------------------------------------------------------------

function agingOf(problems: readonly RecordEntry[], nowDay: number, git: GitHistory | undefined, notes: string[]): Aging {
  const open: Aging['open'] = [];
  const undated: string[] = [];
  const future: string[] = [];
  for (const p of problems) {
    if (DONE_PROBLEM_STATES.includes(stateOf(p))) continue;
    let since = dayNumberOf(p.value.created_at);
    if (since === undefined) {
      const changes = changesOf(p, git)?.changes ?? [];
      const times = changes.map((c) => dayNumberOf(c.at)).filter((d): d is number => d !== undefined);
      if (times.length) since = Math.min(...times);
    }
    if (since === undefined) undated.push(p.id!);
    else if (since > nowDay) future.push(p.id!);
    else open.push({ id: p.id!, title: str(p.value.title) ?? '', age_days: nowDay - since, since: dayString(since) });
  }
  open.sort((a, b) => b.age_days - a.age_days || compareIds(a.id, b.id));
  const buckets = AGING_BUCKETS.map((b, i) => {
    const min = i === 0 ? 0 : AGING_BUCKETS[i - 1].max + 1;
    const ids = open.filter((o) => o.age_days >= min && o.age_days <= b.max).map((o) => o.id);
    return { label: b.label, count: ids.length, ids };
  });
  if (undated.length) notes.push(t('{0} open problems have neither a created_at nor a recorded state: their age is not known ({1}).', undated.length, listed(undated)));
  if (future.length) notes.push(t('{0} open problems were created after the day counted at: they are left out of the aging ({1}).', future.length, listed(future)));
  if (problems.length > 0 && open.length === 0 && undated.length === 0 && future.length === 0) notes.push(t('No problem is open: nothing to age.'));
  return {
    open,
    buckets,
    median_days: median(open.map((o) => o.age_days)),
    oldest: open.length ? { id: open[0].id, age_days: open[0].age_days } : null,
  };
}

/** At most 10 ids, then how many more. */
function listed(ids: readonly string[]): string {
  return ids.length <= 10 ? ids.join(', ') : t('{0} … and {1} more', ids.slice(0, 10).join(', '), ids.length - 10);
}

// ---- time in state -----------------------------------------------------------------------------

/**
 * Days spent in each state by one problem: from each change to the next; the last state counts up
 * to the end of the day counted at when it is still open, and not at all when it is resolved,
 * closed or cancelled. Changes are taken in time order; those dated after `endMs` are left out.
 */
export function daysInStates(changes: readonly StateChange[], endMs: number): { states: Array<{ state: string; days: number }>; future: number } {
  const timed: Array<{ status: string; time: number; i: number }> = [];
  changes.forEach((c, i) => {
    const time = timeOf(c.at);
    if (time !== undefined) timed.push({ status: c.status, time, i });
  });
  timed.sort((a, b) => a.time - b.time || a.i - b.i);
  const kept = timed.filter((c) => c.time <= endMs);
  const spent = new Map<string, number>();
  kept.forEach((c, i) => {
    const next = kept[i + 1];
    // A problem that ended resolved, closed or cancelled spends no time there: the state is not counted.
    if (!next && DONE_PROBLEM_STATES.includes(c.status)) return;
    const until = next ? next.time : endMs;
    spent.set(c.status, (spent.get(c.status) ?? 0) + (until - c.time) / DAY_MS);
  });
  const states = [...spent].map(([state, ms]) => ({ state, days: round2(ms) })).sort((a, b) => rankState(a.state) - rankState(b.state) || a.state.localeCompare(b.state));
  return { states, future: timed.length - kept.length };
}

function timeInStates(problems: readonly RecordEntry[], nowDay: number, git: GitHistory | undefined, notes: string[]): TimeInState {
  const endMs = (nowDay + 1) * DAY_MS;
  const perProblem: TimeInState['per_problem'] = [];
  const without: string[] = [];
  let fromHistory = 0;
  let fromGit = 0;
  let invalid = 0;
  let future = 0;
  for (const p of problems) {
    const found = changesOf(p, git);
    invalid += found?.invalid ?? 0;
    if (!found) {
      without.push(p.id!);
      continue;
    }
    const { states, future: late } = daysInStates(found.changes, endMs);
    future += late;
    if (found.source === 'history') fromHistory++;
    else fromGit++;
    perProblem.push({ id: p.id!, source: found.source, states });
  }
  const byState = new Map<string, number[]>();
  for (const p of perProblem) for (const s of p.states) byState.set(s.state, [...(byState.get(s.state) ?? []), s.days]);
  const medians = [...byState]
    .map(([state, days]) => ({ state, days: round2(median(days) ?? 0), problems: days.length }))
    .sort((a, b) => rankState(a.state) - rankState(b.state) || a.state.localeCompare(b.state));

  if (problems.length > 0) {
    if (fromHistory > 0) notes.push(t('Time in state: {0} problems from their recorded history.', fromHistory));
    if (fromGit > 0) notes.push(t('Time in state: {0} problems from the git history of their files (the commits that changed their status).', fromGit));
    if (without.length > 0) {
      const why =
        !git || git.state === 'not-a-repository'
          ? t('the folder is not a git repository')
          : git.state === 'unavailable'
            ? t('git could not be run')
            : git.state === 'shallow'
              ? t('the folder is a shallow clone, whose history may not reach their changes')
              : t('no commit changed their status');
      notes.push(t('{0} problems have no recorded history and {1}: their time in state is left out ({2}).', without.length, why, listed(without)));
    }
    if (git?.state === 'shallow' && fromGit > 0) notes.push(t('The folder is a shallow clone: the time in the first states of the problems measured from git may be short or missing.'));
  }
  if (invalid > 0) notes.push(t('{0} history entries have no valid status or date-time: they are left out.', invalid));
  if (future > 0) notes.push(t('{0} state changes are dated after the day counted at: they are left out.', future));
  return { source: fromHistory > 0 ? 'history' : fromGit > 0 ? 'git' : 'none', per_problem: perProblem, median: medians };
}

// ---- coverage ----------------------------------------------------------------------------------

/** The share of `total` records that `ids` are, with the ids (sorted) for click-through. */
function fraction(ids: string[], total: number): Fraction {
  return { count: ids.length, total, share: total ? ids.length / total : 0, ids: ids.sort(compareIds) };
}

function coverageOf(ws: RecordStore, facts: readonly IncidentFacts[], problems: readonly RecordEntry[], knownErrors: readonly RecordEntry[], now: string): Coverage {
  // Incidents linked to a problem: those that name one, and those a problem lists. Service requests
  // are not caused by problems, so they are not counted.
  const listed = new Set<string>();
  for (const p of problems) for (const id of strings(p.value.incidents)) listed.add(id);
  const incidents = facts.filter((f) => !f.serviceRequest);
  const linked = incidents.filter((f) => f.problem !== undefined || listed.has(f.id)).map((f) => f.id);

  const withKe = problems.filter((p) => knownErrorOfProblem(ws, p) !== undefined).map((p) => p.id!);
  const withWorkaround = knownErrors.filter((k) => workaroundState(k.value.workaround) === 'given').map((k) => k.id!);

  const fixIds = new Map<string, string[]>();
  for (const k of knownErrors) {
    const s = str(obj(k.value.permanent_fix).status)?.trim() ?? 'none';
    const ids = fixIds.get(s);
    if (ids) ids.push(k.id!);
    else fixIds.set(s, [k.id!]);
  }
  const fixOrder = [...PERMANENT_FIX_STATUSES, 'none'] as string[];
  const fixRank = (s: string) => (fixOrder.includes(s) ? fixOrder.indexOf(s) : fixOrder.length);
  const fix_status = [...fixIds]
    .map(([status, ids]) => ({ status, count: ids.length, ids: ids.sort(compareIds) }))
    .sort((a, b) => fixRank(a.status) - fixRank(b.status) || a.status.localeCompare(b.status));

  const coverage: Coverage = {
    incidents_linked: fraction(linked, incidents.length),
    problems_with_known_error: fraction(withKe, problems.length),
    known_errors_with_workaround: fraction(withWorkaround, knownErrors.length),
    fix_status,
  };

  // Recurrences: incidents of a resolved or closed problem reported after it was resolved.
  const byId = new Map(facts.map((f) => [f.id, f]));
  let recurrences = 0;
  let canRecur = false;
  for (const p of problems) {
    const resolvedAt = timeOf(obj(p.value.resolution).resolved_at);
    if (resolvedAt === undefined || !DONE_PROBLEM_STATES.includes(stateOf(p))) continue;
    canRecur = true;
    const mine = new Set(strings(p.value.incidents));
    for (const f of facts) if (f.problem === p.id) mine.add(f.id);
    for (const id of mine) {
      const time = byId.get(id)?.time;
      if (time !== undefined && time > resolvedAt) recurrences++;
    }
  }
  if (canRecur) coverage.recurrences = recurrences;

  if (problems.some((p) => Array.isArray(p.value.tasks) && p.value.tasks.length > 0)) {
    coverage.overdue_tasks = listTasks(problems, { today: now, overdue: true }).length;
  }
  return coverage;
}
