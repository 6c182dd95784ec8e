/**
 * The Insights charts, drawn by Observable Plot from the figures of `computeStats` (see
 * bench/README.md, "Insights charts", for why Plot). One drawing for the webview (the page's own
 * `document`) and for the report (a server-side DOM, src/node/insightsSvg.ts), so both show the
 * same charts.
 *
 * Colours are not in the drawing: each mark carries a class (`kedb-bar`, `kedb-line`, `kedb-s0`…)
 * that the page's stylesheet colours, from the editor's theme in the webview
 * (media/insights.css) and from a fixed palette in the report. Every bar and point has a <title>
 * with its value; each figure also carries its values as a table for screen readers.
 *
 * No DOM types here (this file is built for the extension host too): the DOM comes in as `document`.
 */
import * as Plot from '@observablehq/plot';
import type { Stats, ParetoRow } from '../core/stats';
import type { ChartId, InsightsLabels } from './insights';
import { fillLabel } from './wire';

/** The bars a Pareto shows; the rest are gathered in one "Others" bar. */
export const PARETO_TOP = 15;
/** The candidates with their own line in the weekly trend. */
export const TREND_SERIES = 5;
/** Tick labels longer than this are cut with an ellipsis (the full text is in the bar's title and the table). */
const LABEL_MAX = 30;

/** The class of the marks a click reaches; their elements are in the order of `targets`. */
export const HIT_CLASS = 'kedb-hit';

export interface ChartFigure {
  id: ChartId;
  title: string;
  /** The drawing (an <svg> element of `document`), absent when there is nothing to draw. */
  svg?: ReturnType<typeof Plot.plot>;
  /** Said instead of an empty chart. */
  empty?: string;
  /** The values, for a table screen readers reach (and the report's readers without the picture). */
  table: { head: string[]; rows: string[][] };
  /** For each element of the `.kedb-hit` marks, in document order: what it is and the records behind it. */
  targets: Array<{ label: string; ids: string[] }>;
  /** The weekly trend's series, for a legend beside the drawing (`series` is the `kedb-s<n>` class). */
  legend?: Array<{ label: string; series: number }>;
}

export interface DrawOptions {
  /** The DOM to draw with: the page's, or a server-side one. */
  document: unknown;
  /** The drawing's width in CSS pixels (default 640). */
  width?: number;
}

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
const short = (s: string) => (s.length > LABEL_MAX ? s.slice(0, LABEL_MAX - 1) + '…' : s);
/** Rough width of a text in Plot's 10px system font, for the left margin. */
const textWidth = (s: string) => Math.ceil(s.length * 6.2);

interface Bar {
  label: string;
  value: number;
  /** The text at the end of the bar. */
  text: string;
  ids: string[];
}

/** The top rows of a Pareto, the rest gathered into one "Others" row. */
export function paretoTop(rows: readonly ParetoRow[], othersLabel: string, top = PARETO_TOP): ParetoRow[] {
  if (rows.length <= top) return [...rows];
  const head = rows.slice(0, top - 1);
  const rest = rows.slice(top - 1);
  const count = rest.reduce((s, r) => s + r.count, 0);
  return [
    ...head,
    {
      value: fillLabel(othersLabel, rest.length),
      count,
      share: rest.reduce((s, r) => s + r.share, 0),
      cumulative: rest[rest.length - 1].cumulative,
      ids: rest.flatMap((r) => r.ids),
    },
  ];
}

function base(o: DrawOptions, ariaLabel: string, height: number, marginLeft = 40): Plot.PlotOptions {
  return { document: o.document as Plot.PlotOptions['document'], width: o.width ?? 640, height, marginLeft, ariaLabel, style: { fontSize: '11px', overflow: 'visible' } };
}

/** Horizontal bars, one per label, top to bottom, each with its value written at its end. */
function barsX(o: DrawOptions, title: string, bars: Bar[], xLabel: string, l: InsightsLabels, hit: boolean, domain?: [number, number]): ReturnType<typeof Plot.plot> {
  const keys = bars.map((_, i) => String(i));
  const marginLeft = Math.min(200, Math.max(40, ...bars.map((b) => textWidth(short(b.label)))) + 12);
  const at = (_: Bar, i: number) => String(i);
  return Plot.plot({
    ...base(o, title, bars.length * 24 + 64, marginLeft),
    marginRight: 80,
    marginBottom: 44,
    // The axis label sits under the tick labels, never beside the last one.
    x: { label: xLabel, labelOffset: 38, domain, nice: domain === undefined, grid: true },
    y: { domain: keys, label: null, tickFormat: (i: string) => short(bars[Number(i)].label), padding: 0.2 },
    marks: [
      Plot.barX(bars, { x: 'value', y: at, className: hit ? `kedb-bar ${HIT_CLASS}` : 'kedb-bar', title: (b: Bar) => (hit ? fillLabel(l.markTitle, b.label, b.text) : `${b.label}: ${b.text}`) }),
      Plot.text(bars, { x: 'value', y: at, text: 'text', textAnchor: 'start', dx: 4, className: 'kedb-value' }),
      Plot.ruleX([0]),
    ],
  });
}

function pareto(o: DrawOptions, id: ChartId, rows: readonly ParetoRow[], attribute: string, l: InsightsLabels): ChartFigure {
  const title = l.charts[id];
  const table = { head: [attribute, l.count, l.share, l.cumulative], rows: rows.map((r) => [r.value, String(r.count), pct(r.share), pct(r.cumulative)]) };
  if (rows.length === 0) return { id, title, empty: l.empty[id], table, targets: [] };
  const shown = paretoTop(rows, l.others);
  const max = Math.max(...shown.map((r) => r.count));
  const keys = shown.map((_, i) => String(i));
  const at = (_: ParetoRow, i: number) => String(i);
  const marginLeft = Math.min(200, Math.max(40, ...shown.map((r) => textWidth(short(r.value)))) + 12);
  // One x scale in incidents; the cumulative share rides on it as share × the tallest bar, read on the top axis in %.
  const svg = Plot.plot({
    ...base(o, title, shown.length * 24 + 94, marginLeft),
    marginTop: 40,
    marginBottom: 44,
    marginRight: 40,
    x: { domain: [0, max], nice: false },
    y: { domain: keys, label: null, padding: 0.2 },
    marks: [
      Plot.gridX(),
      Plot.axisX({ anchor: 'bottom', label: l.incidents, labelAnchor: 'right', labelOffset: 38 }),
      Plot.axisX([0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => v * max), { anchor: 'top', label: l.cumulative, labelAnchor: 'right', tickFormat: (v: number) => `${Math.round((v / max) * 100)} %` }),
      Plot.axisY({ tickFormat: (i: string) => short(shown[Number(i)].value), label: null }),
      Plot.barX(shown, { x: 'count', y: at, className: `kedb-bar ${HIT_CLASS}`, title: (r: ParetoRow) => fillLabel(l.markTitle, r.value, `${r.count} (${pct(r.share)}; ${l.cumulative} ${pct(r.cumulative)})`) }),
      Plot.text(shown, { x: 'count', y: at, text: (r: ParetoRow) => String(r.count), textAnchor: 'start', dx: 4, className: 'kedb-value' }),
      Plot.ruleX([0.8 * max], { className: 'kedb-mark80', strokeDasharray: '4,3', ariaDescription: l.eighty }),
      Plot.line(shown, { x: (r: ParetoRow) => r.cumulative * max, y: at, className: 'kedb-line', ariaDescription: l.cumulative }),
      Plot.dot(shown, { x: (r: ParetoRow) => r.cumulative * max, y: at, r: 2.5, className: 'kedb-line-dot', title: (r: ParetoRow) => `${l.cumulative}: ${pct(r.cumulative)}` }),
      Plot.ruleX([0]),
    ],
  });
  return { id, title, svg, table, targets: shown.map((r) => ({ label: r.value, ids: r.ids })) };
}

function weekly(o: DrawOptions, s: Stats, l: InsightsLabels): ChartFigure {
  const id: ChartId = 'weekly';
  const title = l.charts[id];
  const w = s.weekly;
  // Each series with, per week, the incidents behind its point: absent from figures made without them
  // (then the overall line takes no click, and a candidate's point opens all its incidents).
  const series: Array<{ label: string; counts: number[]; weekIds?: string[][]; ids: string[] }> = [
    { label: l.overall, counts: w.overall, weekIds: w.overall_ids, ids: [] },
    ...w.candidates.slice(0, TREND_SERIES).map((c) => ({ label: c.label, counts: c.counts, weekIds: c.week_ids, ids: c.ids })),
  ];
  const table = { head: [l.week, ...series.map((x) => x.label)], rows: w.weeks.map((week, i) => [week, ...series.map((x) => String(x.counts[i] ?? 0))]) };
  if (w.weeks.length === 0) return { id, title, empty: l.empty[id], table, targets: [] };
  interface Point {
    date: Date;
    count: number;
    week: string;
    /** The records a click on the point opens. */
    ids: string[];
  }
  const points = series.map((x) =>
    w.weeks.map((week, i): Point => ({ date: new Date(`${week}T00:00:00Z`), count: x.counts[i] ?? 0, week, ids: x.weekIds ? (x.weekIds[i] ?? []) : x.ids })),
  );
  const targets: ChartFigure['targets'] = [];
  const marks: Plot.Markish[] = [Plot.ruleY([0])];
  series.forEach((x, n) => {
    marks.push(Plot.line(points[n], { x: 'date', y: 'count', className: `kedb-series kedb-s${n}`, ariaDescription: x.label }));
  });
  const pointTitle = (x: (typeof series)[number]) => (p: Point) => fillLabel(l.markTitle, `${x.label}, ${p.week}`, String(p.count));
  // The candidates' weeks with incidents are points a click follows, to that week's incidents.
  series.forEach((x, n) => {
    if (n === 0) return;
    const hit = points[n].filter((p) => p.count > 0);
    for (const p of hit) targets.push({ label: `${x.label}, ${p.week}`, ids: p.ids });
    marks.push(Plot.dot(hit, { x: 'date', y: 'count', r: 3, className: `kedb-series-dot kedb-s${n} ${HIT_CLASS}`, title: pointTitle(x) }));
  });
  // The overall line on top: its weeks with incidents open that week's incidents, when the figures carry them.
  const overall = series[0];
  const r = w.weeks.length > 60 ? 1 : 2;
  if (overall.weekIds) {
    const hit = points[0].filter((p) => p.count > 0);
    for (const p of hit) targets.push({ label: `${overall.label}, ${p.week}`, ids: p.ids });
    marks.push(Plot.dot(points[0].filter((p) => p.count === 0), { x: 'date', y: 'count', r, className: 'kedb-series-dot kedb-s0', title: (p: Point) => `${overall.label}, ${p.week}: ${p.count}` }));
    marks.push(Plot.dot(hit, { x: 'date', y: 'count', r, className: `kedb-series-dot kedb-s0 ${HIT_CLASS}`, title: pointTitle(overall) }));
  } else {
    marks.push(Plot.dot(points[0], { x: 'date', y: 'count', r, className: 'kedb-series-dot kedb-s0', title: (p: Point) => `${overall.label}, ${p.week}: ${p.count}` }));
  }
  const svg = Plot.plot({
    ...base(o, title, 280),
    marginBottom: 40,
    x: { type: 'utc', label: l.week, labelAnchor: 'right' },
    y: { label: l.incidents, grid: true, nice: true, zero: true },
    marks,
  });
  return { id, title, svg, table, targets, legend: series.map((x, n) => ({ label: x.label, series: n })) };
}

const stateWord = (l: InsightsLabels, s: string) => l.states[s] ?? s;

function states(o: DrawOptions, s: Stats, l: InsightsLabels): ChartFigure {
  const id: ChartId = 'states';
  const title = l.charts[id];
  const table = { head: [l.state, l.problems], rows: s.problems_by_state.map((x) => [stateWord(l, x.state), String(x.count)]) };
  if (s.problems_by_state.length === 0) return { id, title, empty: l.empty[id], table, targets: [] };
  const bars = s.problems_by_state.map((x) => ({ label: stateWord(l, x.state), value: x.count, text: String(x.count), ids: x.ids }));
  return { id, title, svg: barsX(o, title, bars, l.problems, l, true), table, targets: bars.map((b) => ({ label: b.label, ids: b.ids })) };
}

function aging(o: DrawOptions, s: Stats, l: InsightsLabels): ChartFigure {
  const id: ChartId = 'aging';
  const title = l.charts[id];
  const buckets = s.aging.buckets;
  const table = { head: [l.ageDays, l.problems], rows: buckets.map((b) => [b.label, String(b.count)]) };
  if (s.aging.open.length === 0) return { id, title, empty: l.empty[id], table, targets: [] };
  const keys = buckets.map((b) => b.label);
  const svg = Plot.plot({
    ...base(o, title, 260),
    marginTop: 24,
    marginBottom: 40,
    x: { domain: keys, label: l.ageDays, labelAnchor: 'right', padding: 0.2 },
    y: { label: l.problems, grid: true, nice: true },
    marks: [
      Plot.barY(buckets, { x: 'label', y: 'count', className: `kedb-bar ${HIT_CLASS}`, title: (b: (typeof buckets)[number]) => fillLabel(l.markTitle, b.label, String(b.count)) }),
      Plot.text(buckets, { x: 'label', y: 'count', text: (b: (typeof buckets)[number]) => String(b.count), dy: -8, className: 'kedb-value' }),
      Plot.ruleY([0]),
    ],
  });
  return { id, title, svg, table, targets: buckets.map((b) => ({ label: b.label, ids: b.ids })) };
}

function timeInState(o: DrawOptions, s: Stats, l: InsightsLabels): ChartFigure {
  const id: ChartId = 'time-in-state';
  const title = l.charts[id];
  const tis = s.time_in_state;
  const table = { head: [l.state, l.days, l.problems], rows: tis.median.map((m) => [stateWord(l, m.state), String(m.days), String(m.problems)]) };
  if (tis.source === 'none' || tis.median.length === 0) return { id, title, empty: l.empty[id], table, targets: [] };
  const bars = tis.median.map((m) => ({
    label: stateWord(l, m.state),
    value: m.days,
    text: fillLabel(l.daysShort, m.days),
    ids: tis.per_problem.filter((p) => p.states.some((x) => x.state === m.state)).map((p) => p.id),
  }));
  return { id, title, svg: barsX(o, title, bars, l.days, l, true), table, targets: bars.map((b) => ({ label: b.label, ids: b.ids })) };
}

function coverage(o: DrawOptions, s: Stats, l: InsightsLabels): ChartFigure {
  const id: ChartId = 'coverage';
  const title = l.charts[id];
  const keys = ['incidents_linked', 'problems_with_known_error', 'known_errors_with_workaround'] as const;
  const fractions = keys.map((k) => ({ label: l.coverage[k], f: s.coverage[k] })).filter((x) => x.f.total > 0);
  const table = { head: [l.value, l.count, l.share], rows: fractions.map((x) => [x.label, `${x.f.count} / ${x.f.total}`, pct(x.f.share)]) };
  if (fractions.length === 0) return { id, title, empty: l.empty[id], table, targets: [] };
  // A bar opens the records it counts, when the figures carry them.
  const hit = fractions.every((x) => x.f.ids !== undefined);
  const bars = fractions.map((x) => ({ label: x.label, value: x.f.share, text: `${pct(x.f.share)} (${x.f.count}/${x.f.total})`, ids: x.f.ids ?? [] }));
  const svg = barsX(o, title, bars, l.share, l, hit, [0, 1]);
  return { id, title, svg, table, targets: hit ? bars.map((b) => ({ label: b.label, ids: b.ids })) : [] };
}

function fixStatus(o: DrawOptions, s: Stats, l: InsightsLabels): ChartFigure {
  const id: ChartId = 'fix-status';
  const title = l.charts[id];
  const rows = s.coverage.fix_status.filter((x) => x.count > 0);
  const table = { head: [l.fixStatus, l.knownErrors], rows: rows.map((x) => [stateWord(l, x.status), String(x.count)]) };
  if (rows.length === 0) return { id, title, empty: l.empty[id], table, targets: [] };
  const hit = rows.every((x) => x.ids !== undefined);
  const bars = rows.map((x) => ({ label: stateWord(l, x.status), value: x.count, text: String(x.count), ids: x.ids ?? [] }));
  return { id, title, svg: barsX(o, title, bars, l.knownErrors, l, hit), table, targets: hit ? bars.map((b) => ({ label: b.label, ids: b.ids })) : [] };
}

/** Every chart of the figures, in CHART_IDS order: a drawing, or a sentence saying why there is none. */
export function drawCharts(stats: Stats, labels: InsightsLabels, options: DrawOptions): ChartFigure[] {
  const p = stats.pareto;
  return [
    pareto(options, 'pareto-category', p.category, labels.value, labels),
    pareto(options, 'pareto-service', p.service, labels.value, labels),
    pareto(options, 'pareto-configuration_item', p.configuration_item, labels.value, labels),
    weekly(options, stats, labels),
    states(options, stats, labels),
    aging(options, stats, labels),
    timeInState(options, stats, labels),
    coverage(options, stats, labels),
    fixStatus(options, stats, labels),
  ];
}
