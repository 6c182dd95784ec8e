/**
 * The messages between the Insights webview (src/webview/insights/) and the extension
 * (src/extension/stats/insights.ts), with the checks each side runs on what it receives, and the
 * words the charts are drawn with. A webview shows record text, so nothing is trusted.
 * Imports only src/shared and types: the file is bundled into both the extension host and the browser.
 */

import type { Stats } from '../core/stats';
import { isObj, isStr } from './wire';

export const INSIGHTS_VIEW_TYPE = 'kedb.insights';

/** The charts, in the order the page shows them. */
export const CHART_IDS = ['pareto-category', 'pareto-service', 'pareto-configuration_item', 'weekly', 'states', 'aging', 'time-in-state', 'coverage', 'fix-status'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export const CHART_EXPORT_FORMATS = ['svg', 'png'] as const;
export type ChartExportFormat = (typeof CHART_EXPORT_FORMATS)[number];

/** Every word the charts and the page show, in the user's language (the host fills them with t()). */
export interface InsightsLabels {
  title: string;
  /** "Counted at {0} from {1} incidents, {2} problems and {3} known errors." */
  summary: string;
  notes: string;
  exportSvg: string;
  exportPng: string;
  /** "{0}: {1} (click to open the records)": a mark's tooltip. */
  markTitle: string;
  /** Chart titles. */
  charts: Record<ChartId, string>;
  /** What a chart shows when it has nothing to draw. */
  empty: Record<ChartId, string>;
  incidents: string;
  problems: string;
  knownErrors: string;
  share: string;
  cumulative: string;
  /** "Others ({0} values)": the bar that gathers the values below the top ones. */
  others: string;
  week: string;
  overall: string;
  state: string;
  days: string;
  /** "{0} d": a number of days on a bar. */
  daysShort: string;
  ageDays: string;
  /** "80 %": the Pareto's mark. */
  eighty: string;
  value: string;
  count: string;
  coverage: Record<'incidents_linked' | 'problems_with_known_error' | 'known_errors_with_workaround', string>;
  fixStatus: string;
  /** State and fix-status words shown on the axes, by value. */
  states: Record<string, string>;
}

/** What the host sends: the figures to draw and the workspace folder the records are in. */
export type InsightsHostMessage = { type: 'stats'; stats: Stats; folder: string } | { type: 'click'; chart: ChartId; index: number } | { type: 'export'; chart: ChartId; format: ChartExportFormat };

/** What the page sends. */
export type InsightsWebviewMessage =
  | { type: 'ready' }
  /** Open the records behind a bar or a point (one: open it; several: pick one). */
  | { type: 'open'; ids: string[]; folder: string; label: string }
  /** A chart as a file: SVG text or a PNG as a data: URL. */
  | { type: 'export'; chart: ChartId; format: ChartExportFormat; data: string }
  /** Drawn: per chart, how many marks a click reaches (0 with `empty`). */
  | { type: 'rendered'; charts: Array<{ id: ChartId; marks: number; empty: boolean }>; ms: number };

const isChartId = (v: unknown): v is ChartId => typeof v === 'string' && (CHART_IDS as readonly string[]).includes(v);
const isFormat = (v: unknown): v is ChartExportFormat => typeof v === 'string' && (CHART_EXPORT_FORMATS as readonly string[]).includes(v);

/** A page message, checked: anything else is dropped. */
export function isInsightsWebviewMessage(m: unknown): m is InsightsWebviewMessage {
  if (!isObj(m)) return false;
  switch (m.type) {
    case 'ready':
      return true;
    case 'open':
      return Array.isArray(m.ids) && m.ids.length <= 100_000 && m.ids.every((id) => isStr(id, 200)) && isStr(m.folder, 4000) && isStr(m.label, 1000);
    case 'export':
      return isChartId(m.chart) && isFormat(m.format) && isStr(m.data, 50_000_000);
    case 'rendered':
      return Array.isArray(m.charts) && m.charts.every((c) => isObj(c) && isChartId(c.id) && typeof c.marks === 'number' && typeof c.empty === 'boolean') && typeof m.ms === 'number';
    default:
      return false;
  }
}

/**
 * A host message, checked in the page. The figures come from the extension's own core, so only
 * their outline is checked here; every text in them reaches the page as text, never as HTML.
 */
export function parseInsightsHostMessage(m: unknown): InsightsHostMessage | undefined {
  if (!isObj(m)) return undefined;
  if (m.type === 'stats' && isObj(m.stats) && isStr(m.folder, 4000) && isObj(m.stats.pareto) && isObj(m.stats.weekly) && isObj(m.stats.aging) && isObj(m.stats.time_in_state) && isObj(m.stats.coverage) && Array.isArray(m.stats.notes))
    return { type: 'stats', stats: m.stats as unknown as Stats, folder: m.folder };
  if (m.type === 'click' && isChartId(m.chart) && typeof m.index === 'number') return { type: 'click', chart: m.chart, index: m.index };
  if (m.type === 'export' && isChartId(m.chart) && isFormat(m.format)) return { type: 'export', chart: m.chart, format: m.format };
  return undefined;
}

/** The labels the page carries as its data-labels attribute; undefined when they do not parse. */
export function parseInsightsLabels(raw: string | null): InsightsLabels | undefined {
  try {
    const v: unknown = JSON.parse(raw ?? '');
    return isObj(v) && isObj(v.charts) && isObj(v.empty) ? (v as unknown as InsightsLabels) : undefined;
  } catch {
    return undefined;
  }
}
