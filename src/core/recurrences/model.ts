/**
 * Recurrences: an incident that matches a known error whose problem was resolved (or closed) with
 * its fix applied, reported after that. The error the fix was meant to remove has come back, so
 * the problem is reopened for analysis, or the incident is marked as not a recurrence.
 *
 * The matching is the match CodeLens's (`KnownErrorIndex.matchIncident`: the same text index,
 * weights and scores), from `lifecycle.matching.recurrence_threshold` up.
 */
import type { RecordEntry } from '../records/entry';
import { KnownErrorCache, type KnownErrorIndex } from '../kedb/search';
import { byId, obj, str, strings } from '../kedb/model';
import { isFixApplied } from '../kedb/resolveIncidents';
import { RecordStore } from '../workspace/store';
import { isoMoment, type IsoMoment } from '../base/dates';
import { isBefore } from './dates';

/** A known error whose problem was resolved or closed with its fix applied, and when. */
export interface RecurrenceTarget {
  knownError: string;
  problem: RecordEntry & { id: string };
  /** `resolved` or `closed`. */
  status: string;
  /** `resolution.resolved_at` as written, and read. */
  resolvedAt: string;
  resolved: IsoMoment;
}

/** One incident that looks like a recurrence of a resolved problem. */
export interface Recurrence {
  incident: RecordEntry & { id: string };
  knownError: string;
  problem: string;
  problemStatus: string;
  /** The day the problem was resolved, as written (`2025-10-06`). */
  resolvedDay: string;
  score: number;
}

/**
 * The target a problem makes, if any: `resolved` or `closed`, `resolution.code: fix-applied`, and a
 * `resolution.resolved_at` that reads as a date. A problem without that date is left out: there
 * is no telling which incidents came after its fix.
 */
function targetOf(ke: RecordEntry, problem: RecordEntry | undefined): RecurrenceTarget | undefined {
  if (ke.id === undefined || !isFixedProblem(problem) || problem.id === undefined) return undefined;
  const status = str(problem.value.status)!;
  const resolution = obj(problem.value.resolution);
  const resolved = isoMoment(resolution.resolved_at)!;
  const resolvedAt = resolution.resolved_at instanceof Date ? resolved.day : String(resolution.resolved_at).trim();
  return { knownError: ke.id, problem: problem as RecordEntry & { id: string }, status, resolvedAt, resolved };
}

/** A problem resolved or closed with its fix applied (`isFixApplied`), on a date that reads as one: its known error can recur. */
export function isFixedProblem(problem: RecordEntry | undefined): problem is RecordEntry {
  return problem !== undefined && isFixApplied(problem) && isoMoment(obj(problem.value.resolution).resolved_at) !== undefined;
}

interface StoreState {
  cache: KnownErrorCache;
  targets: Map<string, RecurrenceTarget> | undefined;
}

/** Per store: its known-error index (rebuilt when a known error changes) and its targets (after any change). */
const states = new WeakMap<RecordStore, StoreState>();

function stateOf(ws: RecordStore): StoreState {
  let s = states.get(ws);
  if (!s) {
    const state: StoreState = { cache: new KnownErrorCache(), targets: undefined };
    ws.onDidChange(() => (state.targets = undefined));
    states.set(ws, (s = state));
  }
  return s;
}

/**
 * Forgets the targets now, for a caller that runs while the store tells of a change (the check's
 * `reach`), before the store's listeners have heard of it.
 */
export function forgetRecurrenceTargets(ws: RecordStore): void {
  stateOf(ws).targets = undefined;
}

/** The known errors of the workspace whose problem was resolved with its fix applied, by known-error id. */
export function recurrenceTargets(ws: RecordStore): Map<string, RecurrenceTarget> {
  const s = stateOf(ws);
  if (!s.targets) {
    s.targets = new Map();
    for (const ke of ws.records('known_error')) {
      const id = str(ke.value.problem);
      const target = targetOf(ke, id ? ws.get(id) : undefined);
      if (target && !s.targets.has(target.knownError)) s.targets.set(target.knownError, target);
    }
  }
  return s.targets;
}

/** The workspace's known-error index, as the match CodeLens builds it. */
export function knownErrorIndexOf(ws: RecordStore): KnownErrorIndex {
  return stateOf(ws).cache.get(ws);
}

/** Whether the incident is linked to the problem, from either side. */
function linked(incident: RecordEntry & { id: string }, problem: RecordEntry): boolean {
  return incident.value.problem === problem.id || strings(problem.value.incidents).includes(incident.id);
}

/**
 * The recurrences one incident shows: for each resolved problem, its best-matching known error,
 * from the threshold up. Left out: an incident without an id, one linked to that problem already,
 * one that says it is `not_recurrence_of` it, and one reported before the problem was resolved
 * (an incident with no date of its own is checked).
 */
export function recurrencesOf(ws: RecordStore, incident: RecordEntry): Recurrence[] {
  if (incident.kind !== 'incident' || incident.id === undefined) return [];
  const targets = recurrenceTargets(ws);
  if (targets.size === 0) return [];
  const inc = incident as RecordEntry & { id: string };
  const dismissed = new Set(strings(inc.value.not_recurrence_of));
  const reported = isoMoment(inc.value.reported_at);
  const index = knownErrorIndexOf(ws);
  const { recurrenceThreshold } = ws.config.lifecycle;
  const best = new Map<string, Recurrence>();
  for (const hit of index.matchIncident(inc.value, ws.config.detection.text.weights, recurrenceThreshold, Math.max(1, index.size))) {
    const target = targets.get(hit.id);
    if (!target) continue;
    const p = target.problem;
    if (best.has(p.id) || dismissed.has(p.id) || linked(inc, p)) continue;
    if (reported && isBefore(reported, target.resolved)) continue;
    best.set(p.id, { incident: inc, knownError: target.knownError, problem: p.id, problemStatus: target.status, resolvedDay: target.resolved.day, score: hit.score });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || byId(a.problem, b.problem));
}

/** Every recurrence in the workspace, by incident id, then best match first. */
export function listRecurrences(ws: RecordStore): Recurrence[] {
  if (recurrenceTargets(ws).size === 0) return [];
  const out: Recurrence[] = [];
  for (const r of ws.records('incident')) out.push(...recurrencesOf(ws, r));
  return out.sort((a, b) => byId(a.incident.id, b.incident.id) || b.score - a.score);
}

/** A recurrence as `kedb recurrences --format json` gives it. */
export function recurrenceJson(r: Recurrence): { incident: string; known_error: string; problem: string; problem_status: string; score: number } {
  return { incident: r.incident.id, known_error: r.knownError, problem: r.problem, problem_status: r.problemStatus, score: Math.round(r.score * 100) / 100 };
}

/** Whether this is a store the recurrence check can ask for its other records. */
export function isStore(x: unknown): x is RecordStore {
  return x instanceof RecordStore;
}
