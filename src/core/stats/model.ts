/**
 * Insights: the figures `kedb stats`, the Insights webview and the report draw. One shape for all
 * three; the JSON output of `kedb stats --format json` is this object as it is.
 *
 * Shares are fractions (0.25, not 25). Dates are ISO `YYYY-MM-DD`. Something the records cannot
 * support (no dates, no history, no git) is left out of its figure and said in `notes`, in words a
 * manager reads, so no chart is ever empty without a reason.
 */

/** One value of a Pareto table, in the seed's order (count descending, then value). */
export interface ParetoRow {
  value: string;
  count: number;
  /** count / all incidents with a value for this attribute. */
  share: number;
  /** Running sum of `share` down the table. */
  cumulative: number;
  /** The incidents behind the bar (ids), for click-through. */
  ids: string[];
}

export interface Pareto {
  category: ParetoRow[];
  service: ParetoRow[];
  configuration_item: ParetoRow[];
}

/** Incidents per week: `weeks[i]` is the Monday starting week i; every series has one count per week. */
export interface WeeklyTrend {
  weeks: string[];
  overall: number[];
  /** The incidents behind each point of `overall` (`overall_ids[i].length === overall[i]`), for click-through. */
  overall_ids?: string[][];
  /** The top candidates (as the candidates view ranks them), each with its own weekly counts. */
  candidates: Array<{
    label: string;
    /** All of the candidate's incidents, the weeks outside the trend included. */
    ids: string[];
    counts: number[];
    /** The candidate's incidents behind each of its points (`week_ids[i].length === counts[i]`). */
    week_ids?: string[][];
  }>;
}

export interface StateCount {
  state: string;
  count: number;
  ids: string[];
}

export interface AgingBucket {
  /** '0–7', '8–30', '31–90' or '> 90' (days). */
  label: string;
  count: number;
  ids: string[];
}

export interface Aging {
  /** Each open problem (not resolved, closed or cancelled) with its age in whole days at `now`. */
  open: Array<{ id: string; title: string; age_days: number; since: string }>;
  buckets: AgingBucket[];
  median_days: number | null;
  oldest: { id: string; age_days: number } | null;
}

export interface TimeInState {
  /** Where the state changes came from: the records' `history`, the git log of their files, or nowhere. */
  source: 'history' | 'git' | 'none';
  /** Each problem measured, with where its changes came from; its states in lifecycle order. */
  per_problem: Array<{ id: string; source?: 'history' | 'git'; states: Array<{ state: string; days: number }> }>;
  /** Median days spent in each state, over the problems that passed through it, in lifecycle order. */
  median: Array<{ state: string; days: number; problems: number }>;
}

export interface Coverage {
  incidents_linked: Fraction;
  problems_with_known_error: Fraction;
  known_errors_with_workaround: Fraction;
  /** Known errors per permanent-fix status (`none` when they have none), with their ids. */
  fix_status: Array<{ status: string; count: number; ids?: string[] }>;
  /** Present when the workspace has recurrences / tasks at all. */
  recurrences?: number;
  overdue_tasks?: number;
}

export interface Fraction {
  count: number;
  total: number;
  /** count / total; 0 when total is 0. */
  share: number;
  /** The records counted (the linked incidents, the problems with a known error, the known errors with a workaround). */
  ids?: string[];
}

export interface Stats {
  /** The day the figures are counted at (`--now`, or today). */
  now: string;
  counts: { incidents: number; problems: number; known_errors: number };
  pareto: Pareto;
  weekly: WeeklyTrend;
  problems_by_state: StateCount[];
  aging: Aging;
  time_in_state: TimeInState;
  coverage: Coverage;
  /** Plain sentences: what could not be shown and why ("No incident has a date: no weekly trend."). */
  notes: string[];
}
