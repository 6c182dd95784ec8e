// The Insights webview: draws the charts of the figures the extension sends (src/shared/insightCharts.ts,
// Observable Plot), follows a click on a bar or a point to its records, and saves a chart as SVG or
// PNG. Every record text goes into the page as text (Plot writes it with textContent). Messages:
// src/shared/insights.ts, checked before use. Bundled by esbuild.mjs into dist/webview/insights.js,
// a classic script the page loads with its nonce.
import { drawCharts, HIT_CLASS, type ChartFigure } from '../../shared/insightCharts';
import { parseInsightsHostMessage, parseInsightsLabels, type ChartExportFormat, type ChartId, type InsightsWebviewMessage } from '../../shared/insights';
import { fillLabel } from '../../shared/wire';
import { el, vscodeApi } from '../host';
import type { Stats } from '../../core/stats';

const vscode = vscodeApi<InsightsWebviewMessage>();
const labels = parseInsightsLabels(document.body.getAttribute('data-labels'));
const root = document.getElementById('charts') as HTMLElement;
const summary = document.getElementById('summary') as HTMLElement;
const notes = document.getElementById('notes') as HTMLElement;
let folder = '';

/** The values of a chart as a table only screen readers see. */
function valuesTable(f: ChartFigure): HTMLTableElement {
  const table = el('table', 'sr-only');
  table.append(el('caption', undefined, f.title));
  const head = el('tr');
  for (const h of f.table.head) head.append(Object.assign(el('th', undefined, h), { scope: 'col' }));
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  for (const r of f.table.rows) {
    const tr = el('tr');
    r.forEach((c, i) => tr.append(i === 0 ? Object.assign(el('th', undefined, c), { scope: 'row' }) : el('td', undefined, c)));
    table.tBodies[0].append(tr);
  }
  return table;
}

/** The SVG with the colours the page's stylesheet gives it written in, so the file looks the same elsewhere. */
function selfContained(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((e, i) => {
    const cs = getComputedStyle(e);
    const t = to[i] as SVGElement;
    for (const p of ['fill', 'stroke', 'color', 'font-family', 'font-size', 'opacity']) t.style.setProperty(p, cs.getPropertyValue(p));
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(copy);
}

async function exportChart(id: ChartId, format: ChartExportFormat): Promise<void> {
  const svg = root.querySelector<SVGSVGElement>(`figure[data-chart="${id}"] svg`);
  if (!svg) return;
  const text = selfContained(svg);
  if (format === 'svg') return vscode.postMessage({ type: 'export', chart: id, format, data: text });
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const scale = 2;
  const canvas = el('canvas');
  canvas.width = svg.width.baseVal.value * scale;
  canvas.height = svg.height.baseVal.value * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = getComputedStyle(document.body).backgroundColor || '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  vscode.postMessage({ type: 'export', chart: id, format, data: canvas.toDataURL('image/png') });
}

/** Each `.kedb-hit` element answers a click and Enter with its records. */
function wireTargets(figure: HTMLElement, f: ChartFigure): number {
  const marks = [...figure.querySelectorAll<SVGElement>(`.${HIT_CLASS} > *`)];
  marks.forEach((m, i) => {
    const target = f.targets[i];
    if (!target || target.ids.length === 0) return;
    m.setAttribute('tabindex', '0');
    m.setAttribute('role', 'button');
    m.classList.add('clickable');
    const open = () => vscode.postMessage({ type: 'open', ids: target.ids, folder, label: target.label });
    m.addEventListener('click', open);
    m.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && open());
  });
  return marks.length;
}

function render(stats: Stats): void {
  if (!labels) return;
  const started = performance.now();
  summary.textContent = fillLabel(labels.summary, stats.now, stats.counts.incidents, stats.counts.problems, stats.counts.known_errors);
  notes.replaceChildren();
  if (stats.notes.length) {
    notes.append(el('h2', undefined, labels.notes));
    const ul = el('ul');
    for (const n of stats.notes) ul.append(el('li', undefined, n));
    notes.append(ul);
  }
  const width = Math.max(360, Math.min(900, root.clientWidth - 24));
  const figures = drawCharts(stats, labels, { document, width });
  const drawn: Array<{ id: ChartId; marks: number; empty: boolean }> = [];
  const frag = document.createDocumentFragment();
  for (const f of figures) {
    const figure = el('figure');
    figure.dataset.chart = f.id;
    const headingId = `h-${f.id}`;
    const heading = el('h2', undefined, f.title);
    heading.id = headingId;
    figure.setAttribute('aria-labelledby', headingId);
    figure.append(heading);
    if (!f.svg) {
      figure.append(el('p', 'empty', f.empty));
      frag.append(figure);
      drawn.push({ id: f.id, marks: 0, empty: true });
      continue;
    }
    const tools = el('div', 'tools');
    for (const [format, title] of [
      ['svg', labels.exportSvg],
      ['png', labels.exportPng],
    ] as const) {
      const b = el('button', undefined, format.toUpperCase());
      b.title = title;
      b.dataset.export = format;
      b.addEventListener('click', () => void exportChart(f.id, format));
      tools.append(b);
    }
    figure.append(tools, f.svg as SVGSVGElement);
    if (f.legend) {
      const legend = el('ul', 'legend');
      for (const s of f.legend) {
        const li = el('li', undefined, s.label);
        li.prepend(el('span', `swatch kedb-s${s.series}`));
        legend.append(li);
      }
      figure.append(legend);
    }
    figure.append(valuesTable(f));
    drawn.push({ id: f.id, marks: wireTargets(figure, f), empty: false });
    frag.append(figure);
  }
  root.replaceChildren(frag);
  vscode.postMessage({ type: 'rendered', charts: drawn, ms: Math.round((performance.now() - started) * 10) / 10 });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = parseInsightsHostMessage(event.data);
  if (m?.type === 'stats') {
    folder = m.folder;
    render(m.stats);
  } else if (m?.type === 'click') {
    const mark = root.querySelectorAll<SVGElement>(`figure[data-chart="${m.chart}"] .${HIT_CLASS} > *`)[m.index];
    mark?.dispatchEvent(new MouseEvent('click'));
  } else if (m?.type === 'export') void exportChart(m.chart, m.format);
});
vscode.postMessage({ type: 'ready' });
