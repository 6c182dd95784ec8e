/**
 * The problem-management report: the seed's deliverables from a workspace, as data, as Markdown
 * and as one standalone HTML page.
 *
 * 1. Field completeness of the incidents against the checklist: each field's fill rate among the
 *    incidents that need it, and which incidents miss it.
 * 2. Repeated and non-repeated incident categories (the seed's "Identify Problems" table).
 * 3. The top problem candidates with the reasons the detector gives.
 * 4. The problems with their lifecycle states.
 * 5. Each fishbone, as Mermaid.
 * 6. The KEDB table.
 */
import { isClosedIncident } from '../records/states';
import { CHECKLIST_BLOCKS, isFilled, requiredFields, valueAt } from '../checklist/fields';
import { detect, type Candidate } from '../candidates/detector';
import type { Dismissal } from '../candidates/dismissals';
import { candidateReason, contextReason, repeatedLabel } from '../candidates/report';
import { t } from '../base/l10n';
import { jsonForScript, pageHead } from '../base/html';
import { fishboneToMermaid, wireDiagram } from '../rca/mermaid';
import { readRca } from '../rca/model';
import type { RecordStore } from '../workspace/store';
import { escapeHtml, HTML_STYLE, kedbHtmlTable, kedbMarkdown } from '../kedb/export';
import { escapeMarkdownCell } from '../base/markdown';
import { byId, fixStatusText, kedbTable, knownErrorOfProblem, linkedIncidents, str, type KedbTableRow } from '../kedb/model';

export interface FieldCompleteness {
  block: string;
  field: string;
  /** Incidents that need the field (escalation only where the priority must be escalated, …). */
  applicable: number;
  filled: number;
  /** filled / applicable, 0 to 1; 1 when no incident needs it. */
  rate: number;
  /** Incidents that need the field and leave it empty, in id order. */
  missing: string[];
}

export interface ReportCategory {
  category: string;
  count: number;
  repeated: boolean;
}

export interface ReportCandidate {
  /** "1", or "1.2" for the second candidate inside the first. */
  rank: string;
  label: string;
  count: number;
  rules: string[];
  score: number;
  status: Candidate['status'];
  problems: string[];
  reason: string;
  incidents: string[];
}

export interface ReportProblem {
  id: string;
  title: string;
  status: string;
  category: string;
  priority: string;
  incidents: number;
  openIncidents: number;
  knownError: string;
  fixStatus: string;
}

export interface ReportFishbone {
  id: string;
  title: string;
  mermaid: string;
  /** The same diagram with its nodes, as the drawing script takes it. */
  diagram: ReturnType<typeof wireDiagram>;
  rootCauses: number;
}

export interface ReportData {
  title: string;
  generatedAt: string;
  totals: { incidents: number; serviceRequests: number; problems: number; knownErrors: number };
  checklist: FieldCompleteness[];
  categories: ReportCategory[];
  candidates: ReportCandidate[];
  /** Candidates already covered by problems (not ranked). */
  coveredCandidates: number;
  /** Whole categories set apart as context (not ranked), with why. */
  context: { label: string; count: number; reason: string }[];
  problems: ReportProblem[];
  /** Problems per lifecycle state, in lifecycle order. */
  states: { state: string; count: number }[];
  fishbones: ReportFishbone[];
  kedb: KedbTableRow[];
  /** Milliseconds per part, for the benchmark. */
  timings: Record<string, number>;
}

export interface ReportOptions {
  title?: string;
  /** How many candidates to list (default 10). */
  topCandidates?: number;
  /** The workspace's dismissed candidates (.kedb/dismissed.yaml), left out as the view leaves them out. */
  dismissals?: readonly Dismissal[];
}

const STATES = ['new', 'assessed', 'root-cause-analysis', 'fix-in-progress', 'resolved', 'closed', 'cancelled'];

function blockOf(path: string): string {
  for (const [block, fields] of Object.entries(CHECKLIST_BLOCKS)) if (fields.includes(path)) return block;
  return path.includes('.') ? path.slice(0, path.indexOf('.')) : 'record';
}

/** Each checklist field's fill rate over the incidents that need it. */
export function checklistCompleteness(ws: RecordStore): FieldCompleteness[] {
  const stats = new Map<string, FieldCompleteness>();
  const incidents = [...ws.records('incident')].filter((r) => r.id !== undefined).sort((a, b) => byId(a.id!, b.id!));
  for (const r of incidents) {
    for (const field of requiredFields(r.value, ws.config, ws.matrix)) {
      let s = stats.get(field);
      if (!s) stats.set(field, (s = { block: blockOf(field), field, applicable: 0, filled: 0, rate: 1, missing: [] }));
      s.applicable++;
      if (isFilled(valueAt(r.value, field))) s.filled++;
      else s.missing.push(r.id!);
    }
  }
  const order = Object.values(CHECKLIST_BLOCKS).flat();
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return [...stats.values()].map((s) => ({ ...s, rate: s.applicable ? s.filled / s.applicable : 1 })).sort((a, b) => rank(a.field) - rank(b.field) || a.field.localeCompare(b.field));
}

/** Builds the report's data. `now` is the generation time (ISO). */
export function buildReport(ws: RecordStore, now: string, options: ReportOptions = {}): ReportData {
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const n = performance.now();
    timings[name] = Math.round((n - clock) * 10) / 10;
    clock = n;
  };
  const checklist = checklistCompleteness(ws);
  lap('checklist');

  // The candidates as the view and `kedb candidates` rank them: the detector's order, dismissals
  // left out; those already covered by problems are counted, not ranked among the new ones.
  const detection = detect(ws.records('incident'), ws.config.detection, { categoryOrder: ws.config.categories, dismissals: options.dismissals });
  const categories = detection.categories.map(({ category, count, repeated }) => ({ category, count, repeated }));
  const top = options.topCandidates ?? 10;
  const row = (c: Candidate, rank: string): ReportCandidate => ({ rank, label: c.label, count: c.count, rules: c.rules, score: c.score, status: c.status, problems: c.problems, reason: candidateReason(c), incidents: c.incidents });
  // Each candidate, then those inside it ("1.1", "1.2"), as the view nests them.
  const candidates = detection.candidates.slice(0, top).flatMap((c, i) => [row(c, String(i + 1)), ...c.children.map((k, j) => row(k, `${i + 1}.${j + 1}`))]);
  lap('candidates');

  const problems: ReportProblem[] = [];
  const fishbones: ReportFishbone[] = [];
  for (const p of [...ws.records('problem')].filter((r) => r.id !== undefined).sort((a, b) => byId(a.id!, b.id!))) {
    const v = p.value;
    const ke = knownErrorOfProblem(ws, p);
    const incidents = linkedIncidents(ws, p, undefined);
    const fix = ke ? fixStatusText({ status: str((ke.value.permanent_fix as Record<string, unknown> | undefined)?.status) ?? '', description: '' }) : '';
    problems.push({
      id: p.id!,
      title: str(v.title) ?? '',
      status: str(v.status) ?? 'new',
      category: str(v.category) ?? '',
      priority: str(v.priority) ?? '',
      incidents: incidents.length,
      openIncidents: incidents.filter((i) => !isClosedIncident(i.value)).length,
      knownError: ke?.id ?? '',
      fixStatus: fix,
    });
    const model = readRca(v, ws.config);
    if (!model.categoriesFromConfig && model.categories.some((c) => c.causes.length > 0)) {
      const diagram = wireDiagram(fishboneToMermaid(model));
      fishbones.push({ id: p.id!, title: str(v.title) ?? '', mermaid: diagram.text, diagram, rootCauses: model.rootCauses.length });
    }
  }
  const stateCounts = new Map<string, number>();
  for (const p of problems) stateCounts.set(p.status, (stateCounts.get(p.status) ?? 0) + 1);
  const states = [...stateCounts].map(([state, count]) => ({ state, count })).sort((a, b) => rankState(a.state) - rankState(b.state) || a.state.localeCompare(b.state));
  lap('problems');
  const kedb = kedbTable(ws);
  lap('kedb');

  let incidents = 0;
  let serviceRequests = 0;
  for (const r of ws.records('incident')) {
    incidents++;
    if (r.value.type === 'service-request') serviceRequests++;
  }
  return {
    title: options.title ?? t('Problem Management Report'),
    generatedAt: now,
    totals: { incidents, serviceRequests, problems: problems.length, knownErrors: kedb.length },
    checklist,
    categories,
    candidates,
    coveredCandidates: detection.covered.length,
    context: detection.context.map((c) => ({ label: c.label, count: c.count, reason: contextReason(detection, c) })),
    problems,
    states,
    fishbones,
    kedb,
    timings,
  };
}

function rankState(s: string): number {
  const i = STATES.indexOf(s);
  return i < 0 ? STATES.length : i;
}

/** A rate as a percentage, rounded down: a field some incident misses never reads 100.0%. */
function pct(rate: number): string {
  return `${(Math.floor(rate * 1000 + 1e-9) / 10).toFixed(1)}%`;
}

/** At most `max` ids, then how many more. */
export function idList(ids: readonly string[], max = 20): string {
  if (ids.length <= max) return ids.join(', ');
  return t('{0} … and {1} more', ids.slice(0, max).join(', '), ids.length - max);
}

/** "Generated … from 12 incidents (…)": `at` already escaped for the output. */
function generatedLine(at: string, n: ReportData['totals']): string {
  return t(
    'Generated {0} from {1} incidents ({2} service requests), {3} problems and {4} known errors.',
    at,
    n.incidents,
    n.serviceRequests,
    n.problems,
    n.knownErrors,
  );
}

function completenessHead(): string[] {
  return [t('Block'), t('Field'), t('Filled'), t('Need it'), t('Fill rate'), t('Missing in')];
}

function categoriesHead(): string[] {
  return [t('Category'), t('Count'), t('Type')];
}

function candidatesHead(): string[] {
  return ['#', t('Candidate'), t('Incidents'), t('Score'), t('Status'), t('Why')];
}

function problemsHead(): string[] {
  return [t('Problem'), t('Title'), t('State'), t('Category'), t('Priority'), t('Incidents (open)'), t('Known error'), t('Permanent fix')];
}

// ---- Markdown --------------------------------------------------------------------------------

function mdTable(head: string[], rows: string[][], right: number[] = []): string {
  const sep = head.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [`| ${head.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map((r) => `| ${r.map(escapeMarkdownCell).join(' | ')} |`)].join('\n');
}

export interface ReportMarkdownOptions {
  /** The Insights charts: each a title and its SVG file (relative to the Markdown), or why there is none. */
  charts?: Array<{ title: string; file?: string; empty?: string }>;
}

export function reportMarkdown(d: ReportData, options: ReportMarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`# ${escapeMarkdownCell(d.title)}`, '');
  out.push(generatedLine(escapeMarkdownCell(d.generatedAt), d.totals), '');

  // What a reader acts on first: the candidates, the problems, the KEDB; the analyses and the data's completeness after.
  out.push(`## 1. ${t('Top problem candidates')}`, '');
  if (d.candidates.length === 0) out.push(t('No candidates.'), '');
  else
    out.push(
      mdTable(
        candidatesHead(),
        d.candidates.map((c) => [String(c.rank), c.label, String(c.count), c.score.toFixed(2), c.status + (c.problems.length ? ` (${c.problems.join(', ')})` : ''), c.reason]),
        [0, 2, 3],
      ),
      '',
    );
  if (d.coveredCandidates) out.push(t('{0} more candidates are already covered by problems.', d.coveredCandidates), '');
  if (d.context.length) out.push(`### ${t('Context: large categories')}`, '', mdTable([t('Category'), t('Count'), t('Why it is context')], d.context.map((c) => [c.label, String(c.count), c.reason]), [1]), '');

  out.push(`## 2. ${t('Problems and their states')}`, '');
  out.push(d.states.map((s) => `${s.state}: ${s.count}`).join(' · ') || t('No problems.'), '');
  if (d.problems.length)
    out.push(
      mdTable(
        problemsHead(),
        d.problems.map((p) => [p.id, p.title, p.status, p.category, p.priority, `${p.incidents} (${p.openIncidents})`, p.knownError || '—', p.fixStatus || '—']),
      ),
      '',
    );

  out.push(`## 3. ${t('Known Error Database')}`, '');
  out.push(d.kedb.length ? kedbMarkdown(d.kedb) : t('No known errors yet.') + '\n');
  out.push(`## 4. ${t('Root cause analyses')}`, '');
  if (d.fishbones.length === 0) out.push(t('No problem has a fishbone yet.'), '');
  for (const f of d.fishbones) {
    out.push(`### ${escapeMarkdownCell(f.id)}: ${escapeMarkdownCell(f.title)}`, '');
    // The labels come escaped for Mermaid (no backquote among them), so the fence cannot close early.
    out.push('```mermaid', f.mermaid.trimEnd(), '```', '');
  }

  out.push(`## 5. ${t('Repeated and non-repeated categories')}`, '');
  const repeated = d.categories.filter((c) => c.repeated);
  out.push(t('{0} categories repeat (problem candidates); {1} occur once (incidents).', repeated.length, d.categories.length - repeated.length), '');
  out.push(mdTable(categoriesHead(), d.categories.map((c) => [c.category, String(c.count), repeatedLabel(c.repeated)]), [1]), '');

  out.push(`## 6. ${t('Field completeness of the incidents')}`, '');
  out.push(
    t(
      'Each checklist field, the incidents that need it (escalation only where the priority must be escalated; service requests skip what the checklist lets them skip), how many fill it, and which miss it.',
    ),
    '',
  );
  out.push(
    mdTable(
      completenessHead(),
      d.checklist.map((f) => [f.block, f.field, String(f.filled), String(f.applicable), pct(f.rate), idList(f.missing) || '—']),
      [2, 3, 4],
    ),
    '',
  );

  if (options.charts?.length) {
    out.push(`## 7. ${t('Insights')}`, '');
    for (const c of options.charts) {
      out.push(`### ${escapeMarkdownCell(c.title)}`, '');
      // The file names are ours (charts/<id>.svg); the title is the image's text.
      out.push(c.file ? `![${escapeMarkdownCell(c.title).replace(/[[\]]/g, '\\$&')}](${c.file})` : escapeMarkdownCell(c.empty ?? ''), '');
    }
  }

  return out.join('\n');
}

// ---- HTML ------------------------------------------------------------------------------------

/**
 * One Insights chart as the report shows it: drawn beforehand as static SVG (src/node/insightsSvg.ts,
 * the same drawing as the Insights view), or the sentence that says why there is none.
 */
export interface ReportChart {
  id: string;
  title: string;
  /** The <svg> element as text, from our own drawing code: put into the page as it is. */
  svg?: string;
  empty?: string;
  /** The values, as a table for screen readers. */
  table: { head: string[]; rows: string[][] };
  legend?: Array<{ label: string; series: number }>;
}

/** The charts' colours in the report and its SVG files (the Insights view takes them from the editor's theme). */
export const CHART_STYLE = `figure.chart { margin: 12px 0 24px; } figure.chart svg { max-width: 100%; height: auto; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 4px 0; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 3px; margin-right: 6px; vertical-align: middle; background: currentColor; }
.kedb-bar { fill: #3b82c4; } .kedb-value { fill: #555; } .kedb-line { stroke: #d9822b; stroke-width: 2; }
.kedb-line-dot { stroke: #d9822b; fill: #fff; } .kedb-mark80 { stroke: #c0392b; }
.kedb-s0 { stroke: #333; color: #333; } .kedb-s1 { stroke: #3b82c4; color: #3b82c4; } .kedb-s2 { stroke: #d9822b; color: #d9822b; }
.kedb-s3 { stroke: #3c9a5f; color: #3c9a5f; } .kedb-s4 { stroke: #8e5bb5; color: #8e5bb5; } .kedb-s5 { stroke: #c0392b; color: #c0392b; }
g.kedb-series-dot circle { fill: currentColor; }`;

/** A chart as a figure: its title, the drawing (or why there is none), its legend and its values. */
function chartFigure(c: ReportChart, i: number): string {
  const e = escapeHtml;
  const id = `chart-${i + 1}`;
  const legend = c.legend?.length ? `<ul class="legend">${c.legend.map((s) => `<li><span class="swatch kedb-s${s.series}"></span>${e(s.label)}</li>`).join('')}</ul>` : '';
  const table = htmlTable(c.table.head, c.table.rows.map((r) => r.map(e))).replace('<table>', `<table class="sr-only"><caption>${e(c.title)}</caption>`);
  return `<figure class="chart" id="${id}" aria-labelledby="${id}-title"><h3 id="${id}-title">${e(c.title)}</h3>\n${c.svg ?? `<p>${e(c.empty ?? '')}</p>`}\n${legend}${c.svg ? table : ''}</figure>`;
}

export interface ReportHtmlOptions {
  /** The Insights charts, drawn as static SVG: the page shows them with scripts off. */
  charts?: ReportChart[];
  /**
   * The standalone drawing script (dist/webview/standalone.js: Mermaid, our label layout and
   * root-cause marks), inlined so the page draws offline, and a fresh nonce for it. It draws each
   * fishbone over its Mermaid text; without it the diagrams stay as that text.
   */
  draw?: { script: string; nonce: string };
}

function htmlTable(head: string[], rows: string[][], right: number[] = []): string {
  const th = head.map((h, i) => `<th scope="col"${right.includes(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${right.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The report as one page that needs nothing outside it. Every record text is escaped. */
export function reportHtml(d: ReportData, options: ReportHtmlOptions = {}): string {
  const e = escapeHtml;
  const parts: string[] = [];
  parts.push(`<h1>${e(d.title)}</h1>`);
  parts.push(`<p class="muted">${generatedLine(e(d.generatedAt), d.totals)}</p>`);

  parts.push(`<h2 id="candidates">1. ${e(t('Top problem candidates'))}</h2>`);
  parts.push(
    d.candidates.length
      ? htmlTable(
          candidatesHead(),
          d.candidates.map((c) => [String(c.rank), e(c.label), String(c.count), c.score.toFixed(2), e(c.status + (c.problems.length ? ` (${c.problems.join(', ')})` : '')), e(c.reason)]),
          [0, 2, 3],
        )
      : `<p>${e(t('No candidates.'))}</p>`,
  );

  if (d.coveredCandidates) parts.push(`<p>${e(t('{0} more candidates are already covered by problems.', d.coveredCandidates))}</p>`);
  if (d.context.length) parts.push(`<h3>${e(t('Context: large categories'))}</h3>`, htmlTable([t('Category'), t('Count'), t('Why it is context')], d.context.map((c) => [e(c.label), String(c.count), e(c.reason)]), [1]));
  parts.push(`<h2 id="problems">2. ${e(t('Problems and their states'))}</h2>`);
  parts.push(`<p>${d.states.map((s) => `${e(s.state)}: ${s.count}`).join(' · ') || e(t('No problems.'))}</p>`);
  if (d.problems.length)
    parts.push(
      htmlTable(
        problemsHead(),
        d.problems.map((p) => [e(p.id), e(p.title), e(p.status), e(p.category), e(p.priority), `${p.incidents} (${p.openIncidents})`, e(p.knownError || '—'), e(p.fixStatus || '—')]),
      ),
    );

  parts.push(`<h2 id="kedb">3. ${e(t('Known Error Database'))}</h2>`);
  parts.push(d.kedb.length ? kedbHtmlTable(d.kedb) : `<p>${e(t('No known errors yet.'))}</p>`);

  parts.push(`<h2 id="rca">4. ${e(t('Root cause analyses'))}</h2>`);
  if (d.fishbones.length === 0) parts.push(`<p>${e(t('No problem has a fishbone yet.'))}</p>`);
  const diagrams: Record<string, ReportFishbone['diagram']> = {};
  d.fishbones.forEach((f, i) => {
    const id = `rca-${i + 1}`;
    diagrams[id] = f.diagram;
    parts.push(`<h3>${e(f.id)}: ${e(f.title)}</h3>`);
    parts.push(`<section id="${id}" class="diagram"><pre class="mermaid">${e(f.mermaid)}</pre></section>`);
  });

  parts.push(`<h2 id="categories">5. ${e(t('Repeated and non-repeated categories'))}</h2>`);
  parts.push(htmlTable(categoriesHead(), d.categories.map((c) => [e(c.category), String(c.count), e(repeatedLabel(c.repeated))]), [1]));

  parts.push(`<h2 id="completeness">6. ${e(t('Field completeness of the incidents'))}</h2>`);
  parts.push(
    htmlTable(
      completenessHead(),
      d.checklist.map((f) => [e(f.block), `<code>${e(f.field)}</code>`, String(f.filled), String(f.applicable), pct(f.rate), f.missing.length ? e(idList(f.missing)) : '—']),
      [2, 3, 4],
    ),
  );

  if (options.charts?.length) {
    parts.push(`<h2 id="insights">7. ${e(t('Insights'))}</h2>`);
    options.charts.forEach((c, i) => parts.push(chartFigure(c, i)));
  }

  // A page with no fishbone runs no script at all.
  const draw = d.fishbones.length ? options.draw : undefined;
  // The diagrams as inert JSON (it runs nothing), then the one script that may run.
  const scripts = draw
    ? `<script type="application/json" id="kedb-data">${jsonForScript({ diagrams })}</script>\n<script nonce="${e(draw.nonce)}">${draw.script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--')}</script>`
    : '';
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:${draw ? `; script-src 'nonce-${draw.nonce}'; font-src data:` : ''}`;
  return `${pageHead({ cspAttribute: e(csp), title: d.title, style: options.charts?.length ? `${HTML_STYLE}\n${CHART_STYLE}` : HTML_STYLE })}<body>
${parts.join('\n')}
${scripts}
</body>
</html>
`;
}
