/**
 * The Insights charts as static SVG text, drawn without a browser: Observable Plot over linkedom's
 * server-side DOM, from the same drawing code as the webview (src/shared/insightCharts.ts). The
 * report puts them in its HTML (readable with scripts off) and writes them beside its Markdown.
 */
import { parseHTML } from 'linkedom';
import { CHART_STYLE } from '../core/report';
import type { Stats } from '../core/stats';
import { drawCharts, type ChartFigure } from '../shared/insightCharts';
import type { ChartId } from '../shared/insights';
import { insightsLabels } from '../shared/insightsLabels';

export interface StaticChart {
  id: ChartId;
  title: string;
  /** The <svg> element as text, for an HTML page with the report's chart style; absent with `empty`. */
  svg?: string;
  /** The same as an SVG file of its own: its namespace and its colours inside it. */
  file?: string;
  empty?: string;
  table: ChartFigure['table'];
  legend?: ChartFigure['legend'];
}

/** Every chart of `stats` as SVG text (width in pixels, default 720). */
export function insightsSvg(stats: Stats, width = 720): StaticChart[] {
  const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
  return drawCharts(stats, insightsLabels(), { document, width }).map((f) => {
    const svg = f.svg ? String((f.svg as { outerHTML: string }).outerHTML) : undefined;
    return {
    id: f.id,
    title: f.title,
    svg,
    file: svg ? standalone(svg) : undefined,
    empty: f.empty,
    table: f.table,
    legend: f.legend,
    };
  });
}

/** An SVG file of its own needs its namespace (inside HTML it is implied) and the colours the report's page gives it. */
function standalone(svg: string): string {
  const open = svg.indexOf('>') + 1;
  return svg.slice(0, open).replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"') + `<style>${CHART_STYLE}</style>` + svg.slice(open);
}
